package composio

import (
	"encoding/json"
	"strconv"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
)

// lazyValidator compiles a tool's schema for argument validation the first
// time a call of the tool is checked.
type lazyValidator struct {
	once     sync.Once
	resolved *jsonschema.Resolved // nil when the schema could not be read
}

// validate checks args against the entry's model-facing schema.
func (e *toolEntry) validate(args map[string]any) error {
	v := &e.validator
	v.once.Do(func() {
		var s jsonschema.Schema
		if json.Unmarshal(e.def.Parameters, &s) != nil {
			return
		}
		v.resolved, _ = s.Resolve(nil)
	})
	if v.resolved == nil {
		return nil
	}
	return v.resolved.Validate(plainNumbers(args))
}

// plainNumbers returns v with each json.Number as an int64 or float64, the
// forms the validator reads as numbers.
func plainNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[k] = plainNumbers(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = plainNumbers(val)
		}
		return out
	}
	return v
}
