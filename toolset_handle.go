package composio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

// ToolResult is the outcome of one tool call, ready to send back to the
// model: Content is what the model reads, CallID pairs it with the call.
type ToolResult struct {
	// CallID is the [ToolCall].ID the result answers.
	CallID string
	// Name is the function name the model called.
	Name string
	// ToolSlug is the tool that ran, or would have; empty when the name
	// matches no tool of the set.
	ToolSlug string
	// Content is the text the model reads as the tool's result, a JSON
	// document.
	Content string
	// IsError reports a failure the model can act on: an unknown tool,
	// arguments that are not a JSON object or that the schema rejects, a
	// tool that ran and failed, or an answer about the user's situation (no
	// connected account, an expired connection, a resource not found).
	// Providers mark such results as failures in their vendor's way.
	IsError bool
	// Err is the cause when IsError is set; else, when the call hit a fault
	// of the program, that fault (the call may or may not have run), or
	// [ErrToolNotRun] when Handle stopped before starting the call.
	Err error
	// Execution is Composio's answer when the tool ran there, as it came
	// (before AfterExecute modifiers and file downloads, which change only
	// Content); nil for local tools and calls that did not run.
	Execution *ToolExecution
}

// ErrToolNotRun marks the result of a call that [ToolSet.Handle] did not
// run because it stopped on a fault of the program (a context that ended,
// a refused key, the API unreachable).
var ErrToolNotRun = errors.New("composio: the tool call did not run")

// DefaultConcurrency is how many calls [ToolSet.Handle] runs at once
// unless [WithConcurrency] says otherwise.
const DefaultConcurrency = 8

// Handle runs every tool call of a model turn and returns one result per
// call, in the order of calls, each paired with its call by ID (results[i]
// answers calls[i]). Calls run concurrently, at most [DefaultConcurrency]
// (or [WithConcurrency]) at a time, and start in the order given. Each
// call runs at most once: a tool execution is never retried once the
// server may have acted on it.
//
// What is the model's to fix comes back as a result with IsError set and
// Content saying what went wrong, for the model to read and act on:
//   - a function name that is no tool of the set;
//   - arguments that are not a JSON object (after normalisation: empty
//     text, whitespace and null read as {}, a JSON string holding an
//     object as the object; nulls at optional properties that refuse null
//     are dropped, as strict-mode models send them);
//   - arguments the schema rejects, when [WithArgumentValidation] is on;
//   - a tool that ran and failed (successful: false), a local tool that
//     returned an error or panicked, a modifier that refused the call;
//   - an API answer about the user's situation or the call's content: any
//     4xx other than 401, 403, 408 and 429 (no connected account, an
//     expired or disabled connection, a resource the model named that does
//     not exist, an argument the API refused);
//   - a file argument outside the allowed directories (see
//     [WithFileUploads]).
//
// What is the program's to fix makes Handle return an error: the context
// ended; the API refused the key (401 or 403 from the execute endpoint,
// which answers those about the credential); the API could not be reached
// or failed (no answer after the transport's retries, 408, 429, 5xx); the
// client itself is misconfigured (no key, an unpinned toolkit version); a
// local tool returned such an answer of a Composio request of its own.
// The error is the first such fault in call order. Handle then starts no
// further calls, lets those in flight finish, and still returns every
// result: calls that finished keep their results, the one that hit the
// fault carries it in Err (it may or may not have run), and calls never
// started carry [ErrToolNotRun]. Every result has a Content, so a caller
// may still answer the model.
//
// Two calls with the same non-empty ID are one call delivered twice: only
// the first runs, and the second gets a copy of its result when name and
// arguments match, else a failed result. Empty IDs (some providers have
// none) are never matched.
func (set *ToolSet) Handle(ctx context.Context, calls []ToolCall) ([]ToolResult, error) {
	results := make([]ToolResult, len(calls))
	if len(calls) == 0 {
		return results, nil
	}
	h := batch{set: set, ctx: ctx, calls: calls, results: results, faultAt: -1}
	h.findDuplicates()
	workers := set.concurrency
	if workers <= 0 {
		workers = DefaultConcurrency
	}
	if workers = min(workers, len(calls)); workers == 1 {
		h.work()
	} else {
		var wg sync.WaitGroup
		wg.Add(workers)
		for range workers {
			go func() {
				defer wg.Done()
				h.work()
			}()
		}
		wg.Wait()
	}
	h.answerDuplicates()
	return results, h.fault
}

// batch is one Handle call in progress.
type batch struct {
	set     *ToolSet
	ctx     context.Context
	calls   []ToolCall
	results []ToolResult
	dupOf   []int // index of the earlier call with the same ID, or -1; nil if none
	next    atomic.Int64
	stopped atomic.Bool

	mu      sync.Mutex
	fault   error
	faultAt int
}

// findDuplicates notes each call whose ID an earlier call already used.
func (h *batch) findDuplicates() {
	if len(h.calls) < 2 {
		return
	}
	var seen map[string]int
	for i, c := range h.calls {
		if c.ID == "" {
			continue
		}
		if seen == nil {
			seen = make(map[string]int, len(h.calls))
		}
		if first, dup := seen[c.ID]; dup {
			if h.dupOf == nil {
				h.dupOf = make([]int, len(h.calls))
				for j := range h.dupOf {
					h.dupOf[j] = -1
				}
			}
			h.dupOf[i] = first
			continue
		}
		seen[c.ID] = i
	}
}

func (h *batch) isDuplicate(i int) bool { return h.dupOf != nil && h.dupOf[i] >= 0 }

// answerDuplicates fills the results of repeated calls from the first.
func (h *batch) answerDuplicates() {
	for i, first := range h.dupOf {
		if first < 0 {
			continue
		}
		c, f := h.calls[i], h.calls[first]
		if c.Name == f.Name && c.Arguments == f.Arguments {
			h.results[i] = h.results[first]
			continue
		}
		r := &h.results[i]
		r.CallID, r.Name = c.ID, c.Name
		r.ToolSlug = h.set.slugOf(c.Name)
		err := fmt.Errorf("composio: call id %q was already used by an earlier call of this turn; this call did not run", c.ID)
		r.IsError, r.Err, r.Content = true, err, errorContent(err)
	}
}

// work runs calls, taking the next one in order, until none is left.
func (h *batch) work() {
	for {
		i := int(h.next.Add(1) - 1)
		if i >= len(h.calls) {
			return
		}
		if h.isDuplicate(i) {
			continue
		}
		r := &h.results[i]
		r.CallID, r.Name = h.calls[i].ID, h.calls[i].Name
		if h.stopped.Load() {
			h.notRun(r)
			continue
		}
		if err := h.ctx.Err(); err != nil {
			h.notRun(r)
			h.stop(i, err)
			continue
		}
		if err := h.set.run(h.ctx, h.calls[i], r); err != nil {
			h.stop(i, err)
		}
	}
}

// notRun marks a call Handle did not start.
func (h *batch) notRun(r *ToolResult) {
	r.ToolSlug = h.set.slugOf(r.Name)
	r.Err, r.Content = ErrToolNotRun, errorContent(ErrToolNotRun)
}

// stop records a fault of the program at call i; the first in call order
// is the one Handle returns.
func (h *batch) stop(i int, err error) {
	h.stopped.Store(true)
	h.mu.Lock()
	if h.faultAt < 0 || i < h.faultAt {
		h.fault, h.faultAt = err, i
	}
	h.mu.Unlock()
}

// slugOf is the tool slug a function name maps to, or "".
func (set *ToolSet) slugOf(name string) string {
	if i, ok := set.byName[name]; ok {
		return set.entries[i].def.ToolSlug
	}
	return ""
}

// run handles one call, filling r; it returns a fault of the program, if
// the call hit one. A panic (in a modifier or a local tool) becomes a
// failed result.
func (set *ToolSet) run(ctx context.Context, call ToolCall, r *ToolResult) (fault error) {
	defer func() {
		if p := recover(); p != nil {
			fault = modelFailure(r, fmt.Errorf("composio: %s panicked: %v", call.Name, p))
		}
	}()
	idx, ok := set.byName[call.Name]
	if !ok {
		return modelFailure(r, fmt.Errorf("composio: no tool named %q in this tool set; call one of the tools you were given", call.Name))
	}
	e := set.entries[idx]
	r.ToolSlug = e.def.ToolSlug
	args, err := parseArguments(call.Arguments)
	if err != nil {
		return modelFailure(r, invalidParam("arguments of "+call.Name, err.Error()))
	}
	// A strict schema wants every property, nulls included; any other
	// is checked without the nulls a strict model adds.
	if set.validate && e.def.IsStrict {
		if err := e.validate(args); err != nil {
			return modelFailure(r, invalidParam("arguments of "+call.Name, err.Error()))
		}
	}
	e.nulls.apply(args)
	if set.validate && !e.def.IsStrict {
		if err := e.validate(args); err != nil {
			return modelFailure(r, invalidParam("arguments of "+call.Name, err.Error()))
		}
	}
	req := ToolRequest{CallID: call.ID, Name: call.Name, ToolSlug: e.def.ToolSlug, ToolkitSlug: e.toolkit, Arguments: args,
		Params: ToolExecuteParams{UserID: set.userID, Version: e.def.Version}}
	if e.local != nil || len(e.before) > 0 || len(e.after) > 0 {
		ctx = context.WithValue(ctx, callInfoKey{}, &CallInfo{Client: set.client, UserID: set.userID, CallID: call.ID, Name: call.Name, ToolSlug: e.def.ToolSlug})
	}
	for _, fn := range e.before {
		next, err := fn(ctx, req)
		if err != nil {
			return refused(ctx, r, err)
		}
		next.CallID, next.Name, next.ToolSlug, next.ToolkitSlug = req.CallID, req.Name, req.ToolSlug, req.ToolkitSlug
		req = next
	}
	if req.Arguments == nil {
		req.Arguments = map[string]any{}
	}
	var exec *ToolExecution
	var localErr error
	if e.local != nil {
		out, err := e.local.run(ctx, req.Arguments)
		switch {
		case err != nil:
			return programFailure(r, err)
		case out.inputErr != nil:
			return modelFailure(r, invalidParam("arguments of "+call.Name, out.inputErr.Error()))
		case out.toolErr != nil && (ctx.Err() != nil || composioProgramFault(out.toolErr)):
			return programFailure(r, fmt.Errorf("composio: local tool %s: %w", e.def.ToolSlug, out.toolErr))
		case out.toolErr != nil:
			localErr = out.toolErr
			exec = &ToolExecution{Data: json.RawMessage("null"), Error: out.toolErr.Error(), Tool: e.def.ToolSlug}
		default:
			exec = &ToolExecution{Data: out.data, Successful: true, Tool: e.def.ToolSlug}
		}
	} else {
		if e.uploadRule != nil {
			if err := set.uploadFiles(ctx, e, req.Arguments); err != nil {
				if errors.As(err, new(errModelPath)) {
					return modelFailure(r, err)
				}
				return apiFailure(r, err)
			}
		}
		params := req.Params
		params.Arguments, params.Text = req.Arguments, ""
		var err error
		if exec, err = set.client.Tools.execute(ctx, e.def.ToolSlug, params, nil); err != nil {
			return apiFailure(r, err)
		}
		r.Execution = exec
		if set.downloads != nil && exec.Successful {
			data, err := set.downloadFiles(ctx, e, exec.Data)
			if err != nil {
				return programFailure(r, err)
			}
			if data != nil {
				withFiles := *exec
				withFiles.Data = data
				exec = &withFiles
			}
		}
	}
	if len(e.after) > 0 {
		out := *exec
		for _, fn := range e.after {
			if out, err = fn(ctx, req, out); err != nil {
				return refused(ctx, r, err)
			}
		}
		exec = &out
	}
	succeeded(r, exec)
	if r.IsError && localErr != nil {
		r.Err = fmt.Errorf("composio: local tool %s failed: %w", e.def.ToolSlug, localErr)
	}
	return nil
}

// refused fills r with a modifier's error: the model's to read, unless the
// context ended.
func refused(ctx context.Context, r *ToolResult, err error) error {
	if ctx.Err() != nil {
		return programFailure(r, err)
	}
	return modelFailure(r, err)
}

// succeeded fills r from the execution the model reads.
func succeeded(r *ToolResult, exec *ToolExecution) {
	r.Content = exec.ModelOutput()
	if r.IsError = !exec.Successful; r.IsError {
		r.Err = exec.Err()
	}
}

// modelFailure fills r with a failure the model reads and can fix.
func modelFailure(r *ToolResult, err error) error {
	r.IsError, r.Err, r.Content = true, err, errorContent(err)
	return nil
}

// programFailure fills r with a fault of the program and returns it.
func programFailure(r *ToolResult, err error) error {
	r.IsError, r.Err, r.Content = false, err, errorContent(err)
	return err
}

// apiFailure sorts an error of a Composio request into the model's or the
// program's (see [ToolSet.Handle]).
func apiFailure(r *ToolResult, err error) error {
	if isProgramFault(err) {
		return programFailure(r, err)
	}
	return modelFailure(r, err)
}

// composioProgramFault reports whether err, a local tool's, holds the
// answer of a Composio request that is the program's to fix (see
// isProgramFault): the tool called Composio itself and met a refused key
// or a failing API.
func composioProgramFault(err error) bool {
	var e *Error
	return errors.As(err, &e) && isProgramFault(e)
}

// isProgramFault reports whether err, from a Composio request, is the
// program's to fix: anything but a 4xx about the call (not 401, 403, 408
// or 429).
func isProgramFault(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return true // no answer: context, transport, client configuration
	}
	switch e.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusRequestTimeout, http.StatusTooManyRequests:
		return true
	}
	return e.StatusCode < 400 || e.StatusCode >= 500
}

// errorContent renders err as the JSON a model reads.
func errorContent(err error) string {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{err.Error()})
	return string(b)
}
