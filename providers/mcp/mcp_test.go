package mcpprovider

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tools of the fake's "composio" toolkit as an MCP client lists them:
// names, descriptions and the input schemas unchanged, sorted by name as
// the go-sdk lists them.
const composioToolsJSON = `[
{"name":"COMPOSIO_ALWAYS_FAIL","description":"Runs and reports failure (successful: false), for testing error handling.",
 "inputSchema":{"properties":{"reason":{"description":"The failure message to report.","title":"Reason","type":"string"}},"required":[],"title":"AlwaysFailRequest","type":"object"}},
{"name":"COMPOSIO_CALCULATE","description":"Applies an arithmetic operation to two numbers. Dividing by zero fails.",
 "inputSchema":{"properties":{"a":{"description":"The left operand.","title":"A","type":"number"},"b":{"description":"The right operand.","title":"B","type":"number"},"operation":{"description":"The operation to apply.","enum":["add","subtract","multiply","divide"],"title":"Operation","type":"string"}},"required":["operation","a","b"],"title":"CalculateRequest","type":"object"}},
{"name":"COMPOSIO_ECHO","description":"Returns its arguments unchanged.",
 "inputSchema":{"properties":{"message":{"description":"Text to echo back.","examples":["hello"],"title":"Message","type":"string"}},"required":["message"],"title":"EchoRequest","type":"object"}},
{"name":"COMPOSIO_GET_CURRENT_TIME","description":"Returns the current time in UTC.",
 "inputSchema":{"properties":{},"required":[],"title":"GetCurrentTimeRequest","type":"object"}},
{"name":"COMPOSIO_SLEEP","description":"Waits the given number of milliseconds (at most 10000), then answers; for testing timeouts.",
 "inputSchema":{"properties":{"milliseconds":{"description":"How long to wait.","maximum":10000,"minimum":0,"title":"Milliseconds","type":"integer"}},"required":["milliseconds"],"title":"SleepRequest","type":"object"}}
]`

func toolSet(t *testing.T, srv *composiotest.Server) *composio.ToolSet {
	t.Helper()
	set, err := srv.Client().Tools.ForUser(context.Background(), "user_1", composio.ToolSetParams{Toolkits: []string{"composio"}})
	require.NoError(t, err)
	require.Len(t, set.Definitions(), 5)
	return set
}

// connect returns an MCP client session to server over the named
// transport, closed when the test ends.
func connect(t *testing.T, server *mcp.Server, transport string) *mcp.ClientSession {
	t.Helper()
	ctx := context.Background()
	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1.0.0"}, nil)
	var cs *mcp.ClientSession
	var err error
	switch transport {
	case "in-memory":
		st, ct := mcp.NewInMemoryTransports()
		ss, err := server.Connect(ctx, st, nil)
		require.NoError(t, err)
		t.Cleanup(func() { _ = ss.Wait() })
		cs, err = client.Connect(ctx, ct, nil)
		require.NoError(t, err)
	case "streamable-http":
		hs := httptest.NewServer(mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil))
		t.Cleanup(hs.Close)
		cs, err = client.Connect(ctx, &mcp.StreamableClientTransport{Endpoint: hs.URL, MaxRetries: -1}, nil)
		require.NoError(t, err)
	default:
		t.Fatalf("unknown transport %q", transport)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

var transports = []string{"in-memory", "streamable-http"}

// text returns the only content of res, which must be text.
func text(t *testing.T, res *mcp.CallToolResult) string {
	t.Helper()
	require.Len(t, res.Content, 1)
	tc, ok := res.Content[0].(*mcp.TextContent)
	require.True(t, ok, "content is %T", res.Content[0])
	return tc.Text
}

// executions returns the tool executions the fake received: slug and body.
func executions(srv *composiotest.Server) map[string]string {
	out := map[string]string{}
	for _, r := range srv.Requests() {
		if slug, ok := strings.CutPrefix(r.Path, "/api/v3.1/tools/execute/"); ok {
			out[slug] = string(r.Body)
		}
	}
	return out
}

func TestServerOverTransports(t *testing.T) {
	for _, transport := range transports {
		t.Run(transport, func(t *testing.T) {
			ctx := context.Background()
			srv := composiotest.NewServer(t)
			cs := connect(t, NewServer(toolSet(t, srv), nil, nil), transport)

			init := cs.InitializeResult()
			assert.Equal(t, "composio", init.ServerInfo.Name)
			assert.Equal(t, composio.Version, init.ServerInfo.Version)
			require.NotNil(t, init.Capabilities.Tools)

			list, err := cs.ListTools(ctx, nil)
			require.NoError(t, err)
			got, err := json.Marshal(list.Tools)
			require.NoError(t, err)
			assert.JSONEq(t, composioToolsJSON, string(got))

			res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_CALCULATE",
				Arguments: map[string]any{"operation": "multiply", "a": 6, "b": 7}})
			require.NoError(t, err)
			assert.False(t, res.IsError)
			assert.Equal(t, `{"data":{"result":42}}`, text(t, res))

			// A tool that ran and failed: a result marked as an error.
			res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_ALWAYS_FAIL",
				Arguments: map[string]any{"reason": "out of paper"}})
			require.NoError(t, err)
			assert.True(t, res.IsError)
			assert.Equal(t, `{"error":"out of paper","data":{"attempted":true}}`, text(t, res))

			// Arguments that are not an object: the model's to fix.
			res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_ECHO", Arguments: []int{1}})
			require.NoError(t, err)
			assert.True(t, res.IsError)
			assert.Contains(t, text(t, res), `{"error":"composio: invalid params: `)
			assert.Contains(t, text(t, res), "must be a JSON object")

			// No arguments at all are an empty object.
			res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_GET_CURRENT_TIME"})
			require.NoError(t, err)
			assert.False(t, res.IsError)
			assert.Contains(t, text(t, res), `{"data":{"utc":"`)

			// A name the server does not have is refused by the protocol.
			_, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_NOT_A_TOOL"})
			require.Error(t, err)
			assert.Contains(t, err.Error(), `unknown tool "COMPOSIO_NOT_A_TOOL"`)

			// Each call ran once, for the set's user, at the listed version.
			execs := executions(srv)
			assert.Len(t, execs, 3)
			assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{"operation":"multiply","a":6,"b":7}}`, execs["COMPOSIO_CALCULATE"])
			assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{"reason":"out of paper"}}`, execs["COMPOSIO_ALWAYS_FAIL"])
			assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{}}`, execs["COMPOSIO_GET_CURRENT_TIME"])
		})
	}
}

func TestProgramFaultIsProtocolError(t *testing.T) {
	for _, transport := range transports {
		t.Run(transport, func(t *testing.T) {
			srv := composiotest.NewServer(t)
			cs := connect(t, NewServer(toolSet(t, srv), nil, nil), transport)
			srv.FailNext(1, http.StatusUnauthorized)

			res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "COMPOSIO_ECHO", Arguments: map[string]any{"message": "hi"}})
			require.Error(t, err)
			assert.Nil(t, res)
			var wire *jsonrpc.Error
			require.ErrorAs(t, err, &wire)
			assert.Equal(t, int64(jsonrpc.CodeInternalError), wire.Code)
			assert.Contains(t, wire.Message, "401")
			assert.NotContains(t, wire.Message, srv.APIKey)
		})
	}
}

func TestHandler(t *testing.T) {
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	h := Handler(toolSet(t, srv))

	res, err := h(ctx, &mcp.CallToolRequest{Params: &mcp.CallToolParamsRaw{Name: "COMPOSIO_ECHO", Arguments: json.RawMessage(`{"message":"hi"}`)}})
	require.NoError(t, err)
	assert.Equal(t, &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: `{"data":{"echo":{"message":"hi"}}}`}}}, res)

	// A request naming no tool of the set is a result the model can fix.
	for _, req := range []*mcp.CallToolRequest{nil, {}, {Params: &mcp.CallToolParamsRaw{Name: "NOPE"}}} {
		res, err := h(ctx, req)
		require.NoError(t, err)
		assert.True(t, res.IsError)
		assert.Contains(t, text(t, res), "no tool named")
	}

	// A fault of the program keeps its cause.
	srv.FailNext(1, http.StatusUnauthorized)
	_, err = h(ctx, &mcp.CallToolRequest{Params: &mcp.CallToolParamsRaw{Name: "COMPOSIO_ECHO"}})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, apiErr.Error(), err.Error())

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = h(cctx, &mcp.CallToolRequest{Params: &mcp.CallToolParamsRaw{Name: "COMPOSIO_ECHO", Arguments: json.RawMessage(`{"message":"hi"}`)}})
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
}

func TestAddToolsBesideOwnTools(t *testing.T) {
	srv := composiotest.NewServer(t)
	server := mcp.NewServer(&mcp.Implementation{Name: "mine", Version: "2.0.0"}, nil)
	server.AddTool(&mcp.Tool{Name: "local_hello", InputSchema: json.RawMessage(`{"type":"object"}`)},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "hello"}}}, nil
		})
	AddTools(server, toolSet(t, srv))
	cs := connect(t, server, "in-memory")

	list, err := cs.ListTools(context.Background(), nil)
	require.NoError(t, err)
	var names []string
	for _, tl := range list.Tools {
		names = append(names, tl.Name)
	}
	assert.ElementsMatch(t, []string{"local_hello", "COMPOSIO_ECHO", "COMPOSIO_CALCULATE", "COMPOSIO_ALWAYS_FAIL",
		"COMPOSIO_SLEEP", "COMPOSIO_GET_CURRENT_TIME"}, names)
	assert.Equal(t, "mine", cs.InitializeResult().ServerInfo.Name)
}

func TestResult(t *testing.T) {
	assert.Equal(t, &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: `{"error":"x"}`}}, IsError: true},
		Result(composio.ToolResult{Content: `{"error":"x"}`, IsError: true}))
	assert.Equal(t, &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: `{"error":"the tool did not run"}`}}},
		Result(composio.ToolResult{Err: composio.ErrToolNotRun}))
}
