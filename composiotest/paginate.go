package composiotest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Paging defaults of the fake.
const (
	defaultPageSize = 20
	maxPageSize     = 1000
)

// page is the v3.1 list envelope.
type page[T any] struct {
	Items       []T     `json:"items"`
	NextCursor  *string `json:"next_cursor"`
	TotalPages  int     `json:"total_pages"`
	CurrentPage int     `json:"current_page"`
	TotalItems  int     `json:"total_items"`
}

// paginate answers a GET list from its limit and cursor query parameters.
func paginate[T any](w http.ResponseWriter, r *http.Request, items []T) {
	q := r.URL.Query()
	paginateWith(w, r, items, q.Get("limit"), q.Get("cursor"))
}

// paginateWith answers one page of items. limit and cursor come from the
// query or, for POST lists, from the body; an invalid one is a 400.
func paginateWith[T any](w http.ResponseWriter, r *http.Request, items []T, limit, cursor string) {
	size := defaultPageSize
	if limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 {
			badRequest(w, r, fmt.Sprintf("limit must be a positive integer, got %q", limit))
			return
		}
		size = min(n, maxPageSize)
	}
	offset := 0
	if cursor != "" {
		var ok bool
		if offset, ok = decodeCursor(cursor); !ok {
			badRequest(w, r, "invalid cursor", "cursor: not a cursor this server issued")
			return
		}
	}
	writeJSON(w, http.StatusOK, pageOf(items, offset, size))
}

func pageOf[T any](items []T, offset, size int) page[T] {
	total := len(items)
	start := min(offset, total)
	end := min(start+size, total)
	p := page[T]{
		Items:       items[start:end],
		TotalItems:  total,
		TotalPages:  (total + size - 1) / size,
		CurrentPage: start/size + 1,
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	if end < total {
		c := encodeCursor(end)
		p.NextCursor = &c
	}
	return p
}

// Cursors are opaque to clients: base64 of a tagged offset.
const cursorTag = "fake-cursor:"

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorTag + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(raw), cursorTag) {
		return 0, false
	}
	n, err := strconv.Atoi(string(raw[len(cursorTag):]))
	return n, err == nil && n >= 0
}
