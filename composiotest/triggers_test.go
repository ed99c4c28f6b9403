package composiotest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addAccount inserts a connected account, as the connected accounts
// resource would after a successful connection.
func addAccount(s *Server, a connectedAccount) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.Fake.accounts()
	st.byID[a.ID] = &a
	st.order = append(st.order, &a)
}

func TestTriggerInstanceLifecycle(t *testing.T) {
	srv := NewServer(t)
	addAccount(srv, connectedAccount{ID: "ca_gh1", UserID: "user_1", ToolkitSlug: "github", AuthConfigID: "ac_gh", Status: "ACTIVE"})
	addAccount(srv, connectedAccount{ID: "ca_gm1", UserID: "user_1", ToolkitSlug: "gmail", AuthConfigID: "ac_gm", Status: "ACTIVE"})
	addAccount(srv, connectedAccount{ID: "ca_gh2", UserID: "user_2", ToolkitSlug: "github", AuthConfigID: "ac_gh", Status: "EXPIRED"})
	c := srv.Client()
	tr := c.Triggers
	ctx := context.Background()
	repo := map[string]any{"owner": "composiohq", "repo": "composio"}

	var resp composio.Response
	ref, err := tr.Upsert(ctx, "github_commit_event", composio.TriggerUpsertParams{ConnectedAccountID: "ca_gh1", TriggerConfig: repo}, composio.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	again, err := tr.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{UserID: "user_1", TriggerConfig: repo}, composio.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "same account and config: the existing instance")
	assert.Equal(t, ref.TriggerID, again.TriggerID)
	other, err := tr.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{ConnectedAccountID: "ca_gh1",
		TriggerConfig: map[string]any{"owner": "composiohq", "repo": "docs"}})
	require.NoError(t, err)
	assert.NotEqual(t, ref.TriggerID, other.TriggerID)
	gmail, err := tr.Upsert(ctx, "GMAIL_NEW_GMAIL_MESSAGE", composio.TriggerUpsertParams{UserID: "user_1", TriggerConfig: map[string]any{"interval": 5}})
	require.NoError(t, err)

	for name, p := range map[string]composio.TriggerUpsertParams{
		"missing required":   {ConnectedAccountID: "ca_gh1", TriggerConfig: map[string]any{"owner": "x"}},
		"unknown property":   {ConnectedAccountID: "ca_gh1", TriggerConfig: map[string]any{"owner": "x", "repo": "y", "branch": "main"}},
		"wrong type":         {ConnectedAccountID: "ca_gh1", TriggerConfig: map[string]any{"owner": 1, "repo": "y"}},
		"account of toolkit": {ConnectedAccountID: "ca_gm1", TriggerConfig: repo},
		"inactive account":   {ConnectedAccountID: "ca_gh2", TriggerConfig: repo},
		"no active account":  {UserID: "user_2", TriggerConfig: repo},
		"unknown version":    {ConnectedAccountID: "ca_gh1", TriggerConfig: repo, ToolkitVersions: composio.ToolkitVersions{Version: "19990101_00"}},
	} {
		_, err := tr.Upsert(ctx, "GITHUB_COMMIT_EVENT", p)
		assert.ErrorIs(t, err, composio.ErrBadRequest, name)
	}

	page, err := tr.ListActive(ctx, composio.TriggerListActiveParams{})
	require.NoError(t, err)
	require.Equal(t, 3, page.TotalItems)
	first := page.Items[0]
	assert.Equal(t, ref.TriggerID, first.ID)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", first.TriggerName)
	assert.Equal(t, "ca_gh1", first.ConnectedAccountID)
	assert.NotEmpty(t, first.ConnectedAccountUUID)
	assert.Equal(t, "user_1", first.UserID)
	assert.Equal(t, repo, first.TriggerConfig)
	assert.Equal(t, "20250906_01", first.Version)
	assert.True(t, first.Enabled())
	assert.False(t, first.UpdatedAt.IsZero())
	assert.Equal(t, map[string]any{"interval": float64(5), "labelIds": "INBOX", "query": "", "userId": "me"}, page.Items[2].TriggerConfig, "defaults filled in")

	count := func(p composio.TriggerListActiveParams) int {
		t.Helper()
		items, err := composio.Collect(tr.ListActiveAll(ctx, p))
		require.NoError(t, err)
		return len(items)
	}
	assert.Equal(t, 3, count(composio.TriggerListActiveParams{Limit: 1}))
	assert.Equal(t, 2, count(composio.TriggerListActiveParams{TriggerNames: []string{"github_commit_event"}}))
	assert.Equal(t, 1, count(composio.TriggerListActiveParams{AuthConfigIDs: []string{"ac_gm"}}))
	assert.Equal(t, 1, count(composio.TriggerListActiveParams{TriggerIDs: []string{gmail.TriggerID}}))
	assert.Equal(t, 3, count(composio.TriggerListActiveParams{ConnectedAccountIDs: []string{"ca_gh1", "ca_gm1"}}))
	assert.Equal(t, 0, count(composio.TriggerListActiveParams{UserIDs: []string{"user_2"}}))

	_, err = tr.Disable(ctx, other.TriggerID)
	require.NoError(t, err)
	assert.Equal(t, 2, count(composio.TriggerListActiveParams{}))
	all, err := composio.Collect(tr.ListActiveAll(ctx, composio.TriggerListActiveParams{ShowDisabled: composio.Ptr(true)}))
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.False(t, all[1].Enabled())

	// Deliveries skip disabled instances; firing one directly is refused.
	_, err = srv.FireTrigger(ctx, FireTriggerParams{TriggerID: other.TriggerID})
	assert.Error(t, err)

	_, err = tr.Enable(ctx, other.TriggerID)
	require.NoError(t, err)
	assert.Equal(t, 3, count(composio.TriggerListActiveParams{}))

	deleted, err := tr.Delete(ctx, other.TriggerID)
	require.NoError(t, err)
	assert.Equal(t, other.TriggerID, deleted.TriggerID)
	assert.Equal(t, 2, count(composio.TriggerListActiveParams{ShowDisabled: composio.Ptr(true)}))
	_, err = tr.Delete(ctx, other.TriggerID)
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

func TestFireTriggerCarriesTheInstance(t *testing.T) {
	srv := NewServer(t)
	addAccount(srv, connectedAccount{ID: "ca_gh1", UserID: "user_1", ToolkitSlug: "github", AuthConfigID: "ac_gh", Status: "ACTIVE"})
	c := srv.Client()
	ctx := context.Background()
	ref, err := c.Triggers.Upsert(ctx, "GITHUB_STAR_ADDED_EVENT", composio.TriggerUpsertParams{UserID: "user_1",
		TriggerConfig: map[string]any{"owner": "composiohq", "repo": "composio"}})
	require.NoError(t, err)

	sub, err := c.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{
		WebhookURL: "https://example.com/x", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)
	var (
		mu  sync.Mutex
		got []*composio.TriggerEvent
	)
	hs := httptest.NewServer(composio.WebhookHandler(sub.Secret.Value(), func(_ context.Context, ev *composio.TriggerEvent) error {
		mu.Lock()
		got = append(got, ev)
		mu.Unlock()
		return nil
	}))
	t.Cleanup(hs.Close)
	_, err = c.Webhooks.UpdateSubscription(ctx, sub.ID, composio.WebhookSubscriptionUpdateParams{WebhookURL: hs.URL})
	require.NoError(t, err)

	// Firing by slug reaches every enabled instance; firing by id, one.
	deliveries, err := srv.FireTrigger(ctx, FireTriggerParams{TriggerSlug: "GITHUB_STAR_ADDED_EVENT", Data: map[string]string{"starred_by": "ada"}})
	require.NoError(t, err)
	require.Len(t, deliveries, 1)
	_, err = srv.FireTrigger(ctx, FireTriggerParams{TriggerID: ref.TriggerID})
	require.NoError(t, err)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, 2)
	for _, ev := range got {
		assert.Equal(t, ref.TriggerID, ev.TriggerID)
		assert.Equal(t, "ca_gh1", ev.ConnectedAccountID)
		assert.Equal(t, "ac_gh", ev.AuthConfigID)
		assert.Equal(t, "user_1", ev.UserID)
		assert.Equal(t, "GITHUB_STAR_ADDED_EVENT", ev.TriggerSlug)
	}
	assert.JSONEq(t, `{"starred_by":"ada"}`, string(got[0].Data))
	assert.NotEqual(t, got[0].ID, got[1].ID, "each event has its own id")
}

func TestFireTriggerStopsWithTheContext(t *testing.T) {
	srv := NewServer(t)
	c := srv.Client()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }))
	t.Cleanup(hs.Close)
	_, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
		WebhookURL: hs.URL, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	deliveries, err := srv.FireTrigger(ctx, FireTriggerParams{TriggerSlug: "GITHUB_COMMIT_EVENT", MaxAttempts: 100})
	require.Error(t, err)
	require.Len(t, deliveries, 1)
	assert.ErrorIs(t, deliveries[0].Err, context.Canceled)
	assert.LessOrEqual(t, deliveries[0].Attempts, 1)
}

func TestWebhookSubscriptionPatchRejectsEmptyFields(t *testing.T) {
	srv := NewServer(t)
	c := srv.Client()
	sub, err := c.Webhooks.CreateSubscription(context.Background(), composio.WebhookSubscriptionCreateParams{
		WebhookURL: "https://example.com/x", EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)
	for _, body := range []string{`{"version":""}`, `{"webhook_url":""}`, `{"enabled_events":[]}`} {
		req := httptest.NewRequest(http.MethodPatch, apiPrefix+"/webhook_subscriptions/"+sub.ID, strings.NewReader(body))
		req.Header.Set("x-api-key", srv.APIKey)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		assert.Equal(t, http.StatusBadRequest, w.Code, body)
	}
	got, err := c.Webhooks.GetSubscription(context.Background(), sub.ID)
	require.NoError(t, err)
	assert.Equal(t, sub.Version, got.Version, "a refused update changes nothing")
}

func TestTriggerTypeVersionsMatchToolkitSlugsInAnyCase(t *testing.T) {
	// Other clients may send toolkit_versions[GitHub]=...
	srv := NewServer(t)
	req := httptest.NewRequest(http.MethodGet, apiPrefix+"/triggers_types/GITHUB_COMMIT_EVENT?toolkit_versions%5BGitHub%5D=19990101_00", nil)
	req.Header.Set("x-api-key", srv.APIKey)
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	assert.Equal(t, http.StatusBadRequest, w.Code, "the unknown version is looked up, not ignored: %s", w.Body)
}
