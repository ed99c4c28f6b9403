package composiotest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Usage is metered from the fake's tool execution logs: "tool_calls" counts
// executions, "sessions" counts distinct tool router sessions. All logs
// belong to the default project.

var usageUnits = map[string]string{"tool_calls": "calls", "sessions": "sessions"}

type usageBody struct {
	From           *int64   `json:"from"`
	To             *int64   `json:"to"`
	EntityTypes    []string `json:"entity_types"`
	GroupBy        string   `json:"group_by"`
	OrderBy        string   `json:"order_by"`
	OrderDirection string   `json:"order_direction"`
	Limit          *int     `json:"limit"`
	Filters        struct {
		UserID    []string `json:"user_id"`
		SessionID []string `json:"session_id"`
		ProjectID []string `json:"project_id"`
	} `json:"filters"`
}

// usageLogs decodes the body and returns the logs it selects.
func (f *Fake) usageLogs(w http.ResponseWriter, r *http.Request, org bool) (usageBody, []*fakeLog, bool) {
	var b usageBody
	if !decodeBody(w, r, &b) {
		return b, nil, false
	}
	if !org && b.Filters.ProjectID != nil {
		badRequest(w, r, "filters.project_id is accepted by the organization usage endpoints only", "filters: Unrecognized key(s) in object: 'project_id'")
		return b, nil, false
	}
	to := f.now().UnixMilli()
	if b.To != nil {
		to = *b.To
	}
	from := to - (30 * 24 * time.Hour).Milliseconds()
	if b.From != nil {
		from = *b.From
	}
	if from >= to {
		badRequest(w, r, "from must be before to")
		return b, nil, false
	}
	if len(b.Filters.ProjectID) > 0 && !slices.Contains(b.Filters.ProjectID, fakeProjectID) {
		return b, nil, true // only the default project has usage
	}
	var out []*fakeLog
	for _, l := range f.logs().logs {
		at := l.At.UnixMilli()
		if at < from || at >= to || !(len(b.Filters.UserID) == 0 || slices.Contains(b.Filters.UserID, l.UserID)) ||
			!(len(b.Filters.SessionID) == 0 || slices.Contains(b.Filters.SessionID, l.SessionID)) {
			continue
		}
		out = append(out, l)
	}
	return b, out, true
}

// usageOf totals logs for an entity type: the quantity and the events.
func usageOf(entity string, logs []*fakeLog) (quantity, events int) {
	if entity == "tool_calls" {
		return len(logs), len(logs)
	}
	seen := map[string]bool{}
	for _, l := range logs {
		if l.SessionID != "" {
			events++
			seen[l.SessionID] = true
		}
	}
	return len(seen), events
}

func (f *Fake) usageSummary(w http.ResponseWriter, r *http.Request, org bool) {
	b, logs, ok := f.usageLogs(w, r, org)
	if !ok {
		return
	}
	entities := map[string]usageTotalWire{} // by entity type
	for entity, unit := range usageUnits {
		if len(b.EntityTypes) > 0 && !slices.Contains(b.EntityTypes, entity) {
			continue
		}
		q, n := usageOf(entity, logs)
		entities[entity] = usageTotalWire{Unit: unit, TotalQuantity: strconv.Itoa(q), EventCount: n}
	}
	writeJSON(w, http.StatusOK, struct {
		Entities map[string]usageTotalWire `json:"entities"`
	}{entities})
}

// usageTotalWire is an entity type's usage in the summary.
type usageTotalWire struct {
	EventCount    int    `json:"event_count"`
	TotalQuantity string `json:"total_quantity"`
	Unit          string `json:"unit"`
}

func (f *Fake) usageByEntity(w http.ResponseWriter, r *http.Request, org bool) {
	entity := r.PathValue("entity_type")
	unit, known := usageUnits[entity]
	if !known {
		badRequest(w, r, "entity_type must be one of sessions, tool_calls", "entity_type: Invalid enum value '"+entity+"'")
		return
	}
	b, logs, ok := f.usageLogs(w, r, org)
	if !ok {
		return
	}
	groupBy := b.GroupBy
	if groupBy == "" {
		groupBy = map[string]string{"tool_calls": "tool_slug", "sessions": "user_id"}[entity]
	}
	dims := []string{"tool_slug", "toolkit_slug", "user_id", "session_id"}
	if org {
		dims = append(dims, "project_id")
	}
	if !oneOf(w, r, "group_by", groupBy, dims...) || !oneOf(w, r, "order_by", b.OrderBy, "key", "total_quantity", "event_count") ||
		!oneOf(w, r, "order_direction", b.OrderDirection, "asc", "desc") {
		return
	}
	limit := 100
	if b.Limit != nil {
		if *b.Limit < 1 || *b.Limit > 1000 {
			badRequest(w, r, "limit must be between 1 and 1000")
			return
		}
		limit = *b.Limit
	}
	byKey := map[string][]*fakeLog{}
	for _, l := range logs {
		k := fakeProjectID
		if groupBy != "project_id" {
			k = l.field(groupBy)
		}
		byKey[k] = append(byKey[k], l)
	}
	type group struct {
		Key           string `json:"key"`
		TotalQuantity string `json:"total_quantity"`
		EventCount    int    `json:"event_count"`
		q             int
	}
	groups := []group{}
	for k, ls := range byKey {
		q, n := usageOf(entity, ls)
		if n > 0 {
			groups = append(groups, group{Key: k, TotalQuantity: strconv.Itoa(q), EventCount: n, q: q})
		}
	}
	sortGroups(groups, b.OrderBy, b.OrderDirection, func(g group) (string, int, int) { return g.Key, g.q, g.EventCount })
	q, n := usageOf(entity, logs)
	writeJSON(w, http.StatusOK, struct {
		EntityType    string  `json:"entity_type"`
		EventCount    int     `json:"event_count"`
		Groups        []group `json:"groups"`
		TotalQuantity string  `json:"total_quantity"`
		Unit          string  `json:"unit"`
	}{entity, n, groups[:min(limit, len(groups))], strconv.Itoa(q), unit})
}

// sortGroups orders usage groups by key, quantity or event count (default
// quantity), descending unless asked otherwise; ties break on the key.
func sortGroups[G any](groups []G, orderBy, direction string, fields func(G) (string, int, int)) {
	slices.SortFunc(groups, func(a, b G) int {
		ka, qa, ea := fields(a)
		kb, qb, eb := fields(b)
		c := 0
		switch orderBy {
		case "key":
			c = strings.Compare(ka, kb)
		case "event_count":
			c = ea - eb
		default:
			c = qa - qb
		}
		switch {
		case c == 0:
			return strings.Compare(ka, kb)
		case direction == "asc":
			return c
		}
		return -c
	})
}

func (f *Fake) orgUsageSummary(w http.ResponseWriter, r *http.Request)  { f.usageSummary(w, r, true) }
func (f *Fake) orgUsageByEntity(w http.ResponseWriter, r *http.Request) { f.usageByEntity(w, r, true) }
func (f *Fake) projectUsageSummary(w http.ResponseWriter, r *http.Request) {
	f.usageSummary(w, r, false)
}
func (f *Fake) projectUsageByEntity(w http.ResponseWriter, r *http.Request) {
	f.usageByEntity(w, r, false)
}
