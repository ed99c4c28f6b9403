package composiotest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The user instances of MCP servers, and the page-numbered lists MCP uses.

// mcpInstanceWire is a user's instance of an MCP server.
type mcpInstanceWire struct {
	CreatedAt   string `json:"created_at"`
	ID          string `json:"id"`
	InstanceID  string `json:"instance_id"`
	MCPServerID string `json:"mcp_server_id"`
	UpdatedAt   string `json:"updated_at"`
}

// mcpInstancesWire answers the list of a server's instances.
type mcpInstancesWire struct {
	CurrentPage int               `json:"current_page"`
	Instances   []mcpInstanceWire `json:"instances"`
	ServerID    string            `json:"server_id"`
	ServerName  string            `json:"server_name"`
	TotalPages  int               `json:"total_pages"`
}

func mcpInstanceJSON(s *mcpServer, in *mcpInstance) mcpInstanceWire {
	return mcpInstanceWire{ID: in.ID, InstanceID: in.UserID, MCPServerID: s.ID, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt}
}

func (f *Fake) createMCPInstance(w http.ResponseWriter, r *http.Request) {
	s, ok := f.mcpServerOf(w, r, "serverId")
	if !ok {
		return
	}
	var body struct {
		UserID string `json:"user_id"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "user_id", body.UserID) {
		return
	}
	for _, in := range s.instances {
		if in.UserID == body.UserID {
			writeError(w, r, http.StatusConflict, 1903, fmt.Sprintf("Instance %q already exists on MCP server %s", body.UserID, s.ID), "Use the existing instance, or delete it first.")
			return
		}
	}
	now := f.timestamp()
	in := &mcpInstance{ID: f.mcpUUID(), UserID: body.UserID, CreatedAt: now, UpdatedAt: now}
	s.instances = append(s.instances, in)
	writeJSON(w, http.StatusCreated, mcpInstanceJSON(s, in))
}

func (f *Fake) listMCPInstances(w http.ResponseWriter, r *http.Request) {
	s, ok := f.mcpServerOf(w, r, "serverId")
	if !ok {
		return
	}
	q := r.URL.Query()
	if !oneOf(w, r, "order_by", q.Get("order_by"), "created_at", "updated_at") ||
		!oneOf(w, r, "order_direction", q.Get("order_direction"), "asc", "desc") {
		return
	}
	search := strings.ToLower(q.Get("search"))
	var items []*mcpInstance
	for _, in := range s.instances {
		if search == "" || strings.Contains(strings.ToLower(in.UserID), search) || strings.Contains(strings.ToLower(in.ID), search) {
			items = append(items, in)
		}
	}
	mcpSortByTime(items, q.Get("order_by"), q.Get("order_direction"), func(in *mcpInstance) (string, string) { return in.CreatedAt, in.UpdatedAt })
	page, ok := mcpPage(w, r, items)
	if !ok {
		return
	}
	out := []mcpInstanceWire{}
	for _, in := range page.items {
		out = append(out, mcpInstanceJSON(s, in))
	}
	writeJSON(w, http.StatusOK, mcpInstancesWire{Instances: out, ServerID: s.ID, ServerName: s.Name, TotalPages: page.totalPages, CurrentPage: page.current})
}

func (f *Fake) deleteMCPInstance(w http.ResponseWriter, r *http.Request) {
	s, ok := f.mcpServerOf(w, r, "serverId")
	if !ok {
		return
	}
	id := r.PathValue("instanceId")
	i := slices.IndexFunc(s.instances, func(in *mcpInstance) bool { return in.UserID == id || in.ID == id })
	if i < 0 {
		resMCPInstance.notFound(w, r, id)
		return
	}
	in := s.instances[i]
	s.instances = slices.Delete(s.instances, i, i+1)
	// The instance's connected accounts are those of its user made through
	// the server's auth configs.
	accounts := f.accounts()
	deleted := 0
	accounts.order = slices.DeleteFunc(accounts.order, func(a *connectedAccount) bool {
		if a.UserID == in.UserID && a.AuthConfigID != "" && slices.Contains(s.AuthConfigIDs, a.AuthConfigID) {
			delete(accounts.byID, a.ID)
			deleted++
			return true
		}
		return false
	})
	writeJSON(w, http.StatusOK, struct {
		DeletedConnectedAccounts int    `json:"deleted_connected_accounts"`
		Message                  string `json:"message"`
	}{deleted, "MCP server instance " + in.UserID + " deleted"})
}

// mcpNumbered is one page of a list paged by page number.
type mcpNumbered[T any] struct {
	items               []T
	totalPages, current int
}

// mcpPage cuts items by the page_no and limit query parameters
// (defaults 1 and 10), answering 400 itself for bad values.
func mcpPage[T any](w http.ResponseWriter, r *http.Request, items []T) (mcpNumbered[T], bool) {
	q := r.URL.Query()
	pageNo := 1
	if s := q.Get("page_no"); s != "" {
		n, ok := readPositive(w, r, "page_no", s)
		if !ok {
			return mcpNumbered[T]{}, false
		}
		pageNo = n
	}
	limit, ok := readLimit(w, r, q.Get("limit"), 10, noPageMax) // the MCP lists document no maximum
	if !ok {
		return mcpNumbered[T]{}, false
	}
	total := (len(items) + limit - 1) / limit
	start := len(items)
	if pageNo <= total { // (pageNo-1)*limit cannot overflow
		start = (pageNo - 1) * limit
	}
	end := min(start+limit, len(items))
	return mcpNumbered[T]{items: items[start:end], totalPages: total, current: pageNo}, true
}

// mcpSortByTime orders items by created_at (default) or updated_at, newest
// first unless direction is "asc".
func mcpSortByTime[T any](items []T, by, direction string, times func(T) (created, updated string)) {
	key := func(v T) time.Time {
		c, u := times(v)
		if by == "updated_at" {
			c = u
		}
		t, _ := time.Parse(time.RFC3339Nano, c)
		return t
	}
	if direction != "asc" {
		slices.Reverse(items) // ties stay newest first
	}
	slices.SortStableFunc(items, func(a, b T) int {
		if direction == "asc" {
			return key(a).Compare(key(b))
		}
		return key(b).Compare(key(a))
	})
}
