package composiotest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ComposioHQ/composio-go/internal/pusher"
	"github.com/coder/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A raw Pusher client for the tests: frames in, frames out, no SDK.

type rawClient struct {
	t  *testing.T
	ws *websocket.Conn
}

func dialRaw(t *testing.T, srv *Server, path string) *rawClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+path, nil)
	require.NoError(t, err)
	ws.SetReadLimit(1 << 20)
	t.Cleanup(func() { ws.CloseNow() })
	return &rawClient{t: t, ws: ws}
}

func (c *rawClient) send(event string, data any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(c.t, c.ws.Write(ctx, websocket.MessageText, pusher.ClientMessage(event, "", data)))
}

func (c *rawClient) next() pusher.Message {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, b, err := c.ws.Read(ctx)
	require.NoError(c.t, err)
	m, err := pusher.Decode(b)
	require.NoError(c.t, err)
	return m
}

// closed reads until the server closes and returns the close error.
func (c *rawClient) closed() error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		if _, _, err := c.ws.Read(ctx); err != nil {
			return err
		}
	}
}

func (c *rawClient) established() pusher.ConnectionEstablished {
	c.t.Helper()
	m := c.next()
	require.Equal(c.t, pusher.EventConnectionEstablished, m.Event)
	var ce pusher.ConnectionEstablished
	require.NoError(c.t, m.DecodePayload(&ce))
	return ce
}

// signed asks the fake's auth endpoint to sign socketID for channel.
func signed(t *testing.T, srv *Server, socketID, channel string) string {
	t.Helper()
	form := url.Values{"socket_id": {socketID}, "channel_name": {channel}}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v3/internal/sdk/realtime/auth", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(hdrAPIKey, srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var out struct{ Auth string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out.Auth
}

// subscribed connects and subscribes to the project's channel.
func subscribed(t *testing.T, srv *Server) *rawClient {
	t.Helper()
	c := dialRaw(t, srv, "/app/"+realtimeAppKey+"?protocol=7&client=test&version=1")
	ce := c.established()
	c.send(pusher.EventSubscribe, pusher.SubscribeData{Channel: realtimeChannel, Auth: signed(t, srv, ce.SocketID, realtimeChannel)})
	m := c.next()
	require.Equal(t, pusher.EventSubscriptionSucceeded, m.Event, string(m.Data))
	require.Equal(t, realtimeChannel, m.Channel)
	return c
}

func TestRealtimeCredentialsEndpoint(t *testing.T) {
	srv := NewServer(t)
	for _, key := range []struct{ header, value string }{{hdrAPIKey, srv.APIKey}, {hdrUserKey, srv.UserAPIKey}} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v3/internal/sdk/realtime/credentials", nil)
		req.Header.Set(key.header, key.value)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var out map[string]string
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		resp.Body.Close()
		assert.Equal(t, map[string]string{"pusher_key": "composiotest", "project_id": fakeProjectID, "pusher_cluster": "composiotest"}, out, key.header)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v3/internal/sdk/realtime/credentials", nil)
	req.Header.Set(hdrOrgKey, srv.OrgAPIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "the organization key is not accepted")
}

func TestRealtimeAuthEndpoint(t *testing.T) {
	srv := NewServer(t)
	hub := srv.hub()
	post := func(contentType, body string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v3/internal/sdk/realtime/auth", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set(hdrAPIKey, srv.APIKey)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	status, out := post("application/x-www-form-urlencoded", "socket_id=123.456&channel_name="+url.QueryEscape(realtimeChannel))
	require.Equal(t, http.StatusOK, status)
	assert.True(t, pusher.CheckAuth(hub.key, hub.secret, "123.456", realtimeChannel, out["auth"].(string)))
	status, out = post("application/json", `{"socket_id":"123.456","channel_name":"`+realtimeChannel+`"}`)
	require.Equal(t, http.StatusOK, status, "JSON, as older SDKs send")
	assert.True(t, pusher.CheckAuth(hub.key, hub.secret, "123.456", realtimeChannel, out["auth"].(string)))

	for body, want := range map[string]int{
		"socket_id=123.456&channel_name=private-pr_other_triggers": http.StatusForbidden,
		"socket_id=nope&channel_name=" + realtimeChannel:           http.StatusBadRequest,
		"socket_id=123.456": http.StatusBadRequest,
		"%zz":               http.StatusBadRequest,
	} {
		status, out := post("application/x-www-form-urlencoded", body)
		assert.Equal(t, want, status, body)
		assert.NotNil(t, out["error"], "the error envelope: %s", body)
	}
	status, _ = post("application/json", `{`)
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestRealtimeSocketSpeaksPusher(t *testing.T) {
	srv := NewServer(t)
	c := dialRaw(t, srv, "/app/composiotest?protocol=7")
	ce := c.established()
	assert.True(t, pusher.ValidSocketID(ce.SocketID), ce.SocketID)
	assert.Equal(t, 120, ce.ActivityTimeout)

	c.send(pusher.EventPing, nil)
	assert.Equal(t, pusher.EventPong, c.next().Event)

	// A signature for another socket is refused.
	c.send(pusher.EventSubscribe, pusher.SubscribeData{Channel: realtimeChannel, Auth: signed(t, srv, "1.1", realtimeChannel)})
	m := c.next()
	require.Equal(t, pusher.EventSubscriptionError, m.Event)
	assert.Equal(t, realtimeChannel, m.Channel)
	var se pusher.SubscriptionErrorData
	require.NoError(t, m.DecodePayload(&se))
	assert.Equal(t, http.StatusUnauthorized, se.Status)
	assert.Equal(t, "AuthError", se.Type)
	assert.Equal(t, 0, srv.RealtimeSubscribers())

	c.send(pusher.EventSubscribe, pusher.SubscribeData{Channel: realtimeChannel, Auth: signed(t, srv, ce.SocketID, realtimeChannel)})
	assert.Equal(t, pusher.EventSubscriptionSucceeded, c.next().Event)
	assert.Equal(t, 1, srv.RealtimeSubscribers())

	c.send("client-typing", map[string]any{})
	m = c.next()
	assert.Equal(t, pusher.EventError, m.Event, "client events are refused")

	c.send(pusher.EventSubscribe, pusher.SubscribeData{Channel: "presence-room"})
	assert.Equal(t, pusher.EventSubscriptionError, c.next().Event)
	c.send(pusher.EventSubscribe, pusher.SubscribeData{Channel: "public-news"})
	assert.Equal(t, pusher.EventSubscriptionSucceeded, c.next().Event, "public channels need no signature")

	c.send(pusher.EventUnsubscribe, pusher.SubscribeData{Channel: realtimeChannel})
	require.Eventually(t, func() bool { return srv.RealtimeSubscribers() == 0 }, 5*time.Second, time.Millisecond)
}

func TestFiredTriggersArePublished(t *testing.T) {
	srv := NewServer(t)
	c := subscribed(t, srv)
	ctx := context.Background()
	// No webhook subscription at all: realtime still gets the event.
	deliveries, err := srv.FireTrigger(ctx, FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", UserID: "u1", Data: map[string]any{"id": "c1"}})
	require.NoError(t, err)
	assert.Empty(t, deliveries)
	m := c.next()
	assert.Equal(t, realtimeEvent, m.Event)
	assert.Equal(t, realtimeChannel, m.Channel)
	var ev struct {
		ID, Type string
		Metadata map[string]string
		Data     map[string]any
	}
	require.NoError(t, m.DecodePayload(&ev))
	assert.Equal(t, "composio.trigger.message", ev.Type)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.Metadata["trigger_slug"])
	assert.Equal(t, "u1", ev.Metadata["user_id"])
	assert.Equal(t, map[string]any{"id": "c1"}, ev.Data)

	// The HTTP route publishes too.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/fake/triggers/fire", strings.NewReader(`{"trigger_slug":"SLACK_RECEIVE_MESSAGE","data":{"text":"hi"}}`))
	req.Header.Set(hdrAPIKey, srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	m = c.next()
	require.NoError(t, m.DecodePayload(&ev))
	assert.Equal(t, "SLACK_RECEIVE_MESSAGE", ev.Metadata["trigger_slug"])

	// A refused fire publishes nothing.
	_, err = srv.FireTrigger(ctx, FireTriggerParams{TriggerSlug: "NO_SUCH_TRIGGER"})
	require.Error(t, err)
}

func TestLargeEventsArePublishedInChunks(t *testing.T) {
	srv := NewServer(t)
	c := subscribed(t, srv)
	text := strings.Repeat("日本語のテキスト", 2000) // 48 KB of three-byte characters
	_, err := srv.FireTrigger(context.Background(), FireTriggerParams{TriggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", Data: map[string]any{"body": text}})
	require.NoError(t, err)
	var whole strings.Builder
	var id string
	for i := 0; ; i++ {
		m := c.next()
		require.Equal(t, pusher.ChunkedPrefix+realtimeEvent, m.Event)
		var ch pusher.Chunk
		require.NoError(t, m.DecodePayload(&ch))
		if i == 0 {
			id = ch.ID
		}
		assert.Equal(t, id, ch.ID)
		assert.Equal(t, i, ch.Index)
		assert.LessOrEqual(t, len(ch.Chunk), realtimeChunkSize)
		assert.True(t, utf8.ValidString(ch.Chunk), "pieces are cut between characters")
		raw, _ := m.Payload()
		assert.Less(t, len(raw), 10_000, "under Pusher's message limit")
		whole.WriteString(ch.Chunk)
		if ch.Final {
			break
		}
	}
	var ev struct{ Data struct{ Body string } }
	require.NoError(t, json.Unmarshal([]byte(whole.String()), &ev))
	assert.Equal(t, text, ev.Data.Body)
}

func TestRealtimeSocketRefusesUnknownKeysAndProtocols(t *testing.T) {
	srv := NewServer(t)
	for path, code := range map[string]int{"/app/wrong?protocol=7": 4001, "/app/composiotest?protocol=4": 4007, "/app/composiotest": 4007} {
		c := dialRaw(t, srv, path)
		m := c.next()
		require.Equal(t, pusher.EventError, m.Event, path)
		var pe pusher.ErrorData
		require.NoError(t, m.DecodePayload(&pe))
		require.NotNil(t, pe.Code)
		assert.Equal(t, code, *pe.Code, path)
		assert.Equal(t, websocket.StatusCode(code), websocket.CloseStatus(c.closed()), path)
	}
	resp, err := http.Get(srv.URL + "/app/composiotest?protocol=7")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUpgradeRequired, resp.StatusCode, "not a websocket handshake")
}

func TestDisconnectRealtime(t *testing.T) {
	srv := NewServer(t)
	a, b := subscribed(t, srv), subscribed(t, srv)
	require.Equal(t, 2, srv.RealtimeSubscribers())
	srv.DisconnectRealtime(4200)
	assert.Equal(t, 0, srv.RealtimeSubscribers(), "at once")
	for _, c := range []*rawClient{a, b} {
		m := c.next()
		require.Equal(t, pusher.EventError, m.Event)
		var pe pusher.ErrorData
		require.NoError(t, m.DecodePayload(&pe))
		assert.Equal(t, 4200, *pe.Code)
		assert.Equal(t, websocket.StatusCode(4200), websocket.CloseStatus(c.closed()))
	}
	c := subscribed(t, srv)
	srv.DisconnectRealtime(0)
	assert.Equal(t, -1, int(websocket.CloseStatus(c.closed())), "dropped with no close frame")
}

func TestTheFakePingsASilentClientThenCloses(t *testing.T) {
	srv := NewServer(t)
	hub := srv.hub()
	hub.activity, hub.pongWait = 20*time.Millisecond, 20*time.Millisecond
	c := dialRaw(t, srv, "/app/composiotest?protocol=7")
	c.established()
	assert.Equal(t, pusher.EventPing, c.next().Event)
	m := c.next()
	require.Equal(t, pusher.EventError, m.Event)
	var pe pusher.ErrorData
	require.NoError(t, m.DecodePayload(&pe))
	assert.Equal(t, 4201, *pe.Code)
	assert.Equal(t, websocket.StatusCode(4201), websocket.CloseStatus(c.closed()))
}

func TestTheFakeKeepsAClientThatAnswersPings(t *testing.T) {
	srv := NewServer(t)
	hub := srv.hub()
	hub.activity, hub.pongWait = 20*time.Millisecond, 20*time.Millisecond
	c := dialRaw(t, srv, "/app/composiotest?protocol=7")
	c.established()
	for range 3 {
		require.Equal(t, pusher.EventPing, c.next().Event)
		c.send(pusher.EventPong, nil)
	}
}

func TestCloseEndsRealtimeConnections(t *testing.T) {
	srv := Start()
	c := subscribed(t, srv)
	srv.Close()
	assert.Error(t, c.closed())
}
