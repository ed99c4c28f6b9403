package composiotest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
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

// listing is a list's items in list order, each with its key: its place in
// that order. Keys are unique and increase along the list (as strings), so
// a cursor naming the last key served finds where the next page starts
// whatever was added, deleted or changed meanwhile: keyset paging, not
// offsets. Records that can be deleted take their key from their creation
// sequence (seqKey, descKey); catalogs and append-only logs from their
// position (posKey).
type listing[T any] struct {
	keys  []string
	items []T
}

// add appends item with its key; keys must increase.
func (l *listing[T]) add(key string, item T) {
	l.keys = append(l.keys, key)
	l.items = append(l.items, item)
}

// listOf lists items whose places are their positions (a catalog, or an
// append-only log): the key of items[i] is posKey(i).
func listOf[T any](items []T) listing[T] {
	l := listing[T]{keys: make([]string, len(items)), items: items}
	for i := range items {
		l.keys[i] = posKey(i)
	}
	return l
}

// seqCounter numbers records as they are created, for their list keys.
var seqCounter atomic.Uint64

// nextSeq returns a number larger than any returned before.
func nextSeq() uint64 { return seqCounter.Add(1) }

// seqKey places a record by creation, oldest first; descKey newest first.
func seqKey(seq uint64) string  { return hexKey(seq) }
func descKey(seq uint64) string { return hexKey(^seq) }

// posKey places an item by its position in a list that never shifts.
func posKey(i int) string { return hexKey(uint64(i)) }

// hexKey renders n so that keys compare as strings as the numbers do.
func hexKey(n uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = digits[n&0xf]
		n >>= 4
	}
	return string(b[:])
}

// The one paging reader. Every list reads its limit and cursor through
// readPage, with the largest page its operation documents ("Number of items
// per page, max allowed is 50"): the API refuses a larger limit with its
// validation error, and so does the fake. A list with no documented
// maximum (noPageMax) lowers a larger limit to maxPageSize instead.
//
// Documented maxima (the API reference's list parameters).
const (
	noPageMax       = 0
	maxToolsPage    = 1000 // tools, toolkits (and toolkits/multi), tool execution logs
	maxResourcePage = 50   // auth configs, trigger types and instances, webhook subscriptions, files, orgs and projects, a session's toolkits
	maxHistoryPage  = 100  // a session's config history
	maxSessionTools = 500  // a session's tools, a mount's items
)

// paginate answers a GET list from its limit and cursor query parameters;
// max is the operation's documented largest page (noPageMax: none).
func paginate[T any](w http.ResponseWriter, r *http.Request, items listing[T], max int) {
	q := r.URL.Query()
	paginateWith(w, r, items, q.Get("limit"), q.Get("cursor"), max)
}

// queryPage reads the limit and cursor query parameters with readPage.
func queryPage(w http.ResponseWriter, r *http.Request, max int) (after string, size int, ok bool) {
	q := r.URL.Query()
	return readPage(w, r, q.Get("limit"), q.Get("cursor"), max)
}

// paginateWith answers one page of items. limit and cursor come from the
// query or, for POST lists, from the body; an invalid one is a 400.
func paginateWith[T any](w http.ResponseWriter, r *http.Request, items listing[T], limit, cursor string, max int) {
	after, size, ok := readPage(w, r, limit, cursor, max)
	if ok {
		writeJSON(w, http.StatusOK, pageOf(items, after, size))
	}
}

// paginateAs answers one page like paginate, in the envelope wrap makes
// of it, for the lists whose items are not under "items" (projects'
// "data", "organizations").
func paginateAs[T, E any](w http.ResponseWriter, r *http.Request, items listing[T], max int, wrap func(page[T]) E) {
	after, size, ok := queryPage(w, r, max)
	if ok {
		writeJSON(w, http.StatusOK, wrap(pageOf(items, after, size)))
	}
}

// dataPageWire is the envelope of the lists with their items under "data".
type dataPageWire[T any] struct {
	CurrentPage int     `json:"current_page"`
	Data        []T     `json:"data"`
	NextCursor  *string `json:"next_cursor"`
	TotalItems  int     `json:"total_items"`
	TotalPages  int     `json:"total_pages"`
}

func dataPage[T any](p page[T]) dataPageWire[T] {
	return dataPageWire[T]{Data: p.Items, NextCursor: p.NextCursor, TotalPages: p.TotalPages, CurrentPage: p.CurrentPage, TotalItems: p.TotalItems}
}

// readPage reads a limit and cursor (from the query or a body), answering
// 400 itself on a bad one. max is the operation's documented page-size
// limit, above which a limit is refused; noPageMax lowers a larger limit to
// maxPageSize instead. after is the key the page starts after ("" for the
// first page).
func readPage(w http.ResponseWriter, r *http.Request, limit, cursor string, max int) (after string, size int, ok bool) {
	if size, ok = readLimit(w, r, limit, defaultPageSize, max); !ok {
		return "", 0, false
	}
	if cursor != "" {
		if after, ok = decodeCursor(cursor); !ok {
			badRequest(w, r, "invalid cursor", "cursor: not a cursor this server issued")
			return "", 0, false
		}
	}
	return after, size, true
}

// readLimit reads a page size, def when limit is empty, answering 400
// itself on a bad one: not a positive integer, or above max, the
// operation's documented maximum (noPageMax lowers a larger one to
// maxPageSize). The page-numbered lists (MCP) read theirs with it too.
func readLimit(w http.ResponseWriter, r *http.Request, limit string, def, max int) (int, bool) {
	if limit == "" {
		return def, true
	}
	n, ok := readPositive(w, r, "limit", limit)
	if !ok {
		return 0, false
	}
	if max > 0 && n > max {
		badRequest(w, r, fmt.Sprintf("limit must be at most %d", max), fmt.Sprintf("limit: Number must be less than or equal to %d", max))
		return 0, false
	}
	return min(n, maxPageSize), true
}

// readPositive reads the positive integer s of parameter name, answering
// 400 itself when it is not one.
func readPositive(w http.ResponseWriter, r *http.Request, name, s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		badRequest(w, r, fmt.Sprintf("%s must be a positive integer, got %q", name, s))
		return 0, false
	}
	return n, true
}

// pageOf is the page of up to size items that follows the key after.
func pageOf[T any](l listing[T], after string, size int) page[T] {
	total := len(l.items)
	start := 0
	if after != "" {
		start = sort.SearchStrings(l.keys, after)
		if start < total && l.keys[start] == after {
			start++
		}
	}
	end := min(start+size, total)
	return pageEnvelope(l.items[start:end], start, total, size, l.keyAt(end-1, end < total))
}

func (l listing[T]) keyAt(i int, more bool) string {
	if !more || i < 0 {
		return ""
	}
	return l.keys[i]
}

// pageEnvelope is the envelope of items, the page of a list of total items
// that starts after skipped of them; next is the key of the page's last
// item when more follow, else "".
func pageEnvelope[T any](items []T, skipped, total, size int, next string) page[T] {
	p := page[T]{Items: items, TotalItems: total, TotalPages: (total + size - 1) / size, CurrentPage: skipped/size + 1}
	if p.Items == nil {
		p.Items = []T{}
	}
	if next != "" {
		c := encodeCursor(next)
		p.NextCursor = &c
	}
	return p
}

// Cursors are opaque to clients: base64 of a tagged key.
const cursorTag = "fake-cursor:"

func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorTag + key))
}

func decodeCursor(c string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(raw), cursorTag) || len(raw) == len(cursorTag) {
		return "", false
	}
	return string(raw[len(cursorTag):]), true
}
