package composio

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// JSON Schema keywords whose values are schemas, by shape. Every other
// keyword's value is data (default, examples, enum, const, ...) and is never
// searched for $ref.
var (
	schemaKeywords     = []string{"items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems", "unevaluatedItems", "unevaluatedProperties"}
	schemaListKeywords = []string{"anyOf", "oneOf", "allOf", "prefixItems"}
	schemaMapKeywords  = []string{"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)

// inlineRefs returns a copy of the schema root with every local $ref
// ("#/$defs/Address", "#/definitions/x", any "#/..." pointer) replaced by the
// schema it points at, and the $defs / definitions blocks dropped. Keywords
// beside a $ref are kept and win over the target's. It reports false, and
// returns nil, when a $ref cannot be inlined: a remote or dangling reference,
// or a recursive one (a schema that contains itself has no finite inline
// form). root is not modified.
func inlineRefs(root map[string]any) (map[string]any, bool) {
	r := refInliner{root: root}
	out, ok := r.schema(root)
	if !ok {
		return nil, false
	}
	m, _ := out.(map[string]any)
	return m, m != nil
}

type refInliner struct {
	root  map[string]any
	stack []string // the $refs being inlined, to catch recursion
}

// schema inlines the refs of one schema value (an object, or a boolean
// schema, which passes through).
func (r *refInliner) schema(v any) (any, bool) {
	s, ok := v.(map[string]any)
	if !ok {
		return v, true
	}
	var base map[string]any
	if ref, ok := s["$ref"].(string); ok {
		for _, seen := range r.stack {
			if seen == ref {
				return nil, false
			}
		}
		target, ok := lookupPointer(r.root, ref)
		if !ok {
			return nil, false
		}
		r.stack = append(r.stack, ref)
		resolved, ok := r.schema(target)
		r.stack = r.stack[:len(r.stack)-1]
		if !ok {
			return nil, false
		}
		if base, ok = resolved.(map[string]any); !ok {
			// A boolean schema target: true (anything) keeps the siblings
			// alone, false cannot be merged with them.
			if resolved != true {
				return nil, false
			}
			base = map[string]any{}
		}
		base = maps.Clone(base)
	}
	out := base
	if out == nil {
		out = make(map[string]any, len(s))
	}
	for k, v := range s {
		switch {
		case k == "$ref", k == "$defs", k == "definitions":
			continue
		case slices.Contains(schemaKeywords, k):
			w, ok := r.schema(v)
			if !ok {
				return nil, false
			}
			out[k] = w
		case slices.Contains(schemaListKeywords, k):
			list, isList := v.([]any)
			if !isList {
				out[k] = v
				continue
			}
			clean := make([]any, len(list))
			for i, item := range list {
				w, ok := r.schema(item)
				if !ok {
					return nil, false
				}
				clean[i] = w
			}
			out[k] = clean
		case slices.Contains(schemaMapKeywords, k):
			named, isMap := v.(map[string]any)
			if !isMap {
				out[k] = v
				continue
			}
			clean := make(map[string]any, len(named))
			for name, sub := range named {
				w, ok := r.schema(sub)
				if !ok {
					return nil, false
				}
				clean[name] = w
			}
			out[k] = clean
		default:
			out[k] = v
		}
	}
	if items, ok := s["items"].([]any); ok {
		// Draft-07 tuple form: "items" holds a list of schemas.
		clean := make([]any, len(items))
		for i, item := range items {
			w, ok := r.schema(item)
			if !ok {
				return nil, false
			}
			clean[i] = w
		}
		out["items"] = clean
	}
	return out, true
}

// lookupPointer resolves a local reference ("#", "#/$defs/A~1B/properties/x")
// inside root.
func lookupPointer(root map[string]any, ref string) (any, bool) {
	if ref == "#" {
		return root, true
	}
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = root
	for _, seg := range strings.Split(path, "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch node := cur.(type) {
		case map[string]any:
			next, ok := node[seg]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			cur = node[i]
		default:
			return nil, false
		}
	}
	return cur, true
}
