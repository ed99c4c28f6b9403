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
	got := out.String()
	assert.Contains(t, got, "Session trs_")
	assert.Contains(t, got, "MCP clients connect to "+srv.URL)
	assert.Contains(t, got, "Restricted to toolkits [composio] (config version 2)")
	assert.Contains(t, got, `Search "add two numbers" found [`)
	assert.Contains(t, got, " returned {")
	assert.Contains(t, got, "version 2 (current): toolkits composio")
	assert.Contains(t, got, "version 1: all toolkits")
	assert.Less(t, strings.Index(got, "  version 2"), strings.Index(got, "  version 1"))
}
