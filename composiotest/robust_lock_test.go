package composiotest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uploadURL asks the fake for a presigned upload URL of content.
func uploadURL(t *testing.T, srv *Server, content []byte) (presigned, key string) {
	t.Helper()
	sum := md5.Sum(content)
	body := fmt.Sprintf(`{"toolkit_slug":"github","tool_slug":"GITHUB_CREATE_AN_ISSUE","filename":"a.txt","mimetype":"text/plain","md5":%q}`, hex.EncodeToString(sum[:]))
	req, err := http.NewRequest(http.MethodPost, srv.URL+apiPrefix+"/files/upload/request", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(hdrAPIKey, srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out struct {
		URL string `json:"new_presigned_url"`
		Key string `json:"key"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.NotEmpty(t, out.URL)
	return out.URL, out.Key
}

// rawRequest opens a connection to srv and sends head (and no more): the
// client then stalls, as a slow or stuck one would.
func rawRequest(t *testing.T, srv *Server, method, target string, header string) net.Conn {
	t.Helper()
	u, err := url.Parse(target)
	require.NoError(t, err)
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.(*net.TCPConn).SetReadBuffer(4096))
	_, err = fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\n%s\r\n", method, u.RequestURI(), u.Host, header)
	require.NoError(t, err)
	return conn
}

// answersWithin checks that the fake still serves other clients.
func answersWithin(t *testing.T, srv *Server, d time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_, err := srv.Client(composio.WithMaxRetries(0)).Toolkits.List(ctx, composio.ToolkitListParams{})
	require.NoError(t, err, "the fake must keep serving while one client stalls")
}

// TestStalledUploadDoesNotBlockTheFake: a client that starts a storage
// upload and stops sending must not hold the fake's lock.
func TestStalledUploadDoesNotBlockTheFake(t *testing.T) {
	srv := NewServer(t)
	content := []byte("hello, storage")
	presigned, _ := uploadURL(t, srv, content)
	rawRequest(t, srv, http.MethodPut, presigned, fmt.Sprintf("Content-Type: text/plain\r\nContent-Length: %d\r\n", len(content)))
	time.Sleep(50 * time.Millisecond) // let the fake start reading the body
	answersWithin(t, srv, 2*time.Second)
}

// TestUnreadDownloadDoesNotBlockTheFake: a client that downloads a large
// file and does not read it must not hold the fake's lock.
func TestUnreadDownloadDoesNotBlockTheFake(t *testing.T) {
	srv := NewServer(t)
	content := bytes.Repeat([]byte("0123456789abcdef"), maxStoredFile/16)
	presigned, key := uploadURL(t, srv, content)
	req, err := http.NewRequest(http.MethodPut, presigned, bytes.NewReader(content))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	download, ok := srv.DownloadURL(key)
	require.True(t, ok)

	conn := rawRequest(t, srv, http.MethodGet, download, "")
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	require.NoError(t, err)
	require.Contains(t, status, "200")
	time.Sleep(50 * time.Millisecond) // the fake is now blocked writing
	answersWithin(t, srv, 2*time.Second)
}

// closesWithin checks that srv.Close returns within d.
func closesWithin(t *testing.T, srv *Server, d time.Duration) {
	t.Helper()
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("Close still waiting after %v", d)
	}
}

// TestCloseEndsASleepingTool: Close with a slow tool in flight ends the
// sleep rather than waiting it out.
func TestCloseEndsASleepingTool(t *testing.T) {
	srv := NewServer(t)
	errc := make(chan error, 1)
	go func() {
		_, err := srv.Client(composio.WithMaxRetries(0)).Tools.Execute(context.Background(), "COMPOSIO_SLEEP",
			composio.ToolExecuteParams{DangerouslySkipVersionCheck: true, Arguments: map[string]any{"milliseconds": 10000}})
		errc <- err
	}()
	require.Eventually(t, func() bool { r, ok := srv.LastRequest(); return ok && strings.Contains(r.Path, "SLEEP") }, time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond) // let it reach the sleep
	closesWithin(t, srv, 2*time.Second)
	select {
	case <-errc:
	case <-time.After(2 * time.Second):
		t.Fatal("the client is still waiting after Close")
	}
}

// TestCloseDoesNotWaitForAStalledClient: Close with a client stalled
// mid-request returns.
func TestCloseDoesNotWaitForAStalledClient(t *testing.T) {
	srv := NewServer(t)
	content := []byte("hello")
	presigned, _ := uploadURL(t, srv, content)
	rawRequest(t, srv, http.MethodPut, presigned, "Content-Type: text/plain\r\nContent-Length: 5\r\n")
	time.Sleep(20 * time.Millisecond)
	closesWithin(t, srv, 2*time.Second)
}

// TestCloseEndsLatencyAndDeliveries: Close with injected latency or a
// delivery to a receiver that does not answer returns.
func TestCloseEndsLatencyAndDeliveries(t *testing.T) {
	hang := make(chan struct{})
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(receiver.Close)
	t.Cleanup(func() { close(hang) })

	srv := NewServer(t)
	c := srv.Client(composio.WithMaxRetries(0))
	_, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
		WebhookURL: receiver.URL, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/fake/triggers/fire", strings.NewReader(`{"trigger_slug":"GITHUB_COMMIT_EVENT"}`))
	require.NoError(t, err)
	req.Header.Set(hdrAPIKey, srv.APIKey)
	go func() {
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	srv.SetLatency(time.Minute)
	go func() { _, _ = c.Toolkits.List(context.Background(), composio.ToolkitListParams{}) }()
	time.Sleep(50 * time.Millisecond)
	closesWithin(t, srv, 2*time.Second)
}

// goroutinesSettle waits for the goroutine count to come back to base.
func goroutinesSettle(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestCloseLeavesNoGoroutines: a server that served API calls, slept in a
// tool and delivered webhooks (to a receiver that outlives it) leaves no
// goroutine behind once closed.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(receiver.Close)
	http.DefaultClient.CloseIdleConnections()
	base := runtime.NumGoroutine()

	srv := Start()
	c := srv.Client()
	ctx := context.Background()
	_, err := c.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{
		WebhookURL: receiver.URL, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)
	_, err = srv.FireTrigger(ctx, FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT"})
	require.NoError(t, err)
	_, err = c.Tools.Execute(ctx, "COMPOSIO_SLEEP", composio.ToolExecuteParams{DangerouslySkipVersionCheck: true, Arguments: map[string]any{"milliseconds": 1}})
	require.NoError(t, err)
	srv.Close()
	goroutinesSettle(t, base)
}

// TestCancelledRequestEndsTheSleep: a client that gives up on a slow tool
// ends its sleep at once (the fake logs the run as cancelled), and the
// fake serves others meanwhile.
func TestCancelledRequestEndsTheSleep(t *testing.T) {
	srv := NewServer(t)
	c := srv.Client(composio.WithMaxRetries(0))
	start := time.Now()
	_, err := c.Tools.Execute(context.Background(), "COMPOSIO_SLEEP",
		composio.ToolExecuteParams{DangerouslySkipVersionCheck: true, Arguments: map[string]any{"milliseconds": 10000}},
		composio.WithRequestTimeout(30*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	cancelled := func() bool {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		for _, l := range srv.Fake.logs().logs {
			if l.ToolSlug == "COMPOSIO_SLEEP" && strings.Contains(l.Message, "cancelled") {
				return true
			}
		}
		return false
	}
	require.Eventually(t, cancelled, time.Second, 2*time.Millisecond, "the sleep did not end with the request")
	require.Less(t, time.Since(start), 2*time.Second)
	answersWithin(t, srv, time.Second)
}

// TestRequestLogBoundsTheBytesItKeeps: big API bodies do not pile up in
// the request log without limit.
func TestRequestLogBoundsTheBytesItKeeps(t *testing.T) {
	f := New(Config{})
	body := `{"text":"` + strings.Repeat("a", 4<<20) + `"}`
	for range 18 { // 72 MiB
		// An unknown route: recorded like any API call, answered at once.
		req := httptest.NewRequest(http.MethodPost, apiPrefix+"/nowhere", strings.NewReader(body))
		req.Header.Set(hdrAPIKey, f.APIKey)
		serveOnce(t, f, req)
	}
	kept := 0
	reqs := f.Requests()
	for _, r := range reqs {
		kept += len(r.Body)
	}
	require.LessOrEqual(t, kept, maxRecordedBytes)
	require.NotEmpty(t, reqs)
	require.Equal(t, body, string(reqs[len(reqs)-1].Body), "the latest request is kept whole")
}

// TestCloseTwice: closing a server twice (by hand, then by the test's
// cleanup) is harmless.
func TestCloseTwice(t *testing.T) {
	srv := NewServer(t)
	srv.Close()
	srv.Close()
}

// TestDeliveryWaitsAreCapped: retries wait 10 ms, 20 ms, 40 ms ... but
// never more than a second, however many attempts a caller allows.
func TestDeliveryWaitsAreCapped(t *testing.T) {
	assert.Equal(t, 10*time.Millisecond, deliveryWait(1))
	assert.Equal(t, 20*time.Millisecond, deliveryWait(2))
	assert.Equal(t, 40*time.Millisecond, deliveryWait(3))
	for _, n := range []int{8, 20, 64, 1 << 20} {
		assert.Equal(t, maxDeliveryWait, deliveryWait(n), n)
	}
}

// TestMultiExecuteStopsUsingADeletedSession: a session deleted while one
// of its tools sleeps (without the lock) runs no further entries.
func TestMultiExecuteStopsUsingADeletedSession(t *testing.T) {
	srv := NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)
	go func() {
		time.Sleep(50 * time.Millisecond) // while the first entry sleeps
		_, _ = c.ToolRouter.Delete(ctx, s.ID)
	}()
	out, err := c.ToolRouter.ExecuteMeta(ctx, s.ID, composio.SessionExecuteMetaParams{Slug: "COMPOSIO_MULTI_EXECUTE_TOOL",
		Arguments: map[string]any{"tools": []any{
			map[string]any{"tool_slug": "COMPOSIO_SLEEP", "arguments": map[string]any{"milliseconds": 200}},
			map[string]any{"tool_slug": "COMPOSIO_ECHO", "arguments": map[string]any{"message": "after"}},
		}}})
	require.NoError(t, err)
	var data struct {
		Results []struct {
			ToolSlug string `json:"tool_slug"`
			Response struct {
				Successful bool   `json:"successful"`
				Error      string `json:"error"`
			} `json:"response"`
		} `json:"results"`
	}
	require.NoError(t, out.Decode(&data))
	require.Len(t, data.Results, 2)
	assert.True(t, data.Results[0].Response.Successful, "the sleep ran")
	assert.False(t, data.Results[1].Response.Successful, "nothing runs on a deleted session")
	assert.Contains(t, data.Results[1].Response.Error, "deleted")
}

// TestFailNextManyCostsNothing: FailNext(n) holds one entry, not n.
func TestFailNextManyCostsNothing(t *testing.T) {
	f := New(Config{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f.FailNext(1<<22, http.StatusServiceUnavailable)
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "bytes allocated")
	for range 3 {
		req := httptest.NewRequest(http.MethodGet, apiPrefix+"/toolkits", nil)
		req.Header.Set(hdrAPIKey, f.APIKey)
		assert.Equal(t, http.StatusServiceUnavailable, serveOnce(t, f, req).Code)
	}
}
