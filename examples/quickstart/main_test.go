package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstartRunsAgainstTheFake(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	got := out.String()
	assert.Contains(t, got, "github")
	assert.Contains(t, got, "hackernews")
	assert.Contains(t, got, "no auth")
	assert.Contains(t, got, "GitHub: ")
	assert.Contains(t, got, "status 404, request id req_")
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/api/v3.1/toolkits" {
			n++
		}
	}
	assert.Equal(t, 2, n, "7 toolkits in pages of 5: two pages")
}
