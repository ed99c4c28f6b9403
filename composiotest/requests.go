package composiotest

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// RecordedRequest is one request the fake received, as sent, within the
// log's bounds: the query is kept up to 8 KiB, each header value up to
// 4 KiB and all headers (names and values) up to 32 KiB, longer ones cut
// (headers beyond the total are dropped, in name order); bodies are kept
// whole (an API body over 10 MiB is refused anyway). Truncated reports a
// cut. The log keeps the latest 10,000 requests and at most 64 MiB of
// bodies, headers and queries, dropping the oldest first.
type RecordedRequest struct {
	Method string
	Path   string // the escaped path, as on the wire
	Query  string // the raw query
	Header http.Header
	Body   []byte // API calls only; nil for uploads to the fake's storage
	At     time.Time
	// Truncated is true when the query or a header was cut to the log's
	// bounds.
	Truncated bool
}

// The bounds of the request log; older entries are dropped.
const (
	maxRecorded      = 10000    // entries
	maxRecordedBytes = 64 << 20 // bodies, headers and queries of all entries

	maxRecordedQuery       = 8 << 10  // of one entry's query
	maxRecordedHeaderValue = 4 << 10  // of one header value
	maxRecordedHeaders     = 32 << 10 // of one entry's header names and values
)

type requestLog struct {
	mu    sync.Mutex
	reqs  []RecordedRequest
	bytes int // kept by reqs (see size)
}

// size is what an entry counts against maxRecordedBytes.
func (r *RecordedRequest) size() int {
	n := len(r.Body) + len(r.Query)
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(v)
		}
	}
	return n
}

// boundedHeader copies h within the log's bounds, reporting whether
// anything was cut.
func boundedHeader(h http.Header) (http.Header, bool) {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make(http.Header, len(h))
	budget, cut := maxRecordedHeaders, false
	for _, name := range names {
		for _, v := range h[name] {
			if len(v) > maxRecordedHeaderValue {
				// A copy: a slice would keep the whole value alive.
				v, cut = strings.Clone(v[:maxRecordedHeaderValue]), true
			}
			if len(name)+len(v) > budget {
				return out, true
			}
			budget -= len(name) + len(v)
			out[name] = append(out[name], v)
		}
	}
	return out, cut
}

// record logs r and returns the body it read and the body for the handler:
// a fresh reader over the recorded bytes for API calls, the untouched
// stream for the fake's own pages (storage uploads are streamed, never held
// in the log). The fake's admin endpoints are not logged.
func (l *requestLog) record(r *http.Request) ([]byte, io.ReadCloser) {
	var body []byte
	rest := r.Body
	if strings.HasPrefix(r.URL.Path, apiPrefix+"/") {
		body, _ = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		r.Body.Close()
		rest = io.NopCloser(bytes.NewReader(body))
	}
	if !adminPath(r.URL.Path) {
		l.add(r, body)
	}
	return body, rest
}

// add logs r with body.
func (l *requestLog) add(r *http.Request, body []byte) {
	entry := RecordedRequest{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Body: body, At: time.Now()}
	if len(entry.Query) > maxRecordedQuery {
		entry.Query, entry.Truncated = strings.Clone(entry.Query[:maxRecordedQuery]), true
	}
	var cut bool
	entry.Header, cut = boundedHeader(r.Header)
	entry.Truncated = entry.Truncated || cut
	size := entry.size()

	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.reqs) >= maxRecorded {
		l.drop(len(l.reqs) - maxRecorded/2)
	}
	n, total := 0, l.bytes+size
	for n < len(l.reqs) && total > maxRecordedBytes {
		total -= l.reqs[n].size()
		n++
	}
	l.drop(n)
	l.reqs = append(l.reqs, entry)
	l.bytes += size
}

// drop forgets the n oldest requests. The caller holds l.mu.
func (l *requestLog) drop(n int) {
	for i := range l.reqs[:n] {
		l.bytes -= l.reqs[i].size()
	}
	l.reqs = slices.Delete(l.reqs, 0, n) // clears the freed slots
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
