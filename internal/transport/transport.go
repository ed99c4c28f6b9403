// Package transport is the HTTP layer every composio-go call goes through:
// go-retryablehttp with our retry policy and backoff, a pooled connection
// transport, the plain-HTTP and redirect guards, and redacted logging.
package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Config configures a Transport. Zero values select the defaults.
type Config struct {
	// HTTPClient is the caller's client; its Transport and Jar are kept and
	// wrapped, never replaced.
	HTTPClient *http.Client
	// Timeout bounds each attempt (zero: no per-attempt bound).
	Timeout time.Duration
	// RetryWaitMin and RetryWaitMax bound the exponential backoff.
	RetryWaitMin, RetryWaitMax time.Duration
	// Logger receives one debug line per HTTP exchange; nil logs nothing.
	Logger *slog.Logger
	// AllowInsecureHTTP permits http:// to non-loopback hosts.
	AllowInsecureHTTP bool
	// Secrets are replaced wherever a log line or an error could echo them
	// (a status line or request id a server or proxy filled with a key, a
	// redirect URL carrying one), unless a call's Policy names its own.
	Secrets []string
}

// Default backoff bounds, as the official clients use.
const (
	DefaultRetryWaitMin = 500 * time.Millisecond
	DefaultRetryWaitMax = 8 * time.Second
)

// retryCeiling is go-retryablehttp's own RetryMax, out of reach: the real,
// per-call limit is Policy.MaxRetries, enforced in checkRetry. (Reaching
// the library's limit would end the loop on a retryable answer without
// handing it to Policy.ReadBody.)
const retryCeiling = math.MaxInt

// Transport sends requests with retries. It is safe for concurrent use.
type Transport struct {
	rc               *retryablehttp.Client
	waitMin, waitMax time.Duration
	log              *slog.Logger // nil: silent
	// secrets is a pointer so that printing a Transport (or a value that
	// holds one) with fmt shows an address, not the keys.
	secrets *Secrets
	// upgrader performs websocket handshakes (see Upgrader).
	upgrader *http.Client
}

// New builds a Transport from cfg.
func New(cfg Config) *Transport {
	t := &Transport{waitMin: cfg.RetryWaitMin, waitMax: cfg.RetryWaitMax, log: cfg.Logger, secrets: NewSecrets(cfg.Secrets...)}
	if t.waitMin <= 0 {
		t.waitMin = DefaultRetryWaitMin
	}
	if t.waitMax < t.waitMin {
		t.waitMax = max(DefaultRetryWaitMax, t.waitMin)
	}

	var base http.RoundTripper = pools{}
	hc := &http.Client{CheckRedirect: checkRedirect}
	timeout := cfg.Timeout
	if cfg.HTTPClient != nil {
		if cfg.HTTPClient.Transport != nil {
			base = cfg.HTTPClient.Transport
		}
		hc.Jar = cfg.HTTPClient.Jar
		if timeout == 0 {
			timeout = cfg.HTTPClient.Timeout
		}
	}
	upgrade := base
	if timeout > 0 {
		base = attemptTimeout{next: base, d: timeout}
	}
	if cfg.Logger != nil {
		base = logged{next: base, log: cfg.Logger}
		upgrade = logged{next: upgrade, log: cfg.Logger}
	}
	hc.Transport = guard{next: base, allowInsecure: cfg.AllowInsecureHTTP}
	t.upgrader = &http.Client{
		Transport: withSecrets{next: guard{next: upgrade, allowInsecure: cfg.AllowInsecureHTTP}, secrets: t.secrets},
		CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			return fmt.Errorf("refusing to follow a redirect of a websocket handshake to %s", RedactURL(req.URL))
		},
	}

	t.rc = &retryablehttp.Client{
		HTTPClient:   hc,
		RetryWaitMin: t.waitMin,
		RetryWaitMax: t.waitMax,
		RetryMax:     retryCeiling,
		CheckRetry:   t.checkRetry,
		Backoff:      t.backoff,
		// The final response, whatever its status, goes back to the caller's
		// error decoder: the library's default would discard the envelope.
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	return t
}

// sharedPool is the default connection pool: Go's default transport sized
// for many concurrent callers to one host (Go keeps only 2 idle per host).
// loopbackPool, alike, carries the plain-HTTP requests to a loopback name:
// it dials only loopback addresses, and being a pool of its own, never hands
// such a request a connection dialed without that check.
var sharedPool, loopbackPool = newPool(nil), newPool(LoopbackOnly)

func newPool(control func(network, address string, c syscall.RawConn) error) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	t.IdleConnTimeout = 90 * time.Second
	// Bounds a hung server even when the caller disabled per-attempt timeouts.
	t.ResponseHeaderTimeout = 5 * time.Minute
	t.DialContext = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: control}).DialContext
	return t
}

// pools is the default RoundTripper: sharedPool, or loopbackPool for a
// request the guard marked with RequireLoopbackDial.
type pools struct{}

func (pools) RoundTrip(req *http.Request) (*http.Response, error) {
	if LoopbackDialRequired(req.Context()) {
		return loopbackPool.RoundTrip(req)
	}
	return sharedPool.RoundTrip(req)
}

// withSecrets gives a request made outside Do (a websocket handshake) the
// transport's secrets, so that its log line and errors hide them as Do's do.
type withSecrets struct {
	next    http.RoundTripper
	secrets *Secrets
}

func (w withSecrets) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, ok := req.Context().Value(policyKey{}).(*Policy); !ok {
		req = req.WithContext(WithPolicy(req.Context(), &Policy{Secrets: w.secrets}))
	}
	return w.next.RoundTrip(req)
}

// Upgrader returns the client for websocket handshakes: the same
// transport, plain-HTTP guard and logging as Do, but no per-attempt timeout
// (the connection outlives any), no retries and no redirects.
func (t *Transport) Upgrader() *http.Client { return t.upgrader }

// Do sends one logical request, retrying per p. body may be nil. The
// returned response, of any status, is the caller's to close; when
// p.ReadBody is set, it has consumed that response's body.
func (t *Transport) Do(ctx context.Context, method, rawURL string, header http.Header, body []byte, p *Policy) (*http.Response, error) {
	if p == nil {
		p = &Policy{}
	}
	if p.Secrets == nil {
		p.Secrets = t.secrets
	}
	var rb any
	if body != nil {
		rb = body
	}
	req, err := retryablehttp.NewRequestWithContext(WithPolicy(ctx, p), method, rawURL, rb)
	if err != nil {
		return nil, redactErr(err, p.Secrets)
	}
	req.Header = header
	if p != nil && p.ReadBody != nil {
		req.SetResponseHandler(p.ReadBody)
	}
	resp, err := t.rc.Do(req)
	if err != nil {
		if resp != nil { // ReadBody failed on the last attempt
			resp.Body.Close()
		}
		return nil, redactErr(err, p.Secrets)
	}
	return resp, nil
}

// redactErr rewrites the URL inside a *url.Error so that presigned
// signatures, user info and the secrets never reach an error string.
func redactErr(err error, secrets *Secrets) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = secrets.URLString(ue.URL)
	}
	return err
}
