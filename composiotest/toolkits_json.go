package composiotest

import (
	"strconv"
	"strings"
)

// The wire shapes of toolkits, as the v3.1 API renders them.

type toolkitJSON struct {
	Slug                       string            `json:"slug"`
	Name                       string            `json:"name"`
	Type                       string            `json:"type"`
	AuthSchemes                []string          `json:"auth_schemes"`
	ComposioManagedAuthSchemes []string          `json:"composio_managed_auth_schemes"`
	IsLocalToolkit             bool              `json:"is_local_toolkit"`
	NoAuth                     bool              `json:"no_auth"`
	AuthGuideURL               *string           `json:"auth_guide_url"`
	Deprecated                 map[string]string `json:"deprecated"`
	Meta                       toolkitMetaJSON   `json:"meta"`
}

type toolkitMetaJSON struct {
	CreatedAt         string              `json:"created_at"`
	UpdatedAt         string              `json:"updated_at"`
	Description       string              `json:"description"`
	Logo              string              `json:"logo"`
	AppURL            *string             `json:"app_url"`
	Categories        []map[string]string `json:"categories"`
	TriggersCount     int                 `json:"triggers_count"`
	ToolsCount        int                 `json:"tools_count"`
	Version           string              `json:"version"`
	AvailableVersions []string            `json:"available_versions,omitempty"`
}

func toolkitMeta(t *fakeToolkit, toolsCount int, categoryKey string) toolkitMetaJSON {
	m := toolkitMetaJSON{
		CreatedAt: catalogTime, UpdatedAt: catalogTime, Description: t.Description,
		Logo:          "https://logos.composio.dev/api/" + t.Slug,
		TriggersCount: t.TriggersCount, ToolsCount: toolsCount, Version: t.latest(),
		Categories: []map[string]string{},
	}
	if t.AppURL != "" {
		m.AppURL = &t.AppURL
	}
	for _, c := range t.Categories {
		m.Categories = append(m.Categories, map[string]string{categoryKey: c.ID, "name": c.Name})
	}
	return m
}

func toolkitListItem(t *fakeToolkit, toolsCount int) toolkitJSON {
	return toolkitJSON{
		Slug: t.Slug, Name: t.Name, Type: "native",
		AuthSchemes: nonNil(t.AuthSchemes), ComposioManagedAuthSchemes: nonNil(t.ManagedSchemes),
		NoAuth:     len(t.AuthSchemes) == 0,
		Deprecated: map[string]string{"toolkitId": legacyID(t)},
		Meta:       toolkitMeta(t, toolsCount, "id"),
	}
}

func toolkitDetails(t *fakeToolkit, toolsCount int) map[string]any {
	managed := []map[string]any{}
	for _, mode := range t.ManagedSchemes {
		managed = append(managed, map[string]any{"mode": mode, "scopes": map[string]any{"available": nonNil(t.Scopes)}})
	}
	details := []map[string]any{}
	for _, mode := range t.AuthSchemes {
		details = append(details, map[string]any{
			"mode": mode, "name": t.Name + " " + strings.ReplaceAll(strings.ToLower(mode), "_", " "),
			"fields": map[string]any{
				"auth_config_creation":         authFields(mode, true),
				"connected_account_initiation": authFields(mode, false),
			},
		})
	}
	meta := toolkitMeta(t, toolsCount, "slug")
	meta.AvailableVersions = t.Versions
	out := map[string]any{
		"slug": t.Slug, "name": t.Name, "type": "native", "enabled": true,
		"composio_managed_auth_schemes": nonNil(t.ManagedSchemes), "composio_managed_auth": managed,
		"is_local_toolkit": false, "auth_config_details": details, "auth_guide_url": nil,
		"meta":       meta,
		"deprecated": map[string]any{"toolkitId": legacyID(t), "rawProxyInfoByAuthSchemes": []any{}},
	}
	if t.BaseURL != "" {
		out["base_url"] = t.BaseURL
	}
	return out
}

// authFields are the inputs a scheme asks for: client credentials for an
// auth config, the secret itself for a connection.
func authFields(mode string, forAuthConfig bool) map[string]any {
	field := func(name, display, desc string, secret bool) map[string]any {
		return map[string]any{"name": name, "displayName": display, "type": "string", "description": desc, "required": true, "is_secret": secret}
	}
	required := []map[string]any{}
	switch {
	case mode == "OAUTH2" && forAuthConfig:
		required = append(required, field("client_id", "Client ID", "OAuth client id of your app", false),
			field("client_secret", "Client secret", "OAuth client secret of your app", true))
	case mode == "API_KEY" && !forAuthConfig:
		required = append(required, field("api_key", "API key", "Your API key", true))
	case mode == "BEARER_TOKEN" && !forAuthConfig:
		required = append(required, field("token", "Bearer token", "Your access token", true))
	}
	return map[string]any{"required": required, "optional": []any{}}
}

func legacyID(t *fakeToolkit) string {
	sum := 0
	for _, c := range t.Slug {
		sum = sum*31 + int(c)
	}
	return "a" + strconv.Itoa(sum&0xffffff)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
