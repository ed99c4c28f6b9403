package composio_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func threePages(t *testing.T) *wire {
	return newWire(t, 200, `{"items":[{"slug":"a"},{"slug":"b"}],"next_cursor":"p2","total_pages":3,"current_page":1,"total_items":5}`).
		then(200, `{"items":[{"slug":"c"},{"slug":"d"}],"next_cursor":"p3","total_pages":3,"current_page":2,"total_items":5}`).
		then(200, `{"items":[{"slug":"e"}],"total_pages":3,"current_page":3,"total_items":5}`)
}

func slugs(items []composio.Toolkit) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Slug)
	}
	return out
}

func TestListAllThreePages(t *testing.T) {
	w := threePages(t)
	items, err := composio.Collect(w.client().Toolkits.ListAll(context.Background(), composio.ToolkitListParams{Limit: 2, Search: "x"}))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, slugs(items))
	reqs := w.requests()
	require.Len(t, reqs, 3)
	assert.Empty(t, reqs[0].Query.Get("cursor"))
	assert.Equal(t, "p2", reqs[1].Query.Get("cursor"))
	assert.Equal(t, "p3", reqs[2].Query.Get("cursor"))
	for _, r := range reqs {
		assert.Equal(t, "2", r.Query.Get("limit"), "filters travel with every page")
		assert.Equal(t, "x", r.Query.Get("search"))
	}
}

func TestListAllStartsAtGivenCursor(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"z"}],"total_pages":1,"current_page":2,"total_items":1}`)
	items, err := composio.Collect(w.client().Toolkits.ListAll(context.Background(), composio.ToolkitListParams{Cursor: "start"}))
	require.NoError(t, err)
	assert.Equal(t, []string{"z"}, slugs(items))
	assert.Equal(t, "start", w.last().Query.Get("cursor"))
}

func TestListAllEarlyBreakFetchesNoMore(t *testing.T) {
	w := threePages(t)
	var seen []string
	for tk, err := range w.client().Toolkits.ListAll(context.Background(), composio.ToolkitListParams{}) {
		require.NoError(t, err)
		seen = append(seen, tk.Slug)
		if tk.Slug == "b" {
			break
		}
	}
	assert.Equal(t, []string{"a", "b"}, seen)
	assert.Len(t, w.requests(), 1, "breaking at the end of page one fetches nothing else")
}

func TestListAllRepeatedCursorIsAnError(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"a"}],"next_cursor":"same","total_pages":9,"current_page":1,"total_items":9}`)
	var errs []error
	n := 0
	for _, err := range w.client().Toolkits.ListAll(context.Background(), composio.ToolkitListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	require.Len(t, errs, 1, "the error is yielded once")
	assert.Contains(t, errs[0].Error(), "repeated")
	assert.Equal(t, 2, n)
	assert.Len(t, w.requests(), 2)
}

func TestListAllErrorYieldedOnceAndStops(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"slug":"a"}],"next_cursor":"p2","total_pages":2,"current_page":1,"total_items":2}`).
		then(404, `{"error":{"message":"gone","status":404}}`)
	var errs []error
	var got []string
	for tk, err := range w.client().Toolkits.ListAll(context.Background(), composio.ToolkitListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, tk.Slug)
	}
	assert.Equal(t, []string{"a"}, got)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], composio.ErrNotFound)
	w = newWire(t, 200, `{"items":[{"slug":"a"}],"next_cursor":"p2","total_pages":2,"current_page":1,"total_items":2}`).
		then(500, `{"error":{"message":"boom","status":500}}`)
	items, err := composio.Collect(w.client(composio.WithMaxRetries(0)).Toolkits.ListAll(context.Background(), composio.ToolkitListParams{}))
	assert.ErrorIs(t, err, composio.ErrServer)
	assert.Len(t, items, 1, "Collect returns what it gathered before the error")
}

func TestListAllHonoursContext(t *testing.T) {
	w := threePages(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	n := 0
	for _, err := range w.client().Toolkits.ListAll(ctx, composio.ToolkitListParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
		if n == 2 {
			cancel()
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Equal(t, 2, n)
	assert.Len(t, w.requests(), 1, "no page is fetched after cancellation")

	_, err := composio.Collect(w.client().Toolkits.ListAll(ctx, composio.ToolkitListParams{}))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestPageLogsNoItems(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	page := &composio.Page[map[string]string]{Items: []map[string]string{{"access_token": "tok_secret"}}, NextCursor: "c2", TotalItems: 9, CurrentPage: 1, TotalPages: 9}
	log.Info("listed", "page", page)
	assert.Contains(t, buf.String(), `"page":{"items":1,"has_more":true,"total_items":9,"current_page":1,"total_pages":9}`)
	assert.NotContains(t, buf.String(), "tok_secret")
}
