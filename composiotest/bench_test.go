package composiotest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"
)

// BenchmarkListConnectedAccounts lists connected accounts a page of 20 at a
// time, walking the whole list page after page, with 80 and with 8,000
// accounts stored: a page should cost about the same whatever the store
// holds. The "interleaved" run alternates between the two stores page by
// page, so both see the same machine load, and reports the median time of
// a page of each and their ratio (x8000/80):
//
//	go test -run '^$' -bench ListConnectedAccounts -benchmem ./composiotest
func BenchmarkListConnectedAccounts(b *testing.B) {
	for _, n := range []int{80, 8000} {
		b.Run("accounts="+strconv.Itoa(n), func(b *testing.B) {
			w := newPageWalker(n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				w.next(b)
			}
		})
	}
	b.Run("interleaved", func(b *testing.B) {
		small, large := newPageWalker(80), newPageWalker(8000)
		var ts, tl []time.Duration
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			ts = append(ts, small.next(b))
			tl = append(tl, large.next(b))
		}
		ms, ml := median(ts), median(tl)
		b.ReportMetric(float64(ms.Nanoseconds()), "ns/page-80")
		b.ReportMetric(float64(ml.Nanoseconds()), "ns/page-8000")
		b.ReportMetric(float64(ml)/float64(ms), "x8000/80")
	})
}

// pageWalker walks the accounts list of a fake holding n accounts.
type pageWalker struct {
	f      *Fake
	cursor string
}

func newPageWalker(n int) *pageWalker {
	f := New(Config{})
	for i := range n {
		f.SeedActiveAccount("user_"+strconv.Itoa(i%7), "github")
	}
	return &pageWalker{f: f}
}

// next fetches the next page (the first after the last) and returns how
// long the fake took.
func (w *pageWalker) next(b *testing.B) time.Duration {
	target := apiPrefix + "/connected_accounts?limit=20"
	if w.cursor != "" {
		target += "&cursor=" + w.cursor
	}
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set(hdrAPIKey, w.f.APIKey)
	rec := httptest.NewRecorder()
	start := time.Now()
	w.f.ServeHTTP(rec, req)
	took := time.Since(start)
	if rec.Code != http.StatusOK || bytes.Count(rec.Body.Bytes(), []byte(`"word_id"`)) != 20 {
		b.Fatalf("not a page of 20 accounts: %d %.200s", rec.Code, rec.Body)
	}
	w.cursor = nextCursorOf(rec.Body.Bytes())
	return took
}

// nextCursorOf reads next_cursor from a page without decoding the page, so
// that the benchmark measures the fake, not its own decoding.
func nextCursorOf(body []byte) string {
	const field = `"next_cursor":"`
	i := bytes.Index(body, []byte(field))
	if i < 0 {
		return ""
	}
	rest := body[i+len(field):]
	return string(rest[:bytes.IndexByte(rest, '"')])
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
