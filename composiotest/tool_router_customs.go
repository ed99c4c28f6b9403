package composiotest

import (
	"fmt"
	"net/http"
	"strings"
)

// inlineCustoms validates custom toolkits and tools sent inline and returns
// them as the API echoes them: slugs prefixed LOCAL_, originals kept.
func (f *Fake) inlineCustoms(w http.ResponseWriter, r *http.Request, m map[string]routerRaw) (map[string]any, bool) {
	type customTool struct {
		Slug           string         `json:"slug"`
		Name           string         `json:"name"`
		Description    string         `json:"description"`
		InputSchema    map[string]any `json:"input_schema"`
		OutputSchema   map[string]any `json:"output_schema,omitempty"`
		ExtendsToolkit string         `json:"extends_toolkit,omitempty"`
		OriginalSlug   string         `json:"original_slug"`
	}
	var toolkits []struct {
		Slug        string       `json:"slug"`
		Name        string       `json:"name"`
		Description string       `json:"description"`
		Tools       []customTool `json:"tools"`
	}
	var tools []customTool
	if raw, ok := m["custom_toolkits"]; ok && !decodeRouterField(w, r, "experimental.custom_toolkits", raw, &toolkits) {
		return nil, false
	}
	if raw, ok := m["custom_tools"]; ok && !decodeRouterField(w, r, "experimental.custom_tools", raw, &tools) {
		return nil, false
	}
	check := func(field string, t *customTool, prefix string) bool {
		if !requireFields(w, r, field+".slug", t.Slug, field+".name", t.Name, field+".description", t.Description) {
			return false
		}
		if t.InputSchema["type"] != "object" || t.InputSchema["properties"] == nil {
			badRequest(w, r, field+`.input_schema must have "type": "object" and "properties"`)
			return false
		}
		t.OriginalSlug = t.Slug
		t.Slug = "LOCAL_" + prefix + strings.ToUpper(t.Slug)
		if len(t.Slug) > 60 {
			badRequest(w, r, fmt.Sprintf("%s.slug: %s is longer than 60 characters", field, t.Slug))
			return false
		}
		return true
	}
	out := map[string]any{}
	for i := range toolkits {
		tk := &toolkits[i]
		field := fmt.Sprintf("experimental.custom_toolkits[%d]", i)
		if !requireFields(w, r, field+".slug", tk.Slug, field+".name", tk.Name, field+".description", tk.Description) {
			return nil, false
		}
		if _, clash := f.toolkit(tk.Slug); clash {
			badRequest(w, r, fmt.Sprintf("%s.slug: %q is a Composio toolkit", field, tk.Slug))
			return nil, false
		}
		for j := range tk.Tools {
			if !check(fmt.Sprintf("%s.tools[%d]", field, j), &tk.Tools[j], strings.ToUpper(tk.Slug)+"_") {
				return nil, false
			}
		}
		tk.Tools = nonNil(tk.Tools)
		out["custom_toolkits"] = toolkits
	}
	for i := range tools {
		field := fmt.Sprintf("experimental.custom_tools[%d]", i)
		prefix := ""
		if ext := tools[i].ExtendsToolkit; ext != "" {
			t, ok := f.toolkit(ext)
			if !ok {
				badRequest(w, r, fmt.Sprintf("%s.extends_toolkit: unknown toolkit %q", field, ext))
				return nil, false
			}
			prefix = strings.ToUpper(t.Slug) + "_"
		}
		if !check(field, &tools[i], prefix) {
			return nil, false
		}
		out["custom_tools"] = tools
	}
	return out, true
}
