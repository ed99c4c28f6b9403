package composiotest

import "slices"

// The wire shape of a tool, as the v3.1 API renders it.

type toolJSON struct {
	Slug              string              `json:"slug"`
	Name              string              `json:"name"`
	Description       string              `json:"description"`
	Toolkit           toolToolkitJSON     `json:"toolkit"`
	InputParameters   map[string]any      `json:"input_parameters"`
	OutputParameters  map[string]any      `json:"output_parameters"`
	NoAuth            bool                `json:"no_auth"`
	AvailableVersions []string            `json:"available_versions"`
	Version           string              `json:"version"`
	Scopes            []string            `json:"scopes"`
	ScopeRequirements *scopeReqsJSON      `json:"scope_requirements"`
	Tags              []string            `json:"tags"`
	HumanDescription  string              `json:"human_description,omitempty"`
	IsDeprecated      bool                `json:"is_deprecated"`
	Deprecated        toolDeprecationJSON `json:"deprecated"`
}

type toolToolkitJSON struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Logo string `json:"logo"`
}

type scopeReqsJSON struct {
	AllOf []any `json:"all_of"`
}

type toolDeprecationJSON struct {
	DisplayName       string            `json:"displayName"`
	Version           string            `json:"version"`
	AvailableVersions []string          `json:"available_versions"`
	IsDeprecated      bool              `json:"is_deprecated"`
	Toolkit           map[string]string `json:"toolkit"`
}

// renderTool renders t at version (a version of its toolkit). The caller
// holds f.mu.
func (f *Fake) renderTool(t *fakeTool, version string) toolJSON {
	tk, _ := f.toolkit(t.ToolkitSlug)
	versions := []string{}
	name, logo := t.ToolkitSlug, "https://logos.composio.dev/api/"+t.ToolkitSlug
	if tk != nil {
		// Newest first, as the API lists them.
		versions = slices.Clone(tk.Versions)
		slices.Reverse(versions)
		name = tk.Name
	}
	tags := slices.Clone(t.Tags)
	if t.Important && !slices.Contains(tags, "important") {
		tags = append(tags, "important")
	}
	out := toolJSON{
		Slug: t.Slug, Name: t.Name, Description: t.Description, HumanDescription: t.Description,
		Toolkit:         toolToolkitJSON{Slug: t.ToolkitSlug, Name: name, Logo: logo},
		InputParameters: t.InputParameters, OutputParameters: t.OutputParameters,
		NoAuth: t.NoAuth, AvailableVersions: versions, Version: version,
		Scopes: nonNil(t.Scopes), Tags: nonNil(tags), IsDeprecated: t.Deprecated,
		Deprecated: toolDeprecationJSON{DisplayName: t.Name, Version: version, AvailableVersions: versions,
			IsDeprecated: t.Deprecated, Toolkit: map[string]string{"logo": logo}},
	}
	if out.InputParameters == nil {
		out.InputParameters = toolSchema(t.Name+"Request", nil)
	}
	if out.OutputParameters == nil {
		out.OutputParameters = toolSchema(t.Name+"Response", nil, toolProp("data", "object", "The tool's output."))
	}
	if t.ScopeReqs != nil {
		out.ScopeRequirements = scopeRequirements(t.ScopeReqs)
	}
	return out
}

// scopeRequirements renders entries as strings or {"any_of": [...]}.
func scopeRequirements(reqs []any) *scopeReqsJSON {
	out := &scopeReqsJSON{AllOf: []any{}}
	for _, r := range reqs {
		if choice, ok := r.([]string); ok {
			out.AllOf = append(out.AllOf, map[string]any{"any_of": choice})
		} else {
			out.AllOf = append(out.AllOf, r)
		}
	}
	return out
}
