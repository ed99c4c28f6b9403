package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	srv := composiotest.NewServer(t)
	model := startScriptedModel()
	defer model.Close()
	llm := openai.NewClient(option.WithBaseURL(model.URL+"/v1/"), option.WithAPIKey("scripted"))

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, llm, &out))
	assert.Equal(t, `tools: HACKERNEWS_GET_TOP_STORIES, HACKERNEWS_GET_ITEM_WITH_ID
user: What are the top 3 stories on Hacker News right now?
tool call call_1: HACKERNEWS_GET_TOP_STORIES {"limit":3}
tool result: {"data":{"stories":[{"by":"user1","id":41000001,"score":493,"title":"Story 1 of the fake front page"...
assistant: The top stories: 1. Story 1 of the fake front page (493 points) 2. Story 2 of the fake front page (486 points) 3. Story 3 of the fake front page (479 points)
`, out.String())

	// The tool ran once, for the example's user, at the version listed.
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
