package composiotest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ComposioHQ/composio-go/internal/pusher"
	"github.com/coder/websocket"
)

// realtimeConn is one websocket client of the fake's Pusher app. Its
// frames go out through a queue that one writer goroutine empties, so
// that publishing never waits on a client.
type realtimeConn struct {
	hub      *realtimeHub
	ws       *websocket.Conn
	socketID string
	// channels is guarded by hub.mu.
	channels map[string]bool

	out      chan []byte // frames to send; never closed
	closing  chan closeRequest
	lastSeen atomic.Int64 // Unix nanoseconds of the client's last frame
}

type closeRequest struct {
	code    int
	message string
}

// realtimeSocket serves GET /app/{key}: a Pusher protocol 7 connection.
func (f *Fake) realtimeSocket(w http.ResponseWriter, r *http.Request) {
	hub := f.hub()
	// Any origin: the fake serves browsers on any local port too.
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return // Accept answered the request
	}
	defer ws.CloseNow()
	ctx := r.Context()
	if key := r.PathValue("key"); key != hub.key {
		refuse(ctx, ws, 4001, fmt.Sprintf("App key %s not in use", key))
		return
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("protocol")); err != nil || v < 5 || v > pusher.Protocol {
		refuse(ctx, ws, 4007, "Unsupported protocol version")
		return
	}
	hub.serve(ctx, ws)
}

// refuse sends a pusher:error and closes with its code, as Pusher does for
// a connection it will not serve.
func refuse(ctx context.Context, ws *websocket.Conn, code int, message string) {
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_ = ws.Write(wctx, websocket.MessageText, pusher.ServerMessage(pusher.EventError, "", pusher.ErrorData{Code: &code, Message: message}))
	_ = ws.Close(websocket.StatusCode(code), message)
}

func (h *realtimeHub) serve(ctx context.Context, ws *websocket.Conn) {
	ws.SetReadLimit(1 << 20)
	h.mu.Lock()
	h.sockets++
	c := &realtimeConn{
		hub: h, ws: ws, socketID: fmt.Sprintf("%d.%d", 100000+h.sockets, 4242),
		channels: map[string]bool{}, out: make(chan []byte, realtimeQueue), closing: make(chan closeRequest, 1),
	}
	h.conns[c] = true
	h.mu.Unlock()
	c.lastSeen.Store(time.Now().UnixNano())
	c.queue(pusher.ServerMessage(pusher.EventConnectionEstablished, "",
		pusher.ConnectionEstablished{SocketID: c.socketID, ActivityTimeout: int(h.activity / time.Second)}))

	readCtx, stop := context.WithCancel(ctx)
	var writer sync.WaitGroup
	writer.Add(1)
	go func() {
		defer writer.Done()
		defer stop() // a failed write ends the reading too
		c.write(readCtx)
	}()
	for {
		_, frame, err := ws.Read(readCtx)
		if err != nil {
			break
		}
		c.lastSeen.Store(time.Now().UnixNano())
		c.handle(frame)
	}
	h.mu.Lock()
	delete(h.conns, c)
	h.mu.Unlock()
	stop()
	writer.Wait()
}

// write sends the queued frames, pings a silent client and closes the
// connection when asked to, until ctx ends.
func (c *realtimeConn) write(ctx context.Context) {
	send := func(frame []byte) bool {
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return c.ws.Write(wctx, websocket.MessageText, frame) == nil
	}
	check := min(c.hub.activity, c.hub.pongWait) / 2
	ticker := time.NewTicker(check)
	defer ticker.Stop()
	var pingedAt time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case frame := <-c.out:
			if !send(frame) {
				c.drop()
				return
			}
		case req := <-c.closing:
			send(pusher.ServerMessage(pusher.EventError, "", pusher.ErrorData{Code: &req.code, Message: req.message}))
			_ = c.ws.Close(websocket.StatusCode(req.code), req.message)
			return
		case now := <-ticker.C:
			silent := now.Sub(time.Unix(0, c.lastSeen.Load()))
			switch {
			case !pingedAt.IsZero() && silent < now.Sub(pingedAt):
				pingedAt = time.Time{} // the client answered
			case pingedAt.IsZero() && silent >= c.hub.activity:
				pingedAt = now
				if !send(pusher.ServerMessage(pusher.EventPing, "", nil)) {
					c.drop()
					return
				}
			case !pingedAt.IsZero() && now.Sub(pingedAt) >= c.hub.pongWait:
				c.hub.mu.Lock()
				delete(c.hub.conns, c)
				c.hub.mu.Unlock()
				code := 4201
				send(pusher.ServerMessage(pusher.EventError, "", pusher.ErrorData{Code: &code, Message: "Pong reply not received"}))
				_ = c.ws.Close(websocket.StatusCode(code), "Pong reply not received")
				return
			}
		}
	}
}

// queue hands frame to the writer. A client whose queue is full is
// disconnected (it would otherwise miss events silently); false then.
func (c *realtimeConn) queue(frame []byte) bool {
	select {
	case c.out <- frame:
		return true
	default:
		go c.drop() // not under hub.mu: drop takes no lock, but stays off the publisher's path
		return false
	}
}

// drop closes the connection at once, with no close frame.
func (c *realtimeConn) drop() { _ = c.ws.CloseNow() }

// closeWith asks the writer to send pusher:error with code and close.
func (c *realtimeConn) closeWith(code int, message string) {
	select {
	case c.closing <- closeRequest{code, message}:
	default: // already closing
	}
}

// handle answers one frame of the client.
func (c *realtimeConn) handle(frame []byte) {
	m, err := pusher.Decode(frame)
	if err != nil {
		c.errorFrame("Malformed message: " + err.Error())
		return
	}
	switch m.Event {
	case pusher.EventPing:
		c.queue(pusher.ServerMessage(pusher.EventPong, "", nil))
	case pusher.EventPong:
	case pusher.EventSubscribe:
		c.subscribe(m)
	case pusher.EventUnsubscribe:
		var d pusher.SubscribeData
		_ = m.DecodePayload(&d)
		c.hub.mu.Lock()
		delete(c.channels, d.Channel)
		c.hub.mu.Unlock()
	default:
		if len(m.Event) > 7 && m.Event[:7] == "client-" {
			c.errorFrame("Client events are not enabled for this app")
		}
	}
}

func (c *realtimeConn) subscribe(m pusher.Message) {
	var d pusher.SubscribeData
	if err := m.DecodePayload(&d); err != nil || d.Channel == "" {
		c.errorFrame("pusher:subscribe needs data with a channel")
		return
	}
	refuse := func(status int, msg string) {
		c.queue(pusher.ServerMessage(pusher.EventSubscriptionError, d.Channel,
			pusher.SubscriptionErrorData{Type: "AuthError", Error: msg, Status: status}))
	}
	switch channelKind(d.Channel) {
	case "presence":
		refuse(http.StatusForbidden, "presence channels are not served by composiotest")
		return
	case "private":
		if !pusher.CheckAuth(c.hub.key, c.hub.secret, c.socketID, d.Channel, d.Auth) {
			refuse(http.StatusUnauthorized, fmt.Sprintf("Invalid signature for socket %s and channel %s: sign it at POST /api/v3/internal/sdk/realtime/auth", c.socketID, d.Channel))
			return
		}
	}
	// Under the hub's lock, so that the confirmation is queued before any
	// event published to the channel from now on.
	c.hub.mu.Lock()
	defer c.hub.mu.Unlock()
	if !c.hub.conns[c] {
		return // disconnected meanwhile
	}
	c.channels[d.Channel] = true
	c.queue(pusher.ServerMessage(pusher.EventSubscriptionSucceeded, d.Channel, nil))
}

// errorFrame sends a pusher:error without a code: reported, not closing.
func (c *realtimeConn) errorFrame(message string) {
	c.queue(pusher.ServerMessage(pusher.EventError, "", pusher.ErrorData{Message: message}))
}
