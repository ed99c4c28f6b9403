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

// toolkitDetailsWire is a toolkit as GET /toolkits/{slug} answers it.
// The wire structs converted from maps keep the map's order of keys (the
// order of their JSON names), so the answers stay byte for byte the same.
type toolkitDetailsWire struct {
	AuthConfigDetails          []authDetailWire  `json:"auth_config_details"`
	AuthGuideURL               *string           `json:"auth_guide_url"` // always null in the fake
	BaseURL                    string            `json:"base_url,omitempty"`
	ComposioManagedAuth        []managedAuthWire `json:"composio_managed_auth"`
	ComposioManagedAuthSchemes []string          `json:"composio_managed_auth_schemes"`
	Deprecated                 toolkitLegacyWire `json:"deprecated"`
	Enabled                    bool              `json:"enabled"`
	IsLocalToolkit             bool              `json:"is_local_toolkit"`
	Meta                       toolkitMetaJSON   `json:"meta"`
	Name                       string            `json:"name"`
	Slug                       string            `json:"slug"`
	Type                       string            `json:"type"`
}

type authDetailWire struct {
	Fields authDetailFieldsWire `json:"fields"`
	Mode   string               `json:"mode"`
	Name   string               `json:"name"`
}

type authDetailFieldsWire struct {
	AuthConfigCreation         authFieldsWire `json:"auth_config_creation"`
	ConnectedAccountInitiation authFieldsWire `json:"connected_account_initiation"`
}

type authFieldsWire struct {
	Optional []any           `json:"optional"`
	Required []authFieldWire `json:"required"`
}

type authFieldWire struct {
	Description string `json:"description"`
	DisplayName string `json:"displayName"`
	IsSecret    bool   `json:"is_secret"`
	Name        string `json:"name"`
	Required    bool   `json:"required"`
	Type        string `json:"type"`
}

type managedAuthWire struct {
	Mode   string        `json:"mode"`
	Scopes availableWire `json:"scopes"`
}

type availableWire struct {
	Available []string `json:"available"`
}

type toolkitLegacyWire struct {
	RawProxyInfoByAuthSchemes []any  `json:"rawProxyInfoByAuthSchemes"`
	ToolkitID                 string `json:"toolkitId"`
}

func toolkitDetails(t *fakeToolkit, toolsCount int) toolkitDetailsWire {
	managed := []managedAuthWire{}
	for _, mode := range t.ManagedSchemes {
		managed = append(managed, managedAuthWire{Mode: mode, Scopes: availableWire{nonNil(t.Scopes)}})
	}
	details := []authDetailWire{}
	for _, mode := range t.AuthSchemes {
		details = append(details, authDetailWire{
			Mode: mode, Name: t.Name + " " + strings.ReplaceAll(strings.ToLower(mode), "_", " "),
			Fields: authDetailFieldsWire{
				AuthConfigCreation:         authFields(mode, true),
				ConnectedAccountInitiation: authFields(mode, false),
			},
		})
	}
	meta := toolkitMeta(t, toolsCount, "slug")
	meta.AvailableVersions = t.Versions
	return toolkitDetailsWire{
		Slug: t.Slug, Name: t.Name, Type: "native", Enabled: true,
		ComposioManagedAuthSchemes: nonNil(t.ManagedSchemes), ComposioManagedAuth: managed,
		AuthConfigDetails: details, BaseURL: t.BaseURL,
		Meta:       meta,
		Deprecated: toolkitLegacyWire{ToolkitID: legacyID(t), RawProxyInfoByAuthSchemes: []any{}},
	}
}

// authFields are the inputs a scheme asks for: client credentials for an
// auth config, the secret itself for a connection.
func authFields(mode string, forAuthConfig bool) authFieldsWire {
	field := func(name, display, desc string, secret bool) authFieldWire {
		return authFieldWire{Name: name, DisplayName: display, Type: "string", Description: desc, Required: true, IsSecret: secret}
	}
	required := []authFieldWire{}
	switch {
	case mode == "OAUTH2" && forAuthConfig:
		required = append(required, field("client_id", "Client ID", "OAuth client id of your app", false),
			field("client_secret", "Client secret", "OAuth client secret of your app", true))
	case mode == "API_KEY" && !forAuthConfig:
		required = append(required, field("api_key", "API key", "Your API key", true))
	case mode == "BEARER_TOKEN" && !forAuthConfig:
		required = append(required, field("token", "Bearer token", "Your access token", true))
	}
	return authFieldsWire{Required: required, Optional: []any{}}
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
