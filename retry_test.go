package composio_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countAPI counts the requests the fake received for path.
func countAPI(srv *composiotest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func TestPOSTIsNeverRepeatedAfterTheServerMayHaveActed(t *testing.T) {
	ctx := context.Background()
	for _, status := range []int{500, 502, 504, 408} {
		srv := composiotest.NewServer(t)
		srv.FailNext(1, status)
		_, err := srv.Client().Toolkits.ListBySlugs(ctx, composio.ToolkitListBySlugsParams{})
		require.Error(t, err, "status %d", status)
		assert.Equal(t, 1, countAPI(srv, "POST", "/api/v3.1/toolkits/multi"), "status %d: sent once", status)
	}
	srv := composiotest.NewServer(t)
	srv.DropNext(1)
	_, err := srv.Client().Toolkits.ListBySlugs(ctx, composio.ToolkitListBySlugsParams{})
	require.Error(t, err)
	assert.Equal(t, 1, countAPI(srv, "POST", "/api/v3.1/toolkits/multi"), "a dropped connection is not retried for POST")
}

func TestPOSTIsRetriedWhenTheServerDidNothing(t *testing.T) {
	ctx := context.Background()
	for _, fault := range []struct {
		status int
		opts   []composiotest.FaultOption
	}{
		{http.StatusTooManyRequests, nil},
		{http.StatusServiceUnavailable, []composiotest.FaultOption{composiotest.WithRetryAfter("0")}},
		{http.StatusInternalServerError, []composiotest.FaultOption{composiotest.WithFaultHeader("X-Should-Retry", "true")}},
	} {
		srv := composiotest.NewServer(t)
		srv.FailNext(1, fault.status, fault.opts...)
		page, err := srv.Client().Toolkits.ListBySlugs(ctx, composio.ToolkitListBySlugsParams{Toolkits: []string{"github"}})
		require.NoError(t, err, "status %d", fault.status)
		assert.Len(t, page.Items, 1)
		assert.Equal(t, 2, countAPI(srv, "POST", "/api/v3.1/toolkits/multi"))
	}
}

func TestGETIsRetriedOnServerErrorsAndDrops(t *testing.T) {
	srv := composiotest.NewServer(t)
	srv.FailNext(1, 502)
	srv.DropNext(1)
	page, err := srv.Client().Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.NoError(t, err)
	assert.NotEmpty(t, page.Items)
	assert.Equal(t, 3, countAPI(srv, "GET", "/api/v3.1/toolkits"))

	srv.FailNext(3, 500)
	_, err = srv.Client().Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.ErrorIs(t, err, composio.ErrServer, "retries are bounded: the last failure is returned")
}

func TestDeadlineDuringLongRetryAfter(t *testing.T) {
	srv := composiotest.NewServer(t)
	srv.FailNext(1, http.StatusTooManyRequests, composiotest.WithRetryAfter("30"))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := srv.Client().Toolkits.List(ctx, composio.ToolkitListParams{})
	require.ErrorIs(t, err, composio.ErrRateLimited, "the 429 is returned rather than waiting past the deadline")
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 30*time.Second, apiErr.RetryAfter)
	assert.Less(t, time.Since(start), 5*time.Second)

	srv.FailNext(1, http.StatusServiceUnavailable, composiotest.WithRetryAfter(time.Now().Add(30*time.Second).UTC().Format(http.TimeFormat)))
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = srv.Client().Toolkits.List(ctx, composio.ToolkitListParams{})
	require.ErrorIs(t, err, context.Canceled, "a cancel interrupts the wait")
}
