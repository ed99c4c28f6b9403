package goopenaiprovider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	composio "github.com/ComposioHQ/composio-go"
)

// DefaultMaxTurns is how many model requests [RunChat] makes at most when
// [WithMaxTurns] is not given.
const DefaultMaxTurns = 10

// ErrMaxTurns is returned by [RunChat] when the model still called tools on
// the last turn allowed. The conversation it returns is complete (every
// call answered), so it can be resumed.
var ErrMaxTurns = errors.New("goopenaiprovider: the model was still calling tools after the last turn allowed")

// An Option changes how tools are given to the model ([WithStrict]) or how
// long a run lasts ([WithMaxTurns]).
type Option func(*config)

type config struct {
	strict   bool
	maxTurns int
}

func newConfig(opts []Option) config {
	c := config{maxTurns: DefaultMaxTurns}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// WithStrict gives the model the tools in OpenAI's strict mode: each schema
// in its strict form (see [composio.FunctionDefinition.Strict]) with the
// tool's strict flag set, so the model's arguments always match the schema.
// Optional properties become nullable and the model sends null for those
// it leaves out; [composio.ToolSet.Handle] drops those nulls. A tool whose
// schema has no strict form (a free-form object, say) is given in normal
// mode, strict flag unset, alongside the others.
func WithStrict() Option { return func(c *config) { c.strict = true } }

// WithMaxTurns bounds the model requests of [RunChat] to n (default
// [DefaultMaxTurns]); n < 1 means 1.
func WithMaxTurns(n int) Option {
	return func(c *config) { c.maxTurns = max(n, 1) }
}

// definitions returns the function definitions of set as the model gets
// them.
func (c config) definitions(set *composio.ToolSet) composio.FunctionDefinitions {
	defs := set.Definitions()
	if c.strict {
		defs = defs.Strict()
	}
	return defs
}

// call is one tool call of a model answer, in the neutral form.
type call struct {
	composio.ToolCall
	// kind is the type of a call that is not a function call ("custom"):
	// it is not run, and is answered with an error the model can read.
	kind string
}

// errNilSet is the error for a nil tool set.
var errNilSet = fmt.Errorf("%w: set: must not be nil", composio.ErrInvalidParams)

// handle runs the function calls through set.Handle (in one batch, so they
// run concurrently as the set allows) and answers the other calls with an
// error. It returns the text the model reads for each call, in order, and
// Handle's error: even then every call has an answer (those not run say
// so), so the conversation stays well formed.
//
// Failures are answered the way the OpenAI APIs allow, which have no error
// flag on tool results: a JSON document with an "error" member (see
// [composio.ToolResult.Content]).
func handle(ctx context.Context, set *composio.ToolSet, calls []call) ([]string, error) {
	if set == nil {
		return nil, errNilSet
	}
	out := make([]string, len(calls))
	var run []composio.ToolCall
	var at []int
	for i, c := range calls {
		if c.kind != "" {
			what := "this call is of a " + c.kind + " tool"
			if c.Name != "" {
				what = fmt.Sprintf("%q is a %s tool", c.Name, c.kind)
			}
			out[i] = errorContent(fmt.Errorf("goopenaiprovider: %s, not a function; this tool set has function tools only", what))
			continue
		}
		run = append(run, c.ToolCall)
		at = append(at, i)
	}
	if len(run) == 0 {
		return out, nil
	}
	results, err := set.Handle(ctx, run) // every result has a Content, run or not
	for j, r := range results {
		out[at[j]] = r.Content
	}
	return out, err
}

// errorContent renders err as the JSON document a model reads as a failed
// tool's result, the same shape as [composio.ToolResult.Content] for
// failures.
func errorContent(err error) string {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{err.Error()})
	return string(b)
}
