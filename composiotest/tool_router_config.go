package composiotest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// routerRaw is one field of a request body, decoded when its name is known.
type routerRaw = json.RawMessage

func routerIsNull(raw routerRaw) bool { return strings.TrimSpace(string(raw)) == "null" }

// decodeRouterField decodes one body field, answering 400 naming it on failure.
func decodeRouterField(w http.ResponseWriter, r *http.Request, name string, raw routerRaw, v any) bool {
	if err := json.Unmarshal(raw, v); err != nil {
		badRequest(w, r, fmt.Sprintf("%s is invalid", name), name+": "+err.Error())
		return false
	}
	return true
}

var routerToolHints = []string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}

// settingFields are the config fields that may be null on update, to reset
// them.
var routerNullable = []string{"connected_accounts", "manage_connections", "workbench", "multi_account", "experimental"}

// applyRouterConfig applies the configuration fields of a create or update
// body to s, answering 400 itself for the first invalid one. It returns
// the inline custom tools to echo (create only).
func (f *Fake) applyRouterConfig(w http.ResponseWriter, r *http.Request, s *routerSession, body map[string]routerRaw, create bool) (map[string]any, bool) {
	c := &s.Config
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var inline map[string]any
	for _, k := range keys {
		raw := body[k]
		if routerIsNull(raw) {
			if create || !slices.Contains(routerNullable, k) {
				badRequest(w, r, k+" must not be null", k+": Expected object, received null")
				return nil, false
			}
			switch k {
			case "connected_accounts":
				c.ConnectedAccounts = nil
			case "manage_connections":
				c.ManageConnections = nil
			case "workbench":
				c.Workbench = nil
			case "multi_account":
				c.MultiAccount = nil
			case "experimental":
				s.Permissions, s.LinkURLOverwrite = nil, ""
			}
			continue
		}
		ok := true
		switch k {
		case "toolkits":
			ok = f.applyToolkits(w, r, c, raw)
		case "auth_configs":
			var m map[string]string
			if ok = decodeRouterField(w, r, k, raw, &m); ok {
				c.AuthConfigs = map[string]string{}
				for slug, id := range m {
					t, found := f.toolkit(slug)
					if !found {
						badRequest(w, r, fmt.Sprintf("auth_configs: unknown toolkit %q", slug))
						return nil, false
					}
					ac, known := f.authConfigs().byID[id]
					switch {
					case !known:
						badRequest(w, r, fmt.Sprintf("auth_configs[%s]: unknown auth config %q", slug, id))
						return nil, false
					case !strings.EqualFold(ac.ToolkitSlug, t.Slug):
						badRequest(w, r, fmt.Sprintf("auth_configs[%s]: auth config %s is for toolkit %s", slug, id, ac.ToolkitSlug))
						return nil, false
					}
					c.AuthConfigs[t.Slug] = id
				}
			}
		case "connected_accounts":
			ok = f.applyConnectedAccounts(w, r, c, raw)
		case "manage_connections":
			var m struct {
				Enable                   *bool  `json:"enable"`
				CallbackURL              string `json:"callback_url"`
				EnableWaitForConnections *bool  `json:"enable_wait_for_connections"`
				EnableConnectionRemoval  *bool  `json:"enable_connection_removal"`
			}
			if ok = decodeRouterField(w, r, k, raw, &m); ok {
				out := map[string]any{"enabled": m.Enable == nil || *m.Enable}
				routerSetBool(out, "enable_wait_for_connections", m.EnableWaitForConnections)
				routerSetBool(out, "enable_connection_removal", m.EnableConnectionRemoval)
				if m.CallbackURL != "" {
					out["callback_url"] = m.CallbackURL
				}
				c.ManageConnections = out
			}
		case "tools":
			ok = f.applyToolFilters(w, r, c, raw)
		case "tags":
			var tags map[string][]string
			if tags, ok = routerParseTags(w, r, k, raw); ok {
				c.Tags = tags
			}
		case "workbench":
			var m struct {
				Enable               *bool   `json:"enable"`
				EnableProxyExecution *bool   `json:"enable_proxy_execution"`
				AutoOffloadThreshold *int    `json:"auto_offload_threshold"`
				SandboxSize          *string `json:"sandbox_size"`
			}
			if ok = decodeRouterField(w, r, k, raw, &m); ok {
				out := map[string]any{}
				routerSetBool(out, "enable", m.Enable)
				routerSetBool(out, "proxy_execution_enabled", m.EnableProxyExecution)
				if m.AutoOffloadThreshold != nil {
					if *m.AutoOffloadThreshold < 1 {
						badRequest(w, r, "workbench.auto_offload_threshold must be positive")
						return nil, false
					}
					out["auto_offload_threshold"] = *m.AutoOffloadThreshold
				}
				if m.SandboxSize != nil {
					if !oneOf(w, r, "workbench.sandbox_size", *m.SandboxSize, "standard", "medium", "large", "xlarge") {
						return nil, false
					}
					out["sandbox_size"] = *m.SandboxSize
				}
				c.Workbench = out
			}
		case "multi_account":
			var m struct {
				Enable                   *bool `json:"enable"`
				MaxAccountsPerToolkit    *int  `json:"max_accounts_per_toolkit"`
				RequireExplicitSelection *bool `json:"require_explicit_selection"`
			}
			if ok = decodeRouterField(w, r, k, raw, &m); ok {
				out := map[string]any{}
				routerSetBool(out, "enable", m.Enable)
				routerSetBool(out, "require_explicit_selection", m.RequireExplicitSelection)
				if m.MaxAccountsPerToolkit != nil {
					if n := *m.MaxAccountsPerToolkit; n < 2 || n > 10 {
						badRequest(w, r, "multi_account.max_accounts_per_toolkit must be between 2 and 10")
						return nil, false
					}
					out["max_accounts_per_toolkit"] = *m.MaxAccountsPerToolkit
				} else if m.Enable != nil && *m.Enable {
					out["max_accounts_per_toolkit"] = 5
				}
				c.MultiAccount = out
			}
		case "preload":
			ok = f.applyPreload(w, r, c, raw)
		case "search":
			var m struct {
				Enable *bool `json:"enable"`
			}
			if ok = decodeRouterField(w, r, k, raw, &m); ok {
				c.Search = map[string]any{}
				routerSetBool(c.Search, "enable", m.Enable)
			}
		case "execute":
			var m struct {
				EnableMultiExecute *bool `json:"enable_multi_execute"`
			}
			if ok = decodeRouterField(w, r, k, raw, &m); ok {
				c.Execute = map[string]any{}
				routerSetBool(c.Execute, "enable_multi_execute", m.EnableMultiExecute)
			}
		case "experimental":
			inline, ok = f.applyExperimental(w, r, s, raw, create)
		}
		if !ok {
			return nil, false
		}
	}
	if all, _ := c.Preload["tools"].(string); all == "all" && !routerHasAllowlist(c) {
		badRequest(w, r, `preload.tools "all" needs a positive allowlist: set toolkits.enable, a tools enable list or tags.enable`)
		return nil, false
	}
	if multi, _ := c.MultiAccount["enable"].(bool); !multi {
		for slug, ids := range c.ConnectedAccounts {
			if len(ids) > 1 {
				badRequest(w, r, fmt.Sprintf("connected_accounts[%s]: at most one account per toolkit unless multi_account is enabled", slug))
				return nil, false
			}
		}
	}
	return inline, true
}

func routerSetBool(m map[string]any, key string, v *bool) {
	if v != nil {
		m[key] = *v
	}
}

func routerHasAllowlist(c *routerConfig) bool {
	if _, ok := c.Toolkits["enabled"]; ok || len(c.Tags["enabled"]) > 0 {
		return true
	}
	for _, ft := range c.Tools {
		if _, ok := ft["enabled"]; ok {
			return true
		}
	}
	return false
}

func (f *Fake) applyToolkits(w http.ResponseWriter, r *http.Request, c *routerConfig, raw routerRaw) bool {
	var m struct {
		Enable  *[]string `json:"enable"`
		Disable *[]string `json:"disable"`
	}
	if !decodeRouterField(w, r, "toolkits", raw, &m) {
		return false
	}
	if (m.Enable == nil) == (m.Disable == nil) {
		badRequest(w, r, "toolkits: set exactly one of enable and disable")
		return false
	}
	key, list := "enabled", m.Enable
	if m.Disable != nil {
		key, list = "disabled", m.Disable
	}
	slugs, ok := f.checkCatalogToolkits(w, r, "toolkits."+key[:len(key)-1], *list)
	if ok {
		c.Toolkits = map[string][]string{key: slugs}
	}
	return ok
}

func (f *Fake) applyConnectedAccounts(w http.ResponseWriter, r *http.Request, c *routerConfig, raw routerRaw) bool {
	var m map[string][]string
	if !decodeRouterField(w, r, "connected_accounts", raw, &m) {
		return false
	}
	accounts := f.accounts()
	out := map[string][]string{}
	for slug, ids := range m {
		t, ok := f.toolkit(slug)
		if !ok {
			badRequest(w, r, fmt.Sprintf("connected_accounts: unknown toolkit %q", slug))
			return false
		}
		for _, id := range ids {
			a, ok := accounts.byID[id]
			switch {
			case !ok:
				resAccountAny.notFound(w, r, id)
				return false
			case a.UserID != c.UserID || a.ToolkitSlug != t.Slug:
				badRequest(w, r, fmt.Sprintf("connected_accounts[%s]: account %s does not belong to user %s and toolkit %s", slug, id, c.UserID, t.Slug))
				return false
			}
		}
		out[t.Slug] = ids
	}
	c.ConnectedAccounts = out
	return true
}

func (f *Fake) applyToolFilters(w http.ResponseWriter, r *http.Request, c *routerConfig, raw routerRaw) bool {
	var m map[string]map[string]routerRaw
	if !decodeRouterField(w, r, "tools", raw, &m) {
		return false
	}
	tools := f.tools()
	out := map[string]map[string]any{}
	for slug, filter := range m {
		t, ok := f.toolkit(slug)
		if !ok {
			badRequest(w, r, fmt.Sprintf("tools: unknown toolkit %q", slug))
			return false
		}
		field := "tools." + slug
		if len(filter) != 1 {
			badRequest(w, r, field+": set exactly one of enable, disable and tags")
			return false
		}
		for key, v := range filter {
			switch key {
			case "enable", "disable":
				var slugs []string
				if !decodeRouterField(w, r, field+"."+key, v, &slugs) {
					return false
				}
				var bad []string
				for i, s := range slugs {
					slugs[i] = strings.ToUpper(s)
					if tool, ok := tools.bySlug[slugs[i]]; !ok || tool.ToolkitSlug != t.Slug {
						bad = append(bad, s)
					}
				}
				if len(bad) > 0 {
					badRequest(w, r, fmt.Sprintf("%s.%s: no %s tools named %s", field, key, t.Slug, strings.Join(bad, ", ")))
					return false
				}
				out[t.Slug] = map[string]any{key + "d": slugs}
			case "tags":
				tags, ok := routerParseTags(w, r, field+".tags", v)
				if !ok {
					return false
				}
				out[t.Slug] = map[string]any{"tags": tags}
			default:
				badRequest(w, r, field+": set exactly one of enable, disable and tags")
				return false
			}
		}
	}
	c.Tools = out
	return true
}

// routerParseTags reads a tag filter in either form (a list of tags to enable,
// or {enable, disable}) into the reported {enabled, disabled} form.
func routerParseTags(w http.ResponseWriter, r *http.Request, field string, raw routerRaw) (map[string][]string, bool) {
	var m struct {
		Enable  []string `json:"enable"`
		Disable []string `json:"disable"`
	}
	if json.Unmarshal(raw, &m.Enable) != nil && !decodeRouterField(w, r, field, raw, &m) {
		return nil, false
	}
	out := map[string][]string{}
	for key, list := range map[string][]string{"enabled": m.Enable, "disabled": m.Disable} {
		for _, t := range list {
			if !slices.Contains(routerToolHints, t) {
				badRequest(w, r, fmt.Sprintf("%s: unknown tag %q", field, t), field+": one of "+strings.Join(routerToolHints, ", "))
				return nil, false
			}
		}
		if list != nil {
			out[key] = list
		}
	}
	return out, true
}

func (f *Fake) applyPreload(w http.ResponseWriter, r *http.Request, c *routerConfig, raw routerRaw) bool {
	var m struct {
		Tools routerRaw `json:"tools"`
	}
	if !decodeRouterField(w, r, "preload", raw, &m) {
		return false
	}
	var all string
	if json.Unmarshal(m.Tools, &all) == nil {
		if all != "all" {
			badRequest(w, r, `preload.tools must be a list of tool slugs or "all"`)
			return false
		}
		c.Preload = map[string]any{"tools": "all"}
		return true
	}
	var slugs []string
	if len(m.Tools) > 0 && !decodeRouterField(w, r, "preload.tools", m.Tools, &slugs) {
		return false
	}
	for i := range slugs {
		slugs[i] = strings.ToUpper(slugs[i])
	}
	if _, ok := f.checkCatalogTools(w, r, "preload.tools", slugs); !ok {
		return false
	}
	c.Preload = map[string]any{"tools": nonNil(slugs)}
	return true
}

func (f *Fake) applyExperimental(w http.ResponseWriter, r *http.Request, s *routerSession, raw routerRaw, create bool) (map[string]any, bool) {
	var m map[string]routerRaw
	if !decodeRouterField(w, r, "experimental", raw, &m) {
		return nil, false
	}
	if p, ok := m["permissions"]; ok {
		var perm struct {
			Default   string            `json:"default"`
			Overrides map[string]string `json:"overrides"`
		}
		if !decodeRouterField(w, r, "experimental.permissions", p, &perm) ||
			!oneOf(w, r, "experimental.permissions.default", perm.Default, "allow_all", "ask_every_call", "ask_once_per_session") {
			return nil, false
		}
		for _, v := range perm.Overrides {
			if !oneOf(w, r, "experimental.permissions.overrides", v, "always_allow", "always_deny", "ask_once", "ask_always") {
				return nil, false
			}
		}
		s.Permissions = map[string]any{"default": perm.Default, "overrides": perm.Overrides}
	}
	if l, ok := m["link_url_overwrite"]; ok && !decodeRouterField(w, r, "experimental.link_url_overwrite", l, &s.LinkURLOverwrite) {
		return nil, false
	}
	if !create {
		for _, k := range []string{"assistive_prompt_config", "custom_toolkits", "custom_tools"} {
			if _, ok := m[k]; ok {
				badRequest(w, r, "experimental."+k+" can only be set when creating a session")
				return nil, false
			}
		}
		return nil, true
	}
	return f.inlineCustoms(w, r, m)
}
