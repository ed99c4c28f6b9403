package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// start runs the program on a free port (with args besides) and returns its
// base URL, its API key and a channel that receives run's result.
func start(t *testing.T, ctx context.Context, args ...string) (string, string, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	args = append([]string{"--addr", "127.0.0.1:0"}, args...)
	exited := make(chan struct{})
	go func() { done <- run(ctx, args, pw); pw.Close(); close(exited) }()
	// No test leaves its server running into the next one: the caller
	// cancels ctx (deferred), and the cleanup waits for run to return.
	t.Cleanup(func() { <-exited })
	settings := map[string]string{}
	sc := bufio.NewScanner(pr)
	for len(settings) < 2 && sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok && (k == "COMPOSIO_BASE_URL" || k == "COMPOSIO_API_KEY") {
			settings[k] = v
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	require.Len(t, settings, 2)
	return settings["COMPOSIO_BASE_URL"], settings["COMPOSIO_API_KEY"], done
}

// sleepRequest runs the fake's slow tool for ms milliseconds and reports
// the answer's status (0 when the request failed) when it comes.
func sleepRequest(t *testing.T, base, key string, ms int) <-chan int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v3.1/tools/execute/COMPOSIO_SLEEP",
		strings.NewReader(`{"arguments":{"milliseconds":`+strconv.Itoa(ms)+`}}`))
	require.NoError(t, err)
	req.Header.Set("x-api-key", key)
	out := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			out <- 0
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		out <- resp.StatusCode
	}()
	return out
}

// TestShutdownDrainsRequestsInFlight: on interrupt the program finishes
// the requests it is serving before it returns.
func TestShutdownDrainsRequestsInFlight(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, key, done := start(t, ctx)
	answer := sleepRequest(t, base, key, 300)
	time.Sleep(100 * time.Millisecond) // the request is in flight
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return")
	}
	select {
	case status := <-answer:
		assert.Equal(t, http.StatusOK, status, "the request in flight was answered")
	default:
		t.Fatal("run returned before the request in flight was answered")
	}
}

// TestShutdownEndsRequestsThatOutlastTheGrace: requests still running
// when the grace period ends are cut short, so the program stops in time.
func TestShutdownEndsRequestsThatOutlastTheGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, key, done := start(t, ctx, "--shutdown-grace", "100ms")
	answer := sleepRequest(t, base, key, 10000)
	time.Sleep(100 * time.Millisecond)
	began := time.Now()
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return")
	}
	assert.Less(t, time.Since(began), 2*time.Second)
	select {
	case <-answer:
	case <-time.After(2 * time.Second):
		t.Fatal("the slow request is still running")
	}
}
