package composiotest

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"time"
)

// RecordedRequest is one request the fake received, as sent.
type RecordedRequest struct {
	Method string
	Path   string // the escaped path, as on the wire
	Query  string // the raw query
	Header http.Header
	Body   []byte
	At     time.Time
}

// maxRecorded bounds the request log; older entries are dropped.
const maxRecorded = 10000

type requestLog struct {
	mu   sync.Mutex
	reqs []RecordedRequest
}

// record logs r and returns a fresh reader over its body for the handler.
func (l *requestLog) record(r *http.Request) io.ReadCloser {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	r.Body.Close()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.reqs) >= maxRecorded {
		l.reqs = append(l.reqs[:0], l.reqs[len(l.reqs)-maxRecorded/2:]...)
	}
	l.reqs = append(l.reqs, RecordedRequest{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, At: time.Now(),
	})
	return io.NopCloser(bytes.NewReader(body))
}

// Requests returns a copy of every request received so far, oldest first.
func (f *Fake) Requests() []RecordedRequest {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	return append([]RecordedRequest(nil), f.log.reqs...)
}

// LastRequest returns the most recent request, or false if none came.
func (f *Fake) LastRequest() (RecordedRequest, bool) {
	f.log.mu.Lock()
	defer f.log.mu.Unlock()
	if len(f.log.reqs) == 0 {
		return RecordedRequest{}, false
	}
	return f.log.reqs[len(f.log.reqs)-1], true
}

// ResetRequests empties the request log.
func (f *Fake) ResetRequests() {
	f.log.mu.Lock()
	f.log.reqs = nil
	f.log.mu.Unlock()
}
