package composio

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

// TriggersService calls the Composio API's trigger operations: the catalog
// of trigger types (events a toolkit can report, such as a new GitHub
// commit) and the project's trigger instances (a trigger type switched on
// for one connected account). Events of enabled instances reach you through
// a webhook subscription ([WebhooksService]) and [VerifyWebhook] or
// [WebhookHandler]. Use it through [Client].Triggers.
//
// Trigger type lookups and upserts send the client's toolkit versions (set
// with COMPOSIO_TOOLKIT_VERSION_<TOOLKIT> variables or the client's option)
// unless the params name their own, as the official SDKs do.
type TriggersService service

// ListTypes returns one page of trigger types, optionally only those of
// some toolkits.
//
// API: GET /triggers_types
func (s *TriggersService) ListTypes(ctx context.Context, params TriggerTypeListParams, opts ...RequestOption) (*Page[TriggerType], error) {
	q, err := triggerTypeQuery(s.client, params)
	if err != nil {
		return nil, err
	}
	return do[Page[TriggerType]](ctx, s.client, request{method: http.MethodGet, path: "/triggers_types", auth: authProjectOrUser, query: q}, opts)
}

// ListTypesAll iterates over every trigger type matching params, fetching
// pages as the loop advances.
//
// API: GET /triggers_types
func (s *TriggersService) ListTypesAll(ctx context.Context, params TriggerTypeListParams, opts ...RequestOption) iter.Seq2[TriggerType, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[TriggerType], error) {
		params.Cursor = cursor
		return s.ListTypes(ctx, params, opts...)
	})
}

// ListTypeSlugs returns the slug of every trigger type (the API's trigger
// "enum"), such as "GITHUB_COMMIT_EVENT".
//
// API: GET /triggers_types/list/enum
func (s *TriggersService) ListTypeSlugs(ctx context.Context, opts ...RequestOption) ([]string, error) {
	var out []string
	if err := s.client.call(ctx, request{method: http.MethodGet, path: "/triggers_types/list/enum", auth: authProjectOrUser}, opts, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// GetType returns a trigger type by slug (case-insensitive), with the
// schema of its configuration and of the events it delivers.
//
// API: GET /triggers_types/{slug}
func (s *TriggersService) GetType(ctx context.Context, slug string, params TriggerTypeGetParams, opts ...RequestOption) (*TriggerType, error) {
	q, err := triggerTypeQuery(s.client, TriggerTypeListParams{ToolkitVersion: params.ToolkitVersion, ToolkitVersions: params.ToolkitVersions})
	if err != nil {
		return nil, err
	}
	return do[TriggerType](ctx, s.client, request{method: http.MethodGet, path: "/triggers_types/{slug}", pathArgs: []string{slug}, auth: authProjectOrUser, query: q}, opts)
}

// Upsert switches a trigger type on for a connected account: it creates a
// trigger instance, or returns the existing one with the same account and
// configuration. Name the account with ConnectedAccountID, or give only
// UserID to use that user's first active account of the trigger's toolkit.
//
// API: POST /trigger_instances/{slug}/upsert
func (s *TriggersService) Upsert(ctx context.Context, triggerSlug string, params TriggerUpsertParams, opts ...RequestOption) (*TriggerInstanceRef, error) {
	if strings.TrimSpace(params.ConnectedAccountID) == "" && strings.TrimSpace(params.UserID) == "" {
		return nil, invalidParam("ConnectedAccountID", "set it or UserID: a trigger runs for one connected account")
	}
	versions, err := triggerToolkitVersions(s.client, params.ToolkitVersion, params.ToolkitVersions)
	if err != nil {
		return nil, err
	}
	body := triggerUpsertBody{
		ConnectedAccountID: params.ConnectedAccountID,
		UserID:             params.UserID,
		TriggerConfig:      params.TriggerConfig,
		ToolkitVersions:    versions,
	}
	return do[TriggerInstanceRef](ctx, s.client, request{method: http.MethodPost, path: "/trigger_instances/{slug}/upsert", pathArgs: []string{triggerSlug}, auth: authProjectOrUser, body: body}, opts)
}

// ListActive returns one page of the project's trigger instances: the
// enabled ones, and the disabled ones too when params.ShowDisabled is set.
//
// API: GET /trigger_instances/active
func (s *TriggersService) ListActive(ctx context.Context, params TriggerListActiveParams, opts ...RequestOption) (*Page[TriggerInstance], error) {
	return do[Page[TriggerInstance]](ctx, s.client, request{method: http.MethodGet, path: "/trigger_instances/active", auth: authProjectOrUser, query: params}, opts)
}

// ListActiveAll iterates over every trigger instance ListActive would
// return, page by page.
//
// API: GET /trigger_instances/active
func (s *TriggersService) ListActiveAll(ctx context.Context, params TriggerListActiveParams, opts ...RequestOption) iter.Seq2[TriggerInstance, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[TriggerInstance], error) {
		params.Cursor = cursor
		return s.ListActive(ctx, params, opts...)
	})
}

// Update enables or disables a trigger instance. [TriggersService.Enable]
// and [TriggersService.Disable] say the same more briefly.
//
// API: PATCH /trigger_instances/manage/{triggerId}
func (s *TriggersService) Update(ctx context.Context, triggerID string, params TriggerUpdateParams, opts ...RequestOption) (*TriggerUpdateResult, error) {
	if params.Status == "" {
		return nil, invalidParam("Status", "must not be empty (TriggerStatusEnable or TriggerStatusDisable)")
	}
	return do[TriggerUpdateResult](ctx, s.client, request{method: http.MethodPatch, path: "/trigger_instances/manage/{triggerId}", pathArgs: []string{triggerID}, auth: authProjectOrUser, body: params}, opts)
}

// Enable resumes a disabled trigger instance: its events are delivered
// again.
//
// API: PATCH /trigger_instances/manage/{triggerId}
func (s *TriggersService) Enable(ctx context.Context, triggerID string, opts ...RequestOption) (*TriggerUpdateResult, error) {
	return s.Update(ctx, triggerID, TriggerUpdateParams{Status: TriggerStatusEnable}, opts...)
}

// Disable pauses a trigger instance without deleting it: no events are
// delivered until it is enabled again.
//
// API: PATCH /trigger_instances/manage/{triggerId}
func (s *TriggersService) Disable(ctx context.Context, triggerID string, opts ...RequestOption) (*TriggerUpdateResult, error) {
	return s.Update(ctx, triggerID, TriggerUpdateParams{Status: TriggerStatusDisable}, opts...)
}

// Delete removes a trigger instance for good.
//
// API: DELETE /trigger_instances/manage/{triggerId}
func (s *TriggersService) Delete(ctx context.Context, triggerID string, opts ...RequestOption) (*TriggerInstanceRef, error) {
	return do[TriggerInstanceRef](ctx, s.client, request{method: http.MethodDelete, path: "/trigger_instances/manage/{triggerId}", pathArgs: []string{triggerID}, auth: authProjectOrUser}, opts)
}

// triggerTypeQuery encodes the trigger type filters, adding toolkit_versions
// in the API's string-or-bracket form, which go-querystring cannot express.
func triggerTypeQuery(c *Client, params TriggerTypeListParams) (url.Values, error) {
	versions, err := triggerToolkitVersions(c, params.ToolkitVersion, params.ToolkitVersions)
	if err != nil {
		return nil, err
	}
	q, err := encodeQuery(params)
	if err != nil {
		return nil, err
	}
	v, _ := url.ParseQuery(q) // our own encoding: always parses
	switch t := versions.(type) {
	case string:
		v.Set("toolkit_versions", t)
	case map[string]string:
		for slug, version := range t {
			v.Set("toolkit_versions["+slug+"]", version)
		}
	}
	return v, nil
}

// triggerToolkitVersions picks the toolkit versions to send: the call's own
// (one version, or one per toolkit), else the client's. The result is nil,
// a string or a map[string]string, as the API's string-or-object field.
func triggerToolkitVersions(c *Client, one string, perToolkit map[string]string) (any, error) {
	if one != "" && len(perToolkit) > 0 {
		return nil, invalidParam("ToolkitVersions", "set ToolkitVersion or ToolkitVersions, not both")
	}
	for slug, version := range perToolkit {
		if strings.TrimSpace(slug) == "" || strings.TrimSpace(version) == "" {
			return nil, invalidParam("ToolkitVersions", "toolkit slugs and versions must not be empty")
		}
	}
	switch {
	case one != "":
		return one, nil
	case len(perToolkit) > 0:
		return perToolkit, nil
	}
	r := c.cfg.resolved
	switch {
	case r.toolkitVersion != "":
		return r.toolkitVersion, nil
	case len(r.toolkitVersions) > 0:
		return r.toolkitVersions, nil
	}
	return nil, nil
}

// triggerUpsertBody is the wire body of an upsert; toolkit_versions is a
// string or an object.
type triggerUpsertBody struct {
	ConnectedAccountID string         `json:"connected_account_id,omitzero"`
	UserID             string         `json:"user_id,omitzero"`
	TriggerConfig      map[string]any `json:"trigger_config,omitzero"`
	ToolkitVersions    any            `json:"toolkit_versions,omitempty"`
}
