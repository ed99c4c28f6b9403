package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scripted answers every request with status (and header pairs), counting
// attempts.
func scripted(t *testing.T, status int, header ...string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func fastTransport(cfg Config) *Transport {
	cfg.RetryWaitMin, cfg.RetryWaitMax = time.Millisecond, 2*time.Millisecond
	return New(cfg)
}

func send(t *testing.T, tr *Transport, method, url string, maxRetries int) (*http.Response, error) {
	t.Helper()
	var body []byte
	if method == http.MethodPost || method == http.MethodPatch || method == http.MethodPut {
		body = []byte(`{"a":1}`)
	}
	p := &Policy{Idempotent: IdempotentMethod(method), MaxRetries: maxRetries}
	resp, err := tr.Do(context.Background(), method, url, http.Header{}, body, p)
	if resp != nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestRetryMatrix(t *testing.T) {
	methods := []string{"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST", "PATCH"}
	cases := []struct {
		status     int
		header     []string
		idempotent int32 // attempts for an idempotent method, with 2 retries
		other      int32 // attempts for POST and PATCH
	}{
		{200, nil, 1, 1},
		{200, []string{"X-Should-Retry", "true"}, 1, 1},
		{201, []string{"X-Should-Retry", "true"}, 1, 1},
		{304, []string{"X-Should-Retry", "true"}, 1, 1},
		{400, nil, 1, 1},
		{404, nil, 1, 1},
		{409, nil, 1, 1},
		{408, nil, 3, 1},
		{429, nil, 3, 3},
		{500, nil, 3, 1},
		{502, nil, 3, 1},
		{503, nil, 3, 1},
		{503, []string{"Retry-After", "0"}, 3, 3},
		{504, nil, 3, 1},
		{500, []string{"X-Should-Retry", "true"}, 3, 3},
		{429, []string{"X-Should-Retry", "false"}, 1, 1},
		{503, []string{"X-Should-Retry", "false"}, 1, 1},
	}
	for _, tc := range cases {
		for _, method := range methods {
			name := method + "/" + strconv.Itoa(tc.status)
			if len(tc.header) > 0 {
				name += "/" + tc.header[0] + "=" + tc.header[1]
			}
			t.Run(name, func(t *testing.T) {
				srv, n := scripted(t, tc.status, tc.header...)
				resp, err := send(t, fastTransport(Config{}), method, srv.URL, 2)
				require.NoError(t, err)
				assert.Equal(t, tc.status, resp.StatusCode, "the final response reaches the caller")
				want := tc.other
				if IdempotentMethod(method) {
					want = tc.idempotent
				}
				assert.Equal(t, want, n.Load(), "attempts")
			})
		}
	}
}

func TestRetryLimitPerCall(t *testing.T) {
	srv, n := scripted(t, 503)
	tr := fastTransport(Config{})
	_, err := send(t, tr, "GET", srv.URL, 0)
	require.NoError(t, err)
	assert.EqualValues(t, 1, n.Load())
	n.Store(0)
	_, err = send(t, tr, "GET", srv.URL, 5)
	require.NoError(t, err)
	assert.EqualValues(t, 6, n.Load())
}

// dropper closes every connection without answering, after reading the
// request: the server may have acted on it.
func dropper(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		require.NoError(t, err)
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestDroppedConnection(t *testing.T) {
	for _, method := range []string{"GET", "PUT", "DELETE", "POST", "PATCH"} {
		t.Run(method, func(t *testing.T) {
			srv, n := dropper(t)
			_, err := send(t, fastTransport(Config{}), method, srv.URL, 2)
			require.Error(t, err)
			want := int32(1)
			if IdempotentMethod(method) {
				want = 3
			}
			assert.Equal(t, want, n.Load(), "a request the server may have acted on is never repeated unless idempotent")
		})
	}
}

// refusing fails the first n dials as a refused connection would, then
// delegates; nothing reached a server in those attempts.
type refusing struct {
	left  atomic.Int32
	dials atomic.Int32
	next  http.RoundTripper
}

func (r *refusing) RoundTrip(req *http.Request) (*http.Response, error) {
	r.dials.Add(1)
	if r.left.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	}
	return r.next.RoundTrip(req)
}

func TestConnectionRefusedIsRetriedForPOST(t *testing.T) {
	srv, n := scripted(t, 201)
	rt := &refusing{next: http.DefaultTransport}
	rt.left.Store(2)
	resp, err := send(t, fastTransport(Config{HTTPClient: &http.Client{Transport: rt}}), "POST", srv.URL, 2)
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.EqualValues(t, 3, rt.dials.Load())
	assert.EqualValues(t, 1, n.Load(), "the server saw the request once")
}

func TestRetryAfterForms(t *testing.T) {
	date := time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat)
	cases := []struct {
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{http.Header{"Retry-After": {"3"}}, 3 * time.Second, true},
		{http.Header{"Retry-After": {"0"}}, 0, true},
		{http.Header{"Retry-After": {"3600"}}, MaxServerWait, true},
		{http.Header{"Retry-After": {"60"}}, MaxServerWait, true},
		{http.Header{"Retry-After": {"59"}}, 59 * time.Second, true},
		// Huge values are clamped before any conversion could overflow.
		{http.Header{"Retry-After": {"9999999999"}}, MaxServerWait, true},
		{http.Header{"Retry-After": {"9223372036854775808"}}, MaxServerWait, true},
		{http.Header{"Retry-After": {"99999999999999999999999999"}}, MaxServerWait, true},
		{http.Header{"Retry-After-Ms": {"1e300"}, "Retry-After": {"2"}}, 2 * time.Second, true},
		{http.Header{"Retry-After-Ms": {"99999999999999999999"}}, MaxServerWait, true},
		// delay-seconds are digits only.
		{http.Header{"Retry-After": {"1.5"}}, 0, false},
		{http.Header{"Retry-After": {"Inf"}}, 0, false},
		{http.Header{"Retry-After": {"+Inf"}}, 0, false},
		{http.Header{"Retry-After": {"NaN"}}, 0, false},
		{http.Header{"Retry-After": {"1e20"}}, 0, false},
		{http.Header{"Retry-After": {"+3"}}, 0, false},
		{http.Header{"Retry-After": {"0x10"}}, 0, false},
		{http.Header{"Retry-After": {"-4"}}, 0, false},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"9"}}, 250 * time.Millisecond, true},
		{http.Header{"Retry-After-Ms": {"12.5"}}, 12500 * time.Microsecond, true},
		{http.Header{"Retry-After-Ms": {"Inf"}}, 0, false},
		{http.Header{"Retry-After-Ms": {"-1"}}, 0, false},
		{http.Header{"Retry-After-Ms": {"1."}}, 0, false},
		{http.Header{"Retry-After": {"Wed, 21 Oct 2015 07:28:00 GMT"}}, 0, true}, // a date in the past
		{http.Header{}, 0, false},
	}
	for _, tc := range cases {
		got, ok := RetryAfter(tc.header)
		assert.Equal(t, tc.ok, ok, "%v", tc.header)
		assert.Equal(t, tc.want, got, "%v", tc.header)
	}
	got, ok := RetryAfter(http.Header{"Retry-After": {date}})
	assert.True(t, ok)
	assert.InDelta(t, 20*time.Second, got, float64(2*time.Second), "HTTP date form")
}

func TestBackoffHonoursRetryAfterAndCaps(t *testing.T) {
	tr := New(Config{RetryWaitMin: 100 * time.Millisecond, RetryWaitMax: 400 * time.Millisecond})
	resp := &http.Response{Header: http.Header{"Retry-After": {"7"}}}
	assert.Equal(t, 7*time.Second, tr.backoff(0, 0, 0, resp))
	for attempt := range 6 {
		d := tr.backoff(0, 0, attempt, nil)
		ceiling := exponential(100*time.Millisecond, 400*time.Millisecond, attempt)
		assert.LessOrEqual(t, d, ceiling, "attempt %d", attempt)
		assert.GreaterOrEqual(t, d, ceiling-ceiling/4-1, "jitter is at most 25%%, attempt %d", attempt)
	}
	assert.Equal(t, 400*time.Millisecond, exponential(100*time.Millisecond, 400*time.Millisecond, 10))
}

func TestRetryWaitIsServerDirected(t *testing.T) {
	// Retry-After: 1 with 1ms backoff bounds: the wait must follow the server.
	var n atomic.Int32
	var first time.Time
	var gap time.Duration
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			first = time.Now()
			w.Header().Set("Retry-After-Ms", "120")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		gap = time.Since(first)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	resp, err := send(t, fastTransport(Config{}), "POST", srv.URL, 2)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.GreaterOrEqual(t, gap, 120*time.Millisecond, "waited at least what the server asked")
}

func TestDeadlineShorterThanRetryAfterReturnsTheResponse(t *testing.T) {
	srv, n := scripted(t, 429, "Retry-After", "30")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	resp, err := fastTransport(Config{}).Do(ctx, "GET", srv.URL, http.Header{}, nil, &Policy{Idempotent: true, MaxRetries: 2})
	require.NoError(t, err, "the 429 itself is returned: waiting 30s could never finish in time")
	resp.Body.Close()
	assert.Equal(t, 429, resp.StatusCode)
	assert.EqualValues(t, 1, n.Load())
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestCancelDuringWait(t *testing.T) {
	srv, n := scripted(t, 503, "Retry-After", "20")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := fastTransport(Config{}).Do(ctx, "GET", srv.URL, http.Header{}, nil, &Policy{Idempotent: true, MaxRetries: 2})
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualValues(t, 1, n.Load())
	assert.Less(t, time.Since(start), 5*time.Second, "the wait is interrupted")
}

func TestPerAttemptTimeout(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		w.WriteHeader(200)
	}))
	t.Cleanup(srv.Close)
	tr := fastTransport(Config{Timeout: 100 * time.Millisecond})
	resp, err := send(t, tr, "GET", srv.URL, 2)
	require.NoError(t, err, "a GET that timed out is retried")
	assert.Equal(t, 200, resp.StatusCode)

	n.Store(0)
	_, err = send(t, tr, "POST", srv.URL, 2)
	require.Error(t, err, "a POST that timed out may have run: not retried")
	var ne net.Error
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
	assert.EqualValues(t, 1, n.Load())
}
