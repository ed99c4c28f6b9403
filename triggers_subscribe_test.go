package composio_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/ComposioHQ/composio-go/internal/pusher"
	"github.com/ComposioHQ/composio-go/internal/testlog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSubscribeReceivesWhatTheFakeFires: the whole path against the fake,
// with the client srv.Client() builds.
func TestSubscribeReceivesWhatTheFakeFires(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := within(t)
	sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	defer sub.Close()
	assert.Equal(t, 1, srv.RealtimeSubscribers(), "live when Subscribe returns")

	commit := map[string]any{"id": "c0ffee", "message": "Fix the build", "author": "ada"}
	_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", UserID: "user_123", Data: commit})
	require.NoError(t, err)
	ev, err := sub.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, composio.WebhookEventTriggerMessage, ev.Type)
	assert.True(t, ev.IsTrigger())
	assert.Equal(t, composio.WebhookV3, ev.PayloadVersion)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)
	assert.Equal(t, "user_123", ev.UserID)
	assert.True(t, strings.HasPrefix(ev.ID, "msg_"), ev.ID)
	assert.True(t, strings.HasPrefix(ev.TriggerID, "ti_"), ev.TriggerID)
	assert.NotEmpty(t, ev.LogID)
	assert.False(t, ev.Timestamp.IsZero())
	assert.Empty(t, ev.WebhookID, "no webhook delivery")
	assert.True(t, ev.SentAt.IsZero())
	var got struct{ ID, Message, Author string }
	require.NoError(t, ev.Decode(&got))
	assert.Equal(t, "Fix the build", got.Message)
	assert.True(t, json.Valid(ev.Raw))

	reqs := srv.Requests()
	var paths []string
	for _, r := range reqs {
		paths = append(paths, r.Method+" "+r.Path)
	}
	require.Subset(t, paths, []string{"GET /api/v3/internal/sdk/realtime/credentials", "POST /api/v3/internal/sdk/realtime/auth", "GET /app/composiotest"})
	for _, r := range reqs {
		if strings.HasPrefix(r.Path, "/api/v3/") {
			assert.Equal(t, srv.APIKey, r.Header.Get("X-Api-Key"), r.Path)
			assert.Empty(t, r.Header.Get("X-User-Api-Key"), "exactly one credential")
			assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "composio-go/"), r.Path)
		}
		if strings.HasPrefix(r.Path, "/app/") {
			assert.Empty(t, r.Header.Get("X-Api-Key"), "the websocket never carries the key")
			q, _ := url.ParseQuery(r.Query)
			assert.Equal(t, "7", q.Get("protocol"))
			assert.Equal(t, "composio-go", q.Get("client"))
			assert.Equal(t, composio.Version, q.Get("version"))
		}
	}
}

// TestSubscribeOnTheWire pins the two HTTP calls: their paths on the API
// host (not under /api/v3.1), credential header and the auth form.
func TestSubscribeOnTheWire(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if c.establish() {
			c.waitClosed()
		}
	})
	sub, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	require.NoError(t, sub.Close())

	creds := s.requestsTo("/api/v3/internal/sdk/realtime/credentials")
	require.Len(t, creds, 1)
	assert.Equal(t, http.MethodGet, creds[0].Method)
	assert.Equal(t, testAPIKey, creds[0].Header.Get("X-Api-Key"))
	assert.Equal(t, "application/json", creds[0].Header.Get("Accept"))

	auth := s.requestsTo("/api/v3/internal/sdk/realtime/auth")
	require.Len(t, auth, 1)
	assert.Equal(t, http.MethodPost, auth[0].Method)
	assert.Equal(t, testAPIKey, auth[0].Header.Get("X-Api-Key"))
	assert.Equal(t, "application/x-www-form-urlencoded", auth[0].Header.Get("Content-Type"))
	assert.Equal(t, "channel_name=private-pr_script1_triggers&socket_id=501.77", string(auth[0].Body))

	ws := s.requestsTo("/app/" + scriptKey)
	require.Len(t, ws, 1)
	assert.Equal(t, "websocket", strings.ToLower(ws[0].Header.Get("Upgrade")))
}

func TestSubscribeWithTheUserKey(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if c.establish() {
			c.waitClosed()
		}
	})
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(s.URL), composio.WithUserAPIKey(testUserAPIKey),
		composio.WithRealtimeURL(s.URL), fastRealtime())
	require.NoError(t, err)
	sub, err := c.Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	require.NoError(t, sub.Close())
	for _, r := range s.requestsTo("/api/v3/internal/sdk/realtime") {
		assert.Equal(t, testUserAPIKey, r.Header.Get("X-User-Api-Key"), r.Path)
		assert.Empty(t, r.Header.Get("X-Api-Key"), r.Path)
	}
}

func TestSubscribeUnderABaseURLWithAPathPrefix(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if c.establish() {
			c.waitClosed()
		}
	})
	// A base URL ending in /api/v3.1 names the host the other versions live
	// on; here, the host itself.
	sub, err := s.client(composio.WithBaseURL(s.URL+"/api/v3.1")).Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	require.NoError(t, sub.Close())
	assert.Len(t, s.requestsTo("/api/v3/internal/sdk/realtime/credentials"), 1)
}

func TestTheCredentialsCallIsRetriedLikeAnyCall(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if c.establish() {
			c.waitClosed()
		}
	})
	s.credReply = []answer{{status: http.StatusServiceUnavailable, body: `{"error":{"message":"busy"}}`}, {}}
	sub, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	require.NoError(t, sub.Close())
	assert.Len(t, s.requestsTo("/api/v3/internal/sdk/realtime/credentials"), 2)
}

func TestRefusedCredentials(t *testing.T) {
	t.Run("by the fake", func(t *testing.T) {
		srv := composiotest.NewServer(t)
		_, err := srv.Client(composio.WithAPIKey("ak_wrong")).Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		var refused *composio.RealtimeCredentialsError
		require.ErrorAs(t, err, &refused)
		assert.ErrorIs(t, err, composio.ErrRealtimeCredentials)
		assert.ErrorIs(t, err, composio.ErrUnauthorized)
		var apiErr *composio.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
		assert.NotContains(t, err.Error(), "ak_wrong")
		assert.Equal(t, 0, srv.RealtimeSubscribers())
	})
	t.Run("incomplete answer", func(t *testing.T) {
		s := newRealtimeScript(t, func(*scriptConn) {})
		s.credReply = []answer{{status: http.StatusOK, body: `{"pusher_key":"k","project_id":"pr_1/../x","pusher_cluster":"mt1"}`}}
		_, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		require.ErrorContains(t, err, "is not a channel name")
		assert.EqualValues(t, 0, s.conns.Load())
	})
	t.Run("no key for it", func(t *testing.T) {
		c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithOrgAPIKey("oak_x"))
		require.NoError(t, err)
		_, err = c.Triggers.Subscribe(context.Background(), composio.TriggerSubscribeParams{})
		require.ErrorIs(t, err, composio.ErrInvalidParams)
		assert.Contains(t, err.Error(), "WithAPIKey")
	})
}

func TestRefusedChannelAuth(t *testing.T) {
	t.Run("at subscribe", func(t *testing.T) {
		s := newRealtimeScript(t, func(c *scriptConn) {
			c.send(pusher.EventConnectionEstablished, "", pusher.ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
			c.waitClosed()
		})
		s.authReply = []answer{{status: http.StatusForbidden, body: `{"error":{"message":"Not allowed to subscribe","code":403,"status":403}}`}}
		_, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		var refused *composio.SubscriptionRefusedError
		require.ErrorAs(t, err, &refused)
		assert.ErrorIs(t, err, composio.ErrSubscriptionRefused)
		assert.ErrorIs(t, err, composio.ErrForbidden)
		assert.Equal(t, scriptChannel, refused.Channel)
		assert.Equal(t, http.StatusForbidden, refused.Status)
		assert.Equal(t, "Not allowed to subscribe", refused.Message)
		assert.Len(t, s.requestsTo("/api/v3/internal/sdk/realtime/auth"), 1, "a 403 is not retried")
		assert.EqualValues(t, 1, s.conns.Load())
		assert.Equal(t, 0, realtimeGoroutines(t))
	})
	t.Run("after a reconnect", func(t *testing.T) {
		s := newRealtimeScript(t, func(c *scriptConn) {
			if c.n == 1 {
				c.establish()
				return // drop
			}
			c.send(pusher.EventConnectionEstablished, "", pusher.ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
			c.waitClosed()
		})
		s.authReply = []answer{{}, {status: http.StatusUnauthorized, body: `{"error":{"message":"key revoked"}}`}}
		sub, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		require.NoError(t, err)
		_, err = sub.Next(within(t))
		require.ErrorIs(t, err, composio.ErrSubscriptionRefused)
		require.ErrorIs(t, err, composio.ErrUnauthorized)
		assert.Equal(t, 0, realtimeGoroutines(t))
	})
	t.Run("by the websocket server", func(t *testing.T) {
		s := newRealtimeScript(t, func(c *scriptConn) {
			c.send(pusher.EventConnectionEstablished, "", pusher.ConnectionEstablished{SocketID: c.sock, ActivityTimeout: 120})
			if m, ok := c.read(5 * time.Second); ok && m.Event == pusher.EventSubscribe {
				c.send(pusher.EventSubscriptionError, scriptChannel, pusher.SubscriptionErrorData{Type: "AuthError", Error: "Invalid signature", Status: 401})
			}
			c.waitClosed()
		})
		_, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		var refused *composio.SubscriptionRefusedError
		require.ErrorAs(t, err, &refused)
		assert.Equal(t, 401, refused.Status)
		assert.Equal(t, "AuthError: Invalid signature", refused.Message)
		assert.Nil(t, refused.Err)
		assert.Equal(t, "composio: trigger subscription to private-pr_script1_triggers refused (401): AuthError: Invalid signature", err.Error())
	})
	t.Run("a 5xx is retried after a reconnect", func(t *testing.T) {
		s := newRealtimeScript(t, func(c *scriptConn) {
			if !c.establish() {
				return
			}
			if c.n == 1 {
				return // drop
			}
			c.trigger("after", "GITHUB_COMMIT_EVENT")
			c.waitClosed()
		})
		// The second connection's auth fails with a 502 (a POST the server
		// may have seen: the transport does not repeat it); the third
		// connection's succeeds.
		s.authReply = []answer{{}, {status: http.StatusBadGateway, body: `{}`}, {}}
		sub, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		require.NoError(t, err)
		defer sub.Close()
		ev, err := sub.Next(within(t))
		require.NoError(t, err)
		assert.Equal(t, "after", ev.ID)
		assert.EqualValues(t, 3, s.conns.Load())
		assert.Len(t, s.requestsTo("/api/v3/internal/sdk/realtime/auth"), 3)
	})
}

func TestFilters(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if !c.establish() {
			return
		}
		send := func(id string, meta map[string]string) {
			m := map[string]string{"log_id": "log_1", "trigger_slug": "GITHUB_COMMIT_EVENT", "trigger_id": "ti_1",
				"connected_account_id": "ca_1", "auth_config_id": "ac_1", "user_id": "u1"}
			for k, v := range meta {
				m[k] = v
			}
			body, _ := json.Marshal(map[string]any{"id": id, "timestamp": "2026-01-02T03:04:05Z", "type": "composio.trigger.message", "metadata": m, "data": map[string]any{}})
			c.send("trigger_to_client", scriptChannel, body)
		}
		send("other-toolkit", map[string]string{"trigger_slug": "SLACK_RECEIVE_MESSAGE"})
		send("prefix-only", map[string]string{"trigger_slug": "GITHUBX_EVENT"})
		send("other-trigger", map[string]string{"trigger_id": "ti_2"})
		send("other-slug", map[string]string{"trigger_slug": "GITHUB_STAR_ADDED_EVENT"})
		send("other-account", map[string]string{"connected_account_id": "ca_2"})
		send("other-config", map[string]string{"auth_config_id": "ac_2"})
		send("other-user", map[string]string{"user_id": "u2"})
		send("match", nil)
		// A V2 payload carries no auth config id.
		c.send("trigger_to_client", scriptChannel, `{"type":"github_commit_event","timestamp":"2026-01-02T03:04:05Z","log_id":"log_2",`+
			`"data":{"connection_id":"x","connection_nano_id":"ca_1","trigger_nano_id":"ti_1","trigger_id":"y","user_id":"u1"}}`)
		c.waitClosed()
	})
	c := s.client()
	for name, tc := range map[string]struct {
		params composio.TriggerSubscribeParams
		want   []string
	}{
		"none":                 {composio.TriggerSubscribeParams{}, []string{"other-toolkit", "prefix-only", "other-trigger", "other-slug", "other-account", "other-config", "other-user", "match", ""}},
		"toolkits":             {composio.TriggerSubscribeParams{Toolkits: []string{"GitHub"}}, []string{"other-trigger", "other-slug", "other-account", "other-config", "other-user", "match", ""}},
		"trigger id":           {composio.TriggerSubscribeParams{TriggerID: "ti_1"}, []string{"other-toolkit", "prefix-only", "other-slug", "other-account", "other-config", "other-user", "match", ""}},
		"trigger slugs":        {composio.TriggerSubscribeParams{TriggerSlugs: []string{"github_commit_event", "SLACK_RECEIVE_MESSAGE"}}, []string{"other-toolkit", "other-trigger", "other-account", "other-config", "other-user", "match", ""}},
		"connected account id": {composio.TriggerSubscribeParams{ConnectedAccountID: "ca_1"}, []string{"other-toolkit", "prefix-only", "other-trigger", "other-slug", "other-config", "other-user", "match", ""}},
		"auth config id":       {composio.TriggerSubscribeParams{AuthConfigID: "ac_1"}, []string{"other-toolkit", "prefix-only", "other-trigger", "other-slug", "other-account", "other-user", "match"}},
		"user id":              {composio.TriggerSubscribeParams{UserID: "u1"}, []string{"other-toolkit", "prefix-only", "other-trigger", "other-slug", "other-account", "other-config", "match", ""}},
		"all": {composio.TriggerSubscribeParams{Toolkits: []string{"github"}, TriggerID: "ti_1", TriggerSlugs: []string{"GITHUB_COMMIT_EVENT"},
			ConnectedAccountID: "ca_1", AuthConfigID: "ac_1", UserID: "u1"}, []string{"match"}},
	} {
		t.Run(name, func(t *testing.T) {
			sub, err := c.Triggers.Subscribe(within(t), tc.params)
			require.NoError(t, err)
			defer sub.Close()
			var got []string
			for len(got) < len(tc.want) {
				ev, err := sub.Next(within(t))
				require.NoError(t, err)
				got = append(got, ev.ID)
			}
			assert.Equal(t, tc.want, got)
			short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			_, err = sub.Next(short)
			assert.ErrorIs(t, err, context.DeadlineExceeded, "nothing more")
		})
	}
}

func TestFiltersAreChecked(t *testing.T) {
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey))
	require.NoError(t, err)
	_, err = c.Triggers.Subscribe(context.Background(), composio.TriggerSubscribeParams{Toolkits: []string{"github", " "}})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "Toolkits[1]")
	_, err = c.Triggers.Subscribe(context.Background(), composio.TriggerSubscribeParams{TriggerSlugs: []string{""}})
	assert.ErrorContains(t, err, "TriggerSlugs[0]")
	//lint:ignore SA1012 a nil context is refused, not dereferenced
	_, err = c.Triggers.Subscribe(nil, composio.TriggerSubscribeParams{})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestFiltersAgainstTheFake(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := within(t)
	sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{Toolkits: []string{"slack"}, UserID: "user_a"})
	require.NoError(t, err)
	defer sub.Close()
	for _, fire := range []composiotest.FireTriggerParams{
		{TriggerSlug: "GITHUB_COMMIT_EVENT", UserID: "user_a"},
		{TriggerSlug: "SLACK_RECEIVE_MESSAGE", UserID: "user_b"},
		{TriggerSlug: "SLACK_RECEIVE_MESSAGE", UserID: "user_a"},
	} {
		_, err := srv.FireTrigger(ctx, fire)
		require.NoError(t, err)
	}
	ev, err := sub.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, "SLACK_RECEIVE_MESSAGE", ev.TriggerSlug)
	assert.Equal(t, "user_a", ev.UserID)
}

func TestChunkedEvents(t *testing.T) {
	t.Run("a large event from the fake", func(t *testing.T) {
		srv := composiotest.NewServer(t)
		c := srv.Client()
		ctx := within(t)
		sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
		require.NoError(t, err)
		defer sub.Close()
		body := strings.Repeat("Ünïcödé text, ", 5000) // 80 KB: nine pieces
		_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GMAIL_NEW_GMAIL_MESSAGE", Data: map[string]any{"body": body}})
		require.NoError(t, err)
		ev, err := sub.Next(ctx)
		require.NoError(t, err)
		var got struct{ Body string }
		require.NoError(t, ev.Decode(&got))
		assert.Equal(t, body, got.Body)
	})
	t.Run("out of order", func(t *testing.T) {
		whole := v3Event("chunked", "GITHUB_COMMIT_EVENT")
		a, b, rest := whole[:40], whole[40:100], whole[100:]
		s := newRealtimeScript(t, func(c *scriptConn) {
			if !c.establish() {
				return
			}
			send := func(index int, chunk string, final bool) {
				data, _ := json.Marshal(pusher.Chunk{ID: "big-1", Index: index, Chunk: chunk, Final: final})
				c.send("chunked-trigger_to_client", scriptChannel, data)
			}
			send(1, b, false)
			send(2, rest, true)
			c.trigger("plain", "GITHUB_COMMIT_EVENT") // not held up by the pieces
			send(0, a, false)
			c.waitClosed()
		})
		sub, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		require.NoError(t, err)
		defer sub.Close()
		for _, want := range []string{"plain", "chunked"} {
			ev, err := sub.Next(within(t))
			require.NoError(t, err)
			assert.Equal(t, want, ev.ID)
		}
	})
	t.Run("never completing", func(t *testing.T) {
		s := newRealtimeScript(t, func(c *scriptConn) {
			if !c.establish() {
				return
			}
			data, _ := json.Marshal(pusher.Chunk{ID: "lost-1", Index: 1, Chunk: "}", Final: true})
			c.send("chunked-trigger_to_client", scriptChannel, data)
			c.trigger("next", "GITHUB_COMMIT_EVENT")
			c.waitClosed()
		})
		var logs testlog.Buffer
		c := s.client(composio.WithLogger(logs.Logger()), composio.WithRealtimeTuning(pusher.Timing{}, pusher.Limits{Timeout: 10 * time.Millisecond}))
		sub, err := c.Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		require.NoError(t, err)
		defer sub.Close()
		ev, err := sub.Next(within(t))
		require.NoError(t, err)
		assert.Equal(t, "next", ev.ID)
		require.Eventually(t, func() bool { return strings.Contains(logs.String(), "did not complete in time") }, 5*time.Second, time.Millisecond)
		assert.Contains(t, logs.String(), "id=lost-1")
		assert.NotContains(t, logs.String(), testAPIKey)
	})
}

// TestReconnectsAfterTheFakeDropsTheConnection: after a drop the client
// reconnects and subscribes again; every event fired from then on arrives.
func TestReconnectsAfterTheFakeDropsTheConnection(t *testing.T) {
	srv := composiotest.NewServer(t)
	var logs testlog.Buffer
	c := srv.Client(fastRealtime(), composio.WithLogger(logs.Logger()))
	ctx := within(t)
	sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	defer sub.Close()

	for round := range 3 {
		// The client may be back before a count of subscribers could see
		// it gone: the fake reports what it ended instead.
		assert.Equal(t, 1, srv.DisconnectRealtime(0), "round %d", round)
		require.Eventually(t, func() bool { return srv.RealtimeSubscribers() == 1 }, 5*time.Second, time.Millisecond, "round %d", round)
		var sent []string
		for i := range 5 {
			msg := strings.Repeat("x", i*4000) // some chunked
			_, err := srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", Data: map[string]any{"message": msg}})
			require.NoError(t, err)
			sent = append(sent, msg)
		}
		for i, want := range sent {
			ev, err := sub.Next(ctx)
			require.NoError(t, err, "round %d event %d", round, i)
			var got struct{ Message string }
			require.NoError(t, ev.Decode(&got))
			assert.Equal(t, want, got.Message)
		}
	}
	assert.Contains(t, logs.String(), "reconnecting")
	var sockets int
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/app/") {
			sockets++
		}
	}
	assert.Equal(t, 4, sockets)
}

func TestPusherErrorRangesFromTheFake(t *testing.T) {
	for _, code := range []int{4100, 4200} {
		t.Run("reconnects after "+strconv.Itoa(code), func(t *testing.T) {
			srv := composiotest.NewServer(t)
			c := srv.Client(fastRealtime())
			ctx := within(t)
			sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
			require.NoError(t, err)
			defer sub.Close()
			srv.DisconnectRealtime(code)
			require.Eventually(t, func() bool { return srv.RealtimeSubscribers() == 1 }, 5*time.Second, time.Millisecond)
			_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT"})
			require.NoError(t, err)
			_, err = sub.Next(ctx)
			require.NoError(t, err)
		})
	}
	t.Run("4001 ends the subscription", func(t *testing.T) {
		srv := composiotest.NewServer(t)
		c := srv.Client(fastRealtime())
		sub, err := c.Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
		require.NoError(t, err)
		srv.DisconnectRealtime(4001)
		_, err = sub.Next(within(t))
		var closed *composio.RealtimeClosedError
		require.ErrorAs(t, err, &closed)
		assert.ErrorIs(t, err, composio.ErrRealtimeClosed)
		assert.Equal(t, 4001, closed.Code)
		assert.Equal(t, "closed by composiotest", closed.Message)
		assert.Equal(t, 0, realtimeGoroutines(t), "ended: nothing left to reconnect")
		sockets := 0
		for _, r := range srv.Requests() {
			if strings.HasPrefix(r.Path, "/app/") {
				sockets++
			}
		}
		assert.Equal(t, 1, sockets, "no reconnect")
	})
}

// TestEachPusherErrorRange against a scripted server, as pusher:error
// events: 4000-4099 end the stream with a typed error, 4100-4199 and
// 4200-4299 reconnect.
func TestEachPusherErrorRange(t *testing.T) {
	for _, tc := range []struct {
		code      int
		reconnect bool
	}{{4000, false}, {4099, false}, {4100, true}, {4199, true}, {4200, true}, {4299, true}} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			s := newRealtimeScript(t, func(c *scriptConn) {
				if !c.establish() {
					return
				}
				if c.n == 1 {
					c.send(pusher.EventError, "", map[string]any{"code": tc.code, "message": "bye"})
					c.waitClosed()
					return
				}
				c.trigger("again", "GITHUB_COMMIT_EVENT")
				c.waitClosed()
			})
			sub, err := s.client().Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
			require.NoError(t, err)
			defer sub.Close()
			ev, err := sub.Next(within(t))
			if tc.reconnect {
				require.NoError(t, err)
				assert.Equal(t, "again", ev.ID)
				return
			}
			var closed *composio.RealtimeClosedError
			require.ErrorAs(t, err, &closed)
			assert.Equal(t, tc.code, closed.Code)
			assert.EqualValues(t, 1, s.conns.Load())
		})
	}
}

func TestASilentServerIsLeft(t *testing.T) {
	pinged := make(chan struct{}, 1)
	s := newRealtimeScript(t, func(c *scriptConn) {
		if !c.establish() {
			return
		}
		if c.n == 1 {
			// Silent: reads the client's ping and never answers.
			if m, ok := c.read(5 * time.Second); ok && m.Event == pusher.EventPing {
				pinged <- struct{}{}
			}
			c.waitClosed()
			return
		}
		c.trigger("from-the-new-connection", "GITHUB_COMMIT_EVENT")
		c.waitClosed()
	})
	c := s.client(composio.WithRealtimeTuning(pusher.Timing{ActivityTimeout: 10 * time.Millisecond, PongTimeout: 10 * time.Millisecond, BackoffMin: time.Millisecond}, pusher.Limits{}))
	sub, err := c.Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	defer sub.Close()
	ev, err := sub.Next(within(t))
	require.NoError(t, err)
	assert.Equal(t, "from-the-new-connection", ev.ID)
	assert.Len(t, pinged, 1, "pinged before giving up")
}

func TestAMalformedFrameIsSkipped(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if !c.establish() {
			return
		}
		c.sendRaw([]byte(`{"event":"trigger_to_client","channel":"` + scriptChannel + `","data":`)) // cut short
		c.sendRaw([]byte("\x00\x01garbage"))
		c.send("trigger_to_client", scriptChannel, `{"not":"a composio payload"}`)
		c.send("trigger_to_client", scriptChannel, `[1,2,3]`)
		c.trigger("good", "GITHUB_COMMIT_EVENT")
		c.waitClosed()
	})
	var logs testlog.Buffer
	sub, err := s.client(composio.WithLogger(logs.Logger())).Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	defer sub.Close()
	ev, err := sub.Next(within(t))
	require.NoError(t, err)
	assert.Equal(t, "good", ev.ID)
	assert.EqualValues(t, 1, s.conns.Load(), "the connection stays")
	assert.Contains(t, logs.String(), "ignored a malformed frame")
	assert.Contains(t, logs.String(), "ignored a realtime event that is not a trigger payload")
}

func TestCancelDuringConnect(t *testing.T) {
	base := runtime.NumGoroutine()
	reached := make(chan struct{})
	s := newRealtimeScript(t, func(c *scriptConn) {
		close(reached) // never says connection_established
		c.waitClosed()
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-reached; cancel() }()
	_, err := s.client().Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, realtimeGoroutines(t))
	s.Close()
	http.DefaultClient.CloseIdleConnections()
	settles(t, base)
}

func TestCancelDuringBackoff(t *testing.T) {
	base := runtime.NumGoroutine()
	srv := composiotest.Start()
	var logs testlog.Buffer
	c := srv.Client(composio.WithLogger(logs.Logger()),
		composio.WithRealtimeTuning(pusher.Timing{BackoffMin: time.Hour, BackoffMax: time.Hour}, pusher.Limits{}))
	ctx, cancel := context.WithCancel(context.Background())
	sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	srv.DisconnectRealtime(0)
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "reconnecting") }, 5*time.Second, time.Millisecond)
	cancel()
	_, err = sub.Next(within(t))
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, realtimeGoroutines(t), "gone with the server still up")
	srv.Close()
	settles(t, base)
}

func TestCancelWhileIdle(t *testing.T) {
	base := runtime.NumGoroutine()
	srv := composiotest.Start()
	c := srv.Client()
	ctx, cancel := context.WithCancel(context.Background())
	sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	cancel()
	var yielded []error
	for _, err := range sub.Events() {
		yielded = append(yielded, err)
	}
	assert.Empty(t, yielded, "the loop ends quietly when the context ends")
	_, err = sub.Next(context.Background())
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, realtimeGoroutines(t), "gone with the server still up")
	require.Eventually(t, func() bool { return srv.RealtimeSubscribers() == 0 }, 5*time.Second, time.Millisecond, "the fake saw the client leave")
	srv.Close()
	settles(t, base)
}

func TestCloseAndEvents(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client(fastRealtime())
	ctx := within(t)
	sub, err := c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	for range 2 {
		_, err = srv.FireTrigger(ctx, composiotest.FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT"})
		require.NoError(t, err)
	}
	n := 0
	for ev, err := range sub.Events() {
		require.NoError(t, err)
		assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)
		if n++; n == 2 {
			break
		}
	}
	assert.Equal(t, 1, srv.RealtimeSubscribers(), "breaking out leaves the subscription open")
	require.NoError(t, sub.Close())
	require.NoError(t, sub.Close(), "twice is harmless")
	_, err = sub.Next(ctx)
	assert.ErrorIs(t, err, composio.ErrSubscriptionClosed)
	for range sub.Events() {
		t.Fatal("a closed subscription yields nothing")
	}
	assert.Equal(t, 0, realtimeGoroutines(t))

	// A fatal end is yielded once.
	sub, err = c.Triggers.Subscribe(ctx, composio.TriggerSubscribeParams{})
	require.NoError(t, err)
	srv.DisconnectRealtime(4004)
	var errs []error
	for ev, err := range sub.Events() {
		assert.Nil(t, ev)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], composio.ErrRealtimeClosed)
}

func TestWithRealtimeURL(t *testing.T) {
	for _, bad := range []string{"", " ", "ftp://x", "ws://", "wss://u:p@host", "wss://host/?token=x", "wss://host/#f", "ws://example.com", "http://10.0.0.1:8080"} {
		_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithRealtimeURL(bad))
		assert.ErrorIs(t, err, composio.ErrInvalidParams, "%q", bad)
		if err != nil {
			assert.NotContains(t, err.Error(), "u:p")
			assert.NotContains(t, err.Error(), "token=x")
		}
	}
	for _, good := range []string{"wss://realtime.example.com", "https://proxy.example/pusher/", "ws://localhost:6001", "ws://127.0.0.1:6001"} {
		_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithRealtimeURL(good))
		assert.NoError(t, err, good)
	}
	_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithRealtimeURL("ws://example.com"), composio.WithAllowInsecureHTTP())
	assert.NoError(t, err, "allowed explicitly")
}

// TestTheWebsocketGoesWhereTheRealtimeURLSays: its path prefix is kept and
// /app/<key> appended.
func TestTheWebsocketGoesWhereTheRealtimeURLSays(t *testing.T) {
	s := newRealtimeScript(t, func(c *scriptConn) {
		if c.establish() {
			c.waitClosed()
		}
	})
	// The scripted host serves /app/{key} only: with a prefix, the dial
	// misses it (a 404, not retried on the first connection).
	_, err := s.client(composio.WithRealtimeURL(s.URL+"/prefix/")).Triggers.Subscribe(within(t), composio.TriggerSubscribeParams{})
	require.ErrorContains(t, err, "got 404")
	assert.False(t, errors.Is(err, composio.ErrSubscriptionRefused))
	assert.Empty(t, s.requestsTo("/app/"+scriptKey))
	got := s.requestsTo("/prefix/app/" + scriptKey)
	require.Len(t, got, 1)
	assert.Equal(t, "7", got[0].Query.Get("protocol"))
}
