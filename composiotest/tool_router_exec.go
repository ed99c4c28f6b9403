package composiotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

var routerMetaTools = []string{
	"COMPOSIO_SEARCH_TOOLS", "COMPOSIO_MULTI_EXECUTE_TOOL", "COMPOSIO_MANAGE_CONNECTIONS", "COMPOSIO_WAIT_FOR_CONNECTIONS",
	"COMPOSIO_REMOTE_WORKBENCH", "COMPOSIO_REMOTE_BASH_TOOL", "COMPOSIO_GET_TOOL_SCHEMAS",
}

// routerOutcome is the body of a session execution answer.
// asObject is v as the free-form object a tool's data is: a meta tool
// answers a wire struct, which a tool result carries as a JSON object.
// Numbers stay json.Number, so the object encodes to the same bytes.
func asObject(v any) map[string]any {
	raw, _ := json.Marshal(v)
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var out map[string]any
	_ = d.Decode(&out)
	return out
}

type routerOutcome struct {
	Data  map[string]any `json:"data"`
	Error *string        `json:"error"`
	LogID string         `json:"log_id"`
}

func (f *Fake) routerFailure(msg string) routerOutcome {
	return routerOutcome{Data: map[string]any{}, Error: &msg, LogID: f.newID("log")}
}

func (f *Fake) routerExecute(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body struct {
		ToolSlug     string               `json:"tool_slug"`
		Arguments    map[string]any       `json:"arguments"`
		Account      string               `json:"account"`
		Offload      *bool                `json:"enable_auto_workbench_offload"`
		Experimental map[string]routerRaw `json:"experimental"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "tool_slug", body.ToolSlug) {
		return
	}
	if _, ok := f.inlineCustoms(w, r, body.Experimental); !ok {
		return
	}
	slug := strings.ToUpper(body.ToolSlug)
	if slices.Contains(routerMetaTools, slug) {
		f.runMeta(w, r, s, slug, body.Arguments)
		return
	}
	t, ok := f.sessionTool(w, r, s, slug)
	if !ok {
		return
	}
	accountID := ""
	if !t.NoAuth {
		a, problem := f.sessionAccount(s, t.ToolkitSlug, body.Account)
		if a == nil {
			writeError(w, r, http.StatusBadRequest, 1811, problem, "Connect an account with POST /api/v3.1/tool_router/session/{session_id}/link.")
			return
		}
		accountID = a.ID
	}
	out, ok := f.executeTool(w, r, t.Slug, s.Config.UserID, accountID, routerNonNilMap(body.Arguments))
	if ok {
		writeJSON(w, http.StatusOK, routerOutcome{Data: out.Data, Error: out.Error, LogID: out.LogID})
	}
}

func (f *Fake) routerExecuteMeta(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body struct {
		Slug         string               `json:"slug"`
		Arguments    map[string]any       `json:"arguments"`
		Experimental map[string]routerRaw `json:"experimental"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "slug", body.Slug) || !oneOf(w, r, "slug", body.Slug, routerMetaTools...) {
		return
	}
	if _, ok := f.inlineCustoms(w, r, body.Experimental); ok {
		f.runMeta(w, r, s, body.Slug, body.Arguments)
	}
}

// sessionTool finds a catalog tool the session exposes, answering itself
// when there is none.
func (f *Fake) sessionTool(w http.ResponseWriter, r *http.Request, s *routerSession, slug string) (*fakeTool, bool) {
	if strings.HasPrefix(slug, "LOCAL_") {
		badRequest(w, r, "Custom tool "+slug+" runs in your program, not on the server")
		return nil, false
	}
	t, ok := lookup(w, r, resToolAny, f.tools().bySlug, slug)
	if !ok {
		return nil, false
	}
	if !s.toolAllowed(t) {
		writeError(w, r, http.StatusForbidden, 4302, fmt.Sprintf("Tool %s is not available in session %s", slug, s.ID),
			"Allow its toolkit and the tool in the session config (toolkits, tools, tags).")
		return nil, false
	}
	return t, true
}

// sessionAccount picks the ACTIVE account a session runs toolkit's tools
// as: the one named by account (id or alias), else a pinned one, else the
// user's first. It explains the problem when there is none.
func (f *Fake) sessionAccount(s *routerSession, toolkit, account string) (*connectedAccount, string) {
	pinned := s.Config.ConnectedAccounts[toolkit]
	for _, a := range f.accounts().order {
		switch {
		case a.UserID != s.Config.UserID || a.ToolkitSlug != toolkit,
			account != "" && a.ID != account && a.Alias != account,
			account == "" && len(pinned) > 0 && !slices.Contains(pinned, a.ID):
			continue
		case a.Status != "ACTIVE":
			if account != "" {
				return nil, fmt.Sprintf("Connected account %s is %s, not ACTIVE", account, a.Status)
			}
			continue
		}
		return a, ""
	}
	if account != "" {
		return nil, fmt.Sprintf("No %s account %q for user %s", toolkit, account, s.Config.UserID)
	}
	return nil, fmt.Sprintf("No ACTIVE connected account for user %s and toolkit %s", s.Config.UserID, toolkit)
}

// runMeta runs a meta tool and answers its outcome.
func (f *Fake) runMeta(w http.ResponseWriter, r *http.Request, s *routerSession, slug string, args map[string]any) {
	if !slices.Contains(s.metaTools(), slug) {
		writeError(w, r, http.StatusForbidden, 4303, fmt.Sprintf("Meta tool %s is not enabled in session %s", slug, s.ID), "Enable it in the session config.")
		return
	}
	writeJSON(w, http.StatusOK, f.metaOutcome(r, s, slug, args))
}

// metaOutcome runs an enabled meta tool of session s.
func (f *Fake) metaOutcome(r *http.Request, s *routerSession, slug string, args map[string]any) routerOutcome {
	out := routerOutcome{LogID: f.newID("log")}
	switch slug {
	case "COMPOSIO_SEARCH_TOOLS":
		var queries []routerSearchQuery
		for _, q := range routerListArg(args, "queries") {
			if m, ok := q.(map[string]any); ok {
				uc, _ := m["use_case"].(string)
				kf, _ := m["known_fields"].(string)
				queries = append(queries, routerSearchQuery{UseCase: uc, KnownFields: kf})
			}
		}
		if len(queries) == 0 {
			out = f.routerFailure("arguments.queries must list at least one {use_case}")
			break
		}
		out.Data = asObject(f.searchResult(s, queries))
	case "COMPOSIO_GET_TOOL_SCHEMAS":
		schemas, missing := map[string]toolSchemaWire{}, []string{}
		for _, v := range routerListArg(args, "tool_slugs") {
			slug, _ := v.(string)
			if t, ok := f.tools().bySlug[strings.ToUpper(slug)]; ok && s.toolAllowed(t) {
				schemas[t.Slug] = routerToolSchema(t)
			} else {
				missing = append(missing, slug)
			}
		}
		out.Data = asObject(struct {
			NotFound    []string                  `json:"not_found"`
			ToolSchemas map[string]toolSchemaWire `json:"tool_schemas"` // by tool slug
		}{missing, schemas})
	case "COMPOSIO_MULTI_EXECUTE_TOOL":
		results := []multiResultWire{}
		for _, v := range routerListArg(args, "tools") {
			item, _ := v.(map[string]any)
			results = append(results, f.multiExecuteOne(r, s, item))
		}
		out.Data = asObject(struct {
			Results []multiResultWire `json:"results"`
		}{results})
	case "COMPOSIO_MANAGE_CONNECTIONS", "COMPOSIO_WAIT_FOR_CONNECTIONS":
		start := slug == "COMPOSIO_MANAGE_CONNECTIONS" // waiting only reports
		results := map[string]toolkitConnectionWire{}  // by toolkit, as asked
		for _, v := range routerListArg(args, "toolkits") {
			tk, _ := v.(string)
			results[tk] = f.routerConnectionOf(r, s, strings.ToLower(tk), start)
		}
		out.Data = asObject(struct {
			Results map[string]toolkitConnectionWire `json:"results"`
		}{results})
	default: // the workbench tools
		out = f.routerFailure(slug + " needs a remote sandbox, which the fake server does not run")
	}
	return out
}

// routerSessionGone reports whether s was deleted, which can happen while
// a slow tool runs without the lock.
func (f *Fake) routerSessionGone(s *routerSession) bool {
	return f.routers().byID[s.ID] != s
}

// multiExecuteOne runs one entry of COMPOSIO_MULTI_EXECUTE_TOOL as
// Tools.Execute would (arguments checked against the schema); problems are
// reported in the entry, not as an HTTP error.
func (f *Fake) multiExecuteOne(r *http.Request, s *routerSession, item map[string]any) multiResultWire {
	slug, _ := item["tool_slug"].(string)
	slug = strings.ToUpper(slug)
	args, _ := item["arguments"].(map[string]any)
	account, _ := item["account"].(string)
	fail := func(msg string) multiResultWire {
		return multiResultWire{ToolSlug: slug, Response: toolResponseWire{Data: map[string]any{}, Error: &msg}}
	}
	if f.routerSessionGone(s) { // while an earlier entry slept
		return fail("session " + s.ID + " was deleted")
	}
	t, ok := f.tools().bySlug[slug]
	if !ok || !s.toolAllowed(t) {
		return fail("Tool " + slug + " is not available in this session")
	}
	var acct *connectedAccount
	if !t.NoAuth {
		a, problem := f.sessionAccount(s, t.ToolkitSlug, account)
		if a == nil {
			return fail(problem)
		}
		acct = a
	}
	out := f.runTool(r, t, s.Config.UserID, acct, args)
	return multiResultWire{ToolSlug: slug, Response: toolResponseWire{Data: out.Data, Error: out.Error, Successful: out.Successful, LogID: &out.LogID}}
}

// multiResultWire is one entry of COMPOSIO_MULTI_EXECUTE_TOOL's results.
type multiResultWire struct {
	Response toolResponseWire `json:"response"`
	ToolSlug string           `json:"tool_slug"`
}

// toolResponseWire is a tool's answer inside a meta tool's results.
type toolResponseWire struct {
	Data       map[string]any `json:"data"` // the tool's output, free-form
	Error      *string        `json:"error"`
	LogID      *string        `json:"log_id,omitempty"` // none when the tool did not run
	Successful bool           `json:"successful"`
}

// toolkitConnectionWire is a toolkit's entry in COMPOSIO_MANAGE_CONNECTIONS
// (and COMPOSIO_WAIT_FOR_CONNECTIONS) results.
type toolkitConnectionWire struct {
	ConnectedAccountID string `json:"connected_account_id,omitempty"`
	Error              string `json:"error,omitempty"`
	RedirectURL        string `json:"redirect_url,omitempty"`
	Status             string `json:"status"`
}

// routerConnectionOf reports the user's connection to a toolkit; with start, a
// missing one gets a link to connect.
func (f *Fake) routerConnectionOf(r *http.Request, s *routerSession, slug string, start bool) toolkitConnectionWire {
	t, ok := f.toolkit(slug)
	switch {
	case !ok:
		return toolkitConnectionWire{Status: "error", Error: "unknown toolkit " + slug}
	case len(t.AuthSchemes) == 0:
		return toolkitConnectionWire{Status: "no_auth_required"}
	}
	if a, _ := f.sessionAccount(s, t.Slug, ""); a != nil {
		return toolkitConnectionWire{Status: "active", ConnectedAccountID: a.ID}
	}
	if !start {
		return toolkitConnectionWire{Status: "not_connected"}
	}
	link := f.startLink(r, s, t, "", "")
	return toolkitConnectionWire{Status: "initiated", ConnectedAccountID: link.account.ID, RedirectURL: link.url}
}

func routerListArg(args map[string]any, key string) []any {
	v, _ := args[key].([]any)
	return v
}

func routerNonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func (f *Fake) routerProxyExecute(w http.ResponseWriter, r *http.Request) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return
	}
	var body struct {
		ToolkitSlug string         `json:"toolkit_slug"`
		Endpoint    string         `json:"endpoint"`
		Method      string         `json:"method"`
		Body        routerRaw      `json:"body"`
		BinaryBody  map[string]any `json:"binary_body"`
		Parameters  []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
			Type  string `json:"type"`
		} `json:"parameters"`
		CustomConnectionData map[string]any `json:"custom_connection_data"`
	}
	if !decodeBody(w, r, &body) ||
		!requireFields(w, r, "toolkit_slug", body.ToolkitSlug, "endpoint", body.Endpoint, "method", body.Method) ||
		!oneOf(w, r, "method", body.Method, "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD") {
		return
	}
	if body.BinaryBody != nil {
		u, _ := body.BinaryBody["url"].(string)
		b, _ := body.BinaryBody["base64"].(string)
		if (u == "") == (b == "") {
			badRequest(w, r, "binary_body must have exactly one of url and base64", "binary_body: Invalid input")
			return
		}
	}
	t, ok := find(w, r, resToolkit, body.ToolkitSlug, f.toolkit)
	if !ok {
		return
	}
	headers, query := map[string]string{}, map[string]string{}
	for _, p := range body.Parameters {
		if !oneOf(w, r, "parameters[].type", p.Type, "header", "query") {
			return
		}
		if p.Type == "header" {
			headers[p.Name] = p.Value
		} else {
			query[p.Name] = p.Value
		}
	}
	target := body.Endpoint
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		if t.BaseURL == "" {
			badRequest(w, r, "endpoint must be an absolute URL: toolkit "+t.Slug+" has no base URL")
			return
		}
		target = t.BaseURL + "/" + strings.TrimPrefix(target, "/")
	}
	echo := map[string]any{"method": body.Method, "url": target, "headers": headers, "query": query}
	if len(t.AuthSchemes) > 0 && body.CustomConnectionData == nil {
		a, problem := f.sessionAccount(s, t.Slug, "")
		if a == nil {
			writeError(w, r, http.StatusBadRequest, 1811, problem, "Connect an account with POST /api/v3.1/tool_router/session/{session_id}/link.")
			return
		}
		echo["connected_account_id"] = a.ID
	}
	if len(body.Body) > 0 {
		echo["body"] = body.Body
	}
	if body.BinaryBody != nil {
		echo["binary_body"] = body.BinaryBody
	}
	// The fake reaches no third-party API: it answers with the request it
	// would have sent, so callers can check what they asked for.
	writeJSON(w, http.StatusOK, proxyAnswerWire{
		Status: http.StatusOK, Data: echo,
		Headers: map[string]string{"content-type": "application/json", "x-composio-fake": "proxy-echo"},
	})
}

// proxyAnswerWire answers a proxied request: what the third party would
// have answered, here the echo of the request the fake would have sent.
type proxyAnswerWire struct {
	Data    map[string]any    `json:"data,omitempty"` // free-form: the echo (none for HEAD)
	Headers map[string]string `json:"headers"`
	Status  int               `json:"status"`
}
