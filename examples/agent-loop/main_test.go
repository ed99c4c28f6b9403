package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `giving the model 5 tools
user: What are 6 times 7 and 40 plus 5? Echo both answers back to me.
tool call call_1: COMPOSIO_CALCULATE {"operation":"multiply","a":6,"b":7}
tool call call_2: COMPOSIO_CALCULATE {"operation":"add","a":40,"b":5}
tool result call_1: {"data":{"result":42}}
tool result call_2: {"data":{"result":45}}
tool call call_3: COMPOSIO_ECHO {"message":"The answers are 42 and 45."}
tool result call_3: {"data":{"echo":{"message":"The answers are 42 and 45."}}}
assistant: The answers are 42 and 45.
`, out.String())

	// One list, then each tool call ran once, at the listed version.
	reqs := srv.Requests()
	require.Len(t, reqs, 4)
	assert.Equal(t, "/api/v3.1/tools", reqs[0].Path)
	var executed []string
	for _, r := range reqs {
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			executed = append(executed, r.Path)
			assert.Contains(t, string(r.Body), `"version":"20250901_00"`)
		}
	}
	assert.ElementsMatch(t, []string{"/api/v3.1/tools/execute/COMPOSIO_CALCULATE", "/api/v3.1/tools/execute/COMPOSIO_CALCULATE",
		"/api/v3.1/tools/execute/COMPOSIO_ECHO"}, executed)
}
