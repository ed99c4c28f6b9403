package composiotest

import (
	"net/http"
)

// toolState holds the tool catalog. Tool execution (tools, tool router
// sessions) goes through executeTool.
type toolState struct {
	bySlug map[string]*fakeTool
	order  []*fakeTool
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
}

// toolCall is what a running tool sees.
type toolCall struct {
	f       *Fake
	Args    map[string]any
	UserID  string
	Account *connectedAccount // nil for no-auth tools
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
	for _, t := range seedTools() {
		s.add(t)
	}
}

func (s *toolState) add(t *fakeTool) {
	if _, dup := s.bySlug[t.Slug]; !dup {
		s.order = append(s.order, t)
	}
	s.bySlug[t.Slug] = t
}

// seedTools is the minimal catalog every resource can rely on.
func seedTools() []*fakeTool {
	return []*fakeTool{
		{
			Slug: "COMPOSIO_ECHO", Name: "Echo", ToolkitSlug: "composio", Version: "20250901_00", NoAuth: true,
			Description: "Returns its arguments unchanged.",
			InputParameters: map[string]any{"type": "object", "properties": map[string]any{
				"message": map[string]any{"type": "string", "description": "Text to echo back."},
			}, "required": []any{"message"}},
			Run: func(c toolCall) (map[string]any, string) { return map[string]any{"echo": c.Args}, "" },
		},
	}
}

// executeTool runs slug for a user or connected account. Request problems
// (unknown tool, missing account) are answered on w and ok is false; a tool
// that ran and failed is a successful answer with Successful false.
// The caller holds f.mu.
func (f *Fake) executeTool(w http.ResponseWriter, r *http.Request, slug, userID, accountID string, args map[string]any) (out toolOutcome, ok bool) {
	t, found := stateOf[toolState](f).bySlug[slug]
	if !found {
		notFound(w, r, "Tool", slug)
		return out, false
	}
	call := toolCall{f: f, Args: args, UserID: userID}
	if !t.NoAuth {
		a, ok := f.activeAccount(w, r, t.ToolkitSlug, userID, accountID)
		if !ok {
			return out, false
		}
		call.Account = a
	}
	data, failure := t.Run(call)
	out = toolOutcome{Data: data, Successful: failure == "", LogID: f.newID("log")}
	if failure != "" {
		out.Error = &failure
	}
	if out.Data == nil {
		out.Data = map[string]any{}
	}
	return out, true
}
