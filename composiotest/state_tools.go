package composiotest

import (
	"context"
	"net/http"
	"strings"
)

// toolState holds the tool catalog, and what the tools that keep state
// (issues created, emails sent) have done. Tool execution (tools, tool
// router sessions) goes through executeTool.
type toolState struct {
	bySlug map[string]*fakeTool
	order  []*fakeTool

	issues map[string][]map[string]any // by "owner/repo"
	emails []map[string]any            // sent, oldest first
	serial int                         // issue and message numbers
}

// fakeTool is one tool of the catalog, with an implementation that runs.
type fakeTool struct {
	Slug, Name, Description, ToolkitSlug, Version string
	Tags                                          []string
	InputParameters, OutputParameters             map[string]any
	NoAuth                                        bool
	// Run computes the tool's data, or returns a tool-level failure message
	// (answered as successful: false, not as an HTTP error).
	Run func(call toolCall) (data map[string]any, failure string)

	// Scopes are the flat OAuth scopes; ScopeReqs the structured form, each
	// entry a scope (string) or a choice of scopes ([]string). A nil
	// ScopeReqs renders as null: a legacy tool.
	Scopes    []string
	ScopeReqs []any
	// Important tools are featured (important=true, tag "important").
	Important  bool
	Deprecated bool
}

// toolCall is what a running tool sees.
type toolCall struct {
	f       *Fake
	Args    map[string]any
	UserID  string
	Account *connectedAccount // nil for no-auth tools
	// Ctx is the request's context: a tool that waits stops when the
	// client gives up.
	Ctx context.Context
	// Origin is the fake's scheme and host as the client reached it, for
	// URLs in a tool's output.
	Origin string
}

// toolOutcome is the body of an execution answer.
type toolOutcome struct {
	Data       map[string]any `json:"data"`
	Error      *string        `json:"error"`
	Successful bool           `json:"successful"`
	LogID      string         `json:"log_id"`
}

func (s *toolState) seed(*Fake) {
	s.bySlug = map[string]*fakeTool{}
	s.issues = map[string][]map[string]any{}
	for _, t := range append(seedTools(), seedFileTools()...) {
		s.add(t)
	}
}

func (s *toolState) add(t *fakeTool) {
	if _, dup := s.bySlug[t.Slug]; !dup {
		s.order = append(s.order, t)
	}
	s.bySlug[t.Slug] = t
}

// tool finds a tool by slug, in any case. The caller holds f.mu.
func (f *Fake) tool(slug string) (*fakeTool, bool) {
	t, ok := f.tools().bySlug[strings.ToUpper(slug)]
	return t, ok
}

// executeTool runs slug for a user or connected account. Request problems
// (unknown tool, missing account) are answered on w and ok is false; a tool
// that ran and failed (bad arguments included) is a successful answer with
// Successful false. The caller holds f.mu.
func (f *Fake) executeTool(w http.ResponseWriter, r *http.Request, slug, userID, accountID string, args map[string]any) (out toolOutcome, ok bool) {
	t, found := find(w, r, resTool, slug, f.tool)
	if !found {
		return out, false
	}
	var account *connectedAccount
	if !t.NoAuth {
		a, ok := f.activeAccount(w, r, t.ToolkitSlug, userID, accountID)
		if !ok {
			return out, false
		}
		account = a
	}
	return f.runTool(r, t, userID, account, args), true
}

// runTool validates args against the tool's schema and runs it.
func (f *Fake) runTool(r *http.Request, t *fakeTool, userID string, account *connectedAccount, args map[string]any) toolOutcome {
	if args == nil {
		args = map[string]any{}
	}
	var data map[string]any
	start := f.now()
	failure := validateArgs(t.InputParameters, args)
	if failure == "" {
		data, failure = t.Run(toolCall{f: f, Args: args, UserID: userID, Account: account, Ctx: r.Context(), Origin: origin(r)})
	}
	out := toolOutcome{Data: data, Successful: failure == "", LogID: f.newID("log")}
	if failure != "" {
		out.Error = &failure
	}
	if out.Data == nil {
		out.Data = map[string]any{}
	}
	f.recordToolLog(r, t, userID, account, args, out, start)
	return out
}
