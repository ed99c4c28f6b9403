package composio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ToolSetParams selects the tools of a [ToolSet]. The filters combine:
// every tool named in Tools, plus the tools of each toolkit in Toolkits
// narrowed by Search and Tags; Limit caps the total. The zero value selects
// nothing.
type ToolSetParams struct {
	// Toolkits are toolkit slugs ("github", "gmail"); each contributes its
	// tools, narrowed by Search and Tags.
	Toolkits []string
	// Tools are tool slugs ("GITHUB_CREATE_AN_ISSUE"), each included
	// whatever the other filters say.
	Tools []string
	// Search is a full-text query over tool names, slugs and descriptions.
	Search string
	// Tags keeps tools carrying any of these tags ("important").
	Tags []string
	// Limit caps the number of Composio tools in the set; 0 means all
	// (every page is fetched).
	Limit int
}

// ToolSet is the tools an agent gets for one user: the model-facing
// definitions of Composio tools (each pinned at the toolkit version whose
// schema was fetched) and of local tools, and the means to run the calls a
// model makes of them. A ToolSet is immutable and safe for concurrent use;
// [ToolSet.With] derives a changed copy.
type ToolSet struct {
	client *Client
	userID string
	tools  []Tool
	defs   FunctionDefinitions
	byName map[string]int // function name -> index into defs
}

// ForUser fetches the tools params selects, for the user userID, as a
// [ToolSet]: the definitions to give a model and the runner of its calls.
// Every page is read; each tool keeps the toolkit version whose schema was
// fetched (the client's configured versions first, as for
// [ToolsService.List]), so the calls run exactly the schemas the model saw.
//
// API: GET /tools
func (s *ToolsService) ForUser(ctx context.Context, userID string, params ToolSetParams, opts ...ToolSetOption) (*ToolSet, error) {
	if strings.TrimSpace(userID) == "" {
		return nil, invalidParam("userID", "must not be empty")
	}
	var tools []Tool
	add := func(p ToolListParams) error {
		for t, err := range s.ListAll(ctx, p) {
			if err != nil {
				return err
			}
			tools = append(tools, t)
			if params.Limit > 0 && len(tools) >= params.Limit {
				return errLimitReached
			}
		}
		return nil
	}
	var err error
	if len(params.Tools) > 0 {
		err = add(ToolListParams{ToolSlugs: strings.Join(params.Tools, ",")})
	}
	for _, tk := range params.Toolkits {
		if err != nil {
			break
		}
		err = add(ToolListParams{ToolkitSlug: tk, Query: params.Search, Tags: params.Tags})
	}
	if err != nil && !errors.Is(err, errLimitReached) {
		return nil, err
	}
	set := &ToolSet{client: s.client, userID: userID, tools: tools}
	set.index()
	if len(opts) > 0 {
		return set.With(opts...)
	}
	return set, nil
}

var errLimitReached = errors.New("limit reached")

func (set *ToolSet) index() {
	set.defs = ToolDefinitions(set.tools)
	set.byName = make(map[string]int, len(set.defs))
	for i, d := range set.defs {
		set.byName[d.Name] = i
	}
}

// A ToolSetOption changes a [ToolSet]: a modifier, a local tool, the
// concurrency bound, file handling. Pass options to [ToolsService.ForUser]
// or [ToolSet.With].
type ToolSetOption interface {
	applyToolSet(*ToolSet) error
}

// With returns a copy of set changed by opts; set itself is unchanged.
func (set *ToolSet) With(opts ...ToolSetOption) (*ToolSet, error) {
	c := *set
	for _, o := range opts {
		if err := o.applyToolSet(&c); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// UserID returns the user the set's tools run for.
func (set *ToolSet) UserID() string { return set.userID }

// Definitions returns the function definitions to give a model, Composio
// tools and local tools alike: names of at most 64 characters, unique
// within the set, and schema modifiers applied. [ToolSet.Handle] maps the
// names back.
func (set *ToolSet) Definitions() FunctionDefinitions {
	return append(FunctionDefinitions(nil), set.defs...)
}

// ToolResult is the outcome of one tool call, ready to send back to the
// model: Content is what the model reads, CallID pairs it with the call.
type ToolResult struct {
	// CallID is the [ToolCall].ID the result answers.
	CallID string
	// Name is the function name the model called.
	Name string
	// ToolSlug is the tool that ran, or would have; empty when the name
	// matches no tool of the set.
	ToolSlug string
	// Content is the text the model reads as the tool's result, a JSON
	// document.
	Content string
	// IsError reports a failure the model can act on: an unknown tool,
	// arguments that are not a JSON object or that the schema rejects, a
	// tool that ran and failed, or an answer about the user's situation (no
	// connected account, an expired connection, a resource not found).
	// Providers mark such results as failures in their vendor's way.
	IsError bool
	// Err is the cause when IsError is set, or when the call did not run
	// because [ToolSet.Handle] stopped (then errors.Is(Err, ErrToolNotRun)).
	Err error
	// Execution is Composio's answer when the tool ran there; nil for local
	// tools and calls that did not run.
	Execution *ToolExecution
}

// ErrToolNotRun marks the result of a call that [ToolSet.Handle] did not
// run because it stopped on a fault of the program (a context that ended,
// a refused key, the API unreachable).
var ErrToolNotRun = errors.New("composio: the tool call did not run")

// Handle runs every tool call of a model turn and returns one result per
// call, in the order of calls, each paired with its call by ID.
//
// Failures the model can fix come back as results with IsError set (see
// [ToolResult.IsError]); Handle returns an error only for faults of the
// program: the context ended, the key was refused (401/403 on the key), or
// the API stayed unreachable after retries. Even then the results are
// returned: calls that finished keep their results, the others carry
// [ErrToolNotRun]. Each call runs at most once.
func (set *ToolSet) Handle(ctx context.Context, calls []ToolCall) ([]ToolResult, error) {
	results := make([]ToolResult, len(calls))
	var stop error
	for i, call := range calls {
		r := &results[i]
		r.CallID, r.Name = call.ID, call.Name
		if stop != nil {
			r.Err = ErrToolNotRun
			continue
		}
		idx, ok := set.byName[call.Name]
		if !ok {
			r.IsError = true
			r.Err = fmt.Errorf("composio: no tool named %q in this tool set", call.Name)
			r.Content = errorContent(r.Err)
			continue
		}
		def := set.defs[idx]
		r.ToolSlug = def.ToolSlug
		exec, err := set.client.Tools.ExecuteCall(ctx, ToolCall{ID: call.ID, Name: def.ToolSlug, Arguments: call.Arguments},
			ToolExecuteParams{UserID: set.userID, Version: def.Version})
		switch {
		case err == nil:
			r.Execution = exec
			r.Content = exec.ModelOutput()
			if r.IsError = !exec.Successful; r.IsError {
				r.Err = exec.Err()
			}
		case errors.Is(err, ErrInvalidParams):
			r.IsError, r.Err, r.Content = true, err, errorContent(err)
		default:
			stop = err
			r.Err = err
		}
	}
	return results, stop
}

// errorContent renders err as the JSON a model reads.
func errorContent(err error) string {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{err.Error()})
	return string(b)
}
