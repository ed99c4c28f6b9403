package composiotest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keptBytes is what an entry of the request log holds: header names and
// values, the query and the body.
func keptBytes(r RecordedRequest) (header, query, body int) {
	for name, values := range r.Header {
		for _, v := range values {
			header += len(name) + len(v)
		}
	}
	return header, len(r.Query), len(r.Body)
}

// Huge headers and queries are cut to the log's bounds; the log says so.
func TestRequestLogBoundsHeadersAndQueries(t *testing.T) {
	f := New(Config{})
	huge := strings.Repeat("h", 1<<20)
	req := httptest.NewRequest(http.MethodGet, apiPrefix+"/toolkits?search="+strings.Repeat("q", 1<<20), nil)
	req.Header.Set(hdrAPIKey, f.APIKey)
	req.Header.Set("X-Huge", huge)
	for i := range 100 {
		req.Header.Add("X-Many-"+strings.Repeat("n", i), "v")
	}
	serveOnce(t, f, req)

	got, ok := f.LastRequest()
	require.True(t, ok)
	header, query, _ := keptBytes(got)
	assert.LessOrEqual(t, header, 32<<10, "header bytes kept")
	assert.LessOrEqual(t, query, 8<<10, "query bytes kept")
	assert.Equal(t, f.APIKey, got.Header.Get(hdrAPIKey), "short headers are kept whole")
	assert.Equal(t, 4<<10, len(got.Header.Get("X-Huge")), "a long value is cut")
	assert.True(t, strings.HasPrefix(got.Query, "search=qqq"))

	small := httptest.NewRequest(http.MethodGet, apiPrefix+"/toolkits?limit=2", nil)
	small.Header.Set(hdrAPIKey, f.APIKey)
	serveOnce(t, f, small)
	got, _ = f.LastRequest()
	assert.Equal(t, "limit=2", got.Query)
	assert.Equal(t, small.Header, got.Header)
}

// The log's total bound counts headers and queries too: 200 requests with
// 1 MiB of headers keep at most 32 KiB of them each.
func TestRequestLogTotalCountsHeaders(t *testing.T) {
	f := New(Config{})
	huge := strings.Repeat("h", 1<<20)
	for range 200 {
		req := httptest.NewRequest(http.MethodGet, apiPrefix+"/nowhere", nil)
		req.Header.Set(hdrAPIKey, f.APIKey)
		for i := range 8 {
			req.Header.Set("X-Huge-"+string(rune('a'+i)), huge[:1<<17])
		}
		serveOnce(t, f, req)
	}
	total := 0
	for _, r := range f.Requests() {
		h, q, b := keptBytes(r)
		total += h + q + b
	}
	assert.LessOrEqual(t, total, 200*(32<<10))
}

// Truncated tells a cut entry from a whole one.
func TestRequestLogMarksWhatItCut(t *testing.T) {
	f := New(Config{})
	for _, target := range []string{"/toolkits?search=" + strings.Repeat("q", 9<<10), "/toolkits?limit=2"} {
		req := httptest.NewRequest(http.MethodGet, apiPrefix+target, nil)
		req.Header.Set(hdrAPIKey, f.APIKey)
		serveOnce(t, f, req)
	}
	reqs := f.Requests()
	require.Len(t, reqs, 2)
	assert.True(t, reqs[0].Truncated)
	assert.Equal(t, maxRecordedQuery, len(reqs[0].Query))
	assert.False(t, reqs[1].Truncated)
}
