package composiotest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Fault makes the fake misbehave, as a real server, proxy or network
// would, for the API requests it matches: it answers with an error, waits,
// drops the connection, or stalls or cuts the answer's body. Add one with
// [Fake.AddFault], or over HTTP (see cmd/composio-fake).
//
// A request gets at most one fault: the first added that matches it and is
// still pending. What it does happens in this order: Latency, then Drop, or
// Status (the error envelope, with the operation not run), or the
// operation's real answer; Header, RetryAfter and RetryAfterMs are added to
// the answer sent, and StallBody or TruncateBody alter its body.
type Fault struct {
	// Method matches the request method, in any case; "" matches any.
	Method string
	// Path matches the request path: an operation's path as operations.json
	// or the SDK's doc comments write it, with or without the /api/v3.1
	// prefix. A {placeholder} matches one path segment, so
	// "/connected_accounts/{nanoid}/status" matches every account's. ""
	// matches every API path.
	Path string
	// Match, when set, must also accept the request. It may read r.Body (a
	// copy: the operation still gets the body), except for a DropBeforeBody
	// fault, which decides before the body is read and so shows Match none.
	// It is called without the fake's locks held.
	Match func(r *http.Request) bool

	// Times is how many matching requests the fault applies to; 0 means
	// every one, until For runs out or the fault is removed.
	Times int
	// For ends the fault this long after it was added, by the fake's clock
	// (WithClock); 0 means no time limit.
	For time.Duration

	// Latency delays the answer by this long; the wait ends early when the
	// client gives up.
	Latency time.Duration
	// Drop closes the connection without an answer (see the Drop values).
	// It excludes Status, StallBody and TruncateBody.
	Drop Drop
	// Status, from 400 to 599, answers with the API's error envelope instead
	// of running the operation. Code, Message and SuggestedFix fill the
	// envelope; empty ones say the failure was injected (Code defaults to
	// Status). The envelope carries the request's id.
	Status       int
	Code         int
	Message      string
	SuggestedFix string
	// RetryAfter sets the Retry-After header: delay seconds ("2") or an HTTP
	// date. RetryAfterMs sets retry-after-ms, which Composio's clients
	// prefer, for waits shorter than a second.
	RetryAfter   string
	RetryAfterMs int
	// Header adds headers to the answer, such as x-should-retry.
	Header http.Header
	// StallBody sends the answer's headers and the first half of its body,
	// then waits this long (or until the client gives up) before the rest.
	StallBody time.Duration
	// TruncateBody sends the answer's headers, announcing the whole body,
	// and the first half of it, then closes the connection: the client
	// reads an unexpected EOF.
	TruncateBody bool
}

// Drop says when a fault closes the connection.
type Drop string

const (
	// DropBeforeBody closes the connection once the request's headers are
	// in, before its body is read; the operation does not run.
	DropBeforeBody Drop = "before_body"
	// DropAfterBody reads the whole request, then closes the connection;
	// the operation does not run.
	DropAfterBody Drop = "after_body"
	// DropAnswer runs the operation, then closes the connection instead of
	// answering: the server acted, but the client never learns it.
	DropAnswer Drop = "answer"
)

// FaultState is a pending fault and what it has done so far.
type FaultState struct {
	ID string
	Fault
	// Hits is how many requests the fault has served.
	Hits int
	// Left is how many more it applies to; -1 means any number.
	Left int
	// Until is when it ends; zero means no time limit.
	Until time.Time
}

// String describes the fault in one line, for test logs.
func (s FaultState) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s", s.ID, or(s.Method, "*"), or(s.Path, "*"))
	switch {
	case s.Drop != "":
		fmt.Fprintf(&b, " drop %s", s.Drop)
	case s.Status != 0:
		fmt.Fprintf(&b, " status %d", s.Status)
	}
	if s.Latency > 0 {
		fmt.Fprintf(&b, " latency %s", s.Latency)
	}
	if s.StallBody > 0 {
		fmt.Fprintf(&b, " stall body %s", s.StallBody)
	}
	if s.TruncateBody {
		b.WriteString(" truncate body")
	}
	fmt.Fprintf(&b, ", %d hits", s.Hits)
	if s.Left >= 0 {
		fmt.Fprintf(&b, ", %d left", s.Left)
	}
	if !s.Until.IsZero() {
		fmt.Fprintf(&b, ", until %s", s.Until.Format(time.RFC3339Nano))
	}
	return b.String()
}

// AddFault adds a fault and returns its id, for [Fake.RemoveFault]. It
// panics on a fault that is not valid (naming the field), as a test that
// sets one up wrong should stop at once.
//
//	srv.AddFault(composiotest.Fault{
//		Method: "PATCH", Path: "/connected_accounts/{nanoid}/status",
//		Times: 1, Status: http.StatusServiceUnavailable, RetryAfterMs: 5,
//	})
func (f *Fake) AddFault(ft Fault) string {
	id, err := f.addFault(ft, goFieldName)
	if err != nil {
		panic("composiotest: AddFault: " + err.Error())
	}
	return id
}

// Faults lists the pending faults, oldest first: those of AddFault, FailNext
// and DropNext that have requests or time left.
func (f *Fake) Faults() []FaultState {
	now := f.now()
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	out := []FaultState{}
	for _, p := range f.faults.pending {
		if p.live(now) {
			out = append(out, p.state())
		}
	}
	return out
}

// RemoveFault removes the fault with the given id; it reports whether one
// was pending.
func (f *Fake) RemoveFault(id string) bool {
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	n := len(f.faults.pending)
	f.faults.pending = slices.DeleteFunc(f.faults.pending, func(p *pendingFault) bool { return p.id == id })
	delete(f.faults.wire, id)
	return len(f.faults.pending) < n
}

// ClearFaults removes every pending fault (FailNext's and DropNext's too)
// and the latency of SetLatency, and returns how many faults it removed.
func (f *Fake) ClearFaults() int {
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	n := len(f.faults.pending)
	f.faults.pending, f.faults.latency, f.faults.wire = nil, 0, nil
	return n
}

// A FaultOption refines a fault injected with FailNext.
type FaultOption func(*Fault)

// WithRetryAfter makes the injected failure carry a Retry-After header
// (delay seconds, "2", or an HTTP date).
func WithRetryAfter(v string) FaultOption {
	return func(f *Fault) { f.RetryAfter = v }
}

// WithFaultHeader adds a response header to the injected failure, such as
// x-should-retry.
func WithFaultHeader(name, value string) FaultOption {
	return func(f *Fault) {
		if f.Header == nil {
			f.Header = http.Header{}
		}
		f.Header.Add(name, value)
	}
}

// FailNext makes the next n API requests, whatever they are, fail with
// status and the error envelope, before they reach any handler (so nothing
// is executed). To fail only some operations, use [Fake.AddFault].
func (f *Fake) FailNext(n, status int, opts ...FaultOption) {
	if n <= 0 {
		return
	}
	ft := Fault{Times: n, Status: status}
	for _, o := range opts {
		o(&ft)
	}
	f.AddFault(ft)
}

// DropNext makes the server close the connection of the next n API requests
// without answering, as a crashed proxy would; nothing is executed. It is
// a fault with DropAfterBody.
func (f *Fake) DropNext(n int) {
	if n > 0 {
		f.AddFault(Fault{Times: n, Drop: DropAfterBody})
	}
}

// SetLatency delays every API response by d (0 removes the delay), on top
// of any fault's Latency.
func (f *Fake) SetLatency(d time.Duration) {
	f.faults.mu.Lock()
	f.faults.latency = d
	f.faults.mu.Unlock()
}

// faults holds the pending faults, in the order they were added.
type faults struct {
	mu      sync.Mutex
	pending []*pendingFault
	latency time.Duration
	serial  int                  // of fault ids
	wire    map[string]faultJSON // faults added over HTTP, as sent, by id
}

type pendingFault struct {
	id string
	Fault
	segments []string // of Path, without the API prefix; nil matches all
	hits     int
	left     int // -1: no count
	until    time.Time
}

func (p *pendingFault) live(now time.Time) bool {
	return p.left != 0 && (p.until.IsZero() || now.Before(p.until))
}

func (p *pendingFault) state() FaultState {
	s := FaultState{ID: p.id, Fault: p.Fault, Hits: p.hits, Left: p.left, Until: p.until}
	s.Header = p.Header.Clone() // the caller may change its copy
	return s
}

// goFieldName names a Fault field in errors as Go code spells it
// (jsonFieldName as the admin API's JSON does).
func goFieldName(name string) string { return "Fault." + name }

func (f *Fake) addFault(ft Fault, field func(string) string) (string, error) {
	segs, err := checkFault(&ft, field)
	if err != nil {
		return "", err
	}
	p := &pendingFault{Fault: ft, segments: segs, left: -1}
	if ft.Times > 0 {
		p.left = ft.Times
	}
	if ft.For > 0 {
		p.until = f.now().Add(ft.For)
	}
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	f.faults.serial++
	p.id = "flt_" + strconv.Itoa(f.faults.serial)
	f.faults.pending = append(f.faults.pending, p)
	return p.id, nil
}

// checkFault checks ft, normalizes its method and header, and returns the
// segments of its path pattern.
func checkFault(ft *Fault, field func(string) string) ([]string, error) {
	bad := func(name, msg string) error { return fmt.Errorf("%s %s", field(name), msg) }
	for name, d := range map[string]time.Duration{"Latency": ft.Latency, "For": ft.For, "StallBody": ft.StallBody} {
		if d < 0 {
			return nil, bad(name, "must not be negative")
		}
	}
	switch {
	case ft.Times < 0:
		return nil, bad("Times", "must not be negative")
	case ft.RetryAfterMs < 0:
		return nil, bad("RetryAfterMs", "must not be negative")
	case ft.Status != 0 && (ft.Status < 400 || ft.Status > 599):
		return nil, bad("Status", fmt.Sprintf("must be from 400 to 599, got %d", ft.Status))
	case ft.Drop != "" && ft.Drop != DropBeforeBody && ft.Drop != DropAfterBody && ft.Drop != DropAnswer:
		return nil, bad("Drop", fmt.Sprintf("must be %q, %q or %q, got %q", DropBeforeBody, DropAfterBody, DropAnswer, ft.Drop))
	case ft.Drop != "" && (ft.Status != 0 || ft.StallBody > 0 || ft.TruncateBody):
		return nil, bad("Drop", "excludes "+field("Status")+", "+field("StallBody")+" and "+field("TruncateBody")+": a dropped connection has no answer")
	case ft.StallBody > 0 && ft.TruncateBody:
		return nil, bad("StallBody", "excludes "+field("TruncateBody"))
	case ft.Drop == "" && ft.Status == 0 && ft.Latency == 0 && ft.StallBody == 0 && !ft.TruncateBody &&
		ft.RetryAfter == "" && ft.RetryAfterMs == 0 && len(ft.Header) == 0:
		return nil, bad("Status", "is not set, nor any other effect ("+field("Drop")+", "+field("Latency")+", "+field("StallBody")+", "+field("TruncateBody")+", a header): the fault would do nothing")
	}
	for _, c := range ft.Method {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') {
			return nil, bad("Method", fmt.Sprintf("must be an HTTP method such as GET, got %q", ft.Method))
		}
	}
	ft.Method = strings.ToUpper(ft.Method)
	for name, vs := range ft.Header {
		for _, v := range vs {
			if strings.ContainsAny(name, "\r\n: ") || name == "" || strings.ContainsAny(v, "\r\n") {
				return nil, bad("Header", fmt.Sprintf("holds an invalid header %q: %q", name, v))
			}
		}
	}
	ft.Header = ft.Header.Clone()
	segs, err := pathPattern(ft.Path)
	if err != nil {
		return nil, bad("Path", err.Error())
	}
	return segs, nil
}

// pathPattern splits an operation path pattern ("/toolkits/{slug}", with or
// without the API prefix) into segments for matchesPath; "" gives nil,
// which matches every API path.
func pathPattern(pattern string) ([]string, error) {
	if pattern == "" {
		return nil, nil
	}
	path := strings.TrimPrefix(pattern, apiPrefix)
	if !strings.HasPrefix(path, "/") {
		return nil, fmt.Errorf("must start with / (an operation's path, such as /tools/execute/{tool_slug}), got %q", pattern)
	}
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for _, s := range segs {
		if strings.ContainsAny(s, "{}") && (!strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") || strings.Count(s, "{") != 1 || len(s) < 3) {
			return nil, fmt.Errorf("has a malformed placeholder %q: a {name} must be a whole segment", s)
		}
	}
	return segs, nil
}

// matchesPath reports whether the escaped API path (under apiPrefix)
// matches the pattern segments.
func matchesPath(segs []string, escaped string) bool {
	if segs == nil {
		return true
	}
	rest, ok := strings.CutPrefix(escaped, apiPrefix+"/")
	if !ok {
		return false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != len(segs) {
		return false
	}
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			if parts[i] == "" {
				return false
			}
		} else if parts[i] != s {
			return false
		}
	}
	return true
}

// claim finds the first pending fault that matches r and takes one use of
// it. beforeBody picks DropBeforeBody faults, which are tried before the
// body is read (their Match sees no body), and skips them otherwise; body is
// the request's body for the other faults' Match.
func (fs *faults) claim(r *http.Request, body []byte, beforeBody bool, now time.Time) *Fault {
	fs.mu.Lock()
	var candidates []*pendingFault
	for _, p := range fs.pending {
		if p.live(now) && (p.Drop == DropBeforeBody) == beforeBody &&
			(p.Method == "" || p.Method == r.Method) && matchesPath(p.segments, r.URL.EscapedPath()) {
			candidates = append(candidates, p)
		}
	}
	fs.mu.Unlock()
	for _, p := range candidates {
		if p.Match != nil {
			probe := r.Clone(r.Context())
			probe.Body = http.NoBody
			if !beforeBody {
				probe.Body = io.NopCloser(bytes.NewReader(body))
			}
			if !p.Match(probe) {
				continue
			}
		}
		fs.mu.Lock()
		ok := p.live(now) && slices.Contains(fs.pending, p)
		if ok {
			p.hits++
			if p.left > 0 {
				p.left--
			}
			if p.left == 0 {
				fs.pending = slices.DeleteFunc(fs.pending, func(x *pendingFault) bool { return x == p })
				delete(fs.wire, p.id)
			}
		}
		fs.mu.Unlock()
		if ok {
			ft := p.Fault
			return &ft
		}
	}
	return nil
}

// dropBeforeBody serves a DropBeforeBody fault matching r, if any; it
// reports whether it did.
func (f *Fake) dropBeforeBody(w http.ResponseWriter, r *http.Request) bool {
	ft := f.faults.claim(r, nil, true, f.now())
	if ft == nil {
		return false
	}
	f.log.add(r, nil)
	if !wait(r, f.faults.currentLatency()+ft.Latency) {
		return true
	}
	dropConnection(w)
	return true
}

func (fs *faults) currentLatency() time.Duration {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.latency
}

// applyFault waits the latency and serves the fault matching r, if any; it
// reports whether the request was answered (or dropped). body is what the
// request log read of the request's body.
func (f *Fake) applyFault(w http.ResponseWriter, r *http.Request, body []byte) bool {
	ft := f.faults.claim(r, body, false, f.now())
	latency := f.faults.currentLatency()
	if ft != nil {
		latency += ft.Latency
	}
	if !wait(r, latency) {
		return true
	}
	if ft == nil {
		return false
	}
	switch {
	case ft.Drop == DropAfterBody:
		dropConnection(w)
	case ft.Drop == DropAnswer:
		f.mux.ServeHTTP(httptest.NewRecorder(), r) // the operation runs; its answer is lost
		dropConnection(w)
	case ft.Status == 0 && !ft.TruncateBody && ft.StallBody == 0 && ft.RetryAfter == "" && ft.RetryAfterMs == 0 && len(ft.Header) == 0:
		return false // latency only: the operation answers
	default:
		answer := httptest.NewRecorder()
		if ft.Status != 0 {
			WriteError(answer, r, ft.Status, APIError{
				Code: or0(ft.Code, ft.Status), Message: or(ft.Message, fmt.Sprintf("injected failure: %d %s", ft.Status, http.StatusText(ft.Status))),
				SuggestedFix: or(ft.SuggestedFix, "This failure was injected by the fake server."),
			})
		} else {
			f.mux.ServeHTTP(answer, r)
		}
		deliver(w, r, answer, ft)
	}
	return true
}

func or0(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// wait sleeps d, or until the request ends; it reports whether d passed.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// deliver sends a recorded answer with ft's headers and body fault.
func deliver(w http.ResponseWriter, r *http.Request, answer *httptest.ResponseRecorder, ft *Fault) {
	h := w.Header()
	for k, v := range answer.Header() {
		h[k] = v
	}
	for k, v := range ft.Header {
		h[k] = append(h[k], v...)
	}
	if ft.RetryAfter != "" {
		h.Set("Retry-After", ft.RetryAfter)
	}
	if ft.RetryAfterMs > 0 {
		h.Set("Retry-After-Ms", strconv.Itoa(ft.RetryAfterMs))
	}
	body := answer.Body.Bytes()
	if !ft.TruncateBody && ft.StallBody == 0 {
		w.WriteHeader(answer.Code)
		_, _ = w.Write(body)
		return
	}
	// Announce the whole body (at least one byte, so that a cut shows),
	// send half of it, then stall or cut.
	h.Set("Content-Length", strconv.Itoa(max(len(body), 1)))
	w.WriteHeader(answer.Code)
	half := len(body) / 2
	_, _ = w.Write(body[:half])
	_ = http.NewResponseController(w).Flush()
	if ft.TruncateBody || !wait(r, ft.StallBody) {
		dropConnection(w)
		return
	}
	_, _ = w.Write(body[half:])
}

// dropConnection closes the request's connection without (more of) an
// answer: what was written is flushed first.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // HTTP/2, or a writer that cannot hijack: abort the stream
}
