package composio_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endlessPages serves every request with page(n, query), n counting from 1, and
// counts the requests: a server whose pages never end.
func endlessPages(t *testing.T, page func(n int, r *http.Request) string) (*composio.Client, *atomic.Int64) {
	t.Helper()
	var count atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(count.Add(1))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, page(n, r))
	}))
	t.Cleanup(srv.Close)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithAPIKey(testAPIKey))
	require.NoError(t, err)
	return c, &count
}

// drain runs seq to its end, with a limit on how long that may take, and
// returns the items and errors it yielded.
func drain[T any](t *testing.T, seq func(yield func(T, error) bool)) (items []T, errs []error) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for item, err := range seq {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			items = append(items, item)
			if len(items) > 10000 {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the iterator did not stop")
	}
	return items, errs
}

// TestListAllStopsOnEndlessEmptyPages: a server that answers zero items
// and a fresh next_cursor forever must not keep the loop going.
func TestListAllStopsOnEndlessEmptyPages(t *testing.T) {
	c, count := endlessPages(t, func(n int, _ *http.Request) string {
		return fmt.Sprintf(`{"items":[],"next_cursor":"c%d","total_pages":1,"current_page":1,"total_items":0}`, n)
	})
	items, errs := drain(t, c.Toolkits.ListAll(context.Background(), composio.ToolkitListParams{}))
	assert.Empty(t, items)
	require.Len(t, errs, 1, "the error is yielded once")
	assert.Contains(t, errs[0].Error(), "empty pages")
	assert.LessOrEqual(t, count.Load(), int64(20), "a handful of requests, not an endless walk")
}

// TestListAllToleratesAFewEmptyPages: an empty page with a cursor (a
// filtered page) is skipped, and the walk goes on.
func TestListAllToleratesAFewEmptyPages(t *testing.T) {
	c, count := endlessPages(t, func(n int, _ *http.Request) string {
		switch n {
		case 1, 2:
			return fmt.Sprintf(`{"items":[],"next_cursor":"c%d"}`, n)
		case 3:
			return `{"items":[{"slug":"a"}],"next_cursor":"c3"}`
		}
		return `{"items":[{"slug":"b"}]}`
	})
	items, errs := drain(t, c.Toolkits.ListAll(context.Background(), composio.ToolkitListParams{}))
	assert.Empty(t, errs)
	assert.Equal(t, []string{"a", "b"}, slugs(items))
	assert.EqualValues(t, 4, count.Load())
}

// TestListAllStopsMidPageWhenContextEnds: cancelling ctx while a page is
// being consumed ends the loop at once with the context's error.
func TestListAllStopsMidPageWhenContextEnds(t *testing.T) {
	w := threePages(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen []string
	var errs []error
	for tk, err := range w.client().Toolkits.ListAll(ctx, composio.ToolkitListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		seen = append(seen, tk.Slug)
		cancel() // after the first item of a two-item page
	}
	assert.Equal(t, []string{"a"}, seen, "no item is yielded after the context ended")
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Len(t, w.requests(), 1)
}

// numberedPage answers a page of MCP servers for page_no, named after it.
func numberedPage(pageNo, current, total int) string {
	return fmt.Sprintf(`{"items":[{"id":"s%d","name":"s%d"}],"total_pages":%d,"current_page":%d}`, pageNo, pageNo, total, current)
}

// TestMCPListAllStopsWhenPageNumbersAreIgnored: a server that ignores
// page_no and claims a huge total_pages answers page one forever; the
// pager must notice instead of yielding it again and again.
func TestMCPListAllStopsWhenPageNumbersAreIgnored(t *testing.T) {
	for name, page := range map[string]func(n int, r *http.Request) string{
		"current_page says 1": func(int, *http.Request) string { return numberedPage(1, 1, 1<<30) },
		"current_page echoed": func(_ int, r *http.Request) string {
			n, _ := strconv.Atoi(r.URL.Query().Get("page_no"))
			return numberedPage(1, n, 1<<30)
		},
		"no current_page": func(int, *http.Request) string { return `{"items":[{"id":"s1","name":"s1"}],"total_pages":1000000}` },
	} {
		t.Run(name, func(t *testing.T) {
			c, count := endlessPages(t, page)
			items, errs := drain(t, c.MCP.ListAll(context.Background(), composio.MCPServerListParams{}))
			assert.Equal(t, 1, len(items), "page one once")
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), "page")
			assert.LessOrEqual(t, count.Load(), int64(2))
		})
	}
}

// TestMCPListAllOverstatedTotalPages: a total_pages larger than the truth
// ends at the first empty page.
func TestMCPListAllOverstatedTotalPages(t *testing.T) {
	c, count := endlessPages(t, func(_ int, r *http.Request) string {
		n, _ := strconv.Atoi(r.URL.Query().Get("page_no"))
		if n > 2 {
			return fmt.Sprintf(`{"items":[],"total_pages":50,"current_page":%d}`, n)
		}
		return numberedPage(n, n, 50)
	})
	items, errs := drain(t, c.MCP.ListAll(context.Background(), composio.MCPServerListParams{}))
	assert.Empty(t, errs)
	assert.Len(t, items, 2)
	assert.EqualValues(t, 3, count.Load())
}

// TestMCPListAllStopsMidPageWhenContextEnds: as for cursor lists.
func TestMCPListAllStopsMidPageWhenContextEnds(t *testing.T) {
	c, count := endlessPages(t, func(int, *http.Request) string {
		return `{"items":[{"id":"a","name":"a"},{"id":"b","name":"b"}],"total_pages":2,"current_page":1}`
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen []string
	var errs []error
	for s, err := range c.MCP.ListAll(ctx, composio.MCPServerListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		seen = append(seen, s.Name)
		cancel()
	}
	assert.Equal(t, []string{"a"}, seen)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.EqualValues(t, 1, count.Load())
}
