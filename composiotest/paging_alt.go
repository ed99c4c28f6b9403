package composiotest

import "net/http"

// paginateKeyed answers one page like paginate, for the lists whose items
// are not under "items" ("data" for projects, "organizations").
func paginateKeyed[T any](w http.ResponseWriter, r *http.Request, items listing[T], key string, maxSize int) {
	q := r.URL.Query()
	after, size, ok := pageParams(w, r, q.Get("limit"), q.Get("cursor"), maxSize)
	if !ok {
		return
	}
	p := pageOf(items, after, size)
	writeJSON(w, http.StatusOK, map[string]any{
		key: p.Items, "next_cursor": p.NextCursor, "total_pages": p.TotalPages,
		"current_page": p.CurrentPage, "total_items": p.TotalItems,
	})
}
