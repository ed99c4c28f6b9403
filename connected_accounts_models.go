package composio

import (
	"encoding/json"
)

// SharedACL controls who may use a SHARED connection (of a connected
// account, or of a tool router session's link): a user on the deny list is
// refused, then AllowAllUsers admits everyone, then the allow list.
// AllowAllUsers is always sent, so an update can turn it off, except by
// [ToolRouterService.Link], which leaves a false one out; the lists are
// sent when set (an empty, non-nil list clears one).
type SharedACL struct {
	AllowAllUsers     bool     `json:"allow_all_users"`
	AllowedUserIDs    []string `json:"allowed_user_ids,omitzero"`
	NotAllowedUserIDs []string `json:"not_allowed_user_ids,omitzero"`
}

// ConnectedAccount is a user's connection to a toolkit. Printing or logging
// it never shows a credential: State, Data and Params redact their secrets.
type ConnectedAccount struct {
	ID string `json:"id"`
	// WordID is a short, token-friendly name such as "gmail_red-castle".
	WordID string `json:"word_id,omitempty"`
	Alias  string `json:"alias,omitempty"`
	// UserID is the user the account belongs to. The API marks it as being
	// phased out of responses: to find a user's accounts, filter with
	// ConnectedAccountListParams.UserIDs rather than reading it.
	UserID     string                     `json:"user_id"`
	Status     ConnectedAccountStatus     `json:"status"`
	Toolkit    ConnectedAccountToolkit    `json:"toolkit"`
	AuthConfig ConnectedAccountAuthConfig `json:"auth_config"`
	// State holds the auth scheme, status and credentials of the connection.
	State ConnectionState `json:"state"`
	// Data is the legacy form of State.
	//
	// Deprecated: use State.
	Data CredentialMap `json:"data,omitempty"`
	// Params are the connection's initialization parameters (Get only).
	//
	// Deprecated: use State.
	Params CredentialMap `json:"params,omitempty"`
	// StatusReason says why the status last changed, such as "Connection
	// initiation did not complete within 10 minutes".
	StatusReason string `json:"status_reason,omitempty"`
	IsDisabled   bool   `json:"is_disabled"`
	// TestRequestEndpoint is an endpoint to verify the connection with.
	TestRequestEndpoint string `json:"test_request_endpoint,omitempty"`
	// RequestedScopes are the OAuth scopes asked for at the latest
	// initiation (Get only; OAuth only).
	RequestedScopes []string `json:"requested_scopes,omitempty"`
	// RequestedUserScopes are the user-token scopes asked for (Slack).
	RequestedUserScopes []string       `json:"requested_user_scopes,omitempty"`
	Experimental        *SharingConfig `json:"experimental,omitempty"`
	CreatedAt           Timestamp      `json:"created_at"`
	UpdatedAt           Timestamp      `json:"updated_at"`
}

// ConnectedAccountToolkit names the toolkit of a connected account.
type ConnectedAccountToolkit struct {
	Slug string `json:"slug"`
}

// ConnectedAccountAuthConfig summarizes the auth config of a connected
// account.
type ConnectedAccountAuthConfig struct {
	ID string `json:"id"`
	// AuthScheme is the config's scheme.
	//
	// Deprecated: read ConnectedAccount.State.AuthScheme.
	AuthScheme        AuthScheme `json:"auth_scheme"`
	IsComposioManaged bool       `json:"is_composio_managed"`
	IsDisabled        bool       `json:"is_disabled"`
}

// SharingConfig is the experimental sharing model of a connection as the
// API reports it.
type SharingConfig struct {
	AccountType        AccountType `json:"account_type"`
	ACLConfigForShared *SharedACL  `json:"acl_config_for_shared,omitempty"`
}

// ConnectionRequest is the answer to [ConnectedAccountsService.Create]: the
// new account's id and, when the user must act, where to send them.
type ConnectionRequest struct {
	ID string `json:"id"`
	// ConnectionData is the new connection's state.
	ConnectionData ConnectionState `json:"connectionData"`
	// Status is the new account's status: INITIATED when the user must
	// visit RedirectURL, ACTIVE when the credentials were given.
	Status ConnectedAccountStatus `json:"status"`
	// RedirectURL is where to send the user, or "" when there is nothing
	// for them to do. It is read from the connection state when the
	// top-level field is absent.
	RedirectURL string `json:"redirect_url"`
	// RedirectURI is a legacy copy of RedirectURL.
	//
	// Deprecated: use RedirectURL.
	RedirectURI  string         `json:"redirect_uri"`
	Experimental *SharingConfig `json:"experimental,omitempty"`
}

// UnmarshalJSON decodes the request and fills Status and RedirectURL from
// the connection state when the API leaves the deprecated top-level fields
// empty.
func (r *ConnectionRequest) UnmarshalJSON(data []byte) error {
	type plain ConnectionRequest
	if err := json.Unmarshal(data, (*plain)(r)); err != nil {
		return err
	}
	if r.Status == "" {
		r.Status = r.ConnectionData.Status()
	}
	if r.RedirectURL == "" {
		r.RedirectURL = r.ConnectionData.RedirectURL()
	}
	return nil
}

// ConnectionLink is the answer to [ConnectedAccountsService.Link].
type ConnectionLink struct {
	// LinkToken identifies the link session.
	LinkToken string `json:"link_token"`
	// RedirectURL is the page to send the user to.
	RedirectURL string `json:"redirect_url"`
	// ExpiresAt is when the link stops working.
	ExpiresAt Timestamp `json:"expires_at"`
	// ConnectedAccountID is the account the link completes; wait on it.
	ConnectedAccountID string         `json:"connected_account_id"`
	Experimental       *SharingConfig `json:"experimental,omitempty"`
}

// ConnectedAccountUpdated is the answer to [ConnectedAccountsService.Update].
type ConnectedAccountUpdated struct {
	Success bool                   `json:"success"`
	ID      string                 `json:"id"`
	Status  ConnectedAccountStatus `json:"status"`
}

// ConnectedAccountDeleted is the answer to [ConnectedAccountsService.Delete].
type ConnectedAccountDeleted struct {
	Success bool `json:"success"`
	// RevokeJobID identifies the background revocation started by
	// RevokeOnDelete.
	RevokeJobID string `json:"revoke_job_id,omitempty"`
}

// ConnectedAccountRefreshed is the answer to [ConnectedAccountsService.Refresh].
type ConnectedAccountRefreshed struct {
	ID     string                 `json:"id"`
	Status ConnectedAccountStatus `json:"status"`
	// RedirectURL is where the user re-authenticates; "" for schemes
	// without a redirect.
	RedirectURL string `json:"redirect_url"`
}

// ConnectedAccountRevoked is the answer to [ConnectedAccountsService.Revoke].
type ConnectedAccountRevoked struct {
	// RevokedTokens lists what was revoked at the provider now
	// ("access_token", "refresh_token", "credential"); empty when the
	// account was already revoked.
	RevokedTokens    []string `json:"revoked_tokens"`
	ConnectedAccount struct {
		ID     string                 `json:"id"`
		Status ConnectedAccountStatus `json:"status"`
	} `json:"connected_account"`
}

// AccountType is the sharing model of a connected account (experimental).
type AccountType string

// Account types. AccountTypeAll is a list filter only.
const (
	AccountTypePrivate AccountType = "PRIVATE"
	AccountTypeShared  AccountType = "SHARED"
	AccountTypeAll     AccountType = "ALL"
)
