package composiotest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/require"
)

// TestConcurrentClientsHammerTheFake runs 8 clients of 50 mixed operations
// each against one fake, with webhook deliveries to a receiver that calls
// the API back, slow tools that release the lock, and latency switched on
// and off: under -race nothing may race, deadlock or fail.
func TestConcurrentClientsHammerTheFake(t *testing.T) {
	const workers, rounds = 8, 50
	srv := NewServer(t)
	c := srv.Client()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// The receiver calls back into the fake before it answers.
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := c.Triggers.ListActive(r.Context(), composio.TriggerListActiveParams{}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if _, err := c.Toolkits.List(r.Context(), composio.ToolkitListParams{Limit: 2}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}))
	t.Cleanup(receiver.Close)
	_, err := c.Webhooks.CreateSubscription(ctx, composio.WebhookSubscriptionCreateParams{
		WebhookURL: receiver.URL, EnabledEvents: []composio.WebhookEventType{composio.WebhookEventTriggerMessage}})
	require.NoError(t, err)

	exec := composio.ToolExecuteParams{DangerouslySkipVersionCheck: true}
	op := func(g, i int) error {
		user := fmt.Sprintf("user_%d", g)
		switch i % 10 {
		case 0:
			id := srv.SeedConnectedAccount(ConnectedAccountSeed{ToolkitSlug: "github", UserID: user})
			alias := fmt.Sprintf("a%d_%d", g, i)
			if _, err := c.ConnectedAccounts.Update(ctx, id, composio.ConnectedAccountUpdateParams{Alias: &alias}); err != nil {
				return err
			}
			_, err := c.ConnectedAccounts.Get(ctx, id)
			return err
		case 1:
			n := 0
			for _, err := range c.ConnectedAccounts.ListAll(ctx, composio.ConnectedAccountListParams{Limit: 2}) {
				if err != nil {
					return err
				}
				if n++; n == 5 {
					break
				}
			}
			return nil
		case 2:
			p := exec
			p.Arguments = map[string]any{"message": user}
			_, err := c.Tools.Execute(ctx, "COMPOSIO_ECHO", p)
			return err
		case 3:
			p := exec
			p.Arguments = map[string]any{"milliseconds": 3}
			e, err := c.Tools.Execute(ctx, "COMPOSIO_SLEEP", p)
			if err == nil {
				err = e.Err()
			}
			return err
		case 4:
			s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: user})
			if err != nil {
				return err
			}
			if _, err := c.ToolRouter.ExecuteMeta(ctx, s.ID, composio.SessionExecuteMetaParams{Slug: "COMPOSIO_MULTI_EXECUTE_TOOL",
				Arguments: map[string]any{"tools": []any{
					map[string]any{"tool_slug": "COMPOSIO_SLEEP", "arguments": map[string]any{"milliseconds": 2}},
					map[string]any{"tool_slug": "COMPOSIO_ECHO", "arguments": map[string]any{"message": "x"}},
				}}}); err != nil {
				return err
			}
			_, err = c.ToolRouter.Delete(ctx, s.ID)
			return err
		case 5:
			m, err := c.MCP.Create(ctx, composio.MCPServerCreateParams{Name: fmt.Sprintf("srv %d %d", g, i), AuthConfigIDs: []string{}, NoAuthApps: []string{"composio"}})
			if err != nil {
				return err
			}
			if _, err := c.MCP.CreateInstance(ctx, m.ID, composio.MCPInstanceCreateParams{UserID: user}); err != nil {
				return err
			}
			if _, err := composio.Collect(c.MCP.ListInstancesAll(ctx, m.ID, composio.MCPInstanceListParams{Limit: 1})); err != nil {
				return err
			}
			_, err = c.MCP.Delete(ctx, m.ID)
			return err
		case 6:
			id := srv.SeedConnectedAccount(ConnectedAccountSeed{ToolkitSlug: "github", UserID: user})
			ref, err := c.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{ConnectedAccountID: id,
				TriggerConfig: map[string]any{"owner": "o", "repo": user}})
			if err != nil {
				return err
			}
			if _, err := c.Triggers.Disable(ctx, ref.TriggerID); err != nil {
				return err
			}
			if _, err := c.Triggers.Enable(ctx, ref.TriggerID); err != nil {
				return err
			}
			_, err = srv.FireTrigger(ctx, FireTriggerParams{TriggerID: ref.TriggerID})
			return err
		case 7:
			_, err := srv.FireTrigger(ctx, FireTriggerParams{TriggerSlug: "GITHUB_STAR_ADDED_EVENT", UserID: user})
			return err
		case 8:
			n := 0
			for _, err := range c.Logs.ListToolExecutionsAll(ctx, composio.LogListParams{Limit: 3}) {
				if err != nil {
					return err
				}
				if n++; n == 7 {
					break
				}
			}
			_, err := composio.Collect(c.AuthConfigs.ListAll(ctx, composio.AuthConfigListParams{}))
			return err
		default:
			srv.SetLatency(time.Millisecond)
			_, err := c.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{})
			srv.SetLatency(0)
			return err
		}
	}

	var wg sync.WaitGroup
	errc := make(chan error, workers*rounds)
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				if err := op(g, i+g); err != nil {
					errc <- fmt.Errorf("worker %d op %d: %w", g, (i+g)%10, err)
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("deadlock: the workers did not finish within 60 s")
	}
	close(errc)
	var errs []string
	for err := range errc {
		errs = append(errs, err.Error())
	}
	require.Empty(t, errs, strings.Join(errs, "\n"))
}
