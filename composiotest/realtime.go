package composiotest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ComposioHQ/composio-go/internal/pusher"
)

// Realtime triggers: the fake speaks the same Pusher protocol (version 7)
// the real service uses, so trigger subscriptions run offline and any
// Pusher client can subscribe. The API side answers the two endpoints the
// official SDKs call; the websocket side is served at /app/<pusher_key> on
// the fake's own host (see realtime_socket.go). Every trigger the fake
// fires is also published to the project's channel.

const (
	// realtimeAppKey and realtimeCluster are what the credentials endpoint
	// names; clients connect to the fake itself, not to a Pusher cluster.
	realtimeAppKey  = "composiotest"
	realtimeCluster = "composiotest"
	realtimeChannel = "private-" + fakeProjectID + "_triggers"
	realtimeEvent   = "trigger_to_client"
	// realtimeChunkSize is the largest piece of a chunked event: Pusher
	// refuses messages over 10 KB.
	realtimeChunkSize = 9000
	// realtimeQueue bounds the frames waiting for one connection; a client
	// that falls this far behind is disconnected.
	realtimeQueue = 1024
)

// realtimeState holds the Pusher side of the fake.
type realtimeState struct{ hub *realtimeHub }

func (s *realtimeState) seed(*Fake) { s.hub = newRealtimeHub() }

// realtimeHub is the fake's Pusher app: its key and secret, and its
// connections. It has its own lock, taken after f.mu when both are held
// and never held while waiting on the network.
type realtimeHub struct {
	key, secret string
	// activity is the silence after which the server pings a client;
	// pongWait how long it then waits before it closes with 4201.
	activity, pongWait time.Duration
	chunkSize          int

	mu      sync.Mutex
	conns   map[*realtimeConn]bool
	sockets uint64 // connections so far
	chunks  uint64 // chunked events so far
}

func newRealtimeHub() *realtimeHub {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return &realtimeHub{
		key: realtimeAppKey, secret: hex.EncodeToString(b),
		activity: 120 * time.Second, pongWait: 30 * time.Second, chunkSize: realtimeChunkSize,
		conns: map[*realtimeConn]bool{},
	}
}

// hub returns the fake's Pusher app. The caller does not hold f.mu.
func (f *Fake) hub() *realtimeHub {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.realtime().hub
}

func (f *Fake) realtimeCredentials(w http.ResponseWriter, _ *http.Request) {
	hub := f.realtime().hub
	writeJSON(w, http.StatusOK, struct {
		ProjectID     string `json:"project_id"`
		PusherCluster string `json:"pusher_cluster"`
		PusherKey     string `json:"pusher_key"`
	}{fakeProjectID, realtimeCluster, hub.key})
}

// realtimeAuth signs a socket's subscription to the project's channel,
// the way a Pusher auth endpoint does. It reads the form fields the
// official SDK sends (socket_id, channel_name), or the same as JSON.
func (f *Fake) realtimeAuth(w http.ResponseWriter, r *http.Request) {
	hub := f.realtime().hub
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		badRequest(w, r, "could not read the request body")
		return
	}
	var in struct {
		SocketID    string `json:"socket_id"`
		ChannelName string `json:"channel_name"`
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		if json.Unmarshal(body, &in) != nil {
			badRequest(w, r, "the body is not a JSON object with socket_id and channel_name")
			return
		}
	} else {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			badRequest(w, r, "the body is not a form with socket_id and channel_name")
			return
		}
		in.SocketID, in.ChannelName = form.Get("socket_id"), form.Get("channel_name")
	}
	switch {
	case !pusher.ValidSocketID(in.SocketID):
		badRequest(w, r, "socket_id must be a Pusher socket id such as 1234.5678", "socket_id")
	case in.ChannelName == "":
		badRequest(w, r, "channel_name is required", "channel_name")
	case in.ChannelName != realtimeChannel:
		writeError(w, r, http.StatusForbidden, 403, "This key may not subscribe to "+in.ChannelName,
			"Subscribe to your project's channel, "+realtimeChannel+".")
	default:
		writeJSON(w, http.StatusOK, struct {
			Auth string `json:"auth"`
		}{pusher.Auth(hub.key, hub.secret, in.SocketID, in.ChannelName)})
	}
}

// publishTriggers sends each fired instance's event, as a V3 payload, to
// the realtime subscribers of the project's channel. The caller holds
// f.mu; nothing waits on the network.
func (f *Fake) publishTriggers(fired []*triggerInstance, data map[string]any) {
	hub := f.realtime().hub
	if hub.subscribers(realtimeChannel) == 0 {
		return // and the fake's ids stay as they would be without realtime
	}
	for _, ti := range fired {
		id := "msg_" + legacyUUIDOf(f.newID("msg"))
		body, _ := json.Marshal(triggerPayload("V3", id, f.timestamp(), f.newID("log"), ti, data))
		hub.publish(realtimeChannel, realtimeEvent, body)
	}
}

// RealtimeSubscribers is the number of connections subscribed to the
// project's trigger channel now; a test can wait for a client to have
// subscribed again after DisconnectRealtime.
func (f *Fake) RealtimeSubscribers() int { return f.hub().subscribers(realtimeChannel) }

// DisconnectRealtime ends every realtime connection. With code 0 each one
// is dropped with no goodbye, as a broken network would; with a Pusher
// error code (such as 4001, 4100 or 4200) the server first sends a
// pusher:error with it, then closes with it, as Pusher does. The
// connections stop receiving events at once. It returns how many
// connections it ended (a client may already be connecting again).
func (f *Fake) DisconnectRealtime(code int) int {
	hub := f.hub()
	hub.mu.Lock()
	conns := make([]*realtimeConn, 0, len(hub.conns))
	for c := range hub.conns {
		conns = append(conns, c)
		delete(hub.conns, c)
	}
	hub.mu.Unlock()
	for _, c := range conns {
		if code == 0 {
			c.drop()
		} else {
			c.closeWith(code, "closed by composiotest")
		}
	}
	return len(conns)
}

func (h *realtimeHub) subscribers(channel string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for c := range h.conns {
		if c.channels[channel] {
			n++
		}
	}
	return n
}

// publish queues event for every connection subscribed to channel, in
// pieces when its data is too large for one message.
func (h *realtimeHub) publish(channel, event string, data []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var frames [][]byte
	if len(data) <= h.chunkSize {
		frames = [][]byte{pusher.ServerMessage(event, channel, data)}
	} else {
		h.chunks++
		id := "chunked_" + hex.EncodeToString([]byte{byte(h.chunks >> 24), byte(h.chunks >> 16), byte(h.chunks >> 8), byte(h.chunks)})
		pieces := splitUTF8(string(data), h.chunkSize)
		for i, p := range pieces {
			chunk, _ := json.Marshal(pusher.Chunk{ID: id, Index: i, Chunk: p, Final: i == len(pieces)-1})
			frames = append(frames, pusher.ServerMessage(pusher.ChunkedPrefix+event, channel, chunk))
		}
	}
	for c := range h.conns {
		if !c.channels[channel] {
			continue
		}
		for _, fr := range frames {
			if !c.queue(fr) {
				break
			}
		}
	}
}

// splitUTF8 cuts s into pieces of at most n bytes, never inside a
// character: each piece travels as a JSON string, which must be valid
// UTF-8.
func splitUTF8(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := n
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		if cut == 0 {
			cut = n
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return append(out, s)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// channelKind tells public, private and presence channels apart.
func channelKind(channel string) string {
	switch {
	case strings.HasPrefix(channel, "private-"):
		return "private"
	case strings.HasPrefix(channel, "presence-"):
		return "presence"
	}
	return "public"
}
