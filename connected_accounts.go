package composio

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ConnectedAccountsService calls the Composio API's connected accounts
// operations: a user's authenticated connection to a toolkit (their GitHub,
// their Gmail), which tools run as. Use it through [Client].ConnectedAccounts.
//
// To connect a user: [ConnectedAccountsService.Link] (or Create) returns a
// redirect URL for the user; [ConnectedAccountsService.WaitForConnection]
// waits until the account is ACTIVE.
type ConnectedAccountsService service

// Create starts a connection for a user under an auth config. For OAuth the
// answer is INITIATED with a redirect URL the user must visit; with
// credentials in params.State (an API key, imported tokens) the account is
// usually ACTIVE at once. Prefer [ConnectedAccountsService.Link] for
// redirect-based flows: Composio is retiring this endpoint for them.
//
// API: POST /connected_accounts
func (s *ConnectedAccountsService) Create(ctx context.Context, params ConnectedAccountCreateParams, opts ...RequestOption) (*ConnectionRequest, error) {
	if strings.TrimSpace(params.AuthConfigID) == "" {
		return nil, invalidParam("auth_config.id", "must not be empty")
	}
	if params.State != nil && params.State.AuthScheme == "" {
		return nil, invalidParam("connection.state.authScheme", "must not be empty when a state is given")
	}
	return do[ConnectionRequest](ctx, s.client, request{op: ops.ConnectedAccountsCreate, body: params}, opts)
}

// Link creates a Composio Connect link: a hosted page where the user signs
// in to the toolkit (or enters their key). Send the user to RedirectURL,
// then wait with [ConnectedAccountsService.WaitForConnection] on
// ConnectedAccountID.
//
// API: POST /connected_accounts/link
func (s *ConnectedAccountsService) Link(ctx context.Context, params ConnectedAccountLinkParams, opts ...RequestOption) (*ConnectionLink, error) {
	if strings.TrimSpace(params.AuthConfigID) == "" {
		return nil, invalidParam("auth_config_id", "must not be empty")
	}
	if strings.TrimSpace(params.UserID) == "" {
		return nil, invalidParam("user_id", "must not be empty")
	}
	return do[ConnectionLink](ctx, s.client, request{op: ops.LinkCreate, body: params}, opts)
}

// List returns one page of connected accounts matching params.
//
// API: GET /connected_accounts
func (s *ConnectedAccountsService) List(ctx context.Context, params ConnectedAccountListParams, opts ...RequestOption) (*Page[ConnectedAccount], error) {
	return do[Page[ConnectedAccount]](ctx, s.client, request{op: ops.ConnectedAccountsList, query: params}, opts)
}

// ListAll iterates over every connected account matching params, fetching
// pages as the loop advances.
//
// The loop may delete the accounts it has read, or change them so that they
// leave the filter, on a server whose cursors mark the last item served (the
// fake's do). Changing the field the list is ordered by moves an account, and
// the API does not document its cursors under writes: to change accounts
// with certainty, gather them first ([Collect], or their IDs) and change them
// after the loop.
//
// API: GET /connected_accounts
func (s *ConnectedAccountsService) ListAll(ctx context.Context, params ConnectedAccountListParams, opts ...RequestOption) iter.Seq2[ConnectedAccount, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[ConnectedAccount], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// Get returns a connected account with its state and connection parameters.
//
// API: GET /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) Get(ctx context.Context, id string, opts ...RequestOption) (*ConnectedAccount, error) {
	return do[ConnectedAccount](ctx, s.client, request{op: ops.ConnectedAccountsRetrieve, pathArgs: []string{id}}, opts)
}

// Update changes a connected account's alias, credentials or sharing. Only
// the fields set in params change.
//
// API: PATCH /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) Update(ctx context.Context, id string, params ConnectedAccountUpdateParams, opts ...RequestOption) (*ConnectedAccountUpdated, error) {
	if params.Credentials != nil && params.Credentials.AuthScheme == "" {
		return nil, invalidParam("connection.state.authScheme", "must be the connection's auth scheme")
	}
	return do[ConnectedAccountUpdated](ctx, s.client, request{op: ops.ConnectedAccountsPatch, pathArgs: []string{id}, body: params}, opts)
}

// Delete deletes a connected account. With params.RevokeOnDelete the
// provider credentials are revoked too, in a background job.
//
// API: DELETE /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) Delete(ctx context.Context, id string, params ConnectedAccountDeleteParams, opts ...RequestOption) (*ConnectedAccountDeleted, error) {
	return do[ConnectedAccountDeleted](ctx, s.client, request{op: ops.ConnectedAccountsDelete, pathArgs: []string{id}, query: params}, opts)
}

// Enable enables a disabled connected account.
//
// API: PATCH /connected_accounts/{nanoId}/status
func (s *ConnectedAccountsService) Enable(ctx context.Context, id string, opts ...RequestOption) error {
	return s.setEnabled(ctx, id, true, opts)
}

// Disable disables a connected account: tools can no longer run as it
// until it is enabled again. Its status becomes INACTIVE.
//
// API: PATCH /connected_accounts/{nanoId}/status
func (s *ConnectedAccountsService) Disable(ctx context.Context, id string, opts ...RequestOption) error {
	return s.setEnabled(ctx, id, false, opts)
}

func (s *ConnectedAccountsService) setEnabled(ctx context.Context, id string, enabled bool, opts []RequestOption) error {
	var out struct {
		Success bool `json:"success"`
	}
	body := struct {
		Enabled bool `json:"enabled"`
	}{enabled}
	if err := s.client.call(ctx, request{op: ops.ConnectedAccountsUpdateStatus, pathArgs: []string{id}, body: body}, opts, &out); err != nil {
		return err
	}
	if !out.Success {
		return fmt.Errorf("composio: PATCH /connected_accounts/%s/status: the API reported success: false", id)
	}
	return nil
}

// Refresh re-authenticates a connected account: for OAuth the answer is
// INITIATED with a new redirect URL for the user.
//
// API: POST /connected_accounts/{nanoid}/refresh
func (s *ConnectedAccountsService) Refresh(ctx context.Context, id string, params ConnectedAccountRefreshParams, opts ...RequestOption) (*ConnectedAccountRefreshed, error) {
	return do[ConnectedAccountRefreshed](ctx, s.client, request{op: ops.ConnectedAccountsRefresh, pathArgs: []string{id}, query: params, body: params}, opts)
}

// Revoke revokes the account's credentials at the provider; its status
// becomes REVOKED. It is irreversible.
//
// API: POST /connected_accounts/{nanoid}/revoke
func (s *ConnectedAccountsService) Revoke(ctx context.Context, id string, opts ...RequestOption) (*ConnectedAccountRevoked, error) {
	return do[ConnectedAccountRevoked](ctx, s.client, request{op: ops.ConnectedAccountsRevoke, pathArgs: []string{id}}, opts)
}

// ConnectedAccountCreateParams is the body of [ConnectedAccountsService.Create].
// On the wire AuthConfigID is auth_config.id and the other fields, except
// ValidateCredentials, are under connection.
type ConnectedAccountCreateParams struct {
	// AuthConfigID is the auth config to connect under. Required.
	AuthConfigID string
	// UserID is your identifier for the user (an id or email from your
	// database).
	UserID string
	// CallbackURL is where the user lands after completing the connection.
	CallbackURL string
	// Alias names the account; unique per user and toolkit.
	Alias string
	// State carries credentials or connection fields (see [APIKeyState]);
	// nil lets the API start the scheme's flow (OAuth redirect).
	State *ConnectionState
	// Data is the legacy form of State.
	//
	// Deprecated: use State.
	Data CredentialMap
	// RedirectURI is the legacy name of CallbackURL.
	//
	// Deprecated: use CallbackURL.
	RedirectURI string
	// Experimental configures sharing (experimental API).
	Experimental *ConnectionSharing
	// ValidateCredentials asks the API to check an API key before saving it
	// (experimental).
	ValidateCredentials bool
}

// MarshalJSON encodes the params in the API's nested shape.
func (p ConnectedAccountCreateParams) MarshalJSON() ([]byte, error) {
	type connection struct {
		State        *ConnectionState   `json:"state,omitempty"`
		Data         CredentialMap      `json:"data,omitzero"`
		UserID       string             `json:"user_id,omitzero"`
		Alias        string             `json:"alias,omitzero"`
		CallbackURL  string             `json:"callback_url,omitzero"`
		RedirectURI  string             `json:"redirect_uri,omitzero"`
		Experimental *ConnectionSharing `json:"experimental,omitempty"`
	}
	return json.Marshal(struct {
		AuthConfig struct {
			ID string `json:"id"`
		} `json:"auth_config"`
		Connection          connection `json:"connection"`
		ValidateCredentials bool       `json:"validate_credentials,omitzero"`
	}{
		AuthConfig: struct {
			ID string `json:"id"`
		}{p.AuthConfigID},
		Connection: connection{State: p.State, Data: p.Data, UserID: p.UserID, Alias: p.Alias, CallbackURL: p.CallbackURL,
			RedirectURI: p.RedirectURI, Experimental: p.Experimental},
		ValidateCredentials: p.ValidateCredentials,
	})
}

// LogValue logs the params with credentials redacted.
func (p ConnectedAccountCreateParams) LogValue() slog.Value { return logString(p) }

// ConnectedAccountLinkParams is the body of [ConnectedAccountsService.Link].
type ConnectedAccountLinkParams struct {
	// AuthConfigID is the auth config to connect under. Required.
	AuthConfigID string `json:"auth_config_id"`
	// UserID is your identifier for the user. Required.
	UserID string `json:"user_id"`
	// Alias names the account; unique per user and toolkit.
	Alias string `json:"alias,omitzero"`
	// CallbackURL is where the user lands after connecting.
	CallbackURL string `json:"callback_url,omitzero"`
	// ConnectionData pre-fills connection fields (subdomain, region, ...).
	ConnectionData CredentialMap `json:"connection_data,omitzero"`
	// Experimental configures sharing (experimental API).
	Experimental *ConnectionSharing `json:"experimental,omitempty"`
}

// LogValue logs the params with connection data redacted.
func (p ConnectedAccountLinkParams) LogValue() slog.Value { return logString(p) }

// ConnectionSharing is the experimental sharing model of a connection.
type ConnectionSharing struct {
	// AccountType is PRIVATE (the default) or SHARED.
	AccountType AccountType `json:"account_type,omitzero"`
	// ACLConfigForShared says who may use a SHARED connection.
	ACLConfigForShared *SharedACL `json:"acl_config_for_shared,omitempty"`
}

// SharedACL controls who may use a SHARED connection: a user on the deny
// list is refused, then AllowAllUsers admits everyone, then the allow list.
// AllowAllUsers is always sent, so an update can turn it off; the lists
// are sent when set (an empty, non-nil list clears one).
type SharedACL struct {
	AllowAllUsers     bool     `json:"allow_all_users"`
	AllowedUserIDs    []string `json:"allowed_user_ids,omitzero"`
	NotAllowedUserIDs []string `json:"not_allowed_user_ids,omitzero"`
}

// ConnectedAccountListParams filters [ConnectedAccountsService.List]. The
// zero value lists every (private) connected account of the project.
type ConnectedAccountListParams struct {
	ToolkitSlugs        []string                       `url:"toolkit_slugs,brackets,omitempty"`
	Statuses            []ConnectedAccountStatus       `url:"statuses,brackets,omitempty"`
	UserIDs             []string                       `url:"user_ids,brackets,omitempty"`
	AuthConfigIDs       []string                       `url:"auth_config_ids,brackets,omitempty"`
	ConnectedAccountIDs []string                       `url:"connected_account_ids,brackets,omitempty"`
	OrderBy             ConnectedAccountOrderBy        `url:"order_by,omitempty"`
	OrderDirection      ConnectedAccountOrderDirection `url:"order_direction,omitempty"`
	// AccountType selects PRIVATE (the default), SHARED or ALL accounts
	// (experimental).
	AccountType AccountType `url:"account_type,omitempty"`
	// Limit is the page size.
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// ConnectedAccountDeleteParams tunes [ConnectedAccountsService.Delete].
type ConnectedAccountDeleteParams struct {
	// RevokeOnDelete also revokes the credentials at the provider when true.
	RevokeOnDelete *bool `url:"revoke_on_delete,omitempty"`
}

// ConnectedAccountUpdateParams is the body of [ConnectedAccountsService.Update].
type ConnectedAccountUpdateParams struct {
	// Alias renames the account; Ptr("") clears it, nil leaves it.
	Alias *string `json:"alias,omitempty"`
	// Credentials replaces credential fields, for the schemes that allow it.
	Credentials *CredentialsUpdate `json:"connection,omitempty"`
	// Experimental updates sharing (experimental API).
	Experimental *SharingUpdate `json:"experimental,omitempty"`
}

// LogValue logs the params with credentials redacted.
func (p ConnectedAccountUpdateParams) LogValue() slog.Value { return logString(p) }

// SharingUpdate changes who may use a SHARED connection.
type SharingUpdate struct {
	ACLConfigForShared *SharedACL `json:"acl_config_for_shared,omitempty"`
}

// CredentialsUpdate changes some credential fields of a connection whose
// scheme is BEARER_TOKEN, API_KEY, BASIC, BASIC_WITH_JWT,
// GOOGLE_SERVICE_ACCOUNT or SERVICE_ACCOUNT. Fields not named keep their
// value; a nil value removes the field. It prints and logs redacted.
type CredentialsUpdate struct {
	// AuthScheme must be the connection's scheme.
	AuthScheme AuthScheme
	// Fields maps credential names (token, api_key, username, password, ...)
	// to their new value, or nil to remove one.
	Fields map[string]*string
}

// MarshalJSON encodes {"state": {"authScheme": ..., "val": {...}}}.
func (u CredentialsUpdate) MarshalJSON() ([]byte, error) {
	type state struct {
		AuthScheme AuthScheme         `json:"authScheme"`
		Val        map[string]*string `json:"val"`
	}
	val := u.Fields
	if val == nil {
		val = map[string]*string{}
	}
	return json.Marshal(struct {
		State state `json:"state"`
	}{state{u.AuthScheme, val}})
}

func (u CredentialsUpdate) redactedFields() CredentialMap {
	m := make(CredentialMap, len(u.Fields))
	for k, v := range u.Fields {
		if v == nil {
			m[k] = nil
		} else {
			m[k] = *v
		}
	}
	return m.Redacted()
}

// String prints the update with its secrets redacted.
func (u CredentialsUpdate) String() string {
	return fmt.Sprintf("{AuthScheme:%s Fields:%v}", u.AuthScheme, u.redactedFields())
}

// GoString prints the update as Go syntax, its secrets redacted.
func (u CredentialsUpdate) GoString() string {
	return fmt.Sprintf("composio.CredentialsUpdate{AuthScheme:%q, Fields:%#v}", u.AuthScheme, u.redactedFields())
}

// Format prints the update redacted whatever the verb (see
// [CredentialMap.Format]).
func (u CredentialsUpdate) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.CredentialsUpdate", u.String, u.GoString)
}

// LogValue logs the update with its secrets redacted.
func (u CredentialsUpdate) LogValue() slog.Value {
	return slog.GroupValue(slog.String("authScheme", string(u.AuthScheme)), slog.Any("fields", u.redactedFields()))
}

// ConnectedAccountRefreshParams tunes [ConnectedAccountsService.Refresh].
type ConnectedAccountRefreshParams struct {
	// RedirectURL is where the user lands after re-authenticating (sent in
	// the body).
	RedirectURL string `json:"redirect_url,omitzero" url:"-"`
	// QueryRedirectURL is the same, sent as the redirect_url query
	// parameter, for servers that read it there.
	QueryRedirectURL string `json:"-" url:"redirect_url,omitempty"`
	// ValidateCredentials checks API-key credentials (experimental).
	ValidateCredentials bool `json:"validate_credentials,omitzero" url:"-"`
}
