package pusher

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ComposioHQ/composio-go/internal/testlog"
	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSubscribeAuthorizesSubscribesAndReceives(t *testing.T) {
	var handshake atomic.Value
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		c.send("trigger_to_client", "private-other_triggers", `{"n":0}`) // another channel
		c.send("some_other_event", testChannel, `{"n":0}`)               // not asked for
		c.send(testEvent, testChannel, `{"n":1}`)
		c.send(testEvent, testChannel, `{"n":2}`)
		c.waitClosed()
	})
	srv.Config.Handler = wrapHandshake(srv.Config.Handler, &handshake)
	a := &authorizer{}
	cfg := testConfig(srv, a)
	cfg.Header = map[string][]string{"User-Agent": {"composio-go/test"}}
	s, err := Subscribe(context.Background(), cfg)
	require.NoError(t, err)
	defer s.Close()

	for _, want := range []string{`{"n":1}`, `{"n":2}`} {
		ev, err := next(t, s)
		require.NoError(t, err)
		assert.Equal(t, testEvent, ev.Name)
		assert.JSONEq(t, want, string(ev.Data))
	}
	assert.EqualValues(t, 1, a.calls.Load())
	_, signed := a.sockets.Load("1001.42")
	assert.True(t, signed, "Authorize got the socket id of connection_established")
	got := handshake.Load().(handshakeSeen)
	assert.Equal(t, "/app/"+testKey, got.path)
	assert.Equal(t, "7", got.protocol)
	assert.Equal(t, "composio-go/test", got.userAgent)
}

type handshakeSeen struct{ path, protocol, userAgent string }

func wrapHandshake(next http.Handler, into *atomic.Value) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		into.Store(handshakeSeen{r.URL.Path, r.URL.Query().Get("protocol"), r.Header.Get("User-Agent")})
		next.ServeHTTP(w, r)
	})
}

func TestAnswersPingsAndPingsASilentServer(t *testing.T) {
	pinged := make(chan struct{})
	srv := newScriptServer(t, func(c *serverConn) {
		if c.n > 1 || !c.establish(120) {
			c.waitClosed()
			return
		}
		c.send(EventPing, "", "{}")
		m, ok := c.read(5 * time.Second)
		if !ok || m.Event != EventPong {
			t.Errorf("expected pusher:pong, got %q", m.Event)
		}
		// Now stay silent: the client pings once the activity timeout
		// passes, and gives up when no pong follows.
		m, ok = c.read(5 * time.Second)
		if ok && m.Event == EventPing {
			close(pinged)
		}
		c.waitClosed()
	})
	cfg := testConfig(srv, &authorizer{})
	cfg.Timing.ActivityTimeout = 20 * time.Millisecond
	cfg.Timing.PongTimeout = 20 * time.Millisecond
	var logs testlog.Buffer
	cfg.Logger = logs.Logger()
	s, err := Subscribe(context.Background(), cfg)
	require.NoError(t, err)
	defer s.Close()

	select {
	case <-pinged:
	case <-time.After(5 * time.Second):
		t.Fatal("the client never pinged the silent server")
	}
	require.Eventually(t, func() bool { return srv.conns.Load() == 2 }, 5*time.Second, time.Millisecond, "reconnects after the silence")
	assert.Contains(t, logs.String(), "went silent")
}

func TestTheServersActivityTimeoutWinsWhenShorter(t *testing.T) {
	t.Parallel() // the protocol counts activity in seconds: this one waits one
	pinged := make(chan time.Duration, 1)
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(1) { // one second
			return
		}
		start := time.Now()
		if m, ok := c.read(5 * time.Second); ok && m.Event == EventPing {
			pinged <- time.Since(start)
			c.send(EventPong, "", "{}")
		}
		c.waitClosed()
	})
	cfg := testConfig(srv, &authorizer{})
	cfg.Timing.ActivityTimeout = time.Hour
	s, err := Subscribe(context.Background(), cfg)
	require.NoError(t, err)
	defer s.Close()
	select {
	case <-pinged:
	case <-time.After(5 * time.Second):
		t.Fatal("no ping after the server's one-second activity timeout")
	}
}

func TestReconnectsAndResubscribesAfterADrop(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		if c.n == 1 {
			c.send(testEvent, testChannel, `{"n":1}`)
			return // drops the connection with no close frame
		}
		c.send(testEvent, testChannel, `{"n":2}`)
		c.waitClosed()
	})
	a := &authorizer{}
	var logs testlog.Buffer
	cfg := testConfig(srv, a)
	cfg.Logger = logs.Logger()
	s, err := Subscribe(context.Background(), cfg)
	require.NoError(t, err)
	defer s.Close()
	for _, want := range []string{`{"n":1}`, `{"n":2}`} {
		ev, err := next(t, s)
		require.NoError(t, err)
		assert.JSONEq(t, want, string(ev.Data))
	}
	assert.EqualValues(t, 2, srv.conns.Load())
	assert.EqualValues(t, 2, a.calls.Load(), "each connection is authorized for its own socket")
	_, second := a.sockets.Load("1002.42")
	assert.True(t, second)
	assert.Contains(t, logs.String(), "reconnecting")
}

// TestErrorCodeRanges: 4000-4099 ends the subscription with a
// *ClosedError; 4100-4199 and 4200-4299 reconnect; other codes are only
// reported. As pusher:error events and as close frames.
func TestErrorCodeRanges(t *testing.T) {
	for _, tc := range []struct {
		code      int
		asClose   bool
		reconnect bool
	}{
		{4001, false, false}, {4099, false, false}, {4009, true, false},
		{4100, false, true}, {4199, true, true},
		{4200, false, true}, {4201, true, true},
	} {
		name := fmt.Sprintf("pusher:error %d", tc.code)
		if tc.asClose {
			name = fmt.Sprintf("close %d", tc.code)
		}
		t.Run(name, func(t *testing.T) {
			srv := newScriptServer(t, func(c *serverConn) {
				if !c.establish(120) {
					return
				}
				if c.n > 1 {
					c.send(testEvent, testChannel, `{"after":"reconnect"}`)
					c.waitClosed()
					return
				}
				if tc.asClose {
					_ = c.ws.Close(websocket.StatusCode(tc.code), "closing")
					return
				}
				c.send(EventError, "", map[string]any{"code": tc.code, "message": "closing"})
				c.waitClosed()
			})
			s, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
			require.NoError(t, err)
			defer s.Close()
			ev, err := next(t, s)
			if tc.reconnect {
				require.NoError(t, err)
				assert.JSONEq(t, `{"after":"reconnect"}`, string(ev.Data))
				assert.EqualValues(t, 2, srv.conns.Load())
				return
			}
			var closed *ClosedError
			require.ErrorAs(t, err, &closed)
			assert.Equal(t, tc.code, closed.Code)
			assert.Equal(t, "closing", closed.Message)
			<-s.Done()
			assert.EqualValues(t, 1, srv.conns.Load(), "no reconnect")
			_, err = s.Next(context.Background())
			assert.ErrorAs(t, err, &closed, "the error stays")
		})
	}
}

func TestOtherErrorCodesKeepTheConnection(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		c.send(EventError, "", map[string]any{"code": 4301, "message": "client event rejected"})
		c.send(EventError, "", map[string]any{"code": nil, "message": "something"})
		c.send(testEvent, testChannel, `{"still":"here"}`)
		c.waitClosed()
	})
	s, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
	require.NoError(t, err)
	defer s.Close()
	ev, err := next(t, s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"still":"here"}`, string(ev.Data))
	assert.EqualValues(t, 1, srv.conns.Load())
}

func TestRefusedSubscriptions(t *testing.T) {
	for name, refuse := range map[string]func(c *serverConn){
		"subscription_error": func(c *serverConn) {
			c.send(EventSubscriptionError, testChannel, SubscriptionErrorData{Type: "AuthError", Error: "bad signature", Status: 403})
		},
		"error without code": func(c *serverConn) {
			c.send(EventError, "", map[string]any{"code": nil, "message": "bad signature"})
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newScriptServer(t, func(c *serverConn) {
				c.send(EventConnectionEstablished, "", ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
				if m, ok := c.read(5 * time.Second); ok && m.Event == EventSubscribe {
					refuse(c)
				}
				c.waitClosed()
			})
			_, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
			var refused *RefusedError
			require.ErrorAs(t, err, &refused)
			assert.Equal(t, testChannel, refused.Channel)
			assert.Equal(t, "bad signature", refused.Message)
			assert.Equal(t, 0, subscriptionGoroutines(t))
		})
	}
}

func TestARefusalAfterAReconnectEndsTheSubscription(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if c.n == 1 {
			c.establish(120)
			return // drop
		}
		c.send(EventConnectionEstablished, "", ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
		c.waitClosed()
	})
	denied := errors.New("the key was revoked")
	a := &authorizer{fail: func(n int) error {
		if n == 2 {
			return Permanent(denied)
		}
		return nil
	}}
	s, err := Subscribe(context.Background(), testConfig(srv, a))
	require.NoError(t, err)
	defer s.Close()
	_, err = next(t, s)
	require.ErrorIs(t, err, denied)
	assert.NotErrorAs(t, err, new(permanentError), "the marker is removed")
}

func TestAFailingAuthorizationIsRetriedOnReconnect(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if c.n == 2 { // its authorization fails
			c.send(EventConnectionEstablished, "", ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
			c.waitClosed()
			return
		}
		if !c.establish(120) || c.n == 1 {
			return
		}
		c.send(testEvent, testChannel, `{"n":3}`)
		c.waitClosed()
	})
	a := &authorizer{fail: func(n int) error {
		if n == 2 {
			return errors.New("503 from the auth endpoint")
		}
		return nil
	}}
	s, err := Subscribe(context.Background(), testConfig(srv, a))
	require.NoError(t, err)
	defer s.Close()
	ev, err := next(t, s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"n":3}`, string(ev.Data))
	assert.EqualValues(t, 3, srv.conns.Load())
}

func TestTheFirstConnectionIsNotRetried(t *testing.T) {
	t.Run("authorization", func(t *testing.T) {
		srv := newScriptServer(t, func(c *serverConn) {
			c.send(EventConnectionEstablished, "", ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
			c.waitClosed()
		})
		failure := errors.New("connection refused")
		_, err := Subscribe(context.Background(), testConfig(srv, &authorizer{fail: func(int) error { return failure }}))
		require.ErrorIs(t, err, failure)
		assert.EqualValues(t, 1, srv.conns.Load())
	})
	t.Run("dial", func(t *testing.T) {
		srv := newScriptServer(t, func(*serverConn) {})
		cfg := testConfig(srv, &authorizer{})
		srv.Close()
		_, err := Subscribe(context.Background(), cfg)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "pusher: connecting")
	})
	t.Run("no connection_established", func(t *testing.T) {
		srv := newScriptServer(t, func(c *serverConn) { c.waitClosed() })
		cfg := testConfig(srv, &authorizer{})
		cfg.Timing.HandshakeTimeout = 20 * time.Millisecond
		_, err := Subscribe(context.Background(), cfg)
		require.ErrorContains(t, err, "no connection_established in time")
	})
	t.Run("no answer to the subscription", func(t *testing.T) {
		srv := newScriptServer(t, func(c *serverConn) {
			c.send(EventConnectionEstablished, "", ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
			c.waitClosed()
		})
		cfg := testConfig(srv, &authorizer{})
		cfg.Timing.HandshakeTimeout = 50 * time.Millisecond
		_, err := Subscribe(context.Background(), cfg)
		require.ErrorContains(t, err, "no answer to the subscription in time")
	})
	assert.Equal(t, 0, subscriptionGoroutines(t))
}

func TestChunkedEventsOutOfOrder(t *testing.T) {
	whole := `{"message":"` + strings.Repeat("é", 50) + `"}`
	parts := []string{whole[:20], whole[20:62], whole[62:]} // split between characters, as a sender must
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		chunked := ChunkedPrefix + testEvent
		c.send(chunked, testChannel, mustJSON(t, Chunk{ID: "ev1", Index: 2, Chunk: parts[2], Final: true}))
		c.send(chunked, testChannel, mustJSON(t, Chunk{ID: "ev2", Index: 0, Chunk: `{"other":`}))
		c.send(chunked, testChannel, mustJSON(t, Chunk{ID: "ev1", Index: 0, Chunk: parts[0]}))
		c.send(chunked, testChannel, mustJSON(t, Chunk{ID: "ev1", Index: 1, Chunk: parts[1]}))
		c.send(chunked, testChannel, mustJSON(t, Chunk{ID: "ev2", Index: 1, Chunk: `true}`, Final: true}))
		c.waitClosed()
	})
	s, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
	require.NoError(t, err)
	defer s.Close()
	ev, err := next(t, s)
	require.NoError(t, err)
	assert.Equal(t, testEvent, ev.Name, "delivered under the event's own name")
	assert.Equal(t, whole, string(ev.Data))
	ev, err = next(t, s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"other":true}`, string(ev.Data))
}

func TestAChunkedEventThatNeverCompletesIsDroppedAndLogged(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		c.send(ChunkedPrefix+testEvent, testChannel, mustJSON(t, Chunk{ID: "lost", Index: 0, Chunk: `{"never":`}))
		c.send(ChunkedPrefix+testEvent, testChannel, mustJSON(t, Chunk{ID: "lost", Index: 2, Chunk: `}`, Final: true}))
		c.send(testEvent, testChannel, `{"next":"event"}`)
		c.waitClosed()
	})
	var logs testlog.Buffer
	cfg := testConfig(srv, &authorizer{})
	cfg.Logger = logs.Logger()
	cfg.Chunks.Timeout = 20 * time.Millisecond
	s, err := Subscribe(context.Background(), cfg)
	require.NoError(t, err)
	defer s.Close()
	ev, err := next(t, s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"next":"event"}`, string(ev.Data), "the incomplete event is not delivered")
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "did not complete in time") }, 5*time.Second, time.Millisecond)
	assert.Contains(t, logs.String(), "id=lost")
	short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = s.Next(short)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "nor later")
	assert.EqualValues(t, 1, srv.conns.Load(), "the connection lives on")
}

func TestMalformedFramesAreSkipped(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		c.sendRaw([]byte("not json"))
		c.sendRaw([]byte(`{"event":""}`))
		c.sendRaw([]byte(`{"event":"trigger_to_client","channel":"` + testChannel + `","data":"{not json"}`))
		c.sendRaw([]byte(`{"event":"chunked-trigger_to_client","channel":"` + testChannel + `","data":"[1]"}`))
		ctx, cancel := context.WithTimeout(c.ctx, time.Second)
		_ = c.ws.Write(ctx, websocket.MessageBinary, []byte{0xff, 0x00})
		cancel()
		c.send(testEvent, testChannel, `{"good":true}`)
		c.waitClosed()
	})
	var logs testlog.Buffer
	cfg := testConfig(srv, &authorizer{})
	cfg.Logger = logs.Logger()
	s, err := Subscribe(context.Background(), cfg)
	require.NoError(t, err)
	defer s.Close()
	ev, err := next(t, s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"good":true}`, string(ev.Data))
	assert.EqualValues(t, 1, srv.conns.Load(), "no reconnect for a bad frame")
	for _, line := range []string{"ignored a malformed frame", "ignored an event whose data is not JSON", "ignored a malformed chunk", "ignored a binary frame"} {
		assert.Contains(t, logs.String(), line)
	}
}

func TestAMalformedConnectionEstablishedReconnects(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if c.n == 2 {
			c.send(EventConnectionEstablished, "", `{"socket_id":"no dots"}`)
			c.waitClosed()
			return
		}
		if !c.establish(120) || c.n == 1 {
			return
		}
		c.send(testEvent, testChannel, `{"n":3}`)
		c.waitClosed()
	})
	s, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
	require.NoError(t, err)
	defer s.Close()
	ev, err := next(t, s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"n":3}`, string(ev.Data))
}

func TestCancelDuringConnect(t *testing.T) {
	reached := make(chan struct{})
	srv := newScriptServer(t, func(c *serverConn) {
		close(reached) // accepts, then never says connection_established
		c.waitClosed()
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-reached; cancel() }()
	_, err := Subscribe(ctx, testConfig(srv, &authorizer{}))
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, subscriptionGoroutines(t))
}

func TestCancelDuringBackoff(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		c.establish(120) // then drops
	})
	var logs testlog.Buffer
	cfg := testConfig(srv, &authorizer{})
	cfg.Timing.BackoffMin, cfg.Timing.BackoffMax = time.Hour, time.Hour
	cfg.Logger = logs.Logger()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Subscribe(ctx, cfg)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "reconnecting") }, 5*time.Second, time.Millisecond)
	cancel()
	_, err = next(t, s)
	require.ErrorIs(t, err, context.Canceled)
	<-s.Done()
	assert.Equal(t, 0, subscriptionGoroutines(t))
	assert.EqualValues(t, 1, srv.conns.Load())
}

func TestCancelWhileIdleAndClose(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if c.establish(120) {
			c.waitClosed()
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		s, err := Subscribe(ctx, testConfig(srv, &authorizer{}))
		require.NoError(t, err)
		// Next's own context ends only that wait.
		short, stop := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer stop()
		_, err = s.Next(short)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		cancel()
		<-s.Done()
		_, err = s.Next(context.Background())
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 0, subscriptionGoroutines(t))
	})
	t.Run("close", func(t *testing.T) {
		s, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
		require.NoError(t, err)
		require.NoError(t, s.Close())
		require.NoError(t, s.Close(), "twice is harmless")
		_, err = s.Next(context.Background())
		require.ErrorIs(t, err, ErrClosed)
		assert.Equal(t, 0, subscriptionGoroutines(t))
	})
}

func TestEventsReceivedBeforeTheEndAreStillReturned(t *testing.T) {
	srv := newScriptServer(t, func(c *serverConn) {
		if !c.establish(120) {
			return
		}
		c.send(testEvent, testChannel, `{"n":1}`)
		c.send(EventError, "", map[string]any{"code": 4004, "message": "over quota"})
		c.waitClosed()
	})
	s, err := Subscribe(context.Background(), testConfig(srv, &authorizer{}))
	require.NoError(t, err)
	<-s.Done()
	ev, err := s.Next(context.Background())
	require.NoError(t, err)
	assert.JSONEq(t, `{"n":1}`, string(ev.Data))
	_, err = s.Next(context.Background())
	var closed *ClosedError
	require.ErrorAs(t, err, &closed)
	assert.Equal(t, 4004, closed.Code)
}

func TestDelays(t *testing.T) {
	s := &Subscription{timing: Timing{BackoffMin: 100 * time.Millisecond, BackoffMax: 800 * time.Millisecond, Pause: time.Second}.withDefaults()}
	for range 200 {
		for n, step := range map[int]time.Duration{1: 100, 2: 200, 3: 400, 4: 800, 5: 800, 30: 800} {
			d := s.backoff(n)
			step *= time.Millisecond
			assert.GreaterOrEqual(t, d, step/2, "attempt %d", n)
			assert.LessOrEqual(t, d, step, "attempt %d", n)
		}
		assert.Zero(t, s.delay(ReconnectNow, 1), "4200-4299: at once")
		assert.Positive(t, s.delay(ReconnectNow, 2), "but not in a loop")
		assert.GreaterOrEqual(t, s.delay(ReconnectAfterPause, 1), time.Second, "4100-4199: after the pause")
		assert.LessOrEqual(t, s.delay(Reconnect, 1), 100*time.Millisecond)
	}
	// The jitter spreads the waits.
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[s.backoff(3)] = true
	}
	assert.Greater(t, len(seen), 10)
}

func TestActionFor(t *testing.T) {
	for code, want := range map[int]Action{
		4000: DoNotReconnect, 4001: DoNotReconnect, 4099: DoNotReconnect,
		4100: ReconnectAfterPause, 4199: ReconnectAfterPause,
		4200: ReconnectNow, 4299: ReconnectNow,
		1000: Reconnect, 1006: Reconnect, 3999: Reconnect, 4300: Reconnect, 0: Reconnect,
	} {
		assert.Equal(t, want, ActionFor(code), "code %d", code)
	}
}
