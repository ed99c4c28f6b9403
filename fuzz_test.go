package composio

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecodeError: any body, of any status, becomes a well-formed *Error
// without panicking, bounded, with a one-line message.
func FuzzDecodeError(f *testing.F) {
	for _, seed := range []string{
		`{"error":{"message":"Invalid slug","code":1803,"status":400,"request_id":"req_1","suggested_fix":"fix","errors":["a"]}}`,
		`{"error":{"message":"x","code":"12","errors":"one"}}`,
		`{"error":{"errors":[{"path":["a"]},3,null]}}`,
		`{"error":null,"message":"flat"}`,
		`{"message":123}`,
		`<html><body>502</body></html>`,
		``, `{`, `null`, `[]`, "\xff\xfe", `{"error":{"message":"` + strings.Repeat("é", 300) + `"}}`,
	} {
		f.Add(400, seed, "3")
		f.Add(429, seed, "Wed, 21 Oct 2015 07:28:00 GMT")
	}
	f.Fuzz(func(t *testing.T, status int, body, retryAfter string) {
		h := http.Header{"Retry-After": {retryAfter}, "X-Request-Id": {"req_h"}}
		e := decodeError("GET", "https://x/api", status, h, []byte(body))
		if e.StatusCode != status || string(e.Body) != body {
			t.Fatalf("status or body not kept")
		}
		if e.RequestID == "" {
			t.Fatalf("request id lost")
		}
		if e.RetryAfter < 0 || e.RetryAfter > 60e9 {
			t.Fatalf("retry after not clamped: %v", e.RetryAfter)
		}
		msg := e.Error()
		if !strings.HasPrefix(msg, "composio: ") {
			t.Fatalf("message %q", msg)
		}
		if !json.Valid([]byte(body)) && utf8.ValidString(body) && strings.ContainsAny(bodySnippet([]byte(body)), "\n\r\t") {
			t.Fatalf("snippet is not one line")
		}
	})
}

// FuzzDecodePage: any page body decodes or fails cleanly, and the pager over
// pages like it always terminates.
func FuzzDecodePage(f *testing.F) {
	for _, seed := range []string{
		`{"items":[{"slug":"a"}],"next_cursor":"c1","total_pages":2,"current_page":1,"total_items":2}`,
		`{"items":[],"next_cursor":null}`,
		`{"items":null,"next_cursor":""}`,
		`{"items":[{"slug":1}]}`,
		`{"next_cursor":5}`,
		`[]`, `{`, ``,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var page Page[Toolkit]
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			return
		}
		calls := 0
		fetch := func(ctx context.Context, cursor string) (*Page[Toolkit], error) {
			calls++
			p := page
			return &p, nil
		}
		n := 0
		for _, err := range listAll(context.Background(), "", fetch) {
			if err != nil {
				break
			}
			n++
		}
		// The same page served forever: its cursor repeats on the second
		// fetch, so the walk stops after at most two pages.
		if calls > 2 || n > 2*len(page.Items) {
			t.Fatalf("pager did not stop: %d calls, %d items", calls, n)
		}
	})
}

// FuzzTimestamp: any text decodes without error or panic; what RFC 3339
// accepts, Timestamp reads as the same instant; a value it cannot read is
// kept whole in Raw.
func FuzzTimestamp(f *testing.F) {
	for _, seed := range []string{
		"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123456789+05:30", "2026-01-02 03:04:05",
		"2026-01-02T03:04:05+0000", "20260102T030405Z", "2026-01-01T24:00:00Z", "2026-02-29",
		"Fri, 02 Jan 2026 03:04:05 GMT", "Fri Jan 02 2026 03:04:05 GMT+0000 (UTC)", "", "x", "9999-12-31T23:59:60-23:59",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var ts Timestamp
		if err := ts.UnmarshalText([]byte(s)); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", s, err)
		}
		if want, err := time.Parse(time.RFC3339Nano, s); err == nil && !ts.Equal(want) {
			t.Fatalf("%q: got %v, time.Parse gives %v", s, ts.Time, want)
		}
		if ts.Unparsed() && ts.Raw != s {
			t.Fatalf("%q: raw %q", s, ts.Raw)
		}
		raw, err := json.Marshal(s)
		if err != nil {
			return
		}
		var fromJSON Timestamp
		if err := json.Unmarshal(raw, &fromJSON); err != nil {
			t.Fatalf("UnmarshalJSON(%s): %v", raw, err)
		}
		if !fromJSON.Equal(ts.Time) {
			t.Fatalf("%q: JSON and text disagree", s)
		}
	})
}
