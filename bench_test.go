package composio_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
)

// BenchmarkCallOverhead measures what the SDK adds to one API call: "raw" is
// the same request written by hand with net/http and encoding/json, "sdk" is
// Toolkits.List; both hit the same loopback server and decode the same page.
// Compare with: go test -run ^$ -bench CallOverhead -benchmem
func BenchmarkCallOverhead(b *testing.B) {
	body, err := readFile("testdata/toolkits/list.json")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()

	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v3.1/toolkits?limit=2&search=git", nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("X-Api-Key", testAPIKey)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "raw")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatal(err, resp.StatusCode)
			}
			var page composio.Page[composio.Toolkit]
			if err := json.Unmarshal(data, &page); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("sdk", func(b *testing.B) {
		client, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		params := composio.ToolkitListParams{Limit: 2, Search: "git"}
		b.ReportAllocs()
		for b.Loop() {
			page, err := client.Toolkits.List(ctx, params)
			if err != nil || len(page.Items) != 2 {
				b.Fatal(err, fmt.Sprint(page))
			}
		}
	})
}

func readFile(name string) ([]byte, error) {
	f, err := http.Dir(".").Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
