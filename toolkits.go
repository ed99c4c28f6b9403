package composio

import (
	"context"
	"iter"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ToolkitsService calls the Composio API's toolkit operations: the catalog
// of apps (GitHub, Gmail, ...) whose tools an agent can use. Use it through
// [Client].Toolkits.
type ToolkitsService service

// List returns one page of toolkits matching params.
//
// API: GET /toolkits
func (s *ToolkitsService) List(ctx context.Context, params ToolkitListParams, opts ...RequestOption) (*Page[Toolkit], error) {
	return do[Page[Toolkit]](ctx, s.client, request{op: ops.ToolkitsList, query: params}, opts)
}

// ListAll iterates over every toolkit matching params, fetching pages as
// the loop advances.
//
// API: GET /toolkits
func (s *ToolkitsService) ListAll(ctx context.Context, params ToolkitListParams, opts ...RequestOption) iter.Seq2[Toolkit, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Toolkit], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// ListCategories returns the categories toolkits are filed under.
//
// API: GET /toolkits/categories
func (s *ToolkitsService) ListCategories(ctx context.Context, opts ...RequestOption) (*Page[ToolkitCategory], error) {
	return do[Page[ToolkitCategory]](ctx, s.client, request{op: ops.ToolkitsRetrieveCategories}, opts)
}

// GetChangelog returns the version history of every toolkit.
//
// API: GET /toolkits/changelog
func (s *ToolkitsService) GetChangelog(ctx context.Context, opts ...RequestOption) (*ToolkitChangelog, error) {
	return do[ToolkitChangelog](ctx, s.client, request{op: ops.ToolkitsRetrieveChangelog}, opts)
}

// Changelog returns the version history of every toolkit.
//
// Deprecated: use GetChangelog.
func (s *ToolkitsService) Changelog(ctx context.Context, opts ...RequestOption) (*ToolkitChangelog, error) {
	return s.GetChangelog(ctx, opts...)
}

// ListBySlugs returns one page of the toolkits named in params.Toolkits (all
// toolkits when empty), with the same filters as List.
//
// API: POST /toolkits/multi
func (s *ToolkitsService) ListBySlugs(ctx context.Context, params ToolkitListBySlugsParams, opts ...RequestOption) (*Page[Toolkit], error) {
	return do[Page[Toolkit]](ctx, s.client, request{op: ops.ToolkitsRetrieveMulti, body: params}, opts)
}

// ListBySlugsAll iterates over every toolkit ListBySlugs would return, page by
// page.
//
// API: POST /toolkits/multi
func (s *ToolkitsService) ListBySlugsAll(ctx context.Context, params ToolkitListBySlugsParams, opts ...RequestOption) iter.Seq2[Toolkit, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Toolkit], error) {
		params.Cursor = cursor
		return s.ListBySlugs(ctx, params, opts...)
	})
}

// ListMulti returns one page of the toolkits named in params.Toolkits.
//
// Deprecated: use ListBySlugs.
func (s *ToolkitsService) ListMulti(ctx context.Context, params ToolkitListMultiParams, opts ...RequestOption) (*Page[Toolkit], error) {
	return s.ListBySlugs(ctx, params, opts...)
}

// ListMultiAll iterates over every toolkit ListMulti would return.
//
// Deprecated: use ListBySlugsAll.
func (s *ToolkitsService) ListMultiAll(ctx context.Context, params ToolkitListMultiParams, opts ...RequestOption) iter.Seq2[Toolkit, error] {
	return s.ListBySlugsAll(ctx, params, opts...)
}

// Get returns a toolkit with its auth details, by slug.
//
// API: GET /toolkits/{slug}
func (s *ToolkitsService) Get(ctx context.Context, slug string, params ToolkitGetParams, opts ...RequestOption) (*ToolkitDetails, error) {
	return do[ToolkitDetails](ctx, s.client, request{op: ops.ToolkitsRetrieve, pathArgs: []string{slug}, query: params}, opts)
}
