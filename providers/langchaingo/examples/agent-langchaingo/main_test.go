package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `offline: a fake Composio server
user: What is 6 times 7? Use the calculator. (with 5 tools)
tool call call_1: COMPOSIO_CALCULATE {"operation":"multiply","a":6,"b":7}
tool result call_1: {"data":{"result":42}}
assistant: 6 times 7 is 42.
`, out.String())
	last, ok := srv.LastRequest()
	require.True(t, ok)
	assert.Equal(t, "/api/v3.1/tools/execute/COMPOSIO_CALCULATE", last.Path)
	assert.JSONEq(t, `{"user_id":"default","version":"20250901_00","arguments":{"operation":"multiply","a":6,"b":7}}`, string(last.Body))
}
