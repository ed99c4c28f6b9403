package composiotest_test

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedAccounts adds n accounts of toolkit for user in status and returns
// their ids, oldest first.
func seedAccounts(srv *composiotest.Server, n int, user, status string) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: user, ToolkitSlug: "github", Status: status})
	}
	return ids
}

// The admin job of the audit: disable every EXPIRED account while walking
// them. Disabling makes an account INACTIVE, so it leaves the filter; with
// keyset cursors the walk still visits each one.
func TestPagingVisitsEveryAccountWhileTheyLeaveTheFilter(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	expired := seedAccounts(srv, 23, "u", "EXPIRED")
	seedAccounts(srv, 4, "u", "ACTIVE")

	var seen []string
	params := composio.ConnectedAccountListParams{Statuses: []composio.ConnectedAccountStatus{composio.StatusExpired}, Limit: 5}
	for acct, err := range client.ConnectedAccounts.ListAll(ctx, params) {
		require.NoError(t, err)
		seen = append(seen, acct.ID)
		require.NoError(t, client.ConnectedAccounts.Disable(ctx, acct.ID))
	}
	assert.ElementsMatch(t, expired, seen, "every expired account, each once")
	left, err := client.ConnectedAccounts.List(ctx, params)
	require.NoError(t, err)
	assert.Empty(t, left.Items)
}

func TestPagingSurvivesDeletesAndInserts(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	ids := seedAccounts(srv, 12, "u", "ACTIVE")

	// Newest first (the default order): each page deletes what it read,
	// and the item right after the page, and adds a newer account, which
	// sorts before the cursor and so is not part of this walk.
	var seen []string
	var deletedAhead []string
	page, err := client.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{Limit: 3})
	require.NoError(t, err)
	for {
		for _, a := range page.Items {
			seen = append(seen, a.ID)
			_, err := client.ConnectedAccounts.Delete(ctx, a.ID, composio.ConnectedAccountDeleteParams{})
			require.NoError(t, err)
		}
		if !page.HasMore() {
			break
		}
		next := ids[len(ids)-len(seen)-len(deletedAhead)-1]
		_, err := client.ConnectedAccounts.Delete(ctx, next, composio.ConnectedAccountDeleteParams{})
		require.NoError(t, err)
		deletedAhead = append(deletedAhead, next)
		srv.SeedActiveAccount("u", "github")
		page, err = client.ConnectedAccounts.List(ctx, composio.ConnectedAccountListParams{Limit: 3, Cursor: page.NextCursor})
		require.NoError(t, err)
	}
	var want []string
	for i := len(ids) - 1; i >= 0; i-- {
		if !slices.Contains(deletedAhead, ids[i]) {
			want = append(want, ids[i])
		}
	}
	assert.Equal(t, want, seen, "newest first, nothing skipped but what was deleted ahead, nothing twice")
}

// Lists other than connected accounts page with keyset cursors too.
func TestPagingAuthConfigsAndTriggersWhileDeleting(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	var configs []string
	for range 7 {
		c, err := client.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github"})
		require.NoError(t, err)
		configs = append(configs, c.AuthConfig.ID)
	}
	var seen []string
	for c, err := range client.AuthConfigs.ListAll(ctx, composio.AuthConfigListParams{Limit: 2}) {
		require.NoError(t, err)
		seen = append(seen, c.ID)
		_, err = client.AuthConfigs.Delete(ctx, c.ID, composio.AuthConfigDeleteParams{})
		require.NoError(t, err)
	}
	assert.ElementsMatch(t, configs, seen)

	account := srv.SeedActiveAccount("u", "github")
	var triggers []string
	for range 7 {
		ti, err := client.Triggers.Upsert(ctx, "GITHUB_COMMIT_EVENT", composio.TriggerUpsertParams{
			ConnectedAccountID: account, TriggerConfig: map[string]any{"owner": "o", "repo": "r" + strconv.Itoa(len(triggers))}})
		require.NoError(t, err)
		triggers = append(triggers, ti.TriggerID)
	}
	seen = nil
	for ti, err := range client.Triggers.ListActiveAll(ctx, composio.TriggerListActiveParams{Limit: 2}) {
		require.NoError(t, err)
		seen = append(seen, ti.ID)
		_, err = client.Triggers.Delete(ctx, ti.ID)
		require.NoError(t, err)
	}
	assert.Equal(t, triggers, seen)
}

// Every order of the accounts list, paged three at a time, gives the
// accounts sorted by that timestamp, ties in creation order (ascending) or
// its reverse (descending), each once.
func TestPagingAccountsInEveryOrder(t *testing.T) {
	var mu sync.Mutex
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	offsets := []int{5, 1, 1, 9, 3, 1, 7, 5, 0, 2, 2}
	calls := 0
	srv := composiotest.NewServer(t, composiotest.WithClock(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		calls++
		return base.Add(time.Duration(offsets[calls%len(offsets)]) * time.Millisecond)
	}))
	client := srv.Client()
	ctx := context.Background()
	var ids []string
	for i := range 10 {
		ids = append(ids, srv.SeedActiveAccount("u", "github"))
		if i%3 == 0 {
			require.NoError(t, client.ConnectedAccounts.Disable(ctx, ids[i])) // a later updated_at
		}
	}
	var created []composio.ConnectedAccount // in creation order
	for _, id := range ids {
		a, err := client.ConnectedAccounts.Get(ctx, id)
		require.NoError(t, err)
		created = append(created, *a)
	}

	for _, order := range []struct{ by, dir string }{{"created_at", "asc"}, {"created_at", "desc"}, {"updated_at", "asc"}, {"updated_at", "desc"}} {
		want := slices.Clone(created)
		slices.SortStableFunc(want, func(a, b composio.ConnectedAccount) int {
			ta, tb := a.CreatedAt, b.CreatedAt
			if order.by == "updated_at" {
				ta, tb = a.UpdatedAt, b.UpdatedAt
			}
			return ta.Compare(tb.Time)
		})
		if order.dir == "desc" {
			slices.Reverse(want)
		}
		var got []string
		params := composio.ConnectedAccountListParams{Limit: 3, AccountType: "ALL", OrderBy: composio.ConnectedAccountOrderBy(order.by), OrderDirection: composio.ConnectedAccountOrderDirection(order.dir)}
		for a, err := range client.ConnectedAccounts.ListAll(ctx, params) {
			require.NoError(t, err)
			got = append(got, a.ID)
		}
		var wantIDs []string
		for _, a := range want {
			wantIDs = append(wantIDs, a.ID)
		}
		assert.Equal(t, wantIDs, got, order)
	}
}
