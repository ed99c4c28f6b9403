package composio

import (
	"encoding/json"
	"maps"
	"slices"
	"sort"
)

// strictKeys are the schema keywords OpenAI's strict mode accepts; the
// others ("default", "examples", "minLength", "nullable", vendor keywords
// such as "file_uploadable", ...) make it answer 400, so Strict drops them.
var strictKeys = []string{
	"type", "description", "title", "properties", "required", "additionalProperties", "items", "enum",
	"const", "anyOf", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
	"multipleOf", "minItems", "maxItems",
}

// strictFormats are the string formats strict mode accepts.
var strictFormats = []any{"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"}

// maxStrictDepth is how deeply strict mode lets objects nest.
const maxStrictDepth = 10

// Strict returns d in the form OpenAI's strict mode (Structured Outputs for
// function calling) accepts, with IsStrict set so the renderers send
// "strict": true: every object closed (additionalProperties: false) with
// every property required, the properties that were optional made nullable
// (a strict model sends null for them, which [ToolSet.Handle] drops again),
// local $refs inlined, oneOf read as anyOf, allOf merged, and the keywords
// strict mode refuses removed.
//
// Some schemas have no strict form: a free-form object (no properties, or
// additionalProperties other than false), a value of any type, a recursive
// $ref. Then Strict returns d unchanged, IsStrict false, and the tool is
// offered in normal mode; the model API accepts strict and non-strict
// functions side by side.
func (d FunctionDefinition) Strict() FunctionDefinition {
	if d.IsStrict {
		return d
	}
	var schema map[string]any
	if decodeNumbers(d.Parameters, &schema) != nil || schema == nil {
		return d
	}
	inlined, ok := inlineRefs(schema)
	if !ok {
		return d
	}
	out, ok := strictSchema(inlined, 0, true)
	if !ok {
		return d
	}
	b, err := json.Marshal(out)
	if err != nil {
		return d
	}
	d.Parameters, d.IsStrict = b, true
	return d
}

// Strict returns the list with each definition in its strict form (see
// [FunctionDefinition.Strict]); definitions without one stay as they are.
func (ds FunctionDefinitions) Strict() FunctionDefinitions {
	out := make(FunctionDefinitions, len(ds))
	for i, d := range ds {
		out[i] = d.Strict()
	}
	return out
}

// strictSchema converts one (ref-free) schema; false when it has no strict
// form.
func strictSchema(s map[string]any, depth int, root bool) (map[string]any, bool) {
	s, ok := mergeAllOf(s)
	if !ok {
		return nil, false
	}
	if oneOf, ok := s["oneOf"]; ok {
		if _, both := s["anyOf"]; both {
			return nil, false
		}
		s = maps.Clone(s)
		s["anyOf"] = oneOf
	}
	out := make(map[string]any, len(s))
	for k, v := range s {
		if slices.Contains(strictKeys, k) {
			out[k] = v
		}
	}
	types := schemaTypes(out["type"])
	if len(types) == 0 && out["anyOf"] == nil {
		t, ok := impliedType(out)
		if !ok {
			return nil, false // any value: strict mode needs a type
		}
		out["type"], types = t, []string{t}
	}
	if list, ok := out["anyOf"].([]any); ok {
		variants := make([]any, len(list))
		for i, v := range list {
			vs, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if variants[i], ok = strictSchema(vs, depth, false); !ok {
				return nil, false
			}
		}
		out["anyOf"] = variants
	}
	if slices.Contains(types, "object") {
		if depth >= maxStrictDepth {
			return nil, false
		}
		if ap, has := s["additionalProperties"]; has && ap != false {
			return nil, false // a map: strict mode has no open objects
		}
		props, _ := out["properties"].(map[string]any)
		if len(props) == 0 && !root {
			return nil, false // a free-form object
		}
		required := map[string]bool{}
		for _, r := range anySlice(s["required"]) {
			if name, ok := r.(string); ok {
				required[name] = true
			}
		}
		names := slices.Sorted(maps.Keys(props))
		clean := make(map[string]any, len(props))
		all := make([]any, len(names))
		for i, name := range names {
			sub, ok := props[name].(map[string]any)
			if !ok {
				return nil, false
			}
			if sub, ok = strictSchema(sub, depth+1, false); !ok {
				return nil, false
			}
			if !required[name] {
				sub = nullable(sub)
			}
			clean[name], all[i] = sub, name
		}
		out["properties"], out["required"], out["additionalProperties"] = clean, all, false
	} else {
		delete(out, "properties")
		delete(out, "required")
		delete(out, "additionalProperties")
	}
	if slices.Contains(types, "array") {
		items, ok := s["items"].(map[string]any)
		if !ok || len(items) == 0 {
			return nil, false // items of any type
		}
		if out["items"], ok = strictSchema(items, depth+1, false); !ok {
			return nil, false
		}
	} else {
		delete(out, "items")
	}
	if f, ok := out["format"]; ok && !slices.Contains(strictFormats, f) {
		delete(out, "format")
	}
	return out, true
}

// mergeAllOf folds an allOf into its schema: properties and required
// united, other keywords kept from the schema first, then from each part.
// False when the parts disagree on the type.
func mergeAllOf(s map[string]any) (map[string]any, bool) {
	parts, ok := s["allOf"].([]any)
	if !ok {
		return s, true
	}
	out := maps.Clone(s)
	delete(out, "allOf")
	for _, p := range parts {
		ps, ok := p.(map[string]any)
		if !ok {
			if p == true {
				continue
			}
			return nil, false
		}
		if ps, ok = mergeAllOf(ps); !ok {
			return nil, false
		}
		for k, v := range ps {
			switch k {
			case "properties":
				props, _ := out["properties"].(map[string]any)
				props = maps.Clone(props)
				if props == nil {
					props = map[string]any{}
				}
				if vp, ok := v.(map[string]any); ok {
					for name, sub := range vp {
						if _, dup := props[name]; !dup {
							props[name] = sub
						}
					}
				}
				out["properties"] = props
			case "required":
				out["required"] = append(slices.Clone(anySlice(out["required"])), anySlice(v)...)
			case "type":
				if t, has := out["type"]; has && !sameTypes(t, v) {
					return nil, false
				}
				out["type"] = v
			default:
				if _, has := out[k]; !has {
					out[k] = v
				}
			}
		}
	}
	return out, true
}

// nullable returns s also accepting null.
func nullable(s map[string]any) map[string]any {
	if acceptsNull(s) {
		return s
	}
	switch t := s["type"].(type) {
	case string:
		s["type"] = []any{t, "null"}
	case []any:
		s["type"] = append(slices.Clone(t), "null")
	default:
		if list, ok := s["anyOf"].([]any); ok {
			s["anyOf"] = append(slices.Clone(list), map[string]any{"type": "null"})
			return s
		}
		return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	}
	if enum, ok := s["enum"].([]any); ok {
		s["enum"] = append(slices.Clone(enum), nil)
	}
	return s
}

// acceptsNull reports whether null is a valid value of s by its type
// ("null", ["T", "null"], an anyOf with a null variant, "nullable": true, or
// no type at all).
func acceptsNull(s map[string]any) bool {
	if s["nullable"] == true {
		return true
	}
	if t, has := s["type"]; has {
		return slices.Contains(schemaTypes(t), "null")
	}
	if list, ok := s["anyOf"].([]any); ok {
		for _, v := range list {
			if vs, ok := v.(map[string]any); ok && acceptsNull(vs) {
				return true
			}
		}
		return false
	}
	if enum, ok := s["enum"].([]any); ok {
		for _, e := range enum {
			if e == nil {
				return true
			}
		}
		return false
	}
	_, isConst := s["const"]
	return !isConst
}

// impliedType is the type a typeless schema's keywords imply: an object
// with properties, an array with items, the common type of enum values.
func impliedType(s map[string]any) (string, bool) {
	if _, ok := s["properties"].(map[string]any); ok {
		return "object", true
	}
	if _, ok := s["items"].(map[string]any); ok {
		return "array", true
	}
	values := anySlice(s["enum"])
	if c, ok := s["const"]; ok {
		values = []any{c}
	}
	var typ string
	for _, v := range values {
		var t string
		switch v.(type) {
		case string:
			t = "string"
		case json.Number, float64:
			t = "number"
		case bool:
			t = "boolean"
		default:
			return "", false
		}
		if typ != "" && t != typ {
			return "", false
		}
		typ = t
	}
	return typ, typ != ""
}

// schemaTypes reads "type": a string or a list of strings.
func schemaTypes(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func sameTypes(a, b any) bool {
	x, y := schemaTypes(a), schemaTypes(b)
	sort.Strings(x)
	sort.Strings(y)
	return slices.Equal(x, y)
}

func anySlice(v any) []any {
	list, _ := v.([]any)
	return list
}
