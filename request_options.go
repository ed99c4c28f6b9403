package composio

import (
	"fmt"
	"net/http"
	"time"
)

// A RequestOption adjusts a single call. Client-wide settings are [Option]s,
// a different type, so nobody sets a base URL for one call by mistake.
type RequestOption func(*callOptions)

type callOptions struct {
	header http.Header
	// public names headers of this call the SDK itself added and knows to
	// carry no secret (x-org-id).
	public     []string
	timeout    time.Duration
	maxRetries int // -1: the client's
	response   *Response
	err        error
}

// Response describes the final HTTP response of a call, for callers who need
// more than the decoded model. Fill one with [WithResponseInto].
type Response struct {
	StatusCode int
	Header     http.Header
	// RequestID is the server's request id (x-request-id), for support.
	RequestID string
}

// WithRequestHeader adds a header to this call only. Like [WithHeader]'s,
// its value is treated as a secret unless the name is declared with
// [WithPublicHeaders].
func WithRequestHeader(name, value string) RequestOption {
	return func(o *callOptions) {
		if err := checkHeaderName("WithRequestHeader", name); err != nil {
			o.err = err
			return
		}
		if err := checkHeaderValue("WithRequestHeader", value); err != nil {
			o.err = err
			return
		}
		if o.header == nil {
			o.header = http.Header{}
		}
		o.header.Add(name, value)
	}
}

// withPublicRequestHeader is WithRequestHeader for a header the SDK adds
// from a non-secret argument (an organization id).
func withPublicRequestHeader(name, value string) RequestOption {
	add := WithRequestHeader(name, value)
	return func(o *callOptions) {
		add(o)
		o.public = append(o.public, http.CanonicalHeaderKey(name))
	}
}

// WithRequestTimeout bounds this whole call, retries and waits included.
func WithRequestTimeout(d time.Duration) RequestOption {
	return func(o *callOptions) {
		if d <= 0 {
			o.err = fmt.Errorf("%w: WithRequestTimeout: %v is not positive", ErrInvalidParams, d)
			return
		}
		o.timeout = d
	}
}

// WithRequestMaxRetries overrides the client's retry limit for this call.
func WithRequestMaxRetries(n int) RequestOption {
	return func(o *callOptions) {
		if n < 0 {
			o.err = fmt.Errorf("%w: WithRequestMaxRetries: %d is negative", ErrInvalidParams, n)
			return
		}
		o.maxRetries = n
	}
}

// WithResponseInto stores the final HTTP response's status, headers and
// request id in r, on success and on an API error alike.
func WithResponseInto(r *Response) RequestOption {
	return func(o *callOptions) { o.response = r }
}

func applyRequestOptions(opts []RequestOption) callOptions {
	o := callOptions{maxRetries: -1}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}
