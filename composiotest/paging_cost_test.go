package composiotest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A page of connected accounts costs the same whatever the store holds:
// the list keeps only the page and renders only it. Allocations count the
// work without timing it (BenchmarkListConnectedAccounts times it).
func TestAccountPageCostDoesNotGrowWithTheStore(t *testing.T) {
	allocs := func(n int, query string) float64 {
		f := New(Config{})
		for i := range n {
			f.SeedActiveAccount("user_"+strconv.Itoa(i%3), "github")
		}
		return testing.AllocsPerRun(5, func() {
			req := httptest.NewRequest(http.MethodGet, apiPrefix+"/connected_accounts?limit=10"+query, nil)
			req.Header.Set(hdrAPIKey, f.APIKey)
			rec := httptest.NewRecorder()
			f.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		})
	}
	for _, query := range []string{"", "&order_by=updated_at&order_direction=asc", "&user_ids=user_1&statuses=ACTIVE"} {
		small, large := allocs(40, query), allocs(2000, query)
		assert.LessOrEqual(t, large, small*1.05, "allocations of one page with 2,000 accounts vs 40 (%s): %.0f vs %.0f", query, large, small)
	}
}
