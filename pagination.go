package composio

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
)

// Page is one page of a cursor-paginated list.
type Page[T any] struct {
	Items []T `json:"items"`
	// NextCursor fetches the next page; empty on the last page. It is opaque.
	NextCursor  string `json:"next_cursor,omitempty"`
	TotalItems  int    `json:"total_items"`
	TotalPages  int    `json:"total_pages"`
	CurrentPage int    `json:"current_page"`
}

// LogValue logs a page as its size and position, never its items: items
// may hold credentials that only their own LogValue redacts.
func (p *Page[T]) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("items", len(p.Items)), slog.Bool("has_more", p.NextCursor != ""),
		slog.Int("total_items", p.TotalItems), slog.Int("current_page", p.CurrentPage), slog.Int("total_pages", p.TotalPages))
}

// HasMore reports whether another page follows.
func (p *Page[T]) HasMore() bool { return p.NextCursor != "" }

// maxEmptyPages is how many empty pages in a row that still name a next
// cursor a walk accepts before it calls the server's answers endless.
const maxEmptyPages = 10

// listAll walks a cursor-paginated list lazily: one page in memory at a
// time, the next page fetched only when the caller's loop asks for more.
// It yields an error once and stops: for a nil ctx (the error a single-page
// call returns), as soon as ctx ends (even in the middle of a page); a cursor that repeats, or a run of empty pages that
// never ends, is an error rather than an endless loop.
func listAll[T any](ctx context.Context, cursor string, fetch func(ctx context.Context, cursor string) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if ctx == nil {
			yield(zero, errNilContext())
			return
		}
		seen := map[string]struct{}{}
		if cursor != "" {
			seen[cursor] = struct{}{}
		}
		empty := 0
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.Items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(item, nil) {
					return
				}
			}
			if page.NextCursor == "" {
				return
			}
			if len(page.Items) == 0 {
				empty++
			} else {
				empty = 0
			}
			if empty >= maxEmptyPages {
				yield(zero, fmt.Errorf("composio: pagination: %d empty pages in a row, each with a next cursor; stopping instead of looping", empty))
				return
			}
			if _, dup := seen[page.NextCursor]; dup {
				yield(zero, fmt.Errorf("composio: pagination: cursor %q repeated; stopping instead of looping", page.NextCursor))
				return
			}
			seen[page.NextCursor] = struct{}{}
			cursor = page.NextCursor
		}
	}
}

// altPage decodes the list envelopes that name their items "data",
// "organizations" or "logs" instead of "items".
type altPage[T any] struct {
	Page[T]
	Data          []T `json:"data"`
	Organizations []T `json:"organizations"`
	Logs          []T `json:"logs"`
}

// doPage performs r and decodes a cursor page whatever its envelope names
// its items; Items is never nil.
func doPage[T any](ctx context.Context, c *Client, r request, opts []RequestOption) (*Page[T], error) {
	p, err := do[altPage[T]](ctx, c, r, opts)
	if err != nil {
		return nil, err
	}
	out := p.Page
	switch {
	case p.Data != nil:
		out.Items = p.Data
	case p.Organizations != nil:
		out.Items = p.Organizations
	case p.Logs != nil:
		out.Items = p.Logs
	}
	if out.Items == nil {
		out.Items = []T{}
	}
	return &out, nil
}

// listNumbered walks a list paged by page number (1-based) lazily: fetch
// returns a page's items and the total page count. It stops after the last
// page, on an empty page, at the first error (a nil ctx is one), and as soon
// as ctx ends. A
// page that repeats the one before (a server that ignores page_no) ends the
// walk with an error: total_pages alone cannot be trusted to end it.
func listNumbered[T any](ctx context.Context, start int, fetch func(ctx context.Context, pageNo int) ([]T, int, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if ctx == nil {
			yield(zero, errNilContext())
			return
		}
		var previous [sha256.Size]byte
		for pageNo := max(start, 1); ; pageNo++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			items, totalPages, err := fetch(ctx, pageNo)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(items) > 0 {
				// Pages of distinct items never encode alike.
				if raw, err := json.Marshal(items); err == nil {
					sum := sha256.Sum256(raw)
					if pageNo > max(start, 1) && sum == previous {
						yield(zero, fmt.Errorf("composio: pagination: page %d repeats page %d; stopping instead of looping", pageNo, pageNo-1))
						return
					}
					previous = sum
				}
			}
			for _, item := range items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(item, nil) {
					return
				}
			}
			if len(items) == 0 || pageNo >= totalPages {
				return
			}
		}
	}
}

// Collect gathers every item of seq into a slice, stopping at the first
// error, which it returns with the items gathered so far. Collect first, then
// change, when a job changes the items it lists: a change made inside the
// loop can move items across the pages still to come.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
	}
	return out, nil
}
