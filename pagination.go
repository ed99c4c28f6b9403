package composio

import (
	"context"
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
