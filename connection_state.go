package composio

import (
	"encoding/json"
	"log/slog"
)

// ConnectedAccountStatus is the lifecycle state of a connected account.
// Unknown values from the API are kept as they are.
type ConnectedAccountStatus string

// Connected account statuses.
const (
	StatusInitializing ConnectedAccountStatus = "INITIALIZING" // being created
	StatusInitiated    ConnectedAccountStatus = "INITIATED"    // waiting for the user to finish (OAuth consent, a link page)
	StatusActive       ConnectedAccountStatus = "ACTIVE"       // usable by tools
	StatusFailed       ConnectedAccountStatus = "FAILED"       // the connection flow failed
	StatusExpired      ConnectedAccountStatus = "EXPIRED"      // credentials expired and could not be refreshed
	StatusInactive     ConnectedAccountStatus = "INACTIVE"     // disabled
	StatusRevoked      ConnectedAccountStatus = "REVOKED"      // credentials revoked at the provider
)

// Terminal reports whether a connection in status s will never become
// ACTIVE by itself: FAILED, EXPIRED and REVOKED, as @composio/core decides.
// (INACTIVE is not terminal: an administrator may enable the account again.)
func (s ConnectedAccountStatus) Terminal() bool {
	return s == StatusFailed || s == StatusExpired || s == StatusRevoked
}

// AuthScheme is how a toolkit authenticates: OAuth, an API key, ...
// Unknown values from the API are kept as they are.
type AuthScheme string

// Auth schemes.
const (
	AuthSchemeOAuth2               AuthScheme = "OAUTH2"
	AuthSchemeOAuth1               AuthScheme = "OAUTH1"
	AuthSchemeAPIKey               AuthScheme = "API_KEY"
	AuthSchemeBasic                AuthScheme = "BASIC"
	AuthSchemeBillcomAuth          AuthScheme = "BILLCOM_AUTH"
	AuthSchemeBearerToken          AuthScheme = "BEARER_TOKEN"
	AuthSchemeGoogleServiceAccount AuthScheme = "GOOGLE_SERVICE_ACCOUNT"
	AuthSchemeNoAuth               AuthScheme = "NO_AUTH"
	AuthSchemeBasicWithJWT         AuthScheme = "BASIC_WITH_JWT"
	AuthSchemeCalcomAuth           AuthScheme = "CALCOM_AUTH"
	AuthSchemeServiceAccount       AuthScheme = "SERVICE_ACCOUNT"
	AuthSchemeSAML                 AuthScheme = "SAML"
	AuthSchemeDCROAuth             AuthScheme = "DCR_OAUTH"
	AuthSchemeS2SOAuth2            AuthScheme = "S2S_OAUTH2"
)

// ConnectionState is a connection's auth scheme and the scheme's fields:
// its status, configuration (subdomain, region, ...) and credentials
// (access_token, api_key, ...). On the wire: {"authScheme": ..., "val": {...}}.
//
// Val is a [CredentialMap], so printing or logging a state never shows a
// secret. Build one for [ConnectedAccountsService.Create] with
// [APIKeyState], [BearerTokenState], [BasicState], [OAuth2TokenState],
// [NoAuthState] or [NewConnectionState].
type ConnectionState struct {
	AuthScheme AuthScheme    `json:"authScheme"`
	Val        CredentialMap `json:"val"`
}

// NewConnectionState returns a state of scheme in status with fields, for
// schemes without a dedicated constructor. fields is copied.
func NewConnectionState(scheme AuthScheme, status ConnectedAccountStatus, fields CredentialMap) ConnectionState {
	val := make(CredentialMap, len(fields)+1)
	for k, v := range fields {
		val[k] = v
	}
	val["status"] = string(status)
	return ConnectionState{AuthScheme: scheme, Val: val}
}

// APIKeyState connects an API-key toolkit with the user's key; the account
// is ACTIVE at once.
func APIKeyState(apiKey string) ConnectionState {
	return NewConnectionState(AuthSchemeAPIKey, StatusActive, CredentialMap{"api_key": apiKey})
}

// BearerTokenState connects with a bearer token; the account is ACTIVE at once.
func BearerTokenState(token string) ConnectionState {
	return NewConnectionState(AuthSchemeBearerToken, StatusActive, CredentialMap{"token": token})
}

// BasicState connects with a username and password; the account is ACTIVE
// at once.
func BasicState(username, password string) ConnectionState {
	return NewConnectionState(AuthSchemeBasic, StatusActive, CredentialMap{"username": username, "password": password})
}

// OAuth2TokenState imports OAuth 2 tokens obtained elsewhere; the account is
// ACTIVE at once. refreshToken may be empty.
func OAuth2TokenState(accessToken, refreshToken string) ConnectionState {
	fields := CredentialMap{"access_token": accessToken}
	if refreshToken != "" {
		fields["refresh_token"] = refreshToken
	}
	return NewConnectionState(AuthSchemeOAuth2, StatusActive, fields)
}

// NoAuthState connects a toolkit that needs no credentials.
func NoAuthState() ConnectionState {
	return NewConnectionState(AuthSchemeNoAuth, StatusActive, nil)
}

// MarshalJSON encodes {"authScheme": ..., "val": {...}}; a nil Val is sent
// as {}, since the API requires an object.
func (s ConnectionState) MarshalJSON() ([]byte, error) {
	val := s.Val
	if val == nil {
		val = CredentialMap{}
	}
	return json.Marshal(struct {
		AuthScheme AuthScheme     `json:"authScheme"`
		Val        map[string]any `json:"val"`
	}{s.AuthScheme, val})
}

// Status is the status recorded in the state.
func (s ConnectionState) Status() ConnectedAccountStatus {
	return ConnectedAccountStatus(s.Val.string("status"))
}

// RedirectURL is where the user completes an INITIATED connection (the
// state's redirectUrl), or "".
func (s ConnectionState) RedirectURL() string { return s.Val.string("redirectUrl") }

// LogValue logs the state with its secrets redacted.
func (s ConnectionState) LogValue() slog.Value {
	return slog.GroupValue(slog.String("authScheme", string(s.AuthScheme)), slog.Any("val", s.Val))
}
