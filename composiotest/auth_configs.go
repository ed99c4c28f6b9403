package composiotest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// authConfigState holds the project's auth configs.
type authConfigState struct {
	byID  map[string]*fakeAuthConfig
	order []*fakeAuthConfig // creation order
}

// fakeAuthConfig is the fake's record of one auth config.
type fakeAuthConfig struct {
	ID, UUID, Name, ToolkitSlug, AuthScheme string
	Managed                                 bool // Composio-managed ("default") or custom
	Credentials                             map[string]any
	ProxyConfig                             map[string]any
	Enabled                                 bool
	RestrictTools                           []string
	ToolsForCreation, ToolsForExecution     []string
	SharedCredentials                       map[string]any
	ToolRouter                              bool
	CreatedAt, UpdatedAt                    string
	seq                                     uint64 // creation order, for list keys
}

func (s *authConfigState) seed(*Fake) { s.byID = map[string]*fakeAuthConfig{} }

func (s *authConfigState) add(c *fakeAuthConfig) {
	c.seq = nextSeq()
	s.byID[c.ID] = c
	s.order = append(s.order, c)
}

// authConfigBody is the create body's auth_config, either variant.
type authConfigBody struct {
	Type                     string         `json:"type"`
	Name                     string         `json:"name"`
	AuthScheme               string         `json:"authScheme"`
	Credentials              map[string]any `json:"credentials"`
	ProxyConfig              map[string]any `json:"proxy_config"`
	RestrictToFollowingTools []string       `json:"restrict_to_following_tools"`
	ToolAccessConfig         *struct {
		ToolsForConnectedAccountCreation []string `json:"tools_for_connected_account_creation"`
		ToolsAvailableForExecution       []string `json:"tools_available_for_execution"`
	} `json:"tool_access_config"`
	SharedCredentials      map[string]any `json:"shared_credentials"`
	IsEnabledForToolRouter *bool          `json:"is_enabled_for_tool_router"`
}

func (f *Fake) createAuthConfig(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Toolkit *struct {
			Slug string `json:"slug"`
		} `json:"toolkit"`
		AuthConfig *authConfigBody `json:"auth_config"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if body.Toolkit == nil {
		badRequest(w, r, "toolkit is required", "toolkit: Required")
		return
	}
	if !requireFields(w, r, "toolkit.slug", body.Toolkit.Slug) {
		return
	}
	t, ok := f.toolkit(body.Toolkit.Slug)
	if !ok {
		writeError(w, r, http.StatusBadRequest, 1400, "Toolkit "+body.Toolkit.Slug+" not found", "List toolkits with GET /api/v3.1/toolkits to see valid slugs.")
		return
	}
	spec := body.AuthConfig
	if spec == nil {
		spec = &authConfigBody{Type: "use_composio_managed_auth"}
	}
	now := f.timestamp()
	c := &fakeAuthConfig{ID: f.newID("ac"), UUID: f.newID(""), Name: spec.Name, ToolkitSlug: t.Slug, Enabled: true,
		RestrictTools: spec.RestrictToFollowingTools, SharedCredentials: spec.SharedCredentials, CreatedAt: now, UpdatedAt: now,
		Credentials: spec.Credentials, ProxyConfig: spec.ProxyConfig}
	if c.Name == "" {
		c.Name = t.Name + " auth config"
	}
	if spec.ToolAccessConfig != nil {
		c.ToolsForCreation = spec.ToolAccessConfig.ToolsForConnectedAccountCreation
	}
	if spec.IsEnabledForToolRouter != nil {
		c.ToolRouter = *spec.IsEnabledForToolRouter
	}
	switch spec.Type {
	case "use_composio_managed_auth":
		if len(t.ManagedSchemes) == 0 {
			writeError(w, r, http.StatusBadRequest, 1501, "Composio does not manage auth for toolkit "+t.Slug,
				"Create a custom auth config (type use_custom_auth) with your own credentials.")
			return
		}
		c.Managed, c.AuthScheme = true, t.ManagedSchemes[0]
	case "use_custom_auth":
		if !requireFields(w, r, "auth_config.authScheme", spec.AuthScheme) {
			return
		}
		if !slices.Contains(t.AuthSchemes, spec.AuthScheme) {
			writeError(w, r, http.StatusBadRequest, 1502, "Toolkit "+t.Slug+" does not support auth scheme "+spec.AuthScheme,
				"Use one of: "+strings.Join(t.AuthSchemes, ", "))
			return
		}
		if spec.AuthScheme == "OAUTH2" || spec.AuthScheme == "OAUTH1" {
			if !requireFields(w, r, "auth_config.credentials.client_id", credString(spec.Credentials["client_id"]),
				"auth_config.credentials.client_secret", credString(spec.Credentials["client_secret"])) {
				return
			}
		}
		if spec.ProxyConfig != nil && !requireFields(w, r, "auth_config.proxy_config.proxy_url", credString(spec.ProxyConfig["proxy_url"])) {
			return
		}
		c.AuthScheme = spec.AuthScheme
	default:
		badRequest(w, r, "auth_config.type must be use_composio_managed_auth or use_custom_auth",
			"auth_config.type: Invalid discriminator value '"+spec.Type+"'")
		return
	}
	f.authConfigs().add(c)
	writeJSON(w, http.StatusCreated, authConfigCreatedWire{
		Toolkit: slugWire{t.Slug},
		AuthConfig: authConfigRefWire{ID: c.ID, AuthScheme: c.AuthScheme, IsComposioManaged: c.Managed,
			RestrictToFollowingTools: nonNil(c.RestrictTools)},
	})
}

func (f *Fake) listAuthConfigs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	managed, ok1 := queryBool(r, "is_composio_managed")
	disabled, ok2 := queryBool(r, "show_disabled")
	if !ok1 || !ok2 {
		badRequest(w, r, "is_composio_managed and show_disabled must be true or false")
		return
	}
	slugs := queryList(r, "toolkit_slug")
	search := strings.ToLower(q.Get("search"))
	var items listing[authConfigWire]
	list := f.authConfigs().order
	for i := len(list) - 1; i >= 0; i-- { // newest first
		c := list[i]
		switch {
		case !c.Enabled && (disabled == nil || !*disabled),
			managed != nil && c.Managed != *managed,
			!matches(slugs, c.ToolkitSlug),
			search != "" && !strings.Contains(strings.ToLower(c.Name+" "+c.ID), search):
			continue
		}
		items.add(descKey(c.seq), f.authConfigJSON(c))
	}
	paginateWith(w, r, items, q.Get("limit"), q.Get("cursor"), maxResourcePage)
}

// authConfigOf finds the auth config of the request path, answering 404
// itself when there is none.
func (f *Fake) authConfigOf(w http.ResponseWriter, r *http.Request) (*fakeAuthConfig, bool) {
	return lookupPath(w, r, resAuthConfig, f.authConfigs().byID, "nanoid")
}

func (f *Fake) getAuthConfig(w http.ResponseWriter, r *http.Request) {
	if c, ok := f.authConfigOf(w, r); ok {
		writeJSON(w, http.StatusOK, f.authConfigJSON(c))
	}
}

func (f *Fake) updateAuthConfig(w http.ResponseWriter, r *http.Request) {
	c, ok := f.authConfigOf(w, r)
	if !ok {
		return
	}
	var body struct {
		authConfigBody
		Scopes     any `json:"scopes"`
		UserScopes any `json:"user_scopes"`
		// Proxy shadows authConfigBody.ProxyConfig: null removes the proxy,
		// absent keeps it.
		Proxy json.RawMessage `json:"proxy_config"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "type", body.Type) {
		return
	}
	want := "custom"
	if c.Managed {
		want = "default"
	}
	if body.Type != "custom" && body.Type != "default" {
		badRequest(w, r, "type must be custom or default", "type: Invalid discriminator value '"+body.Type+"'")
		return
	}
	if body.Type != want {
		badRequest(w, r, "Auth config "+c.ID+" is of type "+want+"; send type "+want)
		return
	}
	if body.Name != "" {
		c.Name = body.Name
	}
	if body.Credentials != nil {
		if c.Credentials == nil {
			c.Credentials = map[string]any{}
		}
		for k, v := range body.Credentials {
			c.Credentials[k] = v
		}
	}
	for key, v := range map[string]any{"scopes": body.Scopes, "user_scopes": body.UserScopes} {
		if v != nil {
			if c.Credentials == nil {
				c.Credentials = map[string]any{}
			}
			c.Credentials[key] = v
		}
	}
	switch raw := strings.TrimSpace(string(body.Proxy)); {
	case raw == "null":
		c.ProxyConfig = nil
	case raw != "":
		var proxy map[string]any
		if err := json.Unmarshal(body.Proxy, &proxy); err != nil {
			badRequest(w, r, "proxy_config must be an object or null", err.Error())
			return
		}
		if !requireFields(w, r, "proxy_config.proxy_url", credString(proxy["proxy_url"])) {
			return
		}
		c.ProxyConfig = proxy
	}
	if body.RestrictToFollowingTools != nil {
		c.RestrictTools = body.RestrictToFollowingTools
	}
	if tac := body.ToolAccessConfig; tac != nil {
		if tac.ToolsForConnectedAccountCreation != nil {
			c.ToolsForCreation = tac.ToolsForConnectedAccountCreation
		}
		if tac.ToolsAvailableForExecution != nil {
			c.ToolsForExecution = tac.ToolsAvailableForExecution
		}
	}
	if body.SharedCredentials != nil {
		c.SharedCredentials = body.SharedCredentials
	}
	if body.IsEnabledForToolRouter != nil {
		c.ToolRouter = *body.IsEnabledForToolRouter
	}
	c.UpdatedAt = f.timestamp()
	writeJSON(w, http.StatusOK, emptyWire{})
}

func (f *Fake) deleteAuthConfig(w http.ResponseWriter, r *http.Request) {
	c, ok := f.authConfigOf(w, r)
	if !ok {
		return
	}
	revoke, ok := revokeOnDelete(w, r)
	if !ok {
		return
	}
	s := f.authConfigs()
	delete(s.byID, c.ID)
	s.order = slices.DeleteFunc(s.order, func(x *fakeAuthConfig) bool { return x == c })
	// The config's connected accounts go with it.
	accounts := f.accounts()
	for _, a := range slices.Clone(accounts.order) {
		if a.AuthConfigID == c.ID {
			accounts.remove(a)
		}
	}
	writeJSON(w, http.StatusOK, f.deleted(deletedWire{}, revoke))
}

func (f *Fake) setAuthConfigStatus(w http.ResponseWriter, r *http.Request) {
	c, ok := f.authConfigOf(w, r)
	if !ok {
		return
	}
	switch status := r.PathValue("status"); status {
	case "ENABLED", "DISABLED":
		c.Enabled = status == "ENABLED"
		c.UpdatedAt = f.timestamp()
		writeJSON(w, http.StatusOK, emptyWire{})
	default:
		badRequest(w, r, "status must be ENABLED or DISABLED", "status: Invalid enum value '"+status+"'")
	}
}

// authConfigJSON renders c as GET answers it, secrets partly hidden.
func (f *Fake) authConfigJSON(c *fakeAuthConfig) authConfigWire {
	t, _ := f.toolkit(c.ToolkitSlug)
	kind, status := "custom", "ENABLED"
	if c.Managed {
		kind = "default"
	}
	if !c.Enabled {
		status = "DISABLED"
	}
	connections := 0
	for _, a := range f.accounts().order {
		if a.AuthConfigID == c.ID && a.Status == "ACTIVE" {
			connections++
		}
	}
	out := authConfigWire{
		ID: c.ID, UUID: c.UUID, Type: kind, Name: c.Name, AuthScheme: c.AuthScheme, IsComposioManaged: c.Managed,
		Toolkit:     authConfigToolkitWire{Slug: c.ToolkitSlug, Logo: "https://logos.composio.dev/api/" + c.ToolkitSlug},
		Credentials: maskSecrets(c.Credentials), Status: status,
		CreatedBy: "fake@composio.dev", CreatedAt: c.CreatedAt, LastUpdatedAt: c.UpdatedAt,
		NoOfConnections: connections, ExpectedInputFields: []any{},
		RestrictToFollowingTools: nonNil(c.RestrictTools),
		ToolAccessConfig: toolAccessWire{
			ToolsForConnectedAccountCreation: nonNil(c.ToolsForCreation),
			ToolsAvailableForExecution:       nonNil(c.ToolsForExecution),
		},
		SharedCredentials:      maskSecrets(c.SharedCredentials),
		IsEnabledForToolRouter: c.ToolRouter,
	}
	if c.ProxyConfig != nil {
		out.ProxyConfig = maskSecrets(c.ProxyConfig)
	}
	if t != nil && t.AppURL != "" {
		out.Toolkit.AuthHintURL = t.AppURL
	}
	return out
}

// authConfigWire is an auth config as GET and lists answer it.
type authConfigWire struct {
	AuthScheme               string                `json:"auth_scheme"`
	CreatedAt                string                `json:"created_at"`
	CreatedBy                string                `json:"created_by"`
	Credentials              map[string]any        `json:"credentials"` // free-form, secrets masked
	ExpectedInputFields      []any                 `json:"expected_input_fields"`
	ID                       string                `json:"id"`
	IsComposioManaged        bool                  `json:"is_composio_managed"`
	IsEnabledForToolRouter   bool                  `json:"is_enabled_for_tool_router"`
	LastUpdatedAt            string                `json:"last_updated_at"`
	Name                     string                `json:"name"`
	NoOfConnections          int                   `json:"no_of_connections"`
	ProxyConfig              map[string]any        `json:"proxy_config"` // null when none
	RestrictToFollowingTools []string              `json:"restrict_to_following_tools"`
	SharedCredentials        map[string]any        `json:"shared_credentials"`
	Status                   string                `json:"status"`
	ToolAccessConfig         toolAccessWire        `json:"tool_access_config"`
	Toolkit                  authConfigToolkitWire `json:"toolkit"`
	Type                     string                `json:"type"`
	UUID                     string                `json:"uuid"`
}

type authConfigToolkitWire struct {
	AuthGuideURL *string `json:"auth_guide_url"` // always null in the fake
	AuthHintURL  string  `json:"auth_hint_url,omitempty"`
	Logo         string  `json:"logo"`
	Slug         string  `json:"slug"`
}

type toolAccessWire struct {
	ToolsAvailableForExecution       []string `json:"tools_available_for_execution"`
	ToolsForConnectedAccountCreation []string `json:"tools_for_connected_account_creation"`
}

// authConfigCreatedWire answers POST /auth_configs.
type authConfigCreatedWire struct {
	AuthConfig authConfigRefWire `json:"auth_config"`
	Toolkit    slugWire          `json:"toolkit"`
}

type authConfigRefWire struct {
	AuthScheme               string   `json:"auth_scheme"`
	ID                       string   `json:"id"`
	IsComposioManaged        bool     `json:"is_composio_managed"`
	RestrictToFollowingTools []string `json:"restrict_to_following_tools"`
}

// publicCredentialFields are credential fields the API answers in clear.
var publicCredentialFields = map[string]bool{"client_id": true, "scopes": true, "user_scopes": true, "proxy_url": true,
	"subdomain": true, "region": true, "base_url": true}

// maskSecrets hides all but the first characters of secret string values,
// as the API does ("sk_l****").
func maskSecrets(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok && !publicCredentialFields[k] && s != "" {
			v = s[:min(4, len(s)/2)] + "****"
		}
		out[k] = v
	}
	return out
}

// credString is v when it is a string, else "".
func credString(v any) string {
	s, _ := v.(string)
	return s
}
