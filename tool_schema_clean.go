package composio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// decodeNumbers unmarshals JSON keeping numbers as json.Number, so
// schema bounds and integer arguments survive exactly.
func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data after JSON value")
	}
	return nil
}

// objectSchema normalizes an input schema to an object schema with
// properties, which every provider requires of a function's parameters,
// without the anyOf, oneOf, allOf, not, enum and const that OpenAI and
// Anthropic refuse at its root (see foldRoot), and gives item-less arrays
// an items schema, which OpenAI requires.
func objectSchema(raw json.RawMessage) json.RawMessage {
	var schema map[string]any
	if len(bytes.TrimSpace(raw)) == 0 || decodeNumbers(raw, &schema) != nil || schema == nil {
		schema = map[string]any{}
	}
	if hasRootCombinators(schema) {
		// Model APIs refuse them at the root, and the whole request with
		// them.
		schema = foldRoot(schema)
	}
	schema["type"] = "object"
	if _, ok := schema["properties"].(map[string]any); !ok {
		schema["properties"] = map[string]any{}
	}
	if req, ok := schema["required"].([]any); ok {
		// Duplicated required entries are refused by some providers.
		seen := map[any]bool{}
		out := req[:0:0]
		for _, r := range req {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
		schema["required"] = out
	}
	fillArrayItems(schema)
	b, _ := json.Marshal(schema)
	return b
}

// fillArrayItems gives every array schema under s that has no "items" an
// empty one (any value): OpenAI refuses an array schema without items
// ("array schema missing items"), and {} says no more than its absence.
func fillArrayItems(s map[string]any) {
	isArray := s["type"] == "array"
	if types, ok := s["type"].([]any); ok {
		isArray = slices.Contains(types, any("array"))
	}
	if _, ok := s["items"]; isArray && !ok {
		s["items"] = map[string]any{}
	}
	for _, key := range []string{"properties", "$defs", "definitions", "patternProperties"} {
		if m, ok := s[key].(map[string]any); ok {
			for _, v := range m {
				if sub, ok := v.(map[string]any); ok {
					fillArrayItems(sub)
				}
			}
		}
	}
	for _, key := range []string{"items", "additionalProperties", "not"} {
		if sub, ok := s[key].(map[string]any); ok {
			fillArrayItems(sub)
		}
	}
	for _, key := range []string{"anyOf", "oneOf", "allOf", "prefixItems"} {
		if list, ok := s[key].([]any); ok {
			for _, v := range list {
				if sub, ok := v.(map[string]any); ok {
					fillArrayItems(sub)
				}
			}
		}
	}
}

// geminiKeys are the schema keywords the Gemini API accepts.
var geminiKeys = []string{
	"anyOf", "default", "description", "enum", "example", "format", "items", "maxItems", "maxLength",
	"maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum", "nullable",
	"pattern", "properties", "propertyOrdering", "required", "title", "type",
}

// geminiFormats are the formats Gemini accepts, by type.
var geminiFormats = map[any][]any{
	"string":  {"enum", "date-time"},
	"number":  {"float", "double"},
	"integer": {"int32", "int64"},
}

// geminiSchema copies s keeping only what Gemini accepts, recursively.
func geminiSchema(s map[string]any) map[string]any {
	s = geminiNullVariants(s)
	out := map[string]any{}
	for k, v := range s {
		if !slices.Contains(geminiKeys, k) {
			continue
		}
		switch k {
		case "properties":
			props, _ := v.(map[string]any)
			clean := make(map[string]any, len(props))
			for name, p := range props {
				if ps, ok := p.(map[string]any); ok {
					clean[name] = geminiSchema(ps)
				}
			}
			v = clean
		case "items":
			is, _ := v.(map[string]any)
			if len(is) == 0 {
				// An empty items (objectSchema's filler for item-less
				// arrays) tells Gemini nothing; see below.
				continue
			}
			v = geminiSchema(is)
		case "anyOf":
			list, _ := v.([]any)
			clean := make([]any, 0, len(list))
			for _, item := range list {
				if is, ok := item.(map[string]any); ok {
					clean = append(clean, geminiSchema(is))
				}
			}
			v = clean
		case "type":
			if types, ok := v.([]any); ok {
				// ["string", "null"] is Gemini's {"type": "string", "nullable": true}.
				var kept []any
				for _, t := range types {
					if t == "null" {
						out["nullable"] = true
					} else {
						kept = append(kept, t)
					}
				}
				if len(kept) == 0 {
					continue
				}
				v = kept[0]
			}
		}
		out[k] = v
	}
	_, hasProps := out["properties"]
	if _, typed := out["type"]; !typed && hasProps {
		// An object by implication in JSON Schema; Gemini needs it said.
		out["type"] = "object"
	}
	if props, ok := out["properties"].(map[string]any); out["type"] != "object" || (ok && len(props) == 0) {
		// Gemini allows properties and required on objects only, and
		// refuses an empty properties (a free-form object has none).
		delete(out, "properties")
		delete(out, "required")
	}
	if enum, ok := out["enum"].([]any); ok {
		// Gemini takes enums of non-empty strings on string schemas only.
		var kept []any
		if t := out["type"]; t == nil || t == "string" {
			for _, e := range enum {
				if s, ok := e.(string); ok && s != "" {
					kept = append(kept, e)
				}
			}
		}
		if len(kept) == 0 {
			delete(out, "enum")
		} else {
			out["enum"], out["type"] = kept, "string"
		}
	}
	if _, ok := out["items"]; out["type"] == "array" && !ok {
		// Gemini refuses an array without items ("items: missing field");
		// string items are the most common and the least constraining.
		out["items"] = map[string]any{"type": "string"}
	}
	if f, ok := out["format"]; ok && !slices.Contains(geminiFormats[out["type"]], f) {
		// Gemini refuses the other formats ("uri", "email", ...).
		delete(out, "format")
	}
	if req, ok := out["required"].([]any); ok {
		// Gemini refuses required names that are not properties.
		props, _ := out["properties"].(map[string]any)
		kept := []any{}
		for _, r := range req {
			if name, ok := r.(string); ok && props[name] != nil {
				kept = append(kept, r)
			}
		}
		out["required"] = kept
		if len(kept) == 0 {
			delete(out, "required")
		}
	}
	return out
}

// anthropicSchema returns an input schema as the Messages API takes it:
// raw itself, unless its root has anyOf, oneOf or allOf (which
// [objectSchema] already folds in the definitions of tools), which that API
// refuses ("input_schema does not support oneOf, allOf, or anyOf at the top
// level") for the whole request: then they are folded as foldRoot does.
func anthropicSchema(raw json.RawMessage) json.RawMessage {
	var s map[string]any
	if decodeNumbers(raw, &s) != nil || !hasRootCombinators(s) {
		return raw
	}
	b, err := json.Marshal(foldRoot(s))
	if err != nil {
		return raw
	}
	return b
}

// rootCombinators are the keywords OpenAI refuses at the root of a
// function's parameters ("schema must have type 'object' and not have
// 'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level");
// Anthropic refuses the first three.
var rootCombinators = []string{"allOf", "anyOf", "oneOf", "not", "enum", "const"}

func hasRootCombinators(s map[string]any) bool {
	for _, k := range rootCombinators {
		if _, ok := s[k]; ok {
			return true
		}
	}
	return false
}

// foldRoot returns the object schema s without rootCombinators: the
// properties of allOf, anyOf and oneOf parts join the root's (the root's
// own win), the required names of allOf parts join its required, and the
// either-or rules of anyOf, oneOf and not go, as do enum and const (the
// tool's API still checks all of them). s is not modified.
func foldRoot(s map[string]any) map[string]any {
	if inlined, ok := inlineRefs(s); ok {
		s = inlined // parts may be $refs
	} else {
		s = maps.Clone(s)
	}
	props, _ := s["properties"].(map[string]any)
	props = maps.Clone(props)
	if props == nil {
		props = map[string]any{}
	}
	required := slices.Clone(anySlice(s["required"]))
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		for _, part := range anySlice(s[k]) {
			ps, _ := part.(map[string]any)
			partProps, _ := ps["properties"].(map[string]any)
			for name, sub := range partProps {
				if _, has := props[name]; !has {
					props[name] = sub
				}
			}
			if k == "allOf" {
				for _, r := range anySlice(ps["required"]) {
					if !slices.Contains(required, r) {
						required = append(required, r)
					}
				}
			}
		}
	}
	for _, k := range rootCombinators {
		delete(s, k)
	}
	s["properties"] = props
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// geminiNullVariants returns s with the null variant of its anyOf (an
// optional field, as pydantic writes it: anyOf [T, null]) made Gemini's
// nullable, for Gemini wants a type on every schema: the one other variant
// becomes s itself, nullable (the keywords beside anyOf win over its own),
// or each of several others becomes nullable. s is not modified.
func geminiNullVariants(s map[string]any) map[string]any {
	list, ok := s["anyOf"].([]any)
	if !ok {
		return s
	}
	var rest []map[string]any
	hasNull := false
	for _, v := range list {
		vs, ok := v.(map[string]any)
		if !ok {
			return s
		}
		if t := schemaTypes(vs["type"]); len(t) == 1 && t[0] == "null" {
			hasNull = true
			continue
		}
		rest = append(rest, vs)
	}
	if !hasNull || len(rest) == 0 {
		return s
	}
	if len(rest) == 1 {
		merged := maps.Clone(rest[0])
		for k, v := range s {
			if k != "anyOf" {
				merged[k] = v
			}
		}
		merged["nullable"] = true
		return merged
	}
	out := maps.Clone(s)
	variants := make([]any, len(rest))
	for i, vs := range rest {
		vs = maps.Clone(vs)
		vs["nullable"] = true
		variants[i] = vs
	}
	out["anyOf"] = variants
	return out
}
