package composio

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// Sentinels for the categories of API errors; test with errors.Is.
var (
	ErrBadRequest   = errors.New("composio: bad request")  // 400, 422
	ErrUnauthorized = errors.New("composio: unauthorized") // 401
	ErrForbidden    = errors.New("composio: forbidden")    // 403
	ErrNotFound     = errors.New("composio: not found")    // 404
	ErrConflict     = errors.New("composio: conflict")     // 409
	ErrRateLimited  = errors.New("composio: rate limited") // 429
	ErrServer       = errors.New("composio: server error") // 5xx
	// ErrInvalidParams wraps every error found before a request is sent.
	ErrInvalidParams = errors.New("composio: invalid params")
)

// maxErrorBody bounds the bytes read from, and kept of, an error body.
const maxErrorBody = 64 << 10

// Error is a non-2xx answer from the API, whatever its body.
type Error struct {
	StatusCode int
	// Code is Composio's numeric error code, when the envelope has one.
	Code         int
	Message      string
	RequestID    string
	SuggestedFix string
	// Details lists validation failures (the envelope's "errors").
	Details []string
	// RetryAfter is the wait the server asked for (429, 503), clamped to 60s.
	RetryAfter time.Duration
	Method     string
	// URL is the request URL with secrets redacted.
	URL string
	// Body is the raw response body, at most 64 KiB.
	Body []byte
}

// Error reads like
// "composio: 404 Not Found: No connected account found (request_id req_abc; fix: ...)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("composio: ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	var extra []string
	if e.RequestID != "" {
		extra = append(extra, "request_id "+e.RequestID)
	}
	if e.SuggestedFix != "" {
		extra = append(extra, "fix: "+e.SuggestedFix)
	}
	if e.RetryAfter > 0 {
		extra = append(extra, "retry after "+e.RetryAfter.String())
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, "; ") + ")")
	}
	return b.String()
}

// Is maps the status to its sentinel, so errors.Is(err, ErrNotFound) works.
func (e *Error) Is(target error) bool {
	switch e.StatusCode {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return target == ErrBadRequest
	case http.StatusUnauthorized:
		return target == ErrUnauthorized
	case http.StatusForbidden:
		return target == ErrForbidden
	case http.StatusNotFound:
		return target == ErrNotFound
	case http.StatusConflict:
		return target == ErrConflict
	case http.StatusTooManyRequests:
		return target == ErrRateLimited
	}
	return e.StatusCode >= 500 && target == ErrServer
}

// envelope is the API's error body. Fields are decoded leniently: code and
// status have been seen as numbers and as strings.
type envelope struct {
	Error *struct {
		Message      string          `json:"message"`
		Code         json.RawMessage `json:"code"`
		RequestID    string          `json:"request_id"`
		SuggestedFix string          `json:"suggested_fix"`
		Errors       json.RawMessage `json:"errors"`
	} `json:"error"`
	// Some proxies and older endpoints answer {"message": ...} flat.
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
}

// decodeError builds an *Error from a non-2xx response. body is already
// bounded by the caller; it may be empty, HTML or cut off.
func decodeError(method, redactedURL string, status int, header http.Header, body []byte) *Error {
	e := &Error{StatusCode: status, Method: method, URL: redactedURL, Body: body}
	var env envelope
	if json.Unmarshal(body, &env) == nil {
		if env.Error != nil {
			e.Message = env.Error.Message
			e.Code = lenientInt(env.Error.Code)
			e.RequestID = env.Error.RequestID
			e.SuggestedFix = env.Error.SuggestedFix
			e.Details = lenientStrings(env.Error.Errors)
		} else {
			e.Message, e.RequestID = env.Message, env.RequestID
		}
	}
	if e.Message == "" {
		e.Message = bodySnippet(body)
	}
	if e.RequestID == "" {
		e.RequestID = header.Get("X-Request-Id")
	}
	if d, ok := transport.RetryAfter(header); ok {
		e.RetryAfter = d
	}
	return e
}

// redact hides secrets in every field a server filled.
func (e *Error) redact(secrets *transport.Secrets) {
	e.Message = secrets.Redact(e.Message)
	e.RequestID = secrets.Redact(e.RequestID)
	e.SuggestedFix = secrets.Redact(e.SuggestedFix)
	for i, d := range e.Details {
		e.Details[i] = secrets.Redact(d)
	}
	e.Body = secrets.RedactBytes(e.Body)
}

func lenientInt(raw json.RawMessage) int {
	s := strings.Trim(string(raw), `"`)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// lenientStrings reads "errors" whether it is a list of strings, a list of
// objects, or one string; anything else is left to Body.
func lenientStrings(raw json.RawMessage) []string {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		var one string
		if json.Unmarshal(raw, &one) == nil && one != "" {
			return []string{one}
		}
		return nil
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		var s string
		if json.Unmarshal(item, &s) == nil {
			out = append(out, s)
		} else {
			out = append(out, string(item))
		}
	}
	return out
}

// bodySnippet is a short, printable excerpt of a non-JSON body (HTML from a
// proxy, plain text), for the error message.
func bodySnippet(body []byte) string {
	const max = 200
	s := strings.TrimSpace(string(body))
	if s == "" {
		return ""
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		cut := max
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// invalidParam reports a client-side validation failure naming the field,
// one way everywhere: a value sent on the wire is named as the wire names
// it (the JSON or query name, dotted and indexed as in
// "manage_connections.enable" or "filters[0].field", a path argument by
// the operations table's placeholder, a header by its name); a value that
// never goes on the wire (an option, a callback, a local file, a
// client-side filter) by its Go name ("WithConcurrency", "Toolkits[1]").
// The problem may name the Go fields to set.
func invalidParam(field, problem string) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidParams, field, problem)
}
