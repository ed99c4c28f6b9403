package geminiprovider

import (
	"encoding/json"
	"math"
	"strings"

	"google.golang.org/genai"
)

// schema converts a Gemini-safe JSON schema (the parameters of
// composio.FunctionDefinition.Gemini, numbers as json.Number) into the
// SDK's typed form. A value of the wrong JSON type for its keyword is
// dropped, as Gemini would refuse it.
func schema(m map[string]any) *genai.Schema {
	s := &genai.Schema{
		Title:       str(m["title"]),
		Description: str(m["description"]),
		Format:      str(m["format"]),
		Pattern:     str(m["pattern"]),
		Type:        genai.Type(strings.ToUpper(str(m["type"]))),
		Enum:        strs(m["enum"]),
		Required:    strs(m["required"]),

		PropertyOrdering: strs(m["propertyOrdering"]),

		Minimum:       float(m["minimum"]),
		Maximum:       float(m["maximum"]),
		MinItems:      integer(m["minItems"]),
		MaxItems:      integer(m["maxItems"]),
		MinLength:     integer(m["minLength"]),
		MaxLength:     integer(m["maxLength"]),
		MinProperties: integer(m["minProperties"]),
		MaxProperties: integer(m["maxProperties"]),

		Default: m["default"],
		Example: m["example"],
	}
	if b, ok := m["nullable"].(bool); ok {
		s.Nullable = &b
	}
	if items, ok := m["items"].(map[string]any); ok {
		s.Items = schema(items)
	}
	if props, ok := m["properties"].(map[string]any); ok {
		s.Properties = make(map[string]*genai.Schema, len(props))
		for name, p := range props {
			if ps, ok := p.(map[string]any); ok {
				s.Properties[name] = schema(ps)
			}
		}
	}
	if list, ok := m["anyOf"].([]any); ok {
		for _, item := range list {
			if is, ok := item.(map[string]any); ok {
				s.AnyOf = append(s.AnyOf, schema(is))
			}
		}
	}
	return s
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strs returns the strings of a JSON array, nil when there are none.
func strs(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func float(v any) *float64 {
	n, ok := v.(json.Number)
	if !ok {
		return nil
	}
	f, err := n.Float64()
	if err != nil {
		return nil
	}
	return &f
}

// integer reads a count keyword; 5.0 is 5, 5.5 is dropped.
func integer(v any) *int64 {
	n, ok := v.(json.Number)
	if !ok {
		return nil
	}
	if i, err := n.Int64(); err == nil {
		return &i
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt64 {
		return nil
	}
	i := int64(f)
	return &i
}
