package mcpprovider

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A nil tool set is bad input: no tools where the function returns no
// error, and a handler whose calls fail with an error wrapping
// ErrInvalidParams; never a panic.
func TestNilToolSet(t *testing.T) {
	assert.Empty(t, Tools(nil))

	server := NewServer(nil, nil, nil)
	AddTools(server, nil)
	cs := connect(t, server, "in-memory")
	list, err := cs.ListTools(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, list.Tools, "a server of a nil set has no tools")

	res, err := Handler(nil)(context.Background(), &mcp.CallToolRequest{Params: &mcp.CallToolParamsRaw{Name: "COMPOSIO_ECHO", Arguments: json.RawMessage(`{}`)}})
	assert.Nil(t, res)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.ErrorContains(t, err, "set")
	var rpcErr *jsonrpc.Error
	require.True(t, errors.As(err, &rpcErr), "the go-sdk sends it as a JSON-RPC internal error")
	assert.EqualValues(t, jsonrpc.CodeInternalError, rpcErr.Code)
}
