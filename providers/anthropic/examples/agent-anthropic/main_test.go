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
	t.Setenv("ANTHROPIC_API_KEY", "") // the scripted model, whatever the environment
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `giving Claude 2 tools
user: What are the top 3 stories on Hacker News right now?
tool call toolu_01: HACKERNEWS_GET_TOP_STORIES {"limit":3}
tool result toolu_01 (failed: false): {"data":{"stories":[{"by":"user1","id":41000001,"score":493,"title":"Story 1 of the fake front page"...
claude: The top stories on Hacker News are: Story 1 of the fake front page; Story 2 of the fake front page; Story 3 of the fake front page.
`, out.String())

	// The tool ran once, for the example's user, at the version Claude saw.
	var executed []string
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			executed = append(executed, r.Path)
			assert.Contains(t, string(r.Body), `"user_id":"default"`)
			assert.Contains(t, string(r.Body), `"arguments":{"limit":3}`)
		}
	}
	assert.Equal(t, []string{"/api/v3.1/tools/execute/HACKERNEWS_GET_TOP_STORIES"}, executed)
}
