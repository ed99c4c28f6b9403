package composio

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
)

// redacted replaces a secret wherever a value is printed or logged.
const redacted = "[REDACTED]"

// CredentialMap holds credential fields: an auth config's client secret, a
// connection's tokens, shared credentials. It is an ordinary map for reading
// and writing, but it never prints a secret: fmt (%v, %+v, %#v) and slog show
// the keys and only the values known to be harmless (status, scopes, URLs,
// identifiers such as client_id); every other value reads [REDACTED]. Index
// the map to read a secret on purpose.
type CredentialMap map[string]any

// publicCredentialKeys are the fields of connection states and credentials
// that identify or configure a connection without granting access.
var publicCredentialKeys = map[string]bool{
	"status": true, "subdomain": true, "your-domain": true, "region": true, "shop": true,
	"account_url": true, "COMPANYDOMAIN": true, "extension": true, "form_api_base_url": true,
	"instanceEndpoint": true, "api_url": true, "borneo_dashboard_url": true, "domain": true,
	"version": true, "dc": true, "site_name": true, "instanceName": true, "account_id": true,
	"your_server": true, "server_location": true, "base_url": true,
	"redirectUrl": true, "callback_url": true, "callbackUrl": true, "finalRedirectUri": true,
	"composio_link_redirect_url": true, "long_redirect_url": true,
	"token_type": true, "scope": true, "scopes": true, "user_scopes": true,
	"expires_in": true, "expires_at": true, "expired_at": true, "revoked_at": true,
	"error": true, "error_description": true, "username": true, "proxy_username": true,
	"client_id": true, "client_id_issued_at": true, "client_secret_expires_at": true,
	"application_id": true, "installation_id": true, "generic_id": true, "user_agent": true,
}

// redactValue returns v when key is public, else a placeholder. Nested
// objects are redacted field by field, and lists element by element, so a
// secret inside a list under a public key stays hidden too.
func redactValue(key string, v any) any {
	public := publicCredentialKeys[key]
	switch x := v.(type) {
	case nil:
		return nil
	case map[string]any:
		return CredentialMap(x).Redacted()
	case CredentialMap:
		return x.Redacted()
	case []any:
		if public {
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = redactValue(key, e)
			}
			return out
		}
	case string:
		if x == "" || public {
			return x
		}
	case []string, bool, float64, json.Number, int, int64:
		if public {
			return v
		}
	}
	return redacted
}

// Redacted returns a copy of m with every secret value replaced by
// "[REDACTED]", safe to print, log or return from an API of your own.
func (m CredentialMap) Redacted() CredentialMap {
	if m == nil {
		return nil
	}
	out := make(CredentialMap, len(m))
	for k, v := range m {
		out[k] = redactValue(k, v)
	}
	return out
}

// String prints the map with its secrets redacted.
func (m CredentialMap) String() string {
	var b strings.Builder
	b.WriteString("map[")
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%v", k, redactValue(k, m[k]))
	}
	b.WriteString("]")
	return b.String()
}

// GoString prints the map as Go syntax, its secrets redacted.
func (m CredentialMap) GoString() string {
	if m == nil {
		return "composio.CredentialMap(nil)"
	}
	var b strings.Builder
	b.WriteString("composio.CredentialMap{")
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q:%#v", k, redactValue(k, m[k]))
	}
	b.WriteString("}")
	return b.String()
}

// LogValue logs the map as a group, its secrets redacted.
func (m CredentialMap) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := redactValue(k, m[k])
		if sub, ok := v.(CredentialMap); ok {
			attrs = append(attrs, slog.Any(k, sub))
			continue
		}
		attrs = append(attrs, slog.Any(k, v))
	}
	return slog.GroupValue(attrs...)
}

// Format makes every fmt verb print the redacted map: %v, %s, %q, %x and
// %X format String, %#v prints GoString, and any other verb (%d, %t, ...)
// reports the bad verb around the redacted form instead of reaching the
// values.
func (m CredentialMap) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.CredentialMap", m.String, m.GoString)
}

// formatRedacted is the Format method of the types that hold secrets,
// given their redacting String and GoString.
func formatRedacted(f fmt.State, verb rune, typeName string, str, goStr func() string) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = io.WriteString(f, goStr())
			return
		}
		fallthrough
	case 's', 'q', 'x', 'X':
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), str())
	default:
		_, _ = fmt.Fprintf(f, "%%!%c(%s=%s)", verb, typeName, str())
	}
}

// String reads a field as a string; it is "" when absent or not a string.
func (m CredentialMap) string(key string) string {
	s, _ := m[key].(string)
	return s
}

// logString is the LogValue of a model whose secrets are redacted by the
// String methods of its fields: the fmt %+v form, so a JSON log handler
// never marshals the raw secrets.
func logString(v any) slog.Value {
	return slog.StringValue(fmt.Sprintf("%+v", v))
}

// SecretString holds a credential the API returns (a new API key, a webhook
// secret). Printing it with fmt (%v, %+v, %#v, %s), logging it with slog
// (text or JSON) or encoding it to JSON shows "[REDACTED]", so neither a stray
// log line nor a model dumped as JSON by a logging library can leak it.
// Read the value with Value, and store that.
type SecretString string

// Value returns the secret itself.
func (s SecretString) Value() string { return string(s) }

// String returns "[REDACTED]", or "" for an empty secret.
func (s SecretString) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// Format prints the redacted form under every verb (%d and %x included),
// so no formatting path reaches the value.
func (s SecretString) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.SecretString", s.String, s.GoString)
}

// GoString is String, quoted, for %#v.
func (s SecretString) GoString() string { return `"` + s.String() + `"` }

// LogValue logs the secret as "[REDACTED]".
func (s SecretString) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON encodes the secret as "[REDACTED]" (or "" when empty): logging
// libraries encode values as JSON. Decoding reads the real value.
func (s SecretString) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }
