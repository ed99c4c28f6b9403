package composio_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/internal/pusher"
	"github.com/coder/websocket"
	"github.com/stretchr/testify/require"
)

// realtimeScript is a scripted Composio host for trigger subscriptions:
// the credentials and auth endpoints (answers chosen per test) and a
// Pusher websocket whose every connection runs the test's script.
type realtimeScript struct {
	*httptest.Server
	t      *testing.T
	script func(c *scriptConn)
	conns  atomic.Int32

	mu        sync.Mutex
	requests  []wireRequest
	authReply []answer // per auth call, the last one repeating; empty: sign
	credReply []answer // likewise for the credentials
}

const (
	scriptKey     = "script-app-key"
	scriptSecret  = "script-app-secret"
	scriptProject = "pr_script1"
	scriptChannel = "private-" + scriptProject + "_triggers"
)

type scriptConn struct {
	t    *testing.T
	ctx  context.Context
	ws   *websocket.Conn
	n    int // 1 for the first connection
	sock string
}

func newRealtimeScript(t *testing.T, script func(c *scriptConn)) *realtimeScript {
	t.Helper()
	s := &realtimeScript{t: t, script: script}
	base, cancel := context.WithCancel(context.Background())
	var handlers sync.WaitGroup
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v3/internal/sdk/realtime/credentials", func(w http.ResponseWriter, r *http.Request) {
		if s.record(r, &s.credReply, w) {
			return
		}
		writeJSON(w, `{"pusher_key":"`+scriptKey+`","project_id":"`+scriptProject+`","pusher_cluster":"mt1"}`)
	})
	mux.HandleFunc("POST /api/v3/internal/sdk/realtime/auth", func(w http.ResponseWriter, r *http.Request) {
		if s.record(r, &s.authReply, w) {
			return
		}
		_ = r.ParseForm()
		writeJSON(w, `{"auth":"`+pusher.Auth(scriptKey, scriptSecret, r.PostForm.Get("socket_id"), r.PostForm.Get("channel_name"))+`"}`)
	})
	mux.HandleFunc("GET /app/{key}", func(w http.ResponseWriter, r *http.Request) {
		handlers.Add(1)
		defer handlers.Done()
		s.mu.Lock()
		s.requests = append(s.requests, wireRequest{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone()})
		s.mu.Unlock()
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		n := int(s.conns.Add(1))
		s.script(&scriptConn{t: t, ctx: r.Context(), ws: ws, n: n, sock: fmt.Sprintf("%d.77", 500+n)})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.record(r, new([]answer), w)
		http.NotFound(w, r)
	})
	s.Server = httptest.NewUnstartedServer(mux)
	s.Config.BaseContext = func(net.Listener) context.Context { return base }
	s.Start()
	t.Cleanup(func() {
		cancel()
		s.Close()
		handlers.Wait()
	})
	return s
}

func writeJSON(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, body)
}

// record logs r and, when the test scripted an answer for this call,
// sends it and reports true.
func (s *realtimeScript) record(r *http.Request, replies *[]answer, w http.ResponseWriter) bool {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	s.requests = append(s.requests, wireRequest{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
	calls := 0
	for _, q := range s.requests {
		if q.Path == r.URL.EscapedPath() {
			calls++
		}
	}
	var a *answer
	if n := len(*replies); n > 0 {
		a = &(*replies)[min(calls, n)-1]
	}
	s.mu.Unlock()
	if a == nil || a.status == 0 {
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "req_script")
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
	return true
}

func (s *realtimeScript) requestsTo(path string) []wireRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []wireRequest
	for _, r := range s.requests {
		if r.Path == path || strings.HasPrefix(r.Path, path+"/") {
			out = append(out, r)
		}
	}
	return out
}

// fastRealtime makes every realtime wait a few milliseconds.
func fastRealtime() composio.Option {
	return composio.WithRealtimeTuning(pusher.Timing{
		ActivityTimeout: time.Second, PongTimeout: time.Second, HandshakeTimeout: 2 * time.Second,
		WriteTimeout: time.Second, BackoffMin: time.Millisecond, BackoffMax: 4 * time.Millisecond, Pause: time.Millisecond,
	}, pusher.Limits{})
}

// client returns a client of the script's host, its websocket included.
func (s *realtimeScript) client(opts ...composio.Option) *composio.Client {
	s.t.Helper()
	base := []composio.Option{
		composio.WithoutEnvironment(), composio.WithBaseURL(s.URL), composio.WithAPIKey(testAPIKey),
		composio.WithRetryWait(time.Millisecond, 2*time.Millisecond), composio.WithRealtimeURL(s.URL), fastRealtime(),
	}
	c, err := composio.NewClient(append(base, opts...)...)
	require.NoError(s.t, err)
	return c
}

func (c *scriptConn) send(event, channel string, data any) bool {
	return c.sendRaw(pusher.ServerMessage(event, channel, data))
}

func (c *scriptConn) sendRaw(frame []byte) bool {
	ctx, cancel := context.WithTimeout(c.ctx, 5*time.Second)
	defer cancel()
	return c.ws.Write(ctx, websocket.MessageText, frame) == nil
}

func (c *scriptConn) read(timeout time.Duration) (pusher.Message, bool) {
	ctx, cancel := context.WithTimeout(c.ctx, timeout)
	defer cancel()
	_, b, err := c.ws.Read(ctx)
	if err != nil {
		return pusher.Message{}, false
	}
	m, err := pusher.Decode(b)
	return m, err == nil
}

// establish plays the server's part up to a confirmed subscription,
// checking the signature; false when the client left or the check failed.
func (c *scriptConn) establish() bool {
	if !c.send(pusher.EventConnectionEstablished, "", pusher.ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120}) {
		return false
	}
	m, ok := c.read(5 * time.Second)
	if !ok {
		return false
	}
	var sub pusher.SubscribeData
	if m.Event != pusher.EventSubscribe || m.DecodePayload(&sub) != nil || sub.Channel != scriptChannel ||
		!pusher.CheckAuth(scriptKey, scriptSecret, c.sock, scriptChannel, sub.Auth) {
		c.t.Errorf("unexpected subscription %s %s", m.Event, m.Data)
		return false
	}
	return c.send(pusher.EventSubscriptionSucceeded, scriptChannel, nil)
}

// trigger sends a V3 trigger event with the given metadata overrides.
func (c *scriptConn) trigger(id, slug string) bool {
	return c.send("trigger_to_client", scriptChannel, v3Event(id, slug))
}

func v3Event(id, slug string) string {
	return `{"id":"` + id + `","timestamp":"2026-01-02T03:04:05.000Z","type":"composio.trigger.message",` +
		`"metadata":{"log_id":"log_1","trigger_slug":"` + slug + `","trigger_id":"ti_1","connected_account_id":"ca_1","auth_config_id":"ac_1","user_id":"u1"},` +
		`"data":{"n":"` + id + `"}}`
}

func (c *scriptConn) waitClosed() {
	for {
		if _, _, err := c.ws.Read(c.ctx); err != nil {
			return
		}
	}
}

// realtimeGoroutines counts the goroutines running subscription code,
// waiting up to a second for them to end.
func realtimeGoroutines(t *testing.T) int {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		n := 0
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "internal/pusher.") || strings.Contains(g, "composio.(*TriggerSubscription)") {
				n++
			}
		}
		if n == 0 || time.Now().After(deadline) {
			if n > 0 {
				t.Logf("left running:\n%s", stacks)
			}
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// within bounds a test's wait for an event.
func within(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}
