package composio

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

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

// ConnectionSharing is the experimental sharing model of a connection.
type ConnectionSharing struct {
	// AccountType is PRIVATE (the default) or SHARED.
	AccountType AccountType `json:"account_type,omitzero"`
	// ACLConfigForShared says who may use a SHARED connection.
	ACLConfigForShared *SharedACL `json:"acl_config_for_shared,omitempty"`
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

// ConnectedAccountOrderBy orders connected account lists.
type ConnectedAccountOrderBy string

// Connected account orders.
const (
	ConnectedAccountOrderByCreatedAt ConnectedAccountOrderBy = "created_at"
	ConnectedAccountOrderByUpdatedAt ConnectedAccountOrderBy = "updated_at"
)

// ConnectedAccountOrderDirection is the direction of a connected account
// list: ascending or descending (the API's default).
type ConnectedAccountOrderDirection string

// Connected account order directions.
const (
	ConnectedAccountOrderAsc  ConnectedAccountOrderDirection = "asc"
	ConnectedAccountOrderDesc ConnectedAccountOrderDirection = "desc"
)
