package composiotest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode"
)

type routerSearchQuery struct {
	UseCase     string `json:"use_case"`
	KnownFields string `json:"known_fields"`
}

func (f *Fake) routerSearch(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body struct {
		Queries      []routerSearchQuery  `json:"queries"`
		Model        string               `json:"model"`
		Experimental map[string]routerRaw `json:"experimental"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if len(body.Queries) == 0 {
		badRequest(w, r, "queries must list at least one query", "queries: Array must contain at least 1 element(s)")
		return
	}
	for i, q := range body.Queries {
		field := fmt.Sprintf("queries[%d]", i)
		if !requireFields(w, r, field+".use_case", q.UseCase) {
			return
		}
		if len(q.UseCase) > 1024 || len(q.KnownFields) > 500 {
			badRequest(w, r, field+": use_case is limited to 1024 characters and known_fields to 500")
			return
		}
	}
	if _, ok := f.inlineCustoms(w, r, body.Experimental); ok {
		writeJSON(w, http.StatusOK, f.searchResult(s, body.Queries))
	}
}

// searchResult ranks the session's tools for each query by how many of the
// query's words their slug, name, description and toolkit contain.
func (f *Fake) searchResult(s *routerSession, queries []routerSearchQuery) searchWire {
	allowed := s.allowedTools(f)
	results := []searchResultWire{}
	schemas := map[string]toolSchemaWire{}
	var toolkits []string
	for i, q := range queries {
		words := routerSearchWords(q.UseCase)
		type scored struct {
			t     *fakeTool
			score int
		}
		var hits []scored
		for _, t := range allowed {
			text := strings.ToLower(strings.ReplaceAll(t.Slug, "_", " ") + " " + t.Name + " " + t.Description + " " + t.ToolkitSlug)
			n := 0
			for _, w := range words {
				if strings.Contains(text, w) {
					n++
				}
			}
			if n > 0 {
				hits = append(hits, scored{t, n})
			}
		}
		slices.SortStableFunc(hits, func(a, b scored) int { return b.score - a.score })
		primary, related, qToolkits := []string{}, []string{}, []string{}
		for j, h := range hits {
			switch {
			case j < 3:
				primary = append(primary, h.t.Slug)
			case j < 8:
				related = append(related, h.t.Slug)
			default:
				continue
			}
			schemas[h.t.Slug] = routerToolSchema(h.t)
			qToolkits = mergeSlugs(qToolkits, []string{h.t.ToolkitSlug})
		}
		toolkits = mergeSlugs(toolkits, qToolkits)
		res := searchResultWire{
			Index: i + 1, UseCase: q.UseCase, PrimaryToolSlugs: primary, RelatedToolSlugs: related,
			Toolkits: qToolkits, Memory: map[string][]string{},
			Difficulty: "easy - a single tool call with known parameters",
		}
		if len(primary) == 0 {
			res.ExecutionGuidance = "No tool in this session matches; rephrase the use case or widen the session's toolkits."
		} else {
			res.ExecutionGuidance = "Call " + primary[0] + " with arguments that match its input schema."
		}
		results = append(results, res)
	}
	statuses := []connectionStatusWire{}
	for _, slug := range toolkits {
		statuses = append(statuses, f.routerConnectionStatus(s, slug))
	}
	now := f.now().UTC()
	return searchWire{
		Success: true, Results: results,
		ToolkitConnectionStatuses: statuses, ToolSchemas: schemas,
		TimeInfo: timeInfoWire{
			CurrentTimeUTC: now.Format("2006-01-02T15:04:05.000Z"), CurrentTimeUTCEpochSeconds: now.Unix(),
			Message: "Times are UTC; convert to the user's timezone when presenting them.",
		},
		Session: searchSessionWire{ID: s.ID, Instructions: "Pass this session id as session_id to later meta tool calls."},
		NextStepsGuidance: []string{
			"Connect any toolkit whose has_active_connection is false with COMPOSIO_MANAGE_CONNECTIONS.",
			"Execute the primary tools with COMPOSIO_MULTI_EXECUTE_TOOL, arguments matching tool_schemas.",
		},
	}
}

// searchWire answers a session's search (and is the data of the
// COMPOSIO_SEARCH_TOOLS meta tool).
type searchWire struct {
	Error                     *string                   `json:"error"` // always null in the fake
	NextStepsGuidance         []string                  `json:"next_steps_guidance"`
	Results                   []searchResultWire        `json:"results"`
	Session                   searchSessionWire         `json:"session"`
	Success                   bool                      `json:"success"`
	TimeInfo                  timeInfoWire              `json:"time_info"`
	ToolSchemas               map[string]toolSchemaWire `json:"tool_schemas"` // by tool slug
	ToolkitConnectionStatuses []connectionStatusWire    `json:"toolkit_connection_statuses"`
}

// searchResultWire is the answer to one query of a search.
type searchResultWire struct {
	Difficulty        string              `json:"difficulty"`
	Error             *string             `json:"error"` // always null in the fake
	ExecutionGuidance string              `json:"execution_guidance"`
	Index             int                 `json:"index"`
	Memory            map[string][]string `json:"memory"`
	PrimaryToolSlugs  []string            `json:"primary_tool_slugs"`
	RelatedToolSlugs  []string            `json:"related_tool_slugs"`
	Toolkits          []string            `json:"toolkits"`
	UseCase           string              `json:"use_case"`
}

type searchSessionWire struct {
	GenerateID   bool   `json:"generate_id"`
	ID           string `json:"id"`
	Instructions string `json:"instructions"`
}

type timeInfoWire struct {
	CurrentTimeUTC             string `json:"current_time_utc"`
	CurrentTimeUTCEpochSeconds int64  `json:"current_time_utc_epoch_seconds"`
	Message                    string `json:"message"`
}

// toolSchemaWire is a tool's schema in a search or COMPOSIO_GET_TOOL_SCHEMAS.
type toolSchemaWire struct {
	Description   string         `json:"description"`
	HasFullSchema bool           `json:"hasFullSchema"`
	InputSchema   map[string]any `json:"input_schema"` // the tool's JSON Schema
	ToolSlug      string         `json:"tool_slug"`
	Toolkit       string         `json:"toolkit"`
}

// connectionStatusWire is a toolkit's entry in toolkit_connection_statuses.
type connectionStatusWire struct {
	AccountType         string                 `json:"account_type,omitempty"`
	ConnectionDetails   *connectionDetailsWire `json:"connection_details,omitempty"`
	Description         string                 `json:"description"`
	HasActiveConnection bool                   `json:"has_active_connection"`
	StatusMessage       string                 `json:"status_message"`
	Toolkit             string                 `json:"toolkit"`
}

type connectionDetailsWire struct {
	AuthConfigID       string `json:"auth_config_id"`
	ConnectedAccountID string `json:"connected_account_id"`
}

var routerStopWords = map[string]bool{"the": true, "and": true, "for": true, "with": true, "from": true, "that": true, "this": true, "into": true, "back": true}

// routerSearchWords are the distinct words of s worth matching: lower case, three
// letters or more, no stop words.
func routerSearchWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 && !routerStopWords[w] && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func routerToolSchema(t *fakeTool) toolSchemaWire {
	return toolSchemaWire{Toolkit: t.ToolkitSlug, ToolSlug: t.Slug, Description: t.Description,
		InputSchema: routerNonNilMap(t.InputParameters), HasFullSchema: true}
}

// routerConnectionStatus is a toolkit's entry in toolkit_connection_statuses.
func (f *Fake) routerConnectionStatus(s *routerSession, slug string) connectionStatusWire {
	t, _ := f.toolkit(slug)
	out := connectionStatusWire{Toolkit: slug}
	if t == nil {
		out.StatusMessage = "Unknown toolkit."
		return out
	}
	out.Description = t.Description
	switch a, _ := f.sessionAccount(s, t.Slug, ""); {
	case len(t.AuthSchemes) == 0:
		out.HasActiveConnection = true
		out.StatusMessage = t.Name + " needs no connection."
	case a != nil:
		out.HasActiveConnection = true
		out.ConnectionDetails = &connectionDetailsWire{ConnectedAccountID: a.ID, AuthConfigID: a.AuthConfigID}
		out.AccountType = "PRIVATE"
		out.StatusMessage = t.Name + " is connected."
	default:
		out.StatusMessage = t.Name + " is not connected: use COMPOSIO_MANAGE_CONNECTIONS to get a link for the user."
	}
	return out
}

func (f *Fake) routerTools(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	after, size, ok := queryPage(w, r, maxSessionTools)
	if !ok {
		return
	}
	var items listing[toolJSON]
	for i, t := range f.tools().order { // the catalog: positions never shift
		if !s.toolAllowed(t) {
			continue
		}
		// A session lists a tool as GET /tools does, at its newest version.
		v, _ := f.toolVersion(t, "latest")
		items.add(posKey(i), f.renderTool(t, v))
	}
	writeJSON(w, http.StatusOK, pageOf(items, after, size))
}

func (f *Fake) routerToolkits(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	after, size, ok := queryPage(w, r, maxResourcePage)
	if !ok {
		return
	}
	connected, ok := queryBool(r, "is_connected")
	if !ok {
		badRequest(w, r, "is_connected must be true or false")
		return
	}
	only := queryList(r, "toolkits")
	search := strings.ToLower(r.URL.Query().Get("search"))
	var items listing[sessionToolkitWire]
	for i, t := range f.toolkits().order {
		if len(only) > 0 {
			if !matches(only, t.Slug) {
				continue
			}
		} else if t.Deprecated || !s.toolkitAllowed(t.Slug) {
			continue
		}
		if search != "" && !strings.Contains(strings.ToLower(t.Slug+" "+t.Name+" "+t.Description), search) {
			continue
		}
		a, _ := f.sessionAccount(s, t.Slug, "")
		if connected != nil && *connected != (a != nil) {
			continue
		}
		item := sessionToolkitWire{
			Name: t.Name, Slug: t.Slug, Enabled: true, IsNoAuth: len(t.AuthSchemes) == 0,
			ComposioManagedAuthSchemes: nonNil(t.ManagedSchemes),
			Meta:                       sessionToolkitMetaWire{Logo: "https://logos.composio.dev/api/" + t.Slug, Description: t.Description},
		}
		if a != nil {
			scheme := ""
			if len(t.AuthSchemes) > 0 {
				scheme = t.AuthSchemes[0]
			}
			item.ConnectedAccount = &sessionAccountWire{
				ID: a.ID, UserID: a.UserID, Status: a.Status, CreatedAt: a.CreatedAt,
				AuthConfig: sessionAuthConfigWire{ID: a.AuthConfigID, AuthScheme: scheme, IsComposioManaged: slices.Contains(t.ManagedSchemes, scheme)},
			}
		}
		items.add(posKey(i), item)
	}
	writeJSON(w, http.StatusOK, pageOf(items, after, size))
}

// sessionToolkitWire is a toolkit of a session's list.
type sessionToolkitWire struct {
	ComposioManagedAuthSchemes []string               `json:"composio_managed_auth_schemes"`
	ConnectedAccount           *sessionAccountWire    `json:"connected_account"` // null when the user has none
	Enabled                    bool                   `json:"enabled"`
	IsNoAuth                   bool                   `json:"is_no_auth"`
	Meta                       sessionToolkitMetaWire `json:"meta"`
	Name                       string                 `json:"name"`
	Slug                       string                 `json:"slug"`
}

type sessionToolkitMetaWire struct {
	Description string `json:"description"`
	Logo        string `json:"logo"`
}

type sessionAccountWire struct {
	AuthConfig sessionAuthConfigWire `json:"auth_config"`
	CreatedAt  string                `json:"created_at"`
	ID         string                `json:"id"`
	Status     string                `json:"status"`
	UserID     string                `json:"user_id"`
}

type sessionAuthConfigWire struct {
	AuthScheme        string `json:"auth_scheme"`
	ID                string `json:"id"`
	IsComposioManaged bool   `json:"is_composio_managed"`
}

// sessionLinkWire answers POST .../link.
type sessionLinkWire struct {
	ConnectedAccountID string              `json:"connected_account_id"`
	Experimental       *sessionSharingWire `json:"experimental,omitempty"`
	LinkToken          string              `json:"link_token"`
	RedirectURL        string              `json:"redirect_url"`
}

type sessionSharingWire struct {
	AccountType string          `json:"account_type"`
	ACL         *sessionACLWire `json:"acl_config_for_shared,omitempty"`
}

type sessionACLWire struct {
	AllowAllUsers     bool `json:"allow_all_users"`
	AllowedUserIDs    any  `json:"allowed_user_ids"` // echoed as sent, [] when absent
	NotAllowedUserIDs any  `json:"not_allowed_user_ids"`
}

// routerLink is a connection started from a session, pending until the
// user opens its URL.
type routerLink struct {
	account     *connectedAccount
	callbackURL string
	token, url  string
}

// startLink creates the INITIATED account and the link that activates it.
func (f *Fake) startLink(r *http.Request, s *routerSession, t *fakeToolkit, alias, callbackURL string) *routerLink {
	now := f.timestamp()
	a := &connectedAccount{
		ID: f.newID("ca"), UserID: s.Config.UserID, ToolkitSlug: t.Slug, AuthConfigID: s.Config.AuthConfigs[t.Slug],
		Status: "INITIATED", Alias: alias, CreatedAt: now, UpdatedAt: now,
	}
	f.accounts().add(a)
	token := f.newID("lt")
	link := &routerLink{account: a, callbackURL: callbackURL, token: token, url: origin(r) + "/fake/router-link/" + token}
	if s.LinkURLOverwrite != "" {
		link.url = strings.TrimSuffix(s.LinkURLOverwrite, "/") + "/link/" + token
	}
	f.routers().links[token] = link
	return link
}

func (f *Fake) routerLinkStart(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body struct {
		Toolkit      string         `json:"toolkit"`
		Alias        string         `json:"alias"`
		CallbackURL  string         `json:"callback_url"`
		Experimental map[string]any `json:"experimental"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "toolkit", body.Toolkit) {
		return
	}
	t, ok := find(w, r, resToolkit, body.Toolkit, f.toolkit)
	switch {
	case !ok:
		return
	case len(t.AuthSchemes) == 0:
		badRequest(w, r, "Toolkit "+t.Slug+" needs no connection; execute its tools directly")
		return
	case !s.toolkitAllowed(t.Slug):
		writeError(w, r, http.StatusForbidden, 4302, "Toolkit "+t.Slug+" is not enabled in session "+s.ID, "Allow it in the session's toolkits config.")
		return
	}
	if body.CallbackURL != "" {
		if u, err := url.Parse(body.CallbackURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			badRequest(w, r, "callback_url must be an http or https URL")
			return
		}
	}
	if body.Alias != "" {
		for _, a := range f.accounts().order {
			if a.UserID == s.Config.UserID && a.ToolkitSlug == t.Slug && a.Alias == body.Alias {
				writeError(w, r, http.StatusConflict, 1812, fmt.Sprintf("Alias %q is already used by account %s", body.Alias, a.ID), "Choose another alias.")
				return
			}
		}
	}
	link := f.startLink(r, s, t, body.Alias, body.CallbackURL)
	out := sessionLinkWire{LinkToken: link.token, RedirectURL: link.url, ConnectedAccountID: link.account.ID}
	if body.Experimental != nil {
		exp := &sessionSharingWire{AccountType: "PRIVATE"}
		if at, _ := body.Experimental["account_type"].(string); at != "" {
			if !oneOf(w, r, "experimental.account_type", at, "PRIVATE", "SHARED") {
				return
			}
			exp.AccountType = at
		}
		if acl, ok := body.Experimental["acl_config_for_shared"].(map[string]any); ok {
			exp.ACL = &sessionACLWire{
				AllowAllUsers: acl["allow_all_users"] == true, AllowedUserIDs: routerNonNilList(acl["allowed_user_ids"]),
				NotAllowedUserIDs: routerNonNilList(acl["not_allowed_user_ids"]),
			}
		}
		out.Experimental = exp
	}
	writeJSON(w, http.StatusCreated, out)
}

func routerNonNilList(v any) any {
	if v == nil {
		return []string{}
	}
	return v
}

// routerLinkComplete is the page the user opens: it activates the account
// and sends the user to the callback URL, as the real connect flow does.
func (f *Fake) routerLinkComplete(w http.ResponseWriter, r *http.Request) {
	links := f.routers().links
	link, ok := links[r.PathValue("token")]
	if !ok {
		http.Error(w, "This connection link is unknown or was already used.", http.StatusNotFound)
		return
	}
	delete(links, r.PathValue("token"))
	link.account.Status = "ACTIVE"
	link.account.UpdatedAt = f.timestamp()
	if link.callbackURL != "" {
		u, _ := url.Parse(link.callbackURL)
		q := u.Query()
		q.Set("status", "success")
		q.Set("connected_account_id", link.account.ID)
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.String(), http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Connected</title><p>Your %s account is connected. You can close this page.</p>\n", link.account.ToolkitSlug)
}
