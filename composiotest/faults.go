package composiotest

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// faults holds the failures the test asked for; each applies to the next
// API requests in arrival order.
type faults struct {
	mu      sync.Mutex
	pending []fault
	latency time.Duration
}

type fault struct {
	status     int // 0: drop the connection
	retryAfter string
	header     http.Header
	times      int // how many requests it still applies to
}

// A FaultOption refines a fault injected with FailNext.
type FaultOption func(*fault)

// WithRetryAfter makes the injected failure carry a Retry-After header
// (delay seconds, "2", or an HTTP date).
func WithRetryAfter(v string) FaultOption {
	return func(f *fault) { f.retryAfter = v }
}

// WithFaultHeader adds a response header to the injected failure, such as
// x-should-retry.
func WithFaultHeader(name, value string) FaultOption {
	return func(f *fault) {
		if f.header == nil {
			f.header = http.Header{}
		}
		f.header.Add(name, value)
	}
}

// FailNext makes the next n API requests fail with status and the error
// envelope, before they reach any handler (so nothing is executed).
func (f *Fake) FailNext(n, status int, opts ...FaultOption) {
	ft := fault{status: status}
	for _, o := range opts {
		o(&ft)
	}
	f.faults.add(n, ft)
}

// DropNext makes the server close the connection of the next n API requests
// without answering, as a crashed proxy would; nothing is executed.
func (f *Fake) DropNext(n int) { f.faults.add(n, fault{}) }

// SetLatency delays every API response by d (0 removes the delay).
func (f *Fake) SetLatency(d time.Duration) {
	f.faults.mu.Lock()
	f.faults.latency = d
	f.faults.mu.Unlock()
}

func (fs *faults) add(n int, ft fault) {
	if n <= 0 {
		return
	}
	ft.times = n // one entry, however large n is
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.pending = append(fs.pending, ft)
}

// apply waits the configured latency and serves the next fault, if any; it
// reports whether the request was answered.
func (fs *faults) apply(w http.ResponseWriter, r *http.Request) bool {
	fs.mu.Lock()
	latency := fs.latency
	var ft *fault
	if len(fs.pending) > 0 {
		next := fs.pending[0]
		ft = &next
		if fs.pending[0].times--; fs.pending[0].times == 0 {
			fs.pending = fs.pending[1:]
		}
	}
	fs.mu.Unlock()
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return true
		}
	}
	if ft == nil {
		return false
	}
	if ft.status == 0 {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler) // HTTP/2: abort the stream
	}
	for k, v := range ft.header {
		w.Header()[k] = v
	}
	if ft.retryAfter != "" {
		w.Header().Set("Retry-After", ft.retryAfter)
	}
	writeError(w, r, ft.status, ft.status, fmt.Sprintf("injected failure: %d %s", ft.status, http.StatusText(ft.status)), "This failure was injected by the fake server.")
	return true
}
