package composio

import (
	"context"
	"iter"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// AuthConfigsService calls the Composio API's auth configs operations. An
// auth config says how users of your project authenticate to a toolkit:
// with Composio's own OAuth app (Composio-managed) or with your
// credentials (custom: your OAuth client, an API-key scheme, ...). Use it
// through [Client].AuthConfigs.
type AuthConfigsService service

// Create creates an auth config for a toolkit. With a zero
// params.AuthConfig the API uses Composio-managed auth.
//
// API: POST /auth_configs
func (s *AuthConfigsService) Create(ctx context.Context, params AuthConfigCreateParams, opts ...RequestOption) (*AuthConfigCreated, error) {
	if strings.TrimSpace(params.ToolkitSlug) == "" {
		return nil, invalidParam("toolkit.slug", "must not be empty")
	}
	if err := params.AuthConfig.check(); err != nil {
		return nil, err
	}
	return do[AuthConfigCreated](ctx, s.client, request{op: ops.AuthConfigsCreate, body: params}, opts)
}

// List returns one page of auth configs matching params.
//
// API: GET /auth_configs
func (s *AuthConfigsService) List(ctx context.Context, params AuthConfigListParams, opts ...RequestOption) (*Page[AuthConfig], error) {
	return do[Page[AuthConfig]](ctx, s.client, request{op: ops.AuthConfigsList, query: params}, opts)
}

// ListAll iterates over every auth config matching params, fetching pages
// as the loop advances.
//
// API: GET /auth_configs
func (s *AuthConfigsService) ListAll(ctx context.Context, params AuthConfigListParams, opts ...RequestOption) iter.Seq2[AuthConfig, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[AuthConfig], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// Get returns an auth config. Its secrets come back partly hidden.
//
// API: GET /auth_configs/{nanoid}
func (s *AuthConfigsService) Get(ctx context.Context, id string, opts ...RequestOption) (*AuthConfig, error) {
	return do[AuthConfig](ctx, s.client, request{op: ops.AuthConfigsRetrieve, pathArgs: []string{id}}, opts)
}

// Update changes an auth config. Set exactly one of params.Custom (for a
// custom config) or params.Default (for a Composio-managed one); only the
// fields set change.
//
// API: PATCH /auth_configs/{nanoid}
func (s *AuthConfigsService) Update(ctx context.Context, id string, params AuthConfigUpdateParams, opts ...RequestOption) error {
	if err := params.check(); err != nil {
		return err
	}
	return s.client.call(ctx, request{op: ops.AuthConfigsUpdate, pathArgs: []string{id}, body: params}, opts, nil)
}

// Delete deletes an auth config. With params.RevokeOnDelete the
// credentials of its connected accounts are revoked too, in a background
// job.
//
// API: DELETE /auth_configs/{nanoid}
func (s *AuthConfigsService) Delete(ctx context.Context, id string, params AuthConfigDeleteParams, opts ...RequestOption) (*AuthConfigDeleted, error) {
	return do[AuthConfigDeleted](ctx, s.client, request{op: ops.AuthConfigsDelete, pathArgs: []string{id}, query: params}, opts)
}

// Enable enables a disabled auth config.
//
// API: PATCH /auth_configs/{nanoid}/{status}
func (s *AuthConfigsService) Enable(ctx context.Context, id string, opts ...RequestOption) error {
	return s.setStatus(ctx, id, AuthConfigEnabled, opts)
}

// Disable disables an auth config: no new connections can be made with it.
//
// API: PATCH /auth_configs/{nanoid}/{status}
func (s *AuthConfigsService) Disable(ctx context.Context, id string, opts ...RequestOption) error {
	return s.setStatus(ctx, id, AuthConfigDisabled, opts)
}

func (s *AuthConfigsService) setStatus(ctx context.Context, id string, status AuthConfigStatus, opts []RequestOption) error {
	return s.client.call(ctx, request{op: ops.AuthConfigsUpdateStatus, pathArgs: []string{id, string(status)}}, opts, nil)
}

// AuthConfigListParams filters [AuthConfigsService.List]. The zero value
// lists every enabled auth config.
type AuthConfigListParams struct {
	// IsComposioManaged keeps only Composio-managed (true) or custom
	// (false) configs.
	IsComposioManaged *bool `url:"is_composio_managed,omitempty"`
	// ToolkitSlug filters by toolkit; several slugs are comma-separated.
	ToolkitSlug string `url:"toolkit_slug,omitempty"`
	// ShowDisabled includes disabled configs when true.
	ShowDisabled *bool `url:"show_disabled,omitempty"`
	// Search matches names and ids.
	Search string `url:"search,omitempty"`
	// DeprecatedAppID filters by legacy app id.
	//
	// Deprecated: use ToolkitSlug.
	DeprecatedAppID string `url:"deprecated_app_id,omitempty"`
	// DeprecatedStatus filters by legacy status.
	//
	// Deprecated: the API will remove it.
	DeprecatedStatus string `url:"deprecated_status,omitempty"`
	// Limit is the page size (at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// AuthConfigDeleteParams tunes [AuthConfigsService.Delete].
type AuthConfigDeleteParams struct {
	// RevokeOnDelete also revokes the credentials of every connected
	// account of the config when true.
	RevokeOnDelete *bool `url:"revoke_on_delete,omitempty"`
}
