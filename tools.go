package composio

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ToolsService calls the Composio API's tools operations: the catalog of
// actions (GITHUB_CREATE_AN_ISSUE, GMAIL_SEND_EMAIL, ...) and their
// execution. Use it through [Client].Tools.
type ToolsService service

// List returns one page of tools matching params. When params.ToolkitVersions
// is unset, the client's toolkit versions (see [WithToolkitVersions]) are
// sent, so the schemas listed are those Execute will run; with none
// configured, toolkit_versions=latest is sent, as @composio/core does.
//
// API: GET /tools
func (s *ToolsService) List(ctx context.Context, params ToolListParams, opts ...RequestOption) (*Page[Tool], error) {
	if params.ToolkitVersions.IsZero() {
		params.ToolkitVersions = s.client.configuredToolkitVersions()
	}
	return do[Page[Tool]](ctx, s.client, request{op: ops.ToolsList, query: params}, opts)
}

// ListAll iterates over every tool matching params, fetching pages as the
// loop advances.
//
// API: GET /tools
func (s *ToolsService) ListAll(ctx context.Context, params ToolListParams, opts ...RequestOption) iter.Seq2[Tool, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Tool], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// ListSlugs returns the slug of every tool, at the latest version of each
// toolkit. The API declares an array of slugs but describes its answer as
// a JSON string holding them; both forms are read.
//
// API: GET /tools/enum
func (s *ToolsService) ListSlugs(ctx context.Context, opts ...RequestOption) ([]string, error) {
	out, err := do[json.RawMessage](ctx, s.client, request{op: ops.ToolsRetrieveEnum}, opts)
	if err != nil {
		return nil, err
	}
	return decodeToolEnum(*out)
}

// decodeToolEnum reads ["A","B"], or the same array as a JSON string.
func decodeToolEnum(raw json.RawMessage) ([]string, error) {
	var slugs []string
	if len(raw) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &slugs); err == nil {
		return slugs, nil
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return nil, fmt.Errorf("composio: tool enum: expected an array of slugs: %w", err)
	}
	if err := json.Unmarshal([]byte(text), &slugs); err != nil {
		return nil, fmt.Errorf("composio: tool enum: expected a JSON array of slugs in the string: %w", err)
	}
	return slugs, nil
}

// Get returns one tool, with its input and output schemas, by slug. When
// neither params.Version nor params.ToolkitVersions is set, the client's
// toolkit versions are sent ("latest" when none are configured).
//
// API: GET /tools/{tool_slug}
func (s *ToolsService) Get(ctx context.Context, toolSlug string, params ToolGetParams, opts ...RequestOption) (*Tool, error) {
	if params.Version == "" && params.ToolkitVersions.IsZero() {
		params.ToolkitVersions = s.client.configuredToolkitVersions()
	}
	return do[Tool](ctx, s.client, request{op: ops.ToolsRetrieve, pathArgs: []string{toolSlug}, query: params}, opts)
}

// Proxy sends an HTTP request to a toolkit's API with a connected account's
// credentials, for endpoints no tool covers. The answer carries the
// upstream status, headers and body.
//
// API: POST /tools/execute/proxy
func (s *ToolsService) Proxy(ctx context.Context, params ToolProxyParams, opts ...RequestOption) (*ProxyResponse, error) {
	if strings.TrimSpace(params.Endpoint) == "" {
		return nil, invalidParam("endpoint", "must not be empty")
	}
	switch params.Method {
	case ProxyGet, ProxyPost, ProxyPut, ProxyDelete, ProxyPatch, ProxyHead:
	case "":
		return nil, invalidParam("method", "must not be empty")
	default:
		return nil, invalidParam("method", fmt.Sprintf("%q is not one of GET, POST, PUT, DELETE, PATCH, HEAD", params.Method))
	}
	if b := params.BinaryBody; b != nil && (b.URL == "") == (b.Base64 == "") {
		return nil, invalidParam("binary_body", "set exactly one of URL and Base64")
	}
	if params.BinaryBody != nil && params.Body != nil {
		return nil, invalidParam("body", "set Body or BinaryBody, not both")
	}
	return do[ProxyResponse](ctx, s.client, request{op: ops.ToolsProxy, body: params}, opts)
}

// Execute runs a tool for a user (params.UserID) or a connected account
// (params.ConnectedAccountID) and returns its result. A tool that ran and
// failed is not an error here: check [ToolExecution.Err].
//
// The toolkit version sent is, as @composio/core 0.21 picks it:
// params.Version; else the client's single version ([WithToolkitVersion]);
// else the client's version for the tool's toolkit ([WithToolkitVersions],
// COMPOSIO_TOOLKIT_VERSION_<TOOLKIT>), "latest" for a toolkit it does not
// name; else "latest". Only the per-toolkit case needs the tool's toolkit:
// Execute then looks the tool up (GET /tools/{tool_slug}) once per tool and
// client, and remembers the answer. A version that resolves to "latest"
// (in any case) is refused with [ErrToolkitVersionRequired] before anything
// is executed, unless params.DangerouslySkipVersionCheck is set, and then
// "latest" is sent: a tool must not change under a running program. The
// refusal names the tool's toolkit and that toolkit's latest version, which
// it learns from the tool (looked up at "latest" unless just fetched).
//
// Execute is never retried after the server may have run the tool (5xx,
// a dropped connection): a tool with side effects runs at most once.
//
// API: POST /tools/execute/{tool_slug}
func (s *ToolsService) Execute(ctx context.Context, toolSlug string, params ToolExecuteParams, opts ...RequestOption) (*ToolExecution, error) {
	return s.execute(ctx, toolSlug, params, opts)
}

func (s *ToolsService) execute(ctx context.Context, toolSlug string, params ToolExecuteParams, opts []RequestOption) (*ToolExecution, error) {
	if strings.TrimSpace(toolSlug) == "" {
		return nil, invalidParam("tool_slug", "must not be empty")
	}
	if params.Text != "" && params.Arguments != nil {
		return nil, invalidParam("arguments", "set Arguments or Text, not both")
	}
	version, err := s.resolveVersion(ctx, toolSlug, params, opts)
	if err != nil {
		return nil, err
	}
	params.Version = version
	if len(params.LLMGatewayHeaders) > 0 {
		h, err := json.Marshal(params.LLMGatewayHeaders)
		if err != nil {
			return nil, invalidParam("LLMGatewayHeaders", err.Error())
		}
		opts = append(opts[:len(opts):len(opts)], WithRequestHeader("X-Llm-Gateway-Headers", string(h)))
	}
	out, err := do[ToolExecution](ctx, s.client, request{op: ops.ToolsExecute, pathArgs: []string{toolSlug}, body: params}, opts)
	if err != nil {
		return nil, err
	}
	out.Tool = toolSlug
	return out, nil
}

// GenerateInput turns a natural-language request into arguments for a
// tool, using the tool's schema. It runs nothing.
//
// API: POST /tools/execute/{tool_slug}/input
func (s *ToolsService) GenerateInput(ctx context.Context, toolSlug string, params ToolGenerateInputParams, opts ...RequestOption) (*ToolInput, error) {
	if strings.TrimSpace(params.Text) == "" {
		return nil, invalidParam("text", "must not be empty")
	}
	return do[ToolInput](ctx, s.client, request{op: ops.ToolsGetInput, pathArgs: []string{toolSlug}, body: params}, opts)
}

// GetRequiredScopes returns the OAuth scopes a set of tools of one toolkit
// needs, combined and per tool.
//
// API: POST /tools/scopes/required
func (s *ToolsService) GetRequiredScopes(ctx context.Context, params ToolRequiredScopesParams, opts ...RequestOption) (*ToolRequiredScopes, error) {
	if len(params.Tools) == 0 {
		return nil, invalidParam("tools", "must not be empty")
	}
	for _, t := range params.Tools {
		if strings.TrimSpace(t) == "" {
			return nil, invalidParam("tools", "must not contain an empty slug")
		}
	}
	return do[ToolRequiredScopes](ctx, s.client, request{op: ops.ToolsRetrieveRequiredScopes, body: params}, opts)
}
