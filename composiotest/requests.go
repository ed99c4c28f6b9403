package composiotest

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// RecordedRequest is one request the fake received, as sent.
type RecordedRequest struct {
	Method string
	Path   string // the escaped path, as on the wire
	Query  string // the raw query
	Header http.Header
	Body   []byte // API calls only; nil for uploads to the fake's storage
	At     time.Time
}

// maxRecorded and maxRecordedBytes (of bodies) bound the request log;
// older entries are dropped.
const (
	maxRecorded      = 10000
	maxRecordedBytes = 64 << 20
)

type requestLog struct {
	mu    sync.Mutex
	reqs  []RecordedRequest
	bytes int // of the bodies in reqs
}

// record logs r and returns the body for the handler: a fresh reader over
// the recorded bytes for API calls, the untouched stream for the fake's own
// pages (storage uploads are streamed, never held in the log).
func (l *requestLog) record(r *http.Request) io.ReadCloser {
	var body []byte
	rest := r.Body
	if strings.HasPrefix(r.URL.Path, apiPrefix+"/") {
		body, _ = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		r.Body.Close()
		rest = io.NopCloser(bytes.NewReader(body))
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.reqs) >= maxRecorded {
		l.drop(len(l.reqs) - maxRecorded/2)
	}
	n, total := 0, l.bytes+len(body)
	for n < len(l.reqs) && total > maxRecordedBytes {
		total -= len(l.reqs[n].Body)
		n++
	}
	l.drop(n)
	l.reqs = append(l.reqs, RecordedRequest{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, At: time.Now(),
	})
	l.bytes += len(body)
	return rest
}

// drop forgets the n oldest requests. The caller holds l.mu.
func (l *requestLog) drop(n int) {
	for _, r := range l.reqs[:n] {
		l.bytes -= len(r.Body)
	}
	l.reqs = append(l.reqs[:0], l.reqs[n:]...)
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
	f.log.reqs, f.log.bytes = nil, 0
	f.log.mu.Unlock()
}
