package composio

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// TriggersService calls the Composio API's trigger operations: the catalog
// of trigger types (events a toolkit can report, such as a new GitHub
// commit) and the project's trigger instances (a trigger type switched on
// for one connected account). Events of enabled instances reach you through
// a webhook subscription ([WebhooksService]) and [VerifyWebhook] or
// [WebhookHandler], or over a websocket with no public URL
// ([TriggersService.Subscribe]). Use it through [Client].Triggers.
//
// Trigger type lookups and upserts send the client's toolkit versions (set
// with COMPOSIO_TOOLKIT_VERSION_<TOOLKIT> variables or the client's option)
// unless the params name their own, as the official SDKs do.
type TriggersService service

// ListTypes returns one page of trigger types, optionally only those of
// some toolkits. When params.ToolkitVersions is unset, the client's toolkit
// versions (see [WithToolkitVersions]) are sent.
//
// API: GET /triggers_types
func (s *TriggersService) ListTypes(ctx context.Context, params TriggerTypeListParams, opts ...RequestOption) (*Page[TriggerType], error) {
	if params.ToolkitVersions.IsZero() {
		params.ToolkitVersions = s.client.configuredToolkitVersions()
	}
	return do[Page[TriggerType]](ctx, s.client, request{op: ops.TriggersTypesList, query: params}, opts)
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
	var out slugList
	if err := s.client.call(ctx, request{op: ops.TriggersTypesRetrieveEnum}, opts, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// slugList decodes the enum answer: a JSON array of strings, as the API's
// type says, or that array encoded in a JSON string, as its description
// ("JSON string containing all trigger enum values") allows.
type slugList []string

func (l *slugList) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '"' {
		var inner string
		if err := json.Unmarshal(t, &inner); err != nil {
			return err
		}
		b = []byte(inner)
	}
	return json.Unmarshal(b, (*[]string)(l))
}

// GetType returns a trigger type by slug (case-insensitive), with the
// schema of its configuration and of the events it delivers. When
// params.ToolkitVersions is unset, the client's toolkit versions are sent.
//
// API: GET /triggers_types/{slug}
func (s *TriggersService) GetType(ctx context.Context, slug string, params TriggerTypeGetParams, opts ...RequestOption) (*TriggerType, error) {
	if params.ToolkitVersions.IsZero() {
		params.ToolkitVersions = s.client.configuredToolkitVersions()
	}
	return do[TriggerType](ctx, s.client, request{op: ops.TriggersTypesRetrieve, pathArgs: []string{slug}, query: params}, opts)
}

// Upsert switches a trigger type on for a connected account: it creates a
// trigger instance, or returns the existing one with the same account and
// configuration. Name the account with ConnectedAccountID, or give only
// UserID to use that user's first active account of the trigger's toolkit.
// When params.ToolkitVersions is unset, the client's toolkit versions are
// sent. The API documents a 204 answer without a body too; the result's
// TriggerID is then empty.
//
// API: POST /trigger_instances/{slug}/upsert
func (s *TriggersService) Upsert(ctx context.Context, triggerSlug string, params TriggerUpsertParams, opts ...RequestOption) (*TriggerInstanceRef, error) {
	if strings.TrimSpace(params.ConnectedAccountID) == "" && strings.TrimSpace(params.UserID) == "" {
		return nil, invalidParam("ConnectedAccountID", "set it or UserID: a trigger runs for one connected account")
	}
	versions := params.ToolkitVersions
	if versions.IsZero() {
		versions = s.client.configuredToolkitVersions()
	}
	wire, err := toolkitVersionsJSON(versions)
	if err != nil {
		return nil, err
	}
	body := triggerUpsertBody{
		ConnectedAccountID: params.ConnectedAccountID,
		UserID:             params.UserID,
		TriggerConfig:      params.TriggerConfig,
		ToolkitVersions:    wire,
	}
	return do[TriggerInstanceRef](ctx, s.client, request{op: ops.TriggerInstancesUpsert, pathArgs: []string{triggerSlug}, body: body}, opts)
}

// ListActive returns one page of the project's trigger instances: the
// enabled ones, and the disabled ones too when params.ShowDisabled is set.
//
// API: GET /trigger_instances/active
func (s *TriggersService) ListActive(ctx context.Context, params TriggerListActiveParams, opts ...RequestOption) (*Page[TriggerInstance], error) {
	return do[Page[TriggerInstance]](ctx, s.client, request{op: ops.TriggerInstancesListActive, query: params}, opts)
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
	return do[TriggerUpdateResult](ctx, s.client, request{op: ops.TriggerInstancesManageUpdate, pathArgs: []string{triggerID}, body: params}, opts)
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
	return do[TriggerInstanceRef](ctx, s.client, request{op: ops.TriggerInstancesManageDelete, pathArgs: []string{triggerID}}, opts)
}

// toolkitVersionsJSON is the body form of v, as the query form spells it:
// nil when unset, the Version string, or an object keyed by lower-case
// toolkit slug.
func toolkitVersionsJSON(v ToolkitVersions) (any, error) {
	if v.Version != "" && len(v.ByToolkit) > 0 {
		return nil, invalidParam("ToolkitVersions", "set Version or ByToolkit, not both")
	}
	if v.Version != "" {
		return v.Version, nil
	}
	if len(v.ByToolkit) == 0 {
		return nil, nil
	}
	m := make(map[string]string, len(v.ByToolkit))
	for slug, version := range v.ByToolkit {
		if strings.TrimSpace(slug) == "" || strings.TrimSpace(version) == "" {
			return nil, invalidParam("ToolkitVersions", "toolkit slugs and versions must not be empty")
		}
		m[strings.ToLower(slug)] = version
	}
	return m, nil
}

// triggerUpsertBody is the wire body of an upsert; toolkit_versions is a
// string or an object.
type triggerUpsertBody struct {
	ConnectedAccountID string         `json:"connected_account_id,omitzero"`
	UserID             string         `json:"user_id,omitzero"`
	TriggerConfig      map[string]any `json:"trigger_config,omitzero"`
	ToolkitVersions    any            `json:"toolkit_versions,omitempty"`
}
