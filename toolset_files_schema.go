package composio

import (
	"encoding/json"
	"sort"
	"strings"
)

// fileRule says where a schema puts files: at this node (leaf), under
// properties, or in the items of an array.
type fileRule struct {
	leaf  bool
	props map[string]*fileRule
	items *fileRule
}

// fileRules finds the nodes of a ($ref-free) schema marked with key
// (file_uploadable, file_downloadable); nil when there are none. A node
// whose anyOf / oneOf variant is marked counts as marked.
func fileRules(s map[string]any, key string) *fileRule {
	if s[key] == true {
		return &fileRule{leaf: true}
	}
	var r fileRule
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		for _, v := range anySlice(s[k]) {
			vs, _ := v.(map[string]any)
			if vs == nil {
				continue
			}
			if sub := fileRules(vs, key); sub != nil {
				r.merge(sub)
			}
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for name, p := range props {
			ps, _ := p.(map[string]any)
			if ps == nil {
				continue
			}
			if sub := fileRules(ps, key); sub != nil {
				r.merge(&fileRule{props: map[string]*fileRule{name: sub}})
			}
		}
	}
	if items, ok := s["items"].(map[string]any); ok {
		if sub := fileRules(items, key); sub != nil {
			r.merge(&fileRule{items: sub})
		}
	}
	if !r.leaf && r.props == nil && r.items == nil {
		return nil
	}
	return &r
}

// downloadRules finds the file_downloadable nodes of a tool's output
// schema, the schema of the execution's data. A schema in Composio's
// wrapped form, an object whose properties are data and successful (and
// error), is read from its data property.
func downloadRules(raw json.RawMessage) *fileRule {
	var s map[string]any
	if decodeNumbers(raw, &s) != nil || s == nil {
		return nil
	}
	if inlined, ok := inlineRefs(s); ok {
		s = inlined
	}
	if props, ok := s["properties"].(map[string]any); ok {
		data, isObject := props["data"].(map[string]any)
		if _, wrapped := props["successful"]; wrapped && isObject {
			s = data
		}
	}
	return fileRules(s, "file_downloadable")
}

// names returns the property names of r in order.
func (r *fileRule) names() []string {
	names := make([]string, 0, len(r.props))
	for name := range r.props {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func (r *fileRule) merge(o *fileRule) {
	r.leaf = r.leaf || o.leaf
	for name, sub := range o.props {
		if r.props == nil {
			r.props = map[string]*fileRule{}
		}
		if have := r.props[name]; have != nil {
			have.merge(sub)
		} else {
			r.props[name] = sub
		}
	}
	if o.items != nil {
		if r.items == nil {
			r.items = &fileRule{}
		}
		r.items.merge(o.items)
	}
}

// pathSchemas replaces, in a copy of s, each node marked file_uploadable
// by a string schema asking for a local path.
func pathSchemas(s map[string]any) map[string]any {
	if s["file_uploadable"] == true {
		out := map[string]any{"type": "string"}
		desc, _ := s["description"].(string)
		out["description"] = strings.TrimSpace(desc + " The path of a local file to upload.")
		if t, ok := s["title"]; ok {
			out["title"] = t
		}
		return out
	}
	out := make(map[string]any, len(s))
	for k, v := range s {
		out[k] = v
	}
	if props, ok := s["properties"].(map[string]any); ok {
		clean := make(map[string]any, len(props))
		for name, p := range props {
			if ps, ok := p.(map[string]any); ok {
				clean[name] = pathSchemas(ps)
			} else {
				clean[name] = p
			}
		}
		out["properties"] = clean
	}
	if items, ok := s["items"].(map[string]any); ok {
		out["items"] = pathSchemas(items)
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		if list, ok := s[k].([]any); ok {
			clean := make([]any, len(list))
			for i, v := range list {
				if vs, ok := v.(map[string]any); ok {
					clean[i] = pathSchemas(vs)
				} else {
					clean[i] = v
				}
			}
			out[k] = clean
		}
	}
	return out
}
