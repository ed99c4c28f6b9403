package transport

import (
	"context"
	"net/http"
	"sync/atomic"
)

// Policy is what one logical call allows the retry loop to do. It travels in
// the request context because go-retryablehttp hands CheckRetry the context
// but, on a connection error, no request.
type Policy struct {
	// Idempotent reports whether the server may safely see the request twice
	// (GET, HEAD, PUT, DELETE, OPTIONS).
	Idempotent bool
	// MaxRetries bounds the retries of this call; negative means none.
	MaxRetries int
	// ReadBody, when set, consumes the body of each attempt's final answer
	// inside the retry loop, so that a body cut off after the headers (an
	// unexpected EOF, a reset, the attempt timeout) counts as a failed
	// attempt: retried, within MaxRetries, for an idempotent request only.
	// Each invocation must start afresh. Do then returns the response with
	// its body consumed.
	ReadBody func(*http.Response) error
	// Secrets are hidden in every log line and error the call produces;
	// nil means the Transport's (Config.Secrets).
	Secrets *Secrets
	// StripOnRedirect names headers, besides the credential ones, dropped
	// from a redirect to another origin: those the caller added, which may
	// carry a credential of their own.
	StripOnRedirect []string

	retries atomic.Int32 // retries granted so far
}

type policyKey struct{}

// WithPolicy returns a context carrying p for the request made with it.
func WithPolicy(ctx context.Context, p *Policy) context.Context {
	return context.WithValue(ctx, policyKey{}, p)
}

func policyFrom(ctx context.Context) *Policy {
	if p, ok := ctx.Value(policyKey{}).(*Policy); ok && p != nil {
		return p
	}
	return &Policy{}
}

// secretsFrom returns the secrets of the call ctx belongs to (nil: none
// known, which hides nothing).
func secretsFrom(ctx context.Context) *Secrets {
	return policyFrom(ctx).Secrets
}

// IdempotentMethod reports whether an HTTP method may be repeated without a
// second effect on the server.
func IdempotentMethod(method string) bool {
	switch method {
	case "GET", "HEAD", "PUT", "DELETE", "OPTIONS":
		return true
	}
	return false
}
