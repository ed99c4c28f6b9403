package openaiprovider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	composio "github.com/ComposioHQ/composio-go"
)

// DefaultMaxTurns is how many model requests [RunChat] and [RunResponses]
// make at most when [WithMaxTurns] is not given.
const DefaultMaxTurns = 10

// ErrMaxTurns is returned by [RunChat] and [RunResponses] when the model
// still called tools on the last turn allowed. The conversation they return
// is complete (every call answered), so it can be resumed.
var ErrMaxTurns = errors.New("openaiprovider: the model was still calling tools after the last turn allowed")

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

// WithMaxTurns bounds the model requests of [RunChat] and [RunResponses] to
// n (default [DefaultMaxTurns]); n < 1 means 1.
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

// schemaMap decodes a definition's parameters into the SDK's map form, with
// Go's usual JSON types. A number that float64 cannot hold exactly stays its
// JSON text (a json.RawMessage), so the schema sent is the schema defined.
// A ToolSet's definitions always hold an object schema; anything else
// becomes the schema of no arguments.
func schemaMap(raw json.RawMessage) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return map[string]any{"type": "object", "properties": map[string]any{}}
	}
	return exactNumbers(m).(map[string]any)
}

// exactNumbers replaces the json.Numbers under v (which the SDK would send
// as strings) by float64s, or by their text when a float64 would change
// them.
func exactNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = exactNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = exactNumbers(e)
		}
	case json.Number:
		if f, err := v.Float64(); err == nil {
			if b, err := json.Marshal(f); err == nil && string(b) == v.String() {
				return f
			}
		}
		return json.RawMessage(v)
	}
	return v
}

// call is one tool call of a model answer, in the neutral form, with what
// is needed to answer it in the vendor's shape.
type call struct {
	composio.ToolCall
	// custom is set for a call of a non-function (custom) tool: it is not
	// run, and is answered with an error the model can read.
	custom bool
}

// errNilSet is the error for a nil tool set.
var errNilSet = fmt.Errorf("%w: set: must not be nil", composio.ErrInvalidParams)

// handle runs the function calls through set.Handle (in one batch, so they
// run concurrently as the set allows) and answers custom-tool calls with an
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
		if c.custom {
			out[i] = errorContent(fmt.Errorf("openaiprovider: %q is not a function tool; this tool set has function tools only", c.Name))
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
