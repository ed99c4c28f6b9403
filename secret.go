package composio

import "log/slog"

// SecretString holds a credential the API returns (a new API key, a webhook
// secret). Printing it with fmt (%v, %+v, %#v, %s), logging it with slog
// (text or JSON) or encoding it to JSON shows "REDACTED", so neither a stray
// log line nor a model dumped as JSON by a logging library can leak it.
// Read the value with Value, and store that.
type SecretString string

// Value returns the secret itself.
func (s SecretString) Value() string { return string(s) }

// String returns "REDACTED", or "" for an empty secret.
func (s SecretString) String() string {
	if s == "" {
		return ""
	}
	return redactedText
}

// GoString is String, quoted, for %#v.
func (s SecretString) GoString() string { return `"` + s.String() + `"` }

// LogValue logs the secret as "REDACTED".
func (s SecretString) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON encodes the secret as "REDACTED" (or "" when empty): logging
// libraries encode values as JSON. Decoding reads the real value.
func (s SecretString) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

const redactedText = "REDACTED"
