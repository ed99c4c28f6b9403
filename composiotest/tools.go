package composiotest

import (
	"net/http"
	"slices"
	"strings"
)

// toolkitVersionSpec is a toolkit_versions parameter: one version for all
// toolkits, or versions by toolkit slug.
type toolkitVersionSpec struct {
	all       string
	byToolkit map[string]string
}

func readToolkitVersionSpec(r *http.Request) toolkitVersionSpec {
	spec := toolkitVersionSpec{all: r.URL.Query().Get("toolkit_versions"), byToolkit: map[string]string{}}
	for k, v := range queryMap(r, "toolkit_versions") {
		spec.byToolkit[strings.ToLower(k)] = v
	}
	return spec
}

// toolVersionIn is the version t is rendered at under spec, or a 400 answer
// when spec names a version its toolkit does not have.
func (f *Fake) toolVersionIn(w http.ResponseWriter, r *http.Request, t *fakeTool, spec toolkitVersionSpec) (string, bool) {
	want := spec.byToolkit[t.ToolkitSlug]
	if want == "" {
		want = spec.all
	}
	v, ok := f.toolVersion(t, want)
	if !ok {
		writeError(w, r, http.StatusBadRequest, 1402, "Invalid toolkit version "+want+" for toolkit "+t.ToolkitSlug,
			"Use \"latest\" or one of: "+strings.Join(f.toolVersions(t), ", "))
	}
	return v, ok
}

// toolVersion resolves a requested version of t's toolkit: empty and
// "latest" mean the newest; anything else must exist.
func (f *Fake) toolVersion(t *fakeTool, want string) (string, bool) {
	versions := f.toolVersions(t)
	if want == "" || want == "latest" {
		return versions[len(versions)-1], true
	}
	return want, slices.Contains(versions, want)
}

// toolVersions lists the versions of t, oldest first.
func (f *Fake) toolVersions(t *fakeTool) []string {
	if tk, ok := f.toolkit(t.ToolkitSlug); ok {
		return tk.Versions
	}
	if t.Version != "" {
		return []string{t.Version}
	}
	return []string{"00000000_00"}
}

func (f *Fake) listTools(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	deprecated, ok := queryBool(r, "include_deprecated")
	if !ok {
		badRequest(w, r, "include_deprecated must be true or false")
		return
	}
	if !oneOf(w, r, "important", q.Get("important"), "true", "false") {
		return
	}
	spec := readToolkitVersionSpec(r)
	slugs := queryList(r, "tool_slugs")
	toolkit := q.Get("toolkit_slug")
	tags, scopes := queryList(r, "tags"), queryList(r, "scopes")
	search := strings.Fields(strings.ToLower(q.Get("query") + " " + q.Get("search")))
	var items listing[toolJSON]
	for i, t := range f.tools().order { // the catalog: positions never shift
		if len(slugs) > 0 {
			// tool_slugs overrides every other filter.
			if !matches(slugs, t.Slug) {
				continue
			}
		} else if !t.matches(toolkit, tags, scopes, search, q.Get("important") == "true", deprecated != nil && *deprecated) {
			continue
		}
		v, ok := f.toolVersionIn(w, r, t, spec)
		if !ok {
			return
		}
		items.add(posKey(i), f.renderTool(t, v))
	}
	paginate(w, r, items, maxToolsPage)
}

// matches applies the list filters. auth_config_ids is not applied: the
// fake's tools belong to toolkits, not auth configs.
func (t *fakeTool) matches(toolkit string, tags, scopes, words []string, important, deprecated bool) bool {
	text := strings.ToLower(t.Slug + " " + t.Name + " " + t.Description)
	switch {
	case toolkit != "" && !strings.EqualFold(toolkit, t.ToolkitSlug),
		t.Deprecated && !deprecated,
		important && !t.Important,
		len(tags) > 0 && !slices.ContainsFunc(tags, func(tag string) bool { return matches(t.Tags, tag) || (tag == "important" && t.Important) }),
		len(scopes) > 0 && !slices.ContainsFunc(scopes, func(s string) bool { return slices.Contains(t.Scopes, s) }):
		return false
	}
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func (f *Fake) toolEnum(w http.ResponseWriter, r *http.Request) {
	slugs := []string{}
	for _, t := range f.tools().order {
		slugs = append(slugs, t.Slug)
	}
	writeJSON(w, http.StatusOK, slugs)
}

// findTool answers 404 for an unknown slug.
func (f *Fake) findTool(w http.ResponseWriter, r *http.Request, slug string) (*fakeTool, bool) {
	return find(w, r, resTool, slug, f.tool)
}

// pinnedToolVersion answers 404 when version is not a version of t's toolkit.
func (f *Fake) pinnedToolVersion(w http.ResponseWriter, r *http.Request, t *fakeTool, version string) (string, bool) {
	v, ok := f.toolVersion(t, version)
	if !ok {
		writeError(w, r, http.StatusNotFound, 1501, "Version "+version+" of tool "+t.Slug+" not found",
			"Use one of the tool's available_versions: "+strings.Join(f.toolVersions(t), ", "))
	}
	return v, ok
}

func (f *Fake) getTool(w http.ResponseWriter, r *http.Request) {
	t, ok := f.findTool(w, r, r.PathValue("tool_slug"))
	if !ok {
		return
	}
	var v string
	if version := r.URL.Query().Get("version"); version != "" {
		v, ok = f.pinnedToolVersion(w, r, t, version)
	} else {
		v, ok = f.toolVersionIn(w, r, t, readToolkitVersionSpec(r))
	}
	if ok {
		writeJSON(w, http.StatusOK, f.renderTool(t, v))
	}
}

func (f *Fake) executeToolRequest(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ConnectedAccountID   string         `json:"connected_account_id"`
		EntityID             string         `json:"entity_id"`
		UserID               string         `json:"user_id"`
		Version              string         `json:"version"`
		Arguments            map[string]any `json:"arguments"`
		Text                 string         `json:"text"`
		CustomAuthParams     map[string]any `json:"custom_auth_params"`
		CustomConnectionData map[string]any `json:"custom_connection_data"`
		AllowTracing         *bool          `json:"allow_tracing"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	t, ok := f.findTool(w, r, r.PathValue("tool_slug"))
	if !ok {
		return
	}
	if body.Arguments != nil && body.Text != "" {
		badRequest(w, r, "arguments and text are mutually exclusive", "text: Provide either arguments or text, not both")
		return
	}
	if _, ok := f.pinnedToolVersion(w, r, t, body.Version); !ok {
		return
	}
	userID := body.UserID
	if userID == "" {
		userID = body.EntityID
	}
	args := body.Arguments
	if body.Text != "" {
		var failure string
		if args, failure = generateArgs(t.InputParameters, body.Text); failure != "" {
			writeJSON(w, http.StatusOK, toolOutcome{Data: map[string]any{}, Error: &failure, LogID: f.newID("log")})
			return
		}
	}
	if body.CustomAuthParams != nil || body.CustomConnectionData != nil {
		// Credentials given inline stand in for a connected account.
		account := &connectedAccount{ID: "custom", UserID: userID, ToolkitSlug: t.ToolkitSlug, Status: "ACTIVE"}
		writeJSON(w, http.StatusOK, f.runTool(r, t, userID, account, args))
		return
	}
	out, ok := f.executeTool(w, r, t.Slug, userID, body.ConnectedAccountID, args)
	if ok {
		writeJSON(w, http.StatusOK, out)
	}
}

func (f *Fake) generateToolInput(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text              string `json:"text"`
		CustomDescription string `json:"custom_description"`
		SystemPrompt      string `json:"system_prompt"`
		Version           string `json:"version"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	t, ok := f.findTool(w, r, r.PathValue("tool_slug"))
	if !ok || !requireFields(w, r, "text", body.Text) {
		return
	}
	if _, ok := f.pinnedToolVersion(w, r, t, body.Version); !ok {
		return
	}
	args, failure := generateArgs(t.InputParameters, body.Text)
	writeJSON(w, http.StatusOK, struct {
		Arguments map[string]any `json:"arguments"` // free-form, as the tool's schema has them
		Error     string         `json:"error,omitempty"`
	}{args, failure})
}

func (f *Fake) requiredToolScopes(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Tools   []string `json:"tools"`
		Version string   `json:"version"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if len(body.Tools) == 0 {
		badRequest(w, r, "tools is required", "tools: Array must contain at least 1 element(s)")
		return
	}
	type perTool struct {
		Tool              string         `json:"tool"`
		ScopeRequirements *scopeReqsJSON `json:"scope_requirements"`
	}
	out := struct {
		ScopesRequired      []string  `json:"scopes_required"`
		PerToolRequirements []perTool `json:"per_tool_requirements"`
	}{ScopesRequired: []string{}, PerToolRequirements: []perTool{}}
	toolkit := ""
	for _, slug := range body.Tools {
		t, ok := f.findTool(w, r, slug)
		if !ok {
			return
		}
		if toolkit != "" && t.ToolkitSlug != toolkit {
			badRequest(w, r, "All tools must belong to the same toolkit", "tools: "+slug+" belongs to "+t.ToolkitSlug+", not "+toolkit)
			return
		}
		toolkit = t.ToolkitSlug
		if body.Version != "" {
			if _, ok := f.pinnedToolVersion(w, r, t, body.Version); !ok {
				return
			}
		}
		for _, s := range t.Scopes {
			if !slices.Contains(out.ScopesRequired, s) {
				out.ScopesRequired = append(out.ScopesRequired, s)
			}
		}
		p := perTool{Tool: t.Slug}
		if t.ScopeReqs != nil {
			p.ScopeRequirements = scopeRequirements(t.ScopeReqs)
		}
		out.PerToolRequirements = append(out.PerToolRequirements, p)
	}
	writeJSON(w, http.StatusOK, out)
}
