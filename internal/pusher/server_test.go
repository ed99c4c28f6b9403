package pusher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stretchr/testify/require"
)

// A scripted Pusher server for the tests: each connection runs the
// test's script, with helpers to play the server's side of the protocol.

const (
	testKey     = "app-key"
	testSecret  = "app-secret"
	testChannel = "private-pr_1_triggers"
	testEvent   = "trigger_to_client"
)

type scriptServer struct {
	*httptest.Server
	conns atomic.Int32
}

type serverConn struct {
	t    *testing.T
	ctx  context.Context
	ws   *websocket.Conn
	n    int // 1 for the first connection
	sock string
}

// newScriptServer serves script on every websocket connection; the
// connection closes when script returns.
func newScriptServer(t *testing.T, script func(c *serverConn)) *scriptServer {
	t.Helper()
	s := &scriptServer{}
	// Websocket handlers outlive httptest's Close (the connection is
	// hijacked): cleanup cancels them and waits.
	base, cancel := context.WithCancel(context.Background())
	var handlers sync.WaitGroup
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handlers.Add(1)
		defer handlers.Done()
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer ws.CloseNow()
		n := int(s.conns.Add(1))
		script(&serverConn{t: t, ctx: r.Context(), ws: ws, n: n, sock: fmt.Sprintf("%d.%d", 1000+n, 42)})
	}))
	s.Config.BaseContext = func(net.Listener) context.Context { return base }
	s.Start()
	t.Cleanup(func() {
		cancel()
		s.Close()
		handlers.Wait()
	})
	return s
}

func (s *scriptServer) url() string {
	return "ws" + strings.TrimPrefix(s.URL, "http") + "/app/" + testKey + "?protocol=7"
}

func (c *serverConn) sendRaw(frame []byte) bool {
	ctx, cancel := context.WithTimeout(c.ctx, 5*time.Second)
	defer cancel()
	return c.ws.Write(ctx, websocket.MessageText, frame) == nil
}

func (c *serverConn) send(event, channel string, data any) bool {
	return c.sendRaw(ServerMessage(event, channel, data))
}

// read returns the client's next message; false when the connection or
// the test's patience ended.
func (c *serverConn) read(timeout time.Duration) (Message, bool) {
	ctx, cancel := context.WithTimeout(c.ctx, timeout)
	defer cancel()
	_, b, err := c.ws.Read(ctx)
	if err != nil {
		return Message{}, false
	}
	m, err := Decode(b)
	if err != nil {
		c.t.Errorf("the client sent a malformed frame %q: %v", b, err)
		return Message{}, false
	}
	return m, true
}

// establish sends connection_established, then expects a subscription to
// testChannel signed for this socket, and confirms it.
func (c *serverConn) establish(activity int) bool {
	if !c.send(EventConnectionEstablished, "", ConnectionEstablished{SocketID: c.sock, ActivityTimeout: activity}) {
		return false
	}
	m, ok := c.read(5 * time.Second)
	if !ok {
		return false
	}
	var sub SubscribeData
	if m.Event != EventSubscribe || m.DecodePayload(&sub) != nil {
		c.t.Errorf("expected pusher:subscribe, got %s %s", m.Event, m.Data)
		return false
	}
	if sub.Channel != testChannel || !CheckAuth(testKey, testSecret, c.sock, testChannel, sub.Auth) {
		c.t.Errorf("subscription %+v is not signed for socket %s", sub, c.sock)
		return false
	}
	return c.send(EventSubscriptionSucceeded, testChannel, "{}")
}

// waitClosed reads until the client goes away.
func (c *serverConn) waitClosed() {
	for {
		if _, _, err := c.ws.Read(c.ctx); err != nil {
			return
		}
	}
}

// authorize signs like the Composio auth endpoint does, and counts calls.
type authorizer struct {
	calls   atomic.Int32
	sockets sync.Map
	fail    func(n int) error // nil: sign
}

func (a *authorizer) authorize(_ context.Context, socketID, channel string) (string, error) {
	n := int(a.calls.Add(1))
	a.sockets.Store(socketID, true)
	if a.fail != nil {
		if err := a.fail(n); err != nil {
			return "", err
		}
	}
	return Auth(testKey, testSecret, socketID, channel), nil
}

// fastTiming makes every wait of the protocol a few milliseconds.
func fastTiming() Timing {
	return Timing{
		ActivityTimeout: time.Second, PongTimeout: time.Second, HandshakeTimeout: 2 * time.Second,
		WriteTimeout: time.Second, BackoffMin: time.Millisecond, BackoffMax: 4 * time.Millisecond, Pause: time.Millisecond,
	}
}

func testConfig(s *scriptServer, a *authorizer) Config {
	return Config{URL: s.url(), Channel: testChannel, Events: []string{testEvent}, Authorize: a.authorize, Timing: fastTiming()}
}

// subscriptionGoroutines counts the goroutines running a Subscription's
// code, waiting up to a second for them to finish.
func subscriptionGoroutines(t *testing.T) int {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		n := 0
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "pusher.(*Subscription)") || strings.Contains(g, "pusher.(*connection)") {
				n++
			}
		}
		if n == 0 || time.Now().After(deadline) {
			if n > 0 {
				t.Logf("goroutines left:\n%s", stacks)
			}
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// next waits at most a few seconds for an event.
func next(t *testing.T, s *Subscription) (Event, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ev, err := s.Next(ctx)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		t.Fatal("no event within 5 s")
	}
	return ev, err
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
