package composio

import "log/slog"

// SecretString holds a credential the API returns (a new API key, a webhook
// secret). Printing it with fmt (%v, %+v, %#v, %s) or logging it with slog
// shows "REDACTED", so a stray log line cannot leak it; read the value
// with Value. JSON encoding keeps the value: encoding is deliberate.
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

const redactedText = "REDACTED"
