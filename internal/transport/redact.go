package transport

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
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

// longSecret is the length from which a secret is replaced wherever it
// appears: a value that long does not occur inside other text by chance,
// and a key glued to other characters has still leaked. A shorter one is
// replaced only where it stands as a whole token, so that a one-letter
// key does not turn "check the key" into "cheREDACTED the REDACTEDey".
const longSecret = 8

// RedactSecrets replaces each non-empty secret in s (see Secrets.Redact).
func RedactSecrets(s string, secrets ...string) string {
	for _, secret := range secrets {
		s = redactOne(s, secret)
	}
	return s
}

// Secrets is a set of values to hide, such as the configured keys and the
// values of caller-added headers; the zero value and nil hide nothing. A
// Secrets is immutable once built and safe for concurrent use.
type Secrets struct{ list []string }

// NewSecrets returns the set of the non-empty values, each also in the
// forms a URL or a JSON string would give it (percent- or JSON-escaped).
func NewSecrets(values ...string) *Secrets {
	return (*Secrets)(nil).With(values...)
}

// With returns a set holding x's secrets and values; x is unchanged.
func (x *Secrets) With(values ...string) *Secrets {
	out := &Secrets{}
	if x != nil {
		out.list = append(out.list, x.list...)
	}
	for _, v := range values {
		if v == "" {
			continue
		}
		out.add(v)
		out.add(url.QueryEscape(v))
		out.add(url.PathEscape(v))
		for _, html := range []bool{false, true} {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(html)
			if enc.Encode(v) == nil { // "...."\n
				out.add(string(b.Bytes()[1 : b.Len()-2]))
			}
		}
	}
	// Longest first, so that a secret holding a shorter one goes whole.
	sort.SliceStable(out.list, func(i, j int) bool { return len(out.list[i]) > len(out.list[j]) })
	return out
}

func (x *Secrets) add(v string) {
	for _, have := range x.list {
		if have == v {
			return
		}
	}
	x.list = append(x.list, v)
}

// Redact replaces each of the secrets in s: one of 8 bytes or more
// wherever it appears, a shorter one where it is a whole token (not
// preceded or followed by a letter, digit, '_' or '-').
func (x *Secrets) Redact(s string) string {
	if x == nil {
		return s
	}
	for _, secret := range x.list {
		s = redactOne(s, secret)
	}
	return s
}

// RedactBytes is Redact for a byte slice; b is returned unchanged (not
// copied) when it holds no secret.
func (x *Secrets) RedactBytes(b []byte) []byte {
	if x == nil {
		return b
	}
	for _, secret := range x.list {
		if bytes.Contains(b, []byte(secret)) {
			return []byte(x.Redact(string(b)))
		}
	}
	return b
}

// URL renders u as RedactURL does, then hides the secrets wherever they
// are (a key in a query parameter of any name, or in the path).
func (x *Secrets) URL(u *url.URL) string {
	return x.Redact(RedactURL(u))
}

// URLString is URL for a URL held as a string.
func (x *Secrets) URLString(s string) string {
	return x.Redact(RedactURLString(s))
}

func redactOne(s, secret string) string {
	if secret == "" || !strings.Contains(s, secret) {
		return s
	}
	if len(secret) >= longSecret {
		return strings.ReplaceAll(s, secret, Redacted)
	}
	var b strings.Builder
	last := 0
	for i := 0; i <= len(s)-len(secret); {
		j := strings.Index(s[i:], secret)
		if j < 0 {
			break
		}
		start, end := i+j, i+j+len(secret)
		whole := (start == 0 || !wordByte(s[start-1]) || !wordByte(secret[0])) &&
			(end == len(s) || !wordByte(s[end]) || !wordByte(secret[len(secret)-1]))
		if !whole {
			i = start + 1
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(Redacted)
		last, i = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// wordByte reports whether b continues a token: an ASCII letter or digit,
// '_', '-', or part of a non-ASCII character.
func wordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_' || b == '-' || b >= 0x80
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
