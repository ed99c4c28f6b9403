package composiotest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// routerState holds the tool router sessions.
type routerState struct {
	byID map[string]*routerSession
	// uploads and downloads are the live presigned file URLs by token.
	uploads, downloads map[string]*routerFileToken
	// links are the pending connections started with link, by token.
	links map[string]*routerLink
}

type routerSession struct {
	ID        string
	Config    routerConfig
	Version   int
	UpdatedAt string // when the live config took effect
	History   []routerHistoryEntry
	// Permissions and LinkURLOverwrite are experimental settings kept
	// outside the reported config.
	Permissions      map[string]any
	LinkURLOverwrite string
	mounts           map[string]map[string]*routerFile // mount id -> path -> file
}

type routerHistoryEntry struct {
	Version   int          `json:"version"`
	CreatedAt string       `json:"created_at"`
	Config    routerConfig `json:"config"`
	IsCurrent bool         `json:"is_current"`
}

// routerConfig is a session's configuration in the shape the API reports
// (enabled/disabled lists).
type routerConfig struct {
	UserID            string                    `json:"user_id"`
	Toolkits          map[string][]string       `json:"toolkits,omitempty"`
	AuthConfigs       map[string]string         `json:"auth_configs,omitempty"`
	ManageConnections map[string]any            `json:"manage_connections,omitempty"`
	Tools             map[string]map[string]any `json:"tools,omitempty"`
	Tags              map[string][]string       `json:"tags,omitempty"`
	Workbench         map[string]any            `json:"workbench,omitempty"`
	MultiAccount      map[string]any            `json:"multi_account,omitempty"`
	Preload           map[string]any            `json:"preload"`
	ConnectedAccounts map[string][]string       `json:"connected_accounts,omitempty"`
	Search            map[string]any            `json:"search"`
	Execute           map[string]any            `json:"execute"`
}

func (s *routerState) seed(*Fake) {
	s.byID = map[string]*routerSession{}
	s.uploads = map[string]*routerFileToken{}
	s.downloads = map[string]*routerFileToken{}
	s.links = map[string]*routerLink{}
}

// routerSessionOf finds the live session of the path, answering 404 itself.
func (f *Fake) routerSessionOf(w http.ResponseWriter, r *http.Request) (*routerSession, bool) {
	return lookupPath(w, r, resSession, f.routers().byID, "session_id")
}

func (f *Fake) createRouterSession(w http.ResponseWriter, r *http.Request) {
	var body map[string]routerRaw
	if !decodeBody(w, r, &body) {
		return
	}
	var userID string
	if raw, ok := body["user_id"]; ok && !decodeRouterField(w, r, "user_id", raw, &userID) {
		return
	}
	if !requireFields(w, r, "user_id", userID) {
		return
	}
	s := &routerSession{
		ID: f.newID("trs"), Version: 1, UpdatedAt: f.timestamp(),
		Config: routerConfig{
			UserID:  userID,
			Preload: map[string]any{"tools": []string{}},
			Search:  map[string]any{"enable": true},
			Execute: map[string]any{"enable_multi_execute": true},
		},
		mounts: map[string]map[string]*routerFile{routerDefaultMount: {}},
	}
	delete(body, "user_id")
	inline, ok := f.applyRouterConfig(w, r, s, body, true)
	if !ok {
		return
	}
	f.routers().byID[s.ID] = s
	out := f.sessionJSON(r, s)
	exp := map[string]any{"assistive_prompt": f.assistivePrompt(s)}
	for k, v := range inline {
		exp[k] = v
	}
	out.Experimental = exp
	if len(s.preloadedTools(f)) > 20 {
		out.Warnings = []sessionWarningWire{{Code: "PRELOAD_TOOLS_HIGH_CONTEXT_USAGE",
			Message: "More than 20 tools are preloaded; their schemas take a large part of the model's context."}}
	}
	writeJSON(w, http.StatusCreated, out)
}

func (f *Fake) getRouterSession(w http.ResponseWriter, r *http.Request) {
	if s, ok := f.routerSessionOf(w, r); ok {
		writeJSON(w, http.StatusOK, f.sessionJSON(r, s))
	}
}

func (f *Fake) patchRouterSession(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body map[string]routerRaw
	if !decodeBody(w, r, &body) {
		return
	}
	if _, ok := body["user_id"]; ok {
		badRequest(w, r, "user_id cannot be changed; create a new session for another user")
		return
	}
	// Apply to a copy: a rejected patch changes nothing.
	next := *s
	next.Config = routerCloneConfig(s.Config)
	if _, ok := f.applyRouterConfig(w, r, &next, body, false); !ok {
		return
	}
	now := f.timestamp()
	archived := routerHistoryEntry{Version: s.Version, CreatedAt: now, Config: s.Config}
	next.History = append(slices.Clone(s.History), archived)
	next.Version++
	next.UpdatedAt = now
	*s = next
	writeJSON(w, http.StatusOK, f.sessionJSON(r, s))
}

func (f *Fake) deleteRouterSession(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	st := f.routers()
	delete(st.byID, s.ID)
	for _, m := range []map[string]*routerFileToken{st.uploads, st.downloads} {
		for tok, t := range m {
			if t.session == s {
				delete(m, tok)
			}
		}
	}
	writeJSON(w, http.StatusOK, struct {
		Deleted   bool   `json:"deleted"`
		SessionID string `json:"session_id"`
	}{true, s.ID})
}

func (f *Fake) attachRouterSession(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body struct {
		Experimental map[string]routerRaw `json:"experimental"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	inline, ok := f.inlineCustoms(w, r, body.Experimental)
	if !ok {
		return
	}
	out := f.sessionJSON(r, s)
	if len(inline) > 0 {
		out.Experimental = inline
	}
	writeJSON(w, http.StatusOK, out)
}

func (f *Fake) routerConfigHistory(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	after, size, ok := queryPage(w, r, maxHistoryPage)
	if !ok {
		return
	}
	// Newest version first; versions only grow, so they key the list.
	var items listing[routerHistoryEntry]
	items.add(descKey(uint64(s.Version)), routerHistoryEntry{Version: s.Version, CreatedAt: s.UpdatedAt, Config: s.Config, IsCurrent: true})
	for i := len(s.History) - 1; i >= 0; i-- {
		items.add(descKey(uint64(s.History[i].Version)), s.History[i])
	}
	writeJSON(w, http.StatusOK, pageOf(items, after, size))
}

// sessionWire is the session body every session operation answers.
type sessionWire struct {
	Config          routerConfig         `json:"config"`
	ConfigVersion   int                  `json:"config_version"`
	Experimental    map[string]any       `json:"experimental,omitempty"` // create and attach: the assistive prompt, inline custom tools
	MCP             sessionMCPWire       `json:"mcp"`
	SessionID       string               `json:"session_id"`
	ToolRouterTools []string             `json:"tool_router_tools"`
	Warnings        []sessionWarningWire `json:"warnings,omitempty"`
}

type sessionMCPWire struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

type sessionWarningWire struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// sessionJSON is the session body every session operation answers.
func (f *Fake) sessionJSON(r *http.Request, s *routerSession) sessionWire {
	return sessionWire{
		SessionID:       s.ID,
		MCP:             sessionMCPWire{Type: "http", URL: origin(r) + "/tool_router/v3/" + s.ID + "/mcp"},
		ToolRouterTools: s.metaTools(),
		Config:          s.Config,
		ConfigVersion:   s.Version,
	}
}

// metaTools are the meta tools the session's configuration exposes.
func (s *routerSession) metaTools() []string {
	c := s.Config
	tools := []string{}
	if routerFlag(c.Search, "enable", true) {
		tools = append(tools, "COMPOSIO_SEARCH_TOOLS", "COMPOSIO_GET_TOOL_SCHEMAS")
	}
	if routerFlag(c.Execute, "enable_multi_execute", true) {
		tools = append(tools, "COMPOSIO_MULTI_EXECUTE_TOOL")
	}
	if routerFlag(c.ManageConnections, "enabled", true) {
		tools = append(tools, "COMPOSIO_MANAGE_CONNECTIONS")
		if routerFlag(c.ManageConnections, "enable_wait_for_connections", false) {
			tools = append(tools, "COMPOSIO_WAIT_FOR_CONNECTIONS")
		}
	}
	if routerFlag(c.Workbench, "enable", true) {
		tools = append(tools, "COMPOSIO_REMOTE_WORKBENCH", "COMPOSIO_REMOTE_BASH_TOOL")
	}
	return tools
}

// routerFlag reads a boolean setting, def when unset.
func routerFlag(m map[string]any, key string, def bool) bool {
	if b, ok := m[key].(bool); ok {
		return b
	}
	return def
}

func (f *Fake) assistivePrompt(s *routerSession) string {
	var b strings.Builder
	b.WriteString("You can use Composio tools for user " + s.Config.UserID + ". ")
	b.WriteString("Search for the right tool with COMPOSIO_SEARCH_TOOLS before executing; ")
	b.WriteString("if a toolkit is not connected, use COMPOSIO_MANAGE_CONNECTIONS to get an authentication link. ")
	b.WriteString("Current time: " + f.now().UTC().Format(time.RFC3339) + ".")
	return b.String()
}

// toolkitAllowed reports whether the session's toolkit filter allows slug.
func (s *routerSession) toolkitAllowed(slug string) bool {
	if en, ok := s.Config.Toolkits["enabled"]; ok {
		return slices.Contains(en, slug)
	}
	return !slices.Contains(s.Config.Toolkits["disabled"], slug)
}

// toolAllowed reports whether the session exposes tool t.
func (s *routerSession) toolAllowed(t *fakeTool) bool {
	if !s.toolkitAllowed(t.ToolkitSlug) {
		return false
	}
	if ft, ok := s.Config.Tools[t.ToolkitSlug]; ok {
		if en, ok := ft["enabled"].([]string); ok {
			return slices.Contains(en, t.Slug)
		}
		if dis, ok := ft["disabled"].([]string); ok {
			return !slices.Contains(dis, t.Slug)
		}
		if tags, ok := ft["tags"].(map[string][]string); ok {
			return routerTagsAllow(tags, t.Tags)
		}
	}
	return routerTagsAllow(s.Config.Tags, t.Tags)
}

// routerTagsAllow applies a tag filter: at least one enabled tag, no disabled one.
func routerTagsAllow(filter map[string][]string, tags []string) bool {
	if en := filter["enabled"]; len(en) > 0 && !slices.ContainsFunc(en, func(t string) bool { return slices.Contains(tags, t) }) {
		return false
	}
	return !slices.ContainsFunc(filter["disabled"], func(t string) bool { return slices.Contains(tags, t) })
}

// allowedTools is the session's slice of the catalog, in catalog order.
func (s *routerSession) allowedTools(f *Fake) []*fakeTool {
	var out []*fakeTool
	for _, t := range f.tools().order {
		if s.toolAllowed(t) {
			out = append(out, t)
		}
	}
	return out
}

// preloadedTools are the tools exposed without a search.
func (s *routerSession) preloadedTools(f *Fake) []string {
	switch v := s.Config.Preload["tools"].(type) {
	case string: // "all"
		var out []string
		for _, t := range s.allowedTools(f) {
			out = append(out, t.Slug)
		}
		return out
	case []string:
		return v
	}
	return nil
}

func routerCloneConfig(c routerConfig) routerConfig {
	// Settings are replaced, never mutated in place, so a shallow copy of
	// each map is a deep enough copy.
	c.Toolkits = routerCloneMap(c.Toolkits)
	c.AuthConfigs = routerCloneMap(c.AuthConfigs)
	c.ManageConnections = routerCloneMap(c.ManageConnections)
	c.Tools = routerCloneMap(c.Tools)
	c.Tags = routerCloneMap(c.Tags)
	c.Workbench = routerCloneMap(c.Workbench)
	c.MultiAccount = routerCloneMap(c.MultiAccount)
	c.Preload = routerCloneMap(c.Preload)
	c.ConnectedAccounts = routerCloneMap(c.ConnectedAccounts)
	c.Search = routerCloneMap(c.Search)
	c.Execute = routerCloneMap(c.Execute)
	return c
}

func routerCloneMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
