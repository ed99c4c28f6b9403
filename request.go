package composio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/ComposioHQ/composio-go/internal/ops"
	"github.com/ComposioHQ/composio-go/internal/querystring"
	"github.com/ComposioHQ/composio-go/internal/transport"
)

const (
	headerAPIKey     = "X-Api-Key"
	headerUserAPIKey = "X-User-Api-Key"
	headerOrgAPIKey  = "X-Org-Api-Key"
)

var credentialHeaders = transport.CredentialHeaders

var (
	jsonValue = []string{"application/json"}
	formValue = []string{"application/x-www-form-urlencoded"}
)

// credential picks the header and key for scheme, or explains which option
// is missing.
func (c *Client) credential(scheme ops.Auth) (name string, key []string, err error) {
	r := c.cfg.resolved
	switch scheme {
	case ops.AuthNone:
		return "", nil, nil
	case ops.AuthProject:
		if r.keys.project != "" {
			return headerAPIKey, r.keyValues.project, nil
		}
		return "", nil, fmt.Errorf("%w: this operation needs a project API key: use WithAPIKey or set %s", ErrInvalidParams, EnvAPIKey)
	case ops.AuthProjectOrUser:
		if r.keys.project != "" {
			return headerAPIKey, r.keyValues.project, nil
		}
		if r.keys.user != "" {
			return headerUserAPIKey, r.keyValues.user, nil
		}
		return "", nil, fmt.Errorf("%w: this operation needs a project or user API key: use WithAPIKey (%s) or WithUserAPIKey (%s)", ErrInvalidParams, EnvAPIKey, EnvUserAPIKey)
	case ops.AuthUser:
		if r.keys.user != "" {
			return headerUserAPIKey, r.keyValues.user, nil
		}
		return "", nil, fmt.Errorf("%w: this operation needs a user API key: use WithUserAPIKey or set %s", ErrInvalidParams, EnvUserAPIKey)
	case ops.AuthOrg:
		if r.keys.org != "" {
			return headerOrgAPIKey, r.keyValues.org, nil
		}
		return "", nil, fmt.Errorf("%w: this operation needs an organization API key: use WithOrgAPIKey or set %s", ErrInvalidParams, EnvOrgAPIKey)
	}
	return "", nil, fmt.Errorf("composio: unknown auth scheme %d", scheme)
}

// request describes one operation call: the operation's entry in the
// table (its method, path and credential scheme), the values of the path's
// {placeholders} in order, and the query and body. An off-table entry's
// path is rooted at the API root (the base URL without /api/v3.1) instead
// of the base URL: the few endpoints the official SDKs call on other API
// versions, such as /api/v3/internal/sdk/realtime/auth.
type request struct {
	op       *ops.Op
	pathArgs []string
	query    any // a struct for go-querystring, url.Values, or nil
	body     any // JSON-encoded when non-nil
	// form, when set, is sent form-encoded instead of body.
	form url.Values
}

// expandPath fills each {name} of tmpl with the next argument, escaped.
// Empty values and the dot segments are refused: a slug must never address
// another resource.
func expandPath(tmpl string, args []string) (string, error) {
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	for i := 0; ; i++ {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			if i != len(args) {
				return "", fmt.Errorf("composio: path %q takes %d arguments, got %d", tmpl, i, len(args))
			}
			b.WriteString(tmpl)
			return b.String(), nil
		}
		end := strings.IndexByte(tmpl[open:], '}') + open
		name := tmpl[open+1 : end]
		if i >= len(args) {
			return "", fmt.Errorf("composio: path argument %s missing", name)
		}
		v := args[i]
		if strings.TrimSpace(v) == "" {
			return "", invalidParam(name, "must not be empty")
		}
		if hasDotSegment(v) {
			return "", invalidParam(name, fmt.Sprintf("%q is not a valid path segment", v))
		}
		b.WriteString(tmpl[:open])
		b.WriteString(url.PathEscape(v))
		tmpl = tmpl[end+1:]
	}
}

// hasDotSegment reports whether v, split at slashes and backslashes, has a
// "." or ".." part. Escaped, such a value is one harmless segment, but a
// proxy that decodes %2F (or %5C) before routing would climb out of the
// resource with it.
func hasDotSegment(v string) bool {
	for part := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == '/' || r == '\\' }) {
		switch strings.TrimSpace(part) {
		case ".", "..":
			return true
		}
	}
	return false
}

// do performs r and decodes a 2xx body into a new T.
func do[T any](ctx context.Context, c *Client, r request, opts []RequestOption) (*T, error) {
	out := new(T)
	if err := c.call(ctx, r, opts, out); err != nil {
		return nil, err
	}
	return out, nil
}

// maxResponseBody bounds the 2xx body read into memory to be decoded, so
// that a misbehaving server or proxy cannot exhaust the caller's memory.
// It is far above any real answer.
var maxResponseBody int64 = 256 << 20

// ErrResponseTooLarge is returned when a successful answer is larger than
// the SDK reads into memory (256 MiB).
var ErrResponseTooLarge = errors.New("composio: response body too large")

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer bounds the buffers kept for reuse: one huge response must
// not pin its memory for the life of the process.
const maxPooledBuffer = 1 << 20

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		bufPool.Put(b)
	}
}

// errNilContext is what every call and iterator answers for a nil context.
func errNilContext() error { return fmt.Errorf("%w: nil context", ErrInvalidParams) }

// call performs r; a 2xx body is decoded into out unless out is nil.
func (c *Client) call(ctx context.Context, r request, opts []RequestOption, out any) error {
	if ctx == nil {
		return errNilContext()
	}
	o := applyRequestOptions(opts)
	if o.err != nil {
		return o.err
	}
	method := r.op.Method
	credName, credKey, err := c.credential(r.op.Auth)
	if err != nil {
		return err
	}
	path, err := expandPath(r.op.Path, r.pathArgs)
	if err != nil {
		return err
	}
	rawURL := c.baseURL + path
	if r.op.OffTable {
		rawURL = c.apiRoot() + path
	}
	if r.query != nil {
		q, err := encodeQuery(r.query)
		if err != nil {
			return err
		}
		if q != "" {
			rawURL += "?" + q
		}
	}
	var body []byte
	contentType := jsonValue
	switch {
	case r.form != nil:
		body, contentType = []byte(r.form.Encode()), formValue
	case r.body != nil:
		if body, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("%w: encoding request body: %w", ErrInvalidParams, err)
		}
	}

	// Header values are shared, read-only slices: nothing below the client
	// mutates a request's header values, and one call saves four allocations.
	header := make(http.Header, 4+len(c.cfg.resolved.keys.header)+len(o.header))
	for k, v := range c.cfg.resolved.keys.header {
		header[k] = v
	}
	for k, v := range o.header {
		header[k] = v
	}
	header["User-Agent"] = c.userAgentValue
	header["Accept"] = jsonValue
	if body != nil {
		header["Content-Type"] = contentType
	}
	if credName != "" {
		header[credName] = credKey
	}

	if o.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.timeout)
		defer cancel()
	}
	secrets, strip := c.callSecrets(o)
	policy := &transport.Policy{Idempotent: transport.IdempotentMethod(method), MaxRetries: c.cfg.resolved.maxRetries,
		Secrets: secrets, StripOnRedirect: strip}
	if o.maxRetries >= 0 {
		policy.MaxRetries = o.maxRetries
	}

	// The body is read inside the retry loop: one cut off after the
	// headers is a failed attempt, retried when the method is idempotent.
	rb := &bodyReader{decode: out != nil}
	policy.ReadBody = rb.read
	resp, err := c.transport.Do(ctx, method, rawURL, header, body, policy)
	if rb.buf != nil {
		defer putBuffer(rb.buf)
	}
	if err != nil {
		return fmt.Errorf("composio: %s %s: %w", method, path, redactErr(err, secrets))
	}
	defer resp.Body.Close()
	if o.response != nil {
		*o.response = Response{StatusCode: resp.StatusCode, Header: resp.Header, RequestID: resp.Header.Get("X-Request-Id")}
	}

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Decoded first, then cleaned field by field, so that a redaction
		// never breaks the JSON. The request id may come from a header,
		// which a proxy can fill with anything, an echoed key included.
		e := decodeError(method, secrets.URL(resp.Request.URL), resp.StatusCode, resp.Header, rb.errBody)
		e.redact(secrets)
		if e.StatusCode == http.StatusNotFound && c.rootHint != "" {
			if e.SuggestedFix != "" {
				e.SuggestedFix += "; "
			}
			e.SuggestedFix += c.rootHint
		}
		return e
	}
	if out == nil {
		return nil
	}
	buf := rb.buf
	if int64(buf.Len()) > maxResponseBody {
		return fmt.Errorf("composio: %s %s: %w (more than %d bytes)", method, path, ErrResponseTooLarge, maxResponseBody)
	}
	if len(bytes.TrimSpace(buf.Bytes())) == 0 {
		return nil // 204, or a 2xx with nothing to say: the zero model
	}
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		// The body is not quoted: a 2xx body may hold credentials (a
		// connected account's tokens), and json's errors name only types.
		return fmt.Errorf("composio: %s %s: decoding %d response (%d bytes): %w",
			method, path, resp.StatusCode, buf.Len(), err)
	}
	return nil
}

// bodyReader reads an attempt's final body (transport.Policy.ReadBody): an
// error body up to maxErrorBody, a 2xx body to decode into a pooled buffer
// (one more byte than maxResponseBody, to tell a body too large).
type bodyReader struct {
	decode  bool
	buf     *bytes.Buffer
	errBody []byte
}

func (rb *bodyReader) read(resp *http.Response) error {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		rb.errBody, _ = io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		drain(resp.Body)
		return nil
	}
	if !rb.decode {
		drain(resp.Body)
		return nil
	}
	if rb.buf == nil {
		rb.buf = bufPool.Get().(*bytes.Buffer)
	}
	rb.buf.Reset()
	if _, err := rb.buf.ReadFrom(io.LimitReader(resp.Body, maxResponseBody+1)); err != nil {
		return fmt.Errorf("reading response: %w", err)
	}
	return nil
}

// drain reads what is left of a body (up to 1 MiB) so that the connection
// goes back to the pool instead of being closed.
func drain(body io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<20))
}

// callSecrets returns what a call must hide and strip: the client's
// secrets and headers, plus the values and names of the call's own
// non-public headers.
func (c *Client) callSecrets(o callOptions) (*transport.Secrets, []string) {
	var names, values []string
	for name, vs := range o.header {
		if c.cfg.resolved.isPublicHeader(name) || slices.Contains(o.public, name) {
			continue
		}
		names = append(names, name)
		for _, v := range vs {
			values = append(values, headerSecretValues(name, v)...)
		}
	}
	r := c.cfg.resolved
	if names == nil {
		return r.secrets, r.stripOnRedirect
	}
	return r.secrets.With(values...), append(slices.Clip(r.stripOnRedirect), names...)
}

// headerSecretValues returns the secrets a header value may hold: the value,
// the credential of an "<scheme> <credential>" value, and for
// x-llm-gateway-headers (a JSON object of headers) each of its values so.
func headerSecretValues(name, value string) []string {
	out := []string{value}
	if _, cred, ok := strings.Cut(strings.TrimSpace(value), " "); ok && strings.TrimSpace(cred) != "" {
		out = append(out, strings.TrimSpace(cred))
	}
	if name == "X-Llm-Gateway-Headers" {
		var inner map[string]string
		if json.Unmarshal([]byte(value), &inner) == nil {
			for k, v := range inner {
				out = append(out, headerSecretValues(k, v)...)
			}
		}
	}
	return out
}

// redactErr hides the call's secrets in err's text. A secret should never
// be there, but a server or proxy may echo one back, and a redirect URL
// may carry one.
func redactErr(err error, secrets *transport.Secrets) error {
	msg := err.Error()
	clean := secrets.Redact(msg)
	if clean == msg {
		return err
	}
	return redactedError{msg: clean, err: err}
}

// redactedError keeps errors.Is/As working while printing the cleaned text.
type redactedError struct {
	msg string
	err error
}

func (e redactedError) Error() string { return e.msg }
func (e redactedError) Unwrap() error { return e.err }

// encodeQuery encodes a params struct (url tags) or url.Values.
func encodeQuery(q any) (string, error) {
	s, err := querystring.Encode(q)
	if err != nil {
		return "", fmt.Errorf("%w: encoding query: %w", ErrInvalidParams, err)
	}
	return s, nil
}
