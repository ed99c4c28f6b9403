package composio

import (
	"errors"
	"fmt"
	"strings"
)

// parseArguments reads a model's argument text as a JSON object, where the
// intent is plain: empty text, whitespace or null mean no arguments, and a
// JSON string holding an object (an encoding some models and streaming
// layers add) is the object. Anything else that is not an object (an
// array, a number, truncated JSON) is the model's to fix. Numbers keep their
// exact text.
func parseArguments(s string) (map[string]any, error) {
	t := strings.TrimSpace(s)
	if t == "" || t == "null" {
		return map[string]any{}, nil
	}
	var v any
	if err := decodeNumbers([]byte(t), &v); err != nil {
		return nil, fmt.Errorf("the arguments are not valid JSON (%v); send one JSON object", err)
	}
	if inner, ok := v.(string); ok {
		inner = strings.TrimSpace(inner)
		if inner == "" {
			return map[string]any{}, nil
		}
		if err := decodeNumbers([]byte(inner), &v); err != nil {
			return nil, errors.New("the arguments are a JSON string that does not hold a JSON object; send the object itself")
		}
	}
	switch x := v.(type) {
	case map[string]any:
		return x, nil
	case nil:
		return map[string]any{}, nil
	default:
		return nil, fmt.Errorf("the arguments must be a JSON object, not %s", jsonKind(v))
	}
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	default:
		return "a number"
	}
}

// nullRule says where a null argument means "absent": at optional
// properties whose schema does not accept null. A strict-mode model must
// send every property, and sends null for those it would have left out.
type nullRule struct {
	drop  []string             // optional properties that refuse null
	props map[string]*nullRule // rules inside object-valued properties
	items *nullRule            // rule for the items of an array
}

// nullRules derives the rule of an object schema (its $refs inlined); nil
// when no null would ever be dropped.
func nullRules(s map[string]any) *nullRule {
	var r nullRule
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	for _, name := range anySlice(s["required"]) {
		if n, ok := name.(string); ok {
			required[n] = true
		}
	}
	for name, p := range props {
		ps, ok := p.(map[string]any)
		if !ok {
			continue
		}
		if !required[name] && !acceptsNull(ps) {
			r.drop = append(r.drop, name)
		}
		if child := valueRules(ps); child != nil {
			if r.props == nil {
				r.props = map[string]*nullRule{}
			}
			r.props[name] = child
		}
	}
	if r.drop == nil && r.props == nil {
		return nil
	}
	return &r
}

// valueRules is the rule of a property's value: an object's, an array's
// items', or that of the one object among the variants of an anyOf or
// oneOf (an object or a string, say; with several, which applies depends on
// the value, so none does).
func valueRules(s map[string]any) *nullRule {
	if _, ok := s["properties"].(map[string]any); ok {
		return nullRules(s)
	}
	if items, ok := s["items"].(map[string]any); ok {
		if child := valueRules(items); child != nil {
			return &nullRule{items: child}
		}
	}
	var object map[string]any
	for _, k := range []string{"anyOf", "oneOf"} {
		for _, v := range anySlice(s[k]) {
			if vs, ok := v.(map[string]any); ok {
				if _, isObject := vs["properties"].(map[string]any); isObject {
					if object != nil {
						return nil
					}
					object = vs
				}
			}
		}
	}
	if object != nil {
		return nullRules(object)
	}
	return nil
}

// apply removes, in place, the nulls r says mean "absent" from v.
func (r *nullRule) apply(v any) {
	if r == nil {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		for _, name := range r.drop {
			if val, ok := x[name]; ok && val == nil {
				delete(x, name)
			}
		}
		for name, child := range r.props {
			if val, ok := x[name]; ok {
				child.apply(val)
			}
		}
	case []any:
		if r.items != nil {
			for _, item := range x {
				r.items.apply(item)
			}
		}
	}
}
