package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for the command and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newMCPClient() *mcp.Client {
	return mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1.0.0"}, nil)
}

// checkSession lists the tools and calls two of them.
func checkSession(t *testing.T, cs *mcp.ClientSession) {
	t.Helper()
	ctx := context.Background()
	assert.Equal(t, "composio-mcp", cs.InitializeResult().ServerInfo.Name)
	list, err := cs.ListTools(ctx, nil)
	require.NoError(t, err)
	var names []string
	for _, tl := range list.Tools {
		names = append(names, tl.Name)
	}
	assert.Equal(t, []string{"COMPOSIO_ALWAYS_FAIL", "COMPOSIO_CALCULATE", "COMPOSIO_ECHO", "COMPOSIO_GET_CURRENT_TIME", "COMPOSIO_SLEEP"}, names)
	assert.Equal(t, map[string]any{"type": "object", "title": "EchoRequest", "required": []any{"message"},
		"properties": map[string]any{"message": map[string]any{"type": "string", "title": "Message",
			"description": "Text to echo back.", "examples": []any{"hello"}}}}, list.Tools[2].InputSchema)

	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_CALCULATE", Arguments: map[string]any{"operation": "add", "a": 2, "b": 3}})
	require.NoError(t, err)
	assert.False(t, res.IsError)
	assert.Equal(t, `{"data":{"result":5}}`, res.Content[0].(*mcp.TextContent).Text)

	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "COMPOSIO_ALWAYS_FAIL"})
	require.NoError(t, err)
	assert.True(t, res.IsError)
	assert.Equal(t, `{"error":"This tool always fails.","data":{"attempted":true}}`, res.Content[0].(*mcp.TextContent).Text)
}

func TestStdioOffline(t *testing.T) {
	t.Setenv("COMPOSIO_API_KEY", "")
	t.Setenv("COMPOSIO_USER_ID", "")
	clientToServerR, clientToServerW := io.Pipe()
	serverToClientR, serverToClientW := io.Pipe()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"--user-id", "user_1",
			"--tools", "COMPOSIO_ECHO,COMPOSIO_CALCULATE,COMPOSIO_ALWAYS_FAIL,COMPOSIO_SLEEP,COMPOSIO_GET_CURRENT_TIME"}, clientToServerR, serverToClientW, &stderr)
		serverToClientW.Close()
	}()

	cs, err := newMCPClient().Connect(context.Background(), &mcp.IOTransport{Reader: serverToClientR, Writer: clientToServerW}, nil)
	require.NoError(t, err)
	checkSession(t, cs)
	require.NoError(t, cs.Close()) // closes the server's stdin

	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("composio-mcp did not stop when stdin closed")
	}
	assert.Equal(t, "composio-mcp: serving 5 tools of an in-process fake Composio API (offline: COMPOSIO_API_KEY is not set) for user \"user_1\" over stdio\n", stderr.String())
}

func TestHTTPWithKey(t *testing.T) {
	fake := composiotest.NewServer(t)
	t.Setenv("COMPOSIO_API_KEY", fake.APIKey)
	t.Setenv("COMPOSIO_BASE_URL", fake.URL)
	t.Setenv("COMPOSIO_USER_ID", "user_env")
	stdoutR, stdoutW := io.Pipe()
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--toolkits", "composio", "--http", "127.0.0.1:0"}, io.NopCloser(strings.NewReader("")), stdoutW, &stderr)
		stdoutW.Close()
	}()

	lines := bufio.NewScanner(stdoutR)
	var printed []string
	endpoint := ""
	for endpoint == "" && lines.Scan() {
		printed = append(printed, lines.Text())
		if e, ok := strings.CutPrefix(lines.Text(), "MCP endpoint (streamable HTTP): "); ok {
			endpoint = e
		}
	}
	require.NotEmpty(t, endpoint, "printed %q", printed)
	assert.Equal(t, `composio-mcp: serving 5 tools of the Composio API for user "user_env"`, printed[0])
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()

	cs, err := newMCPClient().Connect(context.Background(), &mcp.StreamableClientTransport{Endpoint: endpoint, MaxRetries: -1}, nil)
	require.NoError(t, err)
	checkSession(t, cs)
	require.NoError(t, cs.Close())

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("composio-mcp did not stop when interrupted")
	}
	for _, out := range append(printed, stderr.String()) {
		assert.NotContains(t, out, fake.APIKey, "the key is never printed")
	}
	// The calls ran on the API named by the environment, for the user.
	var executed int
	for _, r := range fake.Requests() {
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			executed++
			assert.Contains(t, string(r.Body), `"user_id":"user_env"`)
		}
	}
	assert.Equal(t, 2, executed)
}

func TestKeyRefused(t *testing.T) {
	fake := composiotest.NewServer(t)
	t.Setenv("COMPOSIO_API_KEY", "ak_wrong_key")
	t.Setenv("COMPOSIO_BASE_URL", fake.URL)
	var stdout, stderr syncBuffer
	err := run(context.Background(), []string{"--user-id", "u", "--toolkits", "composio"}, io.NopCloser(strings.NewReader("")), &stdout, &stderr)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fetching the tools")
	assert.NotContains(t, err.Error(), "ak_wrong_key")
	assert.Empty(t, stdout.String())
}

func TestFlags(t *testing.T) {
	t.Setenv("COMPOSIO_API_KEY", "")
	t.Setenv("COMPOSIO_USER_ID", "")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no user", []string{"--toolkits", "composio"}, "--user-id (or COMPOSIO_USER_ID) is required"},
		{"no tools", []string{"--user-id", "u"}, "no tools selected: give --toolkits or --tools"},
		{"blank lists", []string{"--user-id", "u", "--toolkits", " , ", "--tools", ","}, "no tools selected"},
		{"negative limit", []string{"--user-id", "u", "--toolkits", "composio", "--limit", "-1"}, "--limit must not be negative"},
		{"remote", []string{"--user-id", "u", "--toolkits", "composio", "--http", "0.0.0.0:8765"}, "not a loopback address"},
		{"remote host", []string{"--user-id", "u", "--toolkits", "composio", "--http", "example.com:8765"}, "not a loopback address"},
		{"no port", []string{"--user-id", "u", "--toolkits", "composio", "--http", "127.0.0.1"}, "not a loopback address"},
		{"argument", []string{"--user-id", "u", "--toolkits", "composio", "extra"}, `unexpected argument "extra"`},
		{"nothing matches", []string{"--user-id", "u", "--toolkits", "no_such_toolkit"}, "no tools match the selection"},
		{"unknown flag", []string{"--api-key", "k"}, "flag provided but not defined: -api-key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr syncBuffer
			err := run(context.Background(), tc.args, io.NopCloser(strings.NewReader("")), &stdout, &stderr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, stdout.String())
		})
	}
}

func TestParseFlags(t *testing.T) {
	t.Setenv("COMPOSIO_USER_ID", " env_user ")
	cfg, err := parseFlags([]string{"--toolkits", "github, gmail,", "--tools", "A", "--tags", "important", "--search", "issue",
		"--limit", "3", "--http", "localhost:1", "--allow-remote"}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "env_user", cfg.userID)
	assert.Equal(t, []string{"github", "gmail"}, cfg.params.Toolkits)
	assert.Equal(t, []string{"A"}, cfg.params.Tools)
	assert.Equal(t, []string{"important"}, cfg.params.Tags)
	assert.Equal(t, "issue", cfg.params.Search)
	assert.Equal(t, 3, cfg.params.Limit)
	assert.Equal(t, "localhost:1", cfg.httpAddr)
	assert.True(t, cfg.allowRemote)

	for addr, want := range map[string]bool{"127.0.0.1:0": true, "[::1]:80": true, "localhost:80": true, "127.0.0.2:1": true,
		":80": false, "0.0.0.0:80": false, "[::]:80": false, "10.0.0.1:80": false} {
		assert.Equal(t, want, isLoopback(addr), addr)
	}
	_, err = parseFlags([]string{"--user-id", "u", "--toolkits", "x", "--http", "0.0.0.0:1", "--allow-remote"}, io.Discard)
	assert.NoError(t, err)
}

func TestHelp(t *testing.T) {
	var stderr syncBuffer
	err := run(context.Background(), []string{"--help"}, io.NopCloser(strings.NewReader("")), io.Discard, &stderr)
	require.True(t, errors.Is(err, flag.ErrHelp))
	help := stderr.String()
	for _, want := range []string{"Usage: composio-mcp", "COMPOSIO_API_KEY", "runs offline", "--http", "-allow-remote", "-user-id", "COMPOSIO_USER_ID"} {
		assert.Contains(t, help, want)
	}
}
