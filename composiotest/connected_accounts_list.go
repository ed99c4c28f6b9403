package composiotest

import (
	"cmp"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// Listing connected accounts is the one list that must stay fast with
// thousands of records: one pass under f.mu filters the accounts and keeps
// only the page (the accounts right after the cursor, in list order), the
// page's accounts are copied, and rendering happens without the lock.

func (f *Fake) listConnectedAccounts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	statuses := queryList(r, "statuses")
	for _, s := range statuses {
		if !slices.Contains(accountStatuses, s) {
			badRequest(w, r, "statuses must be among "+strings.Join(accountStatuses, ", "), "statuses: Invalid enum value '"+s+"'")
			return
		}
	}
	orderBy, direction, accountType := cmp.Or(q.Get("order_by"), "created_at"), cmp.Or(q.Get("order_direction"), "desc"), cmp.Or(q.Get("account_type"), "PRIVATE")
	if !oneOf(w, r, "order_by", orderBy, "created_at", "updated_at") || !oneOf(w, r, "order_direction", direction, "asc", "desc") ||
		!oneOf(w, r, "account_type", accountType, "PRIVATE", "SHARED", "ALL") {
		return
	}
	cursor, size, ok := readPage(w, r, q.Get("limit"), q.Get("cursor"), noPageMax)
	if !ok {
		return
	}
	var after accountKey
	if cursor != "" {
		if after, ok = parseAccountKey(cursor); !ok {
			badRequest(w, r, "invalid cursor", "cursor: not a cursor this server issued")
			return
		}
	}
	toolkits, users := queryList(r, "toolkit_slugs"), queryList(r, "user_ids")
	configs, ids := queryList(r, "auth_config_ids"), queryList(r, "connected_account_ids")
	byUpdate, desc := orderBy == "updated_at", direction == "desc"

	// Walk in the direction the keys mostly grow (creation order, or its
	// reverse), so that most accounts past the page cost one comparison.
	list := f.accounts().order
	sel := pageSelector{after: after, hasAfter: cursor != "", size: size}
	filtered := len(toolkits)+len(users)+len(configs)+len(ids)+len(statuses) > 0
	for i := range list {
		a := list[i]
		if desc {
			a = list[len(list)-1-i]
		}
		if a.Status == "INITIATED" {
			f.expireStale(a)
		}
		if accountType != "ALL" && cmp.Or(a.AccountType, "PRIVATE") != accountType {
			continue
		}
		if filtered && (!matches(toolkits, a.ToolkitSlug) || !matches(users, a.UserID) || !matches(configs, a.AuthConfigID) ||
			!matches(ids, a.ID) || len(statuses) > 0 && !slices.Contains(statuses, a.Status)) {
			continue
		}
		sel.offer(a.listKey(byUpdate, desc), a)
	}
	views := make([]accountView, len(sel.page))
	for i, hit := range sel.page {
		views[i] = f.viewOf(hit.a)
	}
	next := ""
	if sel.total-sel.skipped > len(sel.page) {
		next = sel.page[len(sel.page)-1].key.String()
	}
	f.unlocked(func() {
		items := make([]accountWire, len(views))
		for i := range views {
			items[i] = views[i].json(false)
		}
		writeJSON(w, http.StatusOK, pageEnvelope(items, sel.skipped, sel.total, size, next))
	})
}

// accountKey is an account's place in a list order: its timestamp, then
// its creation sequence, both inverted for a descending order.
type accountKey struct{ at, seq uint64 }

func (k accountKey) less(o accountKey) bool {
	return k.at < o.at || (k.at == o.at && k.seq < o.seq)
}

// String renders k as a list key: fixed-width hex, so keys compare as
// strings as they do as numbers.
func (k accountKey) String() string { return hexKey(k.at) + hexKey(k.seq) }

func parseAccountKey(s string) (accountKey, bool) {
	if len(s) != 32 {
		return accountKey{}, false
	}
	var parts [2]uint64
	for i, c := range []byte(s) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		default:
			return accountKey{}, false
		}
		parts[i/16] = parts[i/16]<<4 | uint64(d)
	}
	return accountKey{parts[0], parts[1]}, true
}

// listKey is a's key in the list ordered by updated_at (byUpdate) or
// created_at, descending (newest first, and the newer of equal timestamps
// first) or ascending.
func (a *connectedAccount) listKey(byUpdate, desc bool) accountKey {
	var at uint64
	switch {
	case byUpdate:
		at = a.updated.of(a.UpdatedAt)
	case a.created == 0:
		a.created = sortableTime(a.CreatedAt)
		fallthrough
	default:
		at = a.created
	}
	if desc {
		return accountKey{^at, ^a.seq}
	}
	return accountKey{at, a.seq}
}

// parsedTime caches the parse of a timestamp the fake wrote, as a number
// that orders like the time.
type parsedTime struct {
	raw string
	at  uint64
}

func (p *parsedTime) of(raw string) uint64 {
	if raw != p.raw || p.at == 0 {
		p.raw, p.at = raw, sortableTime(raw)
	}
	return p.at
}

// sortableTime maps an RFC 3339 timestamp to a number that orders like the
// time (RFC 3339 strings with fractions do not sort as text); an unreadable
// or out-of-range one sorts first.
func sortableTime(raw string) uint64 {
	t, err := time.Parse(time.RFC3339Nano, raw)
	switch {
	case err != nil || t.Year() < 1678:
		return 1
	case t.Year() > 2261:
		return ^uint64(0)
	}
	return uint64(t.UnixNano()) ^ 1<<63
}

// pageSelector keeps, of the accounts offered, the size smallest keys
// after the cursor, sorted, and counts the matching accounts.
type pageSelector struct {
	after    accountKey
	hasAfter bool
	size     int

	page           []accountHit
	total, skipped int // matching; matching at or before the cursor
}

type accountHit struct {
	key accountKey
	a   *connectedAccount
}

func (s *pageSelector) offer(k accountKey, a *connectedAccount) {
	s.total++
	if s.hasAfter && !s.after.less(k) {
		s.skipped++
		return
	}
	n := len(s.page)
	if n == s.size && !k.less(s.page[n-1].key) {
		return
	}
	i := sort.Search(n, func(i int) bool { return k.less(s.page[i].key) })
	if n < s.size {
		s.page = append(s.page, accountHit{})
	}
	copy(s.page[i+1:], s.page[i:len(s.page)-1])
	s.page[i] = accountHit{k, a}
}
