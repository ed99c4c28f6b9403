package composio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
)

// LocalToolPrefix starts the slug of every local tool, so that none can
// collide with a Composio tool (as in Composio's official SDKs).
const LocalToolPrefix = "LOCAL_"

// localTool is a Go function registered as a tool.
type localTool struct {
	name string // as registered
	def  FunctionDefinition
	// call decodes the arguments into the function's input, runs it and
	// encodes its output.
	call func(ctx context.Context, args map[string]any) localOutcome
}

// localOutcome is how a local tool's call ended.
type localOutcome struct {
	data     json.RawMessage // the output's JSON, when it succeeded
	toolErr  error           // the function's error, or its panic
	inputErr error           // the arguments do not fit the input type
}

// LocalTool returns an option adding fn to the set as a tool that runs in
// this process and is never sent to Composio. It mixes freely with
// Composio tools: the model sees one more function, [ToolSet.Handle] runs
// its calls with the others, concurrently, through the same modifiers.
//
// The tool's slug, which is also the function name, is [LocalToolPrefix]
// and name in upper case ("lookup_order" becomes LOCAL_LOOKUP_ORDER; a
// name already starting with LOCAL_ keeps it); it must be letters, digits,
// _ and -, 64 characters in all.
//
// The input schema is generated from In by github.com/google/jsonschema-go:
// In is a struct (or a map with string keys); each exported field is a
// property named by its json tag, described by its `jsonschema:"..."`
// tag, and required unless tagged omitempty or omitzero. Arguments the
// model sends are decoded into In strictly: a property In does not have
// is refused, for the model to fix.
//
// fn gets a context carrying the call ([CallInfoFromContext]: the set's
// user id and client, to call Composio itself) and ending with Handle's.
// Its output is sent to the model as JSON ({"data": ...}). An error it
// returns, a panic, or an output that does not marshal becomes a failed
// result the model reads, not a crash; except an error holding a
// [*Error] of a Composio request that is the program's to fix (401, 403,
// 408, 429 or 5xx: see [ToolSet.Handle]), which Handle returns, as it
// would for a Composio tool. If fn is still running when the
// context ends, Handle returns without waiting for it (the context's end
// is the program's fault); fn's goroutine runs on until fn returns, and its
// result is dropped, so a tool should honour its context.
func LocalTool[In, Out any](name, description string, fn func(ctx context.Context, in In) (Out, error)) ToolSetOption {
	t, err := newLocalTool(name, description, fn)
	return toolSetOption(func(s *ToolSet) error {
		if err != nil {
			return err
		}
		s.locals = append(s.locals[:len(s.locals):len(s.locals)], t)
		return nil
	})
}

func newLocalTool[In, Out any](name, description string, fn func(ctx context.Context, in In) (Out, error)) (*localTool, error) {
	if fn == nil {
		return nil, invalidParam("LocalTool", "the function must not be nil")
	}
	base := strings.TrimSpace(name)
	if len(base) >= len(LocalToolPrefix) && strings.EqualFold(base[:len(LocalToolPrefix)], LocalToolPrefix) {
		base = base[len(LocalToolPrefix):]
	}
	slug := LocalToolPrefix + strings.ToUpper(base)
	if base == "" || !validFunctionName(slug) {
		return nil, invalidParam("LocalTool", fmt.Sprintf("name %q must be letters, digits, _ or -, at most %d characters with the %s prefix",
			name, maxFunctionName, LocalToolPrefix))
	}
	if strings.TrimSpace(description) == "" {
		return nil, invalidParam("LocalTool", "the description of "+slug+" must not be empty: it tells the model what the tool does")
	}
	schema, err := jsonschema.For[In](nil)
	if err != nil {
		return nil, invalidParam("LocalTool", fmt.Sprintf("no input schema for %s: %v", slug, err))
	}
	if len(schema.Types) == 2 && schema.Types[0] == "null" && schema.Types[1] == "object" {
		schema.Type, schema.Types = "object", nil // In is a pointer: the arguments are still an object
	}
	if schema.Type != "object" {
		return nil, invalidParam("LocalTool", fmt.Sprintf("the input of %s must be a struct or a map with string keys, not %T", slug, *new(In)))
	}
	raw, err := json.Marshal(schema)
	if err != nil {
		return nil, invalidParam("LocalTool", fmt.Sprintf("no input schema for %s: %v", slug, err))
	}
	t := &localTool{
		name: name,
		def:  FunctionDefinition{Name: slug, Description: description, Parameters: objectSchema(raw), ToolSlug: slug},
	}
	t.call = func(ctx context.Context, args map[string]any) (out localOutcome) {
		defer func() {
			if p := recover(); p != nil {
				out = localOutcome{toolErr: fmt.Errorf("%s panicked: %v", slug, p)}
			}
		}()
		var in In
		if err := decodeInput(args, &in); err != nil {
			return localOutcome{inputErr: fmt.Errorf("the arguments do not fit %s: %w", slug, err)}
		}
		res, err := fn(ctx, in)
		if err != nil {
			return localOutcome{toolErr: err}
		}
		data, err := json.Marshal(res)
		if err != nil {
			return localOutcome{toolErr: fmt.Errorf("the result of %s could not be encoded as JSON: %w", slug, err)}
		}
		return localOutcome{data: data}
	}
	return t, nil
}

// decodeInput decodes arguments into a local tool's input, refusing
// properties the input type does not have.
func decodeInput(args map[string]any, in any) error {
	b, err := json.Marshal(args)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(in)
}

// run runs a local tool's call in its own goroutine, so that Handle
// returns when ctx ends even if the tool does not.
func (t *localTool) run(ctx context.Context, args map[string]any) (localOutcome, error) {
	done := make(chan localOutcome, 1)
	go func() { done <- t.call(ctx, args) }()
	select {
	case out := <-done:
		return out, nil
	case <-ctx.Done():
		select {
		case out := <-done:
			return out, nil
		default:
			return localOutcome{}, fmt.Errorf("composio: local tool %s: %w", t.def.ToolSlug, context.Cause(ctx))
		}
	}
}
