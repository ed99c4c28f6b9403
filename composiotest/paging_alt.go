package composiotest

import (
	"fmt"
	"net/http"
	"strconv"
)

// pageParams reads a limit and cursor (from the query or a body) the way
// paginateWith does, answering 400 itself on a bad one. maxSize is the
// endpoint's documented page-size limit.
func pageParams(w http.ResponseWriter, r *http.Request, limit, cursor string, maxSize int) (offset, size int, ok bool) {
	size = defaultPageSize
	if limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 {
			badRequest(w, r, fmt.Sprintf("limit must be a positive integer, got %q", limit))
			return 0, 0, false
		}
		if n > maxSize {
			badRequest(w, r, fmt.Sprintf("limit must be at most %d", maxSize), fmt.Sprintf("limit: Number must be less than or equal to %d", maxSize))
			return 0, 0, false
		}
		size = n
	}
	if cursor != "" {
		if offset, ok = decodeCursor(cursor); !ok {
			badRequest(w, r, "invalid cursor", "cursor: not a cursor this server issued")
			return 0, 0, false
		}
	}
	return offset, size, true
}

// paginateKeyed answers one page like paginate, for the lists whose items
// are not under "items" ("data" for projects, "organizations").
func paginateKeyed[T any](w http.ResponseWriter, r *http.Request, items []T, key string, maxSize int) {
	q := r.URL.Query()
	offset, size, ok := pageParams(w, r, q.Get("limit"), q.Get("cursor"), maxSize)
	if !ok {
		return
	}
	p := pageOf(items, offset, size)
	writeJSON(w, http.StatusOK, map[string]any{
		key: p.Items, "next_cursor": p.NextCursor, "total_pages": p.TotalPages,
		"current_page": p.CurrentPage, "total_items": p.TotalItems,
	})
}
