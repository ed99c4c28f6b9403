package transport

import (
	"net/url"
	"strings"
)

// Redacted replaces every secret this package hides.
const Redacted = "REDACTED"

// sensitiveParams are query parameter names (lower case, as substrings)
// whose values never reach a log line or an error: presigned storage URLs
// carry signatures and credentials in their query.
var sensitiveParams = []string{"key", "token", "secret", "signature", "sig", "credential", "password", "auth"}

// RedactURL renders u without user info or fragment and with sensitive
// query values replaced, so it can be logged or put in an error.
func RedactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.User == nil && u.RawQuery == "" && u.Fragment == "" {
		return u.String()
	}
	c := *u
	c.User = nil
	c.Fragment, c.RawFragment = "", "" // never sent, and may hold a token
	if c.RawQuery != "" {
		c.RawQuery = redactQuery(c.RawQuery)
	}
	return c.String()
}

// redactQuery replaces the value of every sensitive parameter of a raw
// query, keeping the rest as sent. It walks the raw text itself, splitting
// at '&' and at ';', rather than url.ParseQuery, which silently drops the
// pairs it cannot parse (a ';' separator, a bad escape) and so would let
// their values through unredacted.
func redactQuery(raw string) string {
	var b strings.Builder
	start := 0
	for i := 0; i <= len(raw); i++ {
		if i < len(raw) && raw[i] != '&' && raw[i] != ';' {
			continue
		}
		pair := raw[start:i]
		name, _, _ := strings.Cut(pair, "=")
		if isSensitive(name) {
			pair = name + "=" + Redacted
		} else if plain, err := url.QueryUnescape(name); err == nil && isSensitive(plain) {
			pair = name + "=" + Redacted
		}
		b.WriteString(pair)
		if i < len(raw) {
			b.WriteByte(raw[i])
		}
		start = i + 1
	}
	return b.String()
}

// RedactURLString is RedactURL for a URL held as a string; an unparsable
// string is withheld entirely rather than risk printing a secret.
func RedactURLString(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return Redacted
	}
	return RedactURL(u)
}

func isSensitive(name string) bool {
	name = strings.ToLower(name)
	for _, s := range sensitiveParams {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// RedactSecrets replaces each non-empty secret in s.
func RedactSecrets(s string, secrets ...string) string {
	for _, secret := range secrets {
		if secret != "" && strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, Redacted)
		}
	}
	return s
}

// Secrets is a set of values to hide; the zero value and nil hide nothing.
type Secrets struct{ list []string }

// Redact replaces each of the secrets in s.
func (x *Secrets) Redact(s string) string {
	if x == nil {
		return s
	}
	return RedactSecrets(s, x.list...)
}

// SensitiveQueryValues returns the values of u's sensitive query
// parameters, as sent and decoded, for redacting a body that may quote
// them (a storage host's error naming the signature it was given). Values
// under 8 bytes are left out: too short to be a secret, and too likely to
// appear by chance.
func SensitiveQueryValues(u *url.URL) []string {
	if u == nil {
		return nil
	}
	var out []string
	for _, pair := range strings.FieldsFunc(u.RawQuery, func(r rune) bool { return r == '&' || r == ';' }) {
		name, value, _ := strings.Cut(pair, "=")
		plain, err := url.QueryUnescape(name)
		if !isSensitive(name) && (err != nil || !isSensitive(plain)) {
			continue
		}
		if len(value) >= 8 {
			out = append(out, value)
		}
		if v, err := url.QueryUnescape(value); err == nil && v != value && len(v) >= 8 {
			out = append(out, v)
		}
	}
	return out
}
