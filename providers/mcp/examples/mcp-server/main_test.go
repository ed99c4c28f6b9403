package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	t.Setenv("COMPOSIO_USER_ID", "")
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	serverEnd, clientEnd := mcp.NewInMemoryTransports()
	var log bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, srv.Client(), srv, serverEnd, &log) }()

	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1.0.0"}, nil)
	cs, err := client.Connect(ctx, clientEnd, nil)
	require.NoError(t, err)
	assert.Equal(t, "mcp-server", cs.InitializeResult().ServerInfo.Name)

	list, err := cs.ListTools(ctx, nil)
	require.NoError(t, err)
	require.Len(t, list.Tools, 5)
	assert.Equal(t, "COMPOSIO_CALCULATE", list.Tools[1].Name)
	assert.Equal(t, []any{"operation", "a", "b"}, list.Tools[1].InputSchema.(map[string]any)["required"])

	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_CALCULATE", Arguments: map[string]any{"operation": "multiply", "a": 6, "b": 7}})
	require.NoError(t, err)
	assert.False(t, res.IsError)
	assert.Equal(t, `{"data":{"result":42}}`, res.Content[0].(*mcp.TextContent).Text)

	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_CALCULATE", Arguments: map[string]any{"operation": "divide", "a": 1, "b": 0}})
	require.NoError(t, err)
	assert.True(t, res.IsError, "dividing by zero fails: a result the model reads")

	require.NoError(t, cs.Close())
	require.NoError(t, <-done)
	assert.Equal(t, "serving 5 tools of the offline fake Composio for user \"default\"\n", log.String())
	last, ok := srv.LastRequest()
	require.True(t, ok)
	assert.Contains(t, string(last.Body), `"user_id":"default"`)
}
