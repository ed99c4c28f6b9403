package composio

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// AuthConfigCredentials are the credentials of a custom auth config. They
// print and log with ClientSecret and every non-public field redacted.
type AuthConfigCredentials struct {
	// ClientID and ClientSecret are your OAuth app's client credentials.
	ClientID     string
	ClientSecret string
	// Scopes are the OAuth scopes to request.
	Scopes ScopeList
	// UserScopes are user-token scopes (Slack).
	UserScopes ScopeList
	// Fields holds any other field the toolkit's scheme asks for
	// (bearer_token, api_key, subdomain, ...), sent as given.
	Fields CredentialMap
}

func (c AuthConfigCredentials) isZero() bool {
	return c.ClientID == "" && c.ClientSecret == "" && len(c.Scopes) == 0 && len(c.UserScopes) == 0 && len(c.Fields) == 0
}

// asMap is the wire object: Fields, then the named fields over them.
func (c AuthConfigCredentials) asMap() CredentialMap {
	m := make(CredentialMap, len(c.Fields)+4)
	for k, v := range c.Fields {
		m[k] = v
	}
	if c.ClientID != "" {
		m["client_id"] = c.ClientID
	}
	if c.ClientSecret != "" {
		m["client_secret"] = c.ClientSecret
	}
	if len(c.Scopes) > 0 {
		m["scopes"] = c.Scopes
	}
	if len(c.UserScopes) > 0 {
		m["user_scopes"] = c.UserScopes
	}
	return m
}

// MarshalJSON encodes one flat object, as the API expects.
func (c AuthConfigCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any(c.asMap()))
}

// UnmarshalJSON splits the flat object into the named fields and Fields.
func (c *AuthConfigCredentials) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*c = AuthConfigCredentials{}
	for k, v := range raw {
		var err error
		switch k {
		case "client_id":
			err = json.Unmarshal(v, &c.ClientID)
		case "client_secret":
			err = json.Unmarshal(v, &c.ClientSecret)
		case "scopes":
			err = json.Unmarshal(v, &c.Scopes)
		case "user_scopes":
			err = json.Unmarshal(v, &c.UserScopes)
		default:
			var x any
			if err = json.Unmarshal(v, &x); err == nil {
				if c.Fields == nil {
					c.Fields = CredentialMap{}
				}
				c.Fields[k] = x
			}
		}
		if err != nil {
			return fmt.Errorf("composio: credentials.%s: %w", k, err)
		}
	}
	return nil
}

// String prints the credentials with their secrets redacted.
func (c AuthConfigCredentials) String() string { return c.asMap().String() }

// GoString prints the credentials as Go syntax, their secrets redacted.
func (c AuthConfigCredentials) GoString() string {
	return "composio.AuthConfigCredentials(" + c.asMap().GoString() + ")"
}

// Format prints the credentials redacted whatever the verb (see
// [CredentialMap.Format]).
func (c AuthConfigCredentials) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.AuthConfigCredentials", c.String, c.GoString)
}

// LogValue logs the credentials with their secrets redacted.
func (c AuthConfigCredentials) LogValue() slog.Value { return c.asMap().LogValue() }

// ScopeList is a list of OAuth scopes. The API accepts and may answer
// either a JSON array or one string; a string decodes split at commas and
// spaces.
type ScopeList []string

// UnmarshalJSON accepts an array or a string.
func (l *ScopeList) UnmarshalJSON(data []byte) error {
	var list []string
	if err := json.Unmarshal(data, &list); err == nil {
		*l = list
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("composio: scopes must be a string or a list of strings: %w", err)
	}
	*l = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	return nil
}

// ProxyConfig routes authentication through your proxy. ProxyAuthKey is
// redacted when printed or logged.
type ProxyConfig struct {
	ProxyURL     string `json:"proxy_url"`
	ProxyAuthKey string `json:"proxy_auth_key,omitzero"`
}

func (p ProxyConfig) redacted() ProxyConfig {
	if p.ProxyAuthKey != "" {
		p.ProxyAuthKey = redacted
	}
	return p
}

// String prints the config with its key redacted.
func (p ProxyConfig) String() string {
	return fmt.Sprintf("{ProxyURL:%s ProxyAuthKey:%s}", p.ProxyURL, p.redacted().ProxyAuthKey)
}

// GoString prints the config as Go syntax, its key redacted.
func (p ProxyConfig) GoString() string {
	return fmt.Sprintf("composio.ProxyConfig{ProxyURL:%q, ProxyAuthKey:%q}", p.ProxyURL, p.redacted().ProxyAuthKey)
}

// Format prints the config with its key redacted whatever the verb (see
// [CredentialMap.Format]).
func (p ProxyConfig) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ProxyConfig", p.String, p.GoString)
}

// LogValue logs the config with its key redacted.
func (p ProxyConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("proxy_url", p.ProxyURL), slog.String("proxy_auth_key", p.redacted().ProxyAuthKey))
}
