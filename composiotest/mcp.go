package composiotest

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// mcpState holds the MCP servers and their user instances.
type mcpState struct {
	byID  map[string]*mcpServer
	order []*mcpServer // creation order
}

type mcpServer struct {
	ID, Name               string
	AuthConfigIDs          []string
	AllowedTools           []string
	Toolkits               []string
	ManagedAuthViaComposio bool
	Custom                 bool
	CreatedAt, UpdatedAt   string
	instances              []*mcpInstance
}

type mcpInstance struct {
	ID, UserID           string
	CreatedAt, UpdatedAt string
}

func (s *mcpState) seed(*Fake) { s.byID = map[string]*mcpServer{} }

// MCP server names: 4-30 letters, digits, spaces and hyphens.
var mcpNamePattern = regexp.MustCompile(`^[A-Za-z0-9 -]{4,30}$`)

func (f *Fake) checkMCPName(w http.ResponseWriter, r *http.Request, name string) bool {
	if !mcpNamePattern.MatchString(name) {
		badRequest(w, r, "name must be 4-30 characters: letters, digits, spaces and hyphens", "name: Invalid")
		return false
	}
	for _, s := range f.mcp().order {
		if strings.EqualFold(s.Name, name) {
			writeError(w, r, http.StatusConflict, 1902, fmt.Sprintf("An MCP server named %q already exists", name), "Choose another name, or update the existing server.")
			return false
		}
	}
	return true
}

// checkCatalogToolkits answers 400 unless every slug is a catalog toolkit; it
// returns them in lower case.
func (f *Fake) checkCatalogToolkits(w http.ResponseWriter, r *http.Request, field string, slugs []string) ([]string, bool) {
	out := make([]string, 0, len(slugs))
	for _, s := range slugs {
		t, ok := f.toolkit(s)
		if !ok {
			badRequest(w, r, fmt.Sprintf("%s: unknown toolkit %q", field, s))
			return nil, false
		}
		if !slices.Contains(out, t.Slug) {
			out = append(out, t.Slug)
		}
	}
	return out, true
}

// checkAuthConfigs answers 400 unless every id is one of the project's auth
// configs; it returns the toolkits they serve.
func (f *Fake) checkAuthConfigs(w http.ResponseWriter, r *http.Request, ids []string) ([]string, bool) {
	configs := f.authConfigs().byID
	var toolkits []string
	for _, id := range ids {
		c, ok := configs[id]
		if !ok {
			badRequest(w, r, fmt.Sprintf("auth_config_ids: unknown auth config %q", id))
			return nil, false
		}
		toolkits = mergeSlugs(toolkits, []string{c.ToolkitSlug})
	}
	return toolkits, true
}

// checkCatalogTools answers 400 unless every slug is a catalog tool; it returns
// the toolkits the tools belong to.
func (f *Fake) checkCatalogTools(w http.ResponseWriter, r *http.Request, field string, slugs []string) ([]string, bool) {
	tools := f.tools()
	var toolkits, unknown []string
	for _, s := range slugs {
		t, ok := tools.bySlug[strings.ToUpper(s)]
		if !ok {
			unknown = append(unknown, s)
			continue
		}
		if !slices.Contains(toolkits, t.ToolkitSlug) {
			toolkits = append(toolkits, t.ToolkitSlug)
		}
	}
	if len(unknown) > 0 {
		badRequest(w, r, fmt.Sprintf("%s: unknown tool slugs: %s", field, strings.Join(unknown, ", ")))
		return nil, false
	}
	return toolkits, true
}

func (f *Fake) createMCPServer(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name                   string   `json:"name"`
		AuthConfigIDs          []string `json:"auth_config_ids"`
		NoAuthApps             []string `json:"no_auth_apps"`
		AllowedTools           []string `json:"allowed_tools"`
		ManagedAuthViaComposio *bool    `json:"managed_auth_via_composio"`
	}
	if !decodeBody(w, r, &body) || !f.checkMCPName(w, r, body.Name) {
		return
	}
	if body.AuthConfigIDs == nil {
		badRequest(w, r, "auth_config_ids is required", "auth_config_ids: Required")
		return
	}
	fromConfigs, ok := f.checkAuthConfigs(w, r, body.AuthConfigIDs)
	if !ok {
		return
	}
	toolkits, ok := f.checkCatalogToolkits(w, r, "no_auth_apps", body.NoAuthApps)
	if !ok {
		return
	}
	fromTools, ok := f.checkCatalogTools(w, r, "allowed_tools", body.AllowedTools)
	if !ok {
		return
	}
	s := f.addMCPServer(body.Name, body.AuthConfigIDs, body.AllowedTools, mergeSlugs(mergeSlugs(fromConfigs, toolkits), fromTools), body.ManagedAuthViaComposio != nil && *body.ManagedAuthViaComposio, false)
	writeJSON(w, http.StatusCreated, f.mcpServerJSON(r, s, false))
}

func (f *Fake) createCustomMCPServer(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name                   string   `json:"name"`
		AuthConfigIDs          []string `json:"auth_config_ids"`
		Toolkits               []string `json:"toolkits"`
		AllowedTools           []string `json:"allowed_tools"`
		CustomTools            []string `json:"custom_tools"`
		ManagedAuthViaComposio *bool    `json:"managed_auth_via_composio"`
	}
	if !decodeBody(w, r, &body) || !f.checkMCPName(w, r, body.Name) {
		return
	}
	fromConfigs, ok := f.checkAuthConfigs(w, r, body.AuthConfigIDs)
	if !ok {
		return
	}
	toolkits, ok := f.checkCatalogToolkits(w, r, "toolkits", body.Toolkits)
	if !ok {
		return
	}
	allowed := mergeSlugs(body.AllowedTools, body.CustomTools)
	fromTools, ok := f.checkCatalogTools(w, r, "allowed_tools", allowed)
	if !ok {
		return
	}
	s := f.addMCPServer(body.Name, body.AuthConfigIDs, allowed, mergeSlugs(mergeSlugs(fromConfigs, toolkits), fromTools), body.ManagedAuthViaComposio != nil && *body.ManagedAuthViaComposio, true)
	full := f.mcpServerJSON(r, s, false)
	writeJSON(w, http.StatusCreated, mcpCreatedWire{
		ID: full.ID, Name: full.Name, AuthConfigIDs: full.AuthConfigIDs,
		AllowedTools: full.AllowedTools, MCPURL: full.MCPURL, Commands: full.Commands,
	})
}

func (f *Fake) addMCPServer(name string, authConfigs, allowed, toolkits []string, managed, custom bool) *mcpServer {
	now := f.timestamp()
	s := &mcpServer{
		ID: f.mcpUUID(), Name: name, AuthConfigIDs: nonNil(authConfigs), AllowedTools: nonNil(allowed), Toolkits: nonNil(toolkits),
		ManagedAuthViaComposio: managed, Custom: custom, CreatedAt: now, UpdatedAt: now,
	}
	st := f.mcp()
	st.byID[s.ID] = s
	st.order = append(st.order, s)
	return s
}

// mcpBaseURL is where MCP clients reach server s on this fake.
func mcpBaseURL(r *http.Request, id string) string {
	return origin(r) + "/v3/mcp/" + id
}

// mcpServerWire is an MCP server as GET and lists answer it.
type mcpServerWire struct {
	AllowedTools           []string          `json:"allowed_tools"`
	AuthConfigIDs          []string          `json:"auth_config_ids"`
	Commands               mcpCommandsWire   `json:"commands"`
	CreatedAt              string            `json:"created_at"`
	Deleted                *bool             `json:"deleted,omitempty"` // GET and update only
	ID                     string            `json:"id"`
	ManagedAuthViaComposio bool              `json:"managed_auth_via_composio"`
	MCPURL                 string            `json:"mcp_url"`
	Name                   string            `json:"name"`
	ServerInstanceCount    int               `json:"server_instance_count"`
	ToolkitIcons           map[string]string `json:"toolkit_icons"` // by toolkit slug
	Toolkits               []string          `json:"toolkits"`
	UpdatedAt              string            `json:"updated_at"`
}

// mcpCommandsWire are the setup commands of a server's MCP clients.
type mcpCommandsWire struct {
	Claude   string `json:"claude"`
	Cursor   string `json:"cursor"`
	Windsurf string `json:"windsurf"`
}

// mcpCreatedWire answers POST /mcp/servers/custom.
type mcpCreatedWire struct {
	AllowedTools  []string        `json:"allowed_tools"`
	AuthConfigIDs []string        `json:"auth_config_ids"`
	Commands      mcpCommandsWire `json:"commands"`
	ID            string          `json:"id"`
	MCPURL        string          `json:"mcp_url"`
	Name          string          `json:"name"`
}

// mcpURLsWire answers POST /mcp/servers/generate.
type mcpURLsWire struct {
	ConnectedAccountURLs []string `json:"connected_account_urls"`
	MCPURL               string   `json:"mcp_url"`
	UserIDsURL           []string `json:"user_ids_url"`
}

// mcpPageWire is a page of a page-numbered MCP list.
type mcpPageWire[T any] struct {
	CurrentPage int `json:"current_page"`
	Items       []T `json:"items"`
	TotalPages  int `json:"total_pages"`
}

func (f *Fake) mcpServerJSON(r *http.Request, s *mcpServer, withDeleted bool) mcpServerWire {
	base := mcpBaseURL(r, s.ID)
	icons := map[string]string{}
	for _, t := range s.Toolkits {
		icons[t] = "https://logos.composio.dev/api/" + t
	}
	setup := func(client string) string {
		return "npx @composio/mcp@latest setup \"" + base + "\" \"" + s.Name + "\" --client " + client
	}
	out := mcpServerWire{
		ID: s.ID, Name: s.Name, AuthConfigIDs: s.AuthConfigIDs, AllowedTools: s.AllowedTools,
		MCPURL: base, Toolkits: s.Toolkits, ToolkitIcons: icons,
		Commands:  mcpCommandsWire{Cursor: setup("cursor"), Claude: setup("claude"), Windsurf: setup("windsurf")},
		UpdatedAt: s.UpdatedAt, CreatedAt: s.CreatedAt,
		ServerInstanceCount: len(s.instances), ManagedAuthViaComposio: s.ManagedAuthViaComposio,
	}
	if withDeleted {
		out.Deleted = new(bool)
	}
	return out
}

// mcpServerOf finds the server named by the path value key, answering 404
// itself when there is none.
func (f *Fake) mcpServerOf(w http.ResponseWriter, r *http.Request, key string) (*mcpServer, bool) {
	return lookupPath(w, r, resMCPServer, f.mcp().byID, key)
}

func (f *Fake) generateMCPURL(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ServerID            string   `json:"mcp_server_id"`
		ManagedAuth         *bool    `json:"managed_auth_by_composio"`
		UserIDs             []string `json:"user_ids"`
		ConnectedAccountIDs []string `json:"connected_account_ids"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "mcp_server_id", body.ServerID) {
		return
	}
	s, ok := lookup(w, r, resMCPServer, f.mcp().byID, body.ServerID)
	if !ok {
		return
	}
	base := mcpBaseURL(r, s.ID)
	users, accounts := []string{}, []string{}
	for _, u := range body.UserIDs {
		users = append(users, base+"?user_id="+url.QueryEscape(u))
	}
	for _, a := range body.ConnectedAccountIDs {
		accounts = append(accounts, base+"?connected_account_id="+url.QueryEscape(a))
	}
	writeJSON(w, http.StatusOK, mcpURLsWire{MCPURL: base, ConnectedAccountURLs: accounts, UserIDsURL: users})
}

func (f *Fake) listMCPServers(w http.ResponseWriter, r *http.Request) {
	f.writeMCPServers(w, r, "")
}

func (f *Fake) listMCPServersForApp(w http.ResponseWriter, r *http.Request) {
	f.writeMCPServers(w, r, strings.ToLower(r.PathValue("appKey")))
}

// writeMCPServers answers a page-numbered list of servers, optionally only
// those using toolkit app.
func (f *Fake) writeMCPServers(w http.ResponseWriter, r *http.Request, app string) {
	q := r.URL.Query()
	if !oneOf(w, r, "order_by", q.Get("order_by"), "created_at", "updated_at") ||
		!oneOf(w, r, "order_direction", q.Get("order_direction"), "asc", "desc") {
		return
	}
	name := strings.ToLower(q.Get("name"))
	toolkits, authConfigs := queryList(r, "toolkits"), queryList(r, "auth_config_ids")
	var items []*mcpServer
	for _, s := range f.mcp().order {
		switch {
		case app != "" && !slices.Contains(s.Toolkits, app),
			name != "" && !strings.Contains(strings.ToLower(s.Name), name),
			len(toolkits) > 0 && !mcpContainsAny(toolkits, s.Toolkits),
			len(authConfigs) > 0 && !mcpContainsAny(authConfigs, s.AuthConfigIDs):
			continue
		}
		items = append(items, s)
	}
	mcpSortByTime(items, q.Get("order_by"), q.Get("order_direction"), func(s *mcpServer) (string, string) { return s.CreatedAt, s.UpdatedAt })
	page, ok := mcpPage(w, r, items)
	if !ok {
		return
	}
	out := []mcpServerWire{}
	for _, s := range page.items {
		out = append(out, f.mcpServerJSON(r, s, false))
	}
	writeJSON(w, http.StatusOK, mcpPageWire[mcpServerWire]{Items: out, TotalPages: page.totalPages, CurrentPage: page.current})
}

func (f *Fake) getMCPServer(w http.ResponseWriter, r *http.Request) {
	if s, ok := f.mcpServerOf(w, r, "id"); ok {
		writeJSON(w, http.StatusOK, f.mcpServerJSON(r, s, true))
	}
}

func (f *Fake) updateMCPServer(w http.ResponseWriter, r *http.Request) {
	s, ok := f.mcpServerOf(w, r, "id")
	if !ok {
		return
	}
	var body struct {
		Name                   *string  `json:"name"`
		Toolkits               []string `json:"toolkits"`
		AllowedTools           []string `json:"allowed_tools"`
		ManagedAuthViaComposio *bool    `json:"managed_auth_via_composio"`
		AuthConfigIDs          []string `json:"auth_config_ids"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if body.Name != nil && !strings.EqualFold(*body.Name, s.Name) && !f.checkMCPName(w, r, *body.Name) {
		return
	}
	var toolkits, fromTools, fromConfigs []string
	if body.AuthConfigIDs != nil {
		if fromConfigs, ok = f.checkAuthConfigs(w, r, body.AuthConfigIDs); !ok {
			return
		}
	}
	if body.Toolkits != nil {
		if toolkits, ok = f.checkCatalogToolkits(w, r, "toolkits", body.Toolkits); !ok {
			return
		}
	}
	if body.AllowedTools != nil {
		if fromTools, ok = f.checkCatalogTools(w, r, "allowed_tools", body.AllowedTools); !ok {
			return
		}
	}
	if body.Name != nil {
		s.Name = *body.Name
	}
	if body.Toolkits != nil {
		s.Toolkits = toolkits
	}
	if body.AllowedTools != nil {
		s.AllowedTools = body.AllowedTools
		s.Toolkits = mergeSlugs(s.Toolkits, fromTools)
	}
	if body.AuthConfigIDs != nil {
		s.AuthConfigIDs = body.AuthConfigIDs
		s.Toolkits = mergeSlugs(s.Toolkits, fromConfigs)
	}
	if body.ManagedAuthViaComposio != nil {
		s.ManagedAuthViaComposio = *body.ManagedAuthViaComposio
	}
	s.UpdatedAt = f.timestamp()
	writeJSON(w, http.StatusOK, f.mcpServerJSON(r, s, true))
}

func (f *Fake) deleteMCPServer(w http.ResponseWriter, r *http.Request) {
	s, ok := f.mcpServerOf(w, r, "id")
	if !ok {
		return
	}
	st := f.mcp()
	delete(st.byID, s.ID)
	st.order = slices.DeleteFunc(st.order, func(x *mcpServer) bool { return x == s })
	writeJSON(w, http.StatusOK, struct {
		Deleted bool   `json:"deleted"`
		ID      string `json:"id"`
	}{true, s.ID})
}

// mergeSlugs appends to a the elements of b it lacks.
func mergeSlugs(a, b []string) []string {
	out := slices.Clone(a)
	for _, v := range b {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// mcpContainsAny reports whether any of want is in have, ignoring case.
func mcpContainsAny(want, have []string) bool {
	for _, v := range want {
		if slices.ContainsFunc(have, func(h string) bool { return strings.EqualFold(h, v) }) {
			return true
		}
	}
	return false
}

// mcpUUID returns a random (version 4) UUID from the fake's generator.
func (f *Fake) mcpUUID() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(f.rng.IntN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
