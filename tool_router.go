package composio

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ToolRouterService calls the Composio API's tool router operations. A tool
// router session gives one user's agent a configured slice of Composio: it
// searches the tool catalog, connects accounts, executes tools and keeps
// files, over REST or through the session's MCP URL. Use it through
// [Client].ToolRouter.
//
// Sessions are configured at creation and changed with Update; every change
// bumps Session.ConfigVersion and is kept in the config history.
type ToolRouterService service

// Create creates a session for params.UserID.
//
// API: POST /tool_router/session
func (s *ToolRouterService) Create(ctx context.Context, params SessionCreateParams, opts ...RequestOption) (*Session, error) {
	if params.UserID == "" {
		return nil, invalidParam("user_id", "must not be empty")
	}
	if len(params.Reset) > 0 {
		return nil, invalidParam("reset", "only an update can reset settings")
	}
	if err := params.SessionConfigParams.validate(); err != nil {
		return nil, err
	}
	return do[Session](ctx, s.client, request{op: ops.ToolRouterSessionCreate, body: params}, opts)
}

// Get returns a session with its current configuration.
//
// API: GET /tool_router/session/{session_id}
func (s *ToolRouterService) Get(ctx context.Context, sessionID string, opts ...RequestOption) (*Session, error) {
	return do[Session](ctx, s.client, request{op: ops.ToolRouterSessionRetrieve, pathArgs: []string{sessionID}}, opts)
}

// Update changes the parts of a session's configuration that params sets;
// the others keep their value. Each update bumps the config version and
// archives the previous configuration (see ListConfigHistory).
//
// API: PATCH /tool_router/session/{session_id}
func (s *ToolRouterService) Update(ctx context.Context, sessionID string, params SessionUpdateParams, opts ...RequestOption) (*Session, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return do[Session](ctx, s.client, request{op: ops.ToolRouterSessionPatch, pathArgs: []string{sessionID}, body: params}, opts)
}

// Delete deletes a session.
//
// API: DELETE /tool_router/session/{session_id}
func (s *ToolRouterService) Delete(ctx context.Context, sessionID string, opts ...RequestOption) (*SessionDeleted, error) {
	return do[SessionDeleted](ctx, s.client, request{op: ops.ToolRouterSessionDelete, pathArgs: []string{sessionID}}, opts)
}

// Attach re-attaches to an existing session, registering the inline custom
// tools and toolkits of params for it, and returns the session as Create
// does.
//
// API: POST /tool_router/session/{session_id}/attach
func (s *ToolRouterService) Attach(ctx context.Context, sessionID string, params SessionAttachParams, opts ...RequestOption) (*Session, error) {
	if err := params.Experimental.validate(); err != nil {
		return nil, err
	}
	return do[Session](ctx, s.client, request{op: ops.ToolRouterSessionAttach, pathArgs: []string{sessionID}, body: params}, opts)
}

// ListConfigHistory returns one page of a session's configurations, newest
// first: the live one (IsCurrent) on the first page, then one archived
// entry per update.
//
// API: GET /tool_router/session/{session_id}/config_history
func (s *ToolRouterService) ListConfigHistory(ctx context.Context, sessionID string, params SessionConfigHistoryParams, opts ...RequestOption) (*Page[SessionConfigVersion], error) {
	return do[Page[SessionConfigVersion]](ctx, s.client, request{op: ops.ToolRouterSessionConfigHistory, pathArgs: []string{sessionID}, query: params}, opts)
}

// ListConfigHistoryAll iterates over a session's whole config history,
// fetching pages as the loop advances.
//
// API: GET /tool_router/session/{session_id}/config_history
func (s *ToolRouterService) ListConfigHistoryAll(ctx context.Context, sessionID string, params SessionConfigHistoryParams, opts ...RequestOption) iter.Seq2[SessionConfigVersion, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[SessionConfigVersion], error) {
		params.Cursor = cursor
		return s.ListConfigHistory(ctx, sessionID, params, opts...)
	})
}

// Search finds the tools for one or more use cases among those the session
// allows, with their schemas and the user's connection status per toolkit.
//
// API: POST /tool_router/session/{session_id}/search
func (s *ToolRouterService) Search(ctx context.Context, sessionID string, params SessionSearchParams, opts ...RequestOption) (*SessionSearchResult, error) {
	if len(params.Queries) == 0 {
		return nil, invalidParam("queries", "must not be empty")
	}
	for _, q := range params.Queries {
		if q.UseCase == "" {
			return nil, invalidParam("queries[].use_case", "must not be empty")
		}
	}
	if err := params.Experimental.validate(); err != nil {
		return nil, err
	}
	return do[SessionSearchResult](ctx, s.client, request{op: ops.ToolRouterSessionSearch, pathArgs: []string{sessionID}, body: params}, opts)
}

// ListTools returns one page of the tools the session exposes, with their
// schemas.
//
// API: GET /tool_router/session/{session_id}/tools
func (s *ToolRouterService) ListTools(ctx context.Context, sessionID string, params SessionToolListParams, opts ...RequestOption) (*Page[SessionTool], error) {
	return do[Page[SessionTool]](ctx, s.client, request{op: ops.ToolRouterSessionTools, pathArgs: []string{sessionID}, query: params}, opts)
}

// ListToolsAll iterates over every tool the session exposes.
//
// API: GET /tool_router/session/{session_id}/tools
func (s *ToolRouterService) ListToolsAll(ctx context.Context, sessionID string, params SessionToolListParams, opts ...RequestOption) iter.Seq2[SessionTool, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[SessionTool], error) {
		params.Cursor = cursor
		return s.ListTools(ctx, sessionID, params, opts...)
	})
}

// Execute runs a tool (an app tool or a meta tool) inside the session, as
// the session's user. A tool that ran and failed is not an error here:
// check [SessionExecution.Err].
//
// The API also accepts a workbench access key for this call; the SDK sends
// the project key.
//
// API: POST /tool_router/session/{session_id}/execute
func (s *ToolRouterService) Execute(ctx context.Context, sessionID string, params SessionExecuteParams, opts ...RequestOption) (*SessionExecution, error) {
	if params.ToolSlug == "" {
		return nil, invalidParam("tool_slug", "must not be empty")
	}
	if err := params.Experimental.validate(); err != nil {
		return nil, err
	}
	exec, err := do[SessionExecution](ctx, s.client, request{op: ops.ToolRouterSessionExecute, pathArgs: []string{sessionID}, body: params}, opts)
	if exec != nil {
		exec.Tool = params.ToolSlug
	}
	return exec, err
}

// ExecuteMeta runs one of the session's meta tools (search, multi-execute,
// manage connections, workbench, ...).
//
// API: POST /tool_router/session/{session_id}/execute_meta
func (s *ToolRouterService) ExecuteMeta(ctx context.Context, sessionID string, params SessionExecuteMetaParams, opts ...RequestOption) (*SessionExecution, error) {
	if params.Slug == "" {
		return nil, invalidParam("slug", "must not be empty")
	}
	if err := params.Experimental.validate(); err != nil {
		return nil, err
	}
	exec, err := do[SessionExecution](ctx, s.client, request{op: ops.ToolRouterSessionExecuteMeta, pathArgs: []string{sessionID}, body: params}, opts)
	if exec != nil {
		exec.Tool = string(params.Slug)
	}
	return exec, err
}

// ListToolkits returns one page of the toolkits the session allows, each
// with the user's connected account when there is one.
//
// API: GET /tool_router/session/{session_id}/toolkits
func (s *ToolRouterService) ListToolkits(ctx context.Context, sessionID string, params SessionToolkitListParams, opts ...RequestOption) (*Page[SessionToolkit], error) {
	return do[Page[SessionToolkit]](ctx, s.client, request{op: ops.ToolRouterSessionToolkits, pathArgs: []string{sessionID}, query: params}, opts)
}

// ListToolkitsAll iterates over every toolkit ListToolkits would return.
//
// API: GET /tool_router/session/{session_id}/toolkits
func (s *ToolRouterService) ListToolkitsAll(ctx context.Context, sessionID string, params SessionToolkitListParams, opts ...RequestOption) iter.Seq2[SessionToolkit, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[SessionToolkit], error) {
		params.Cursor = cursor
		return s.ListToolkits(ctx, sessionID, params, opts...)
	})
}

// Link starts connecting the session's user to a toolkit: send the user to
// the returned RedirectURL; the connected account becomes ACTIVE when they
// finish.
//
// API: POST /tool_router/session/{session_id}/link
func (s *ToolRouterService) Link(ctx context.Context, sessionID string, params SessionLinkParams, opts ...RequestOption) (*SessionLink, error) {
	if params.Toolkit == "" {
		return nil, invalidParam("toolkit", "must not be empty")
	}
	return do[SessionLink](ctx, s.client, request{op: ops.ToolRouterSessionLink, pathArgs: []string{sessionID}, body: params}, opts)
}

// ProxyExecute sends an HTTP request to a toolkit's API with the session
// user's connected account credentials, and returns the API's answer.
//
// API: POST /tool_router/session/{session_id}/proxy_execute
func (s *ToolRouterService) ProxyExecute(ctx context.Context, sessionID string, params SessionProxyExecuteParams, opts ...RequestOption) (*SessionProxyResponse, error) {
	switch {
	case params.ToolkitSlug == "":
		return nil, invalidParam("toolkit_slug", "must not be empty")
	case params.Endpoint == "":
		return nil, invalidParam("endpoint", "must not be empty")
	case params.Method == "":
		return nil, invalidParam("method", "must not be empty")
	case !slices.Contains([]ProxyMethod{ProxyGet, ProxyPost, ProxyPut, ProxyDelete, ProxyPatch, ProxyHead}, params.Method):
		return nil, invalidParam("method", "must be GET, POST, PUT, DELETE, PATCH or HEAD")
	}
	if b := params.BinaryBody; b != nil && (b.URL == "") == (b.Base64 == "") {
		return nil, invalidParam("binary_body", "set exactly one of URL and Base64")
	}
	for i, p := range params.Parameters {
		switch {
		case p.Name == "":
			return nil, invalidParam(fmt.Sprintf("parameters[%d].name", i), "must not be empty")
		case p.Type != ParameterInHeader && p.Type != ParameterInQuery:
			return nil, invalidParam(fmt.Sprintf("parameters[%d].type", i), `must be "header" or "query"`)
		}
	}
	return do[SessionProxyResponse](ctx, s.client, request{op: ops.ToolRouterSessionProxyExecute, pathArgs: []string{sessionID}, body: params}, opts)
}
