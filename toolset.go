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
// narrowed by Search and Tags (without Toolkits, the tools of every toolkit
// that Search and Tags select); Limit caps the total. The zero value
// selects nothing.
type ToolSetParams struct {
	// Toolkits are toolkit slugs ("github", "gmail"); each contributes its
	// tools, narrowed by Search and Tags.
	Toolkits []string
	// Tools are tool slugs ("GITHUB_CREATE_AN_ISSUE"), each included
	// whatever the other filters say.
	Tools []string
	// Search is a full-text query over tool names, slugs and descriptions:
	// within Toolkits, or over every toolkit when Toolkits is empty.
	Search string
	// Tags keeps tools carrying any of these tags ("important"): within
	// Toolkits, or over every toolkit when Toolkits is empty.
	Tags []string
	// Limit caps the number of Composio tools in the set; 0 means all
	// (every page is fetched).
	Limit int
}

// ToolSet is the tools an agent gets for one user: the model-facing
// definitions of Composio tools (each pinned at the toolkit version whose
// schema was fetched) and of local tools ([LocalTool]), in that order, and
// the means to run the calls a model makes of them ([ToolSet.Handle]). A ToolSet is immutable and safe for concurrent use;
// [ToolSet.With] derives a changed copy.
type ToolSet struct {
	client *Client
	userID string
	tools  []Tool // the Composio tools, as fetched
	locals []*localTool

	concurrency int  // calls at once in Handle; 0 means DefaultConcurrency
	validate    bool // check arguments against the schema before running
	before      []modifier[BeforeExecuteFunc]
	after       []modifier[AfterExecuteFunc]
	schemaMods  []modifier[ModifySchemaFunc]
	uploads     *uploadConfig   // nil: file inputs are left to the caller
	downloads   *downloadConfig // nil: file outputs are left to the caller

	defs    FunctionDefinitions // model-facing, parallel to entries
	entries []*toolEntry
	byName  map[string]int // function name -> index into defs
}

// toolEntry is what the set knows of one tool, worked out when the set is
// built so that handling a call does no schema work.
type toolEntry struct {
	base    FunctionDefinition // as the tool defines it
	def     FunctionDefinition // as the model sees it: base, schema modifiers applied
	tool    *Tool              // the Composio tool, or nil
	local   *localTool         // the local tool, or nil
	toolkit string
	nulls   *nullRule // optional properties of the tool whose null means "absent"
	// uploadRule says where the tool's inputs take files (nil: nowhere).
	uploadRule *fileRule
	// downloadRule says where the tool's output gives files (nil: nowhere).
	downloadRule *fileRule
	before       []BeforeExecuteFunc
	after        []AfterExecuteFunc

	validator lazyValidator
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
	seen := map[string]bool{}
	add := func(p ToolListParams) error {
		for t, err := range s.ListAll(ctx, p) {
			if err != nil {
				return err
			}
			if seen[t.Slug] {
				// A tool named in Tools may also belong to a toolkit of
				// Toolkits: it is listed, and counted, once.
				continue
			}
			seen[t.Slug] = true
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
	if err == nil && len(params.Toolkits) == 0 && (params.Search != "" || len(params.Tags) > 0) {
		err = add(ToolListParams{Query: params.Search, Tags: params.Tags})
	}
	if err != nil && !errors.Is(err, errLimitReached) {
		return nil, err
	}
	set := &ToolSet{client: s.client, userID: userID, tools: tools}
	if len(opts) > 0 {
		return set.With(opts...)
	}
	if err := set.build(); err != nil {
		return nil, err
	}
	return set, nil
}

var errLimitReached = errors.New("limit reached")

// build works out the definitions and entries from the set's tools and
// options.
func (set *ToolSet) build() error {
	set.entries = make([]*toolEntry, 0, len(set.tools)+len(set.locals))
	for i := range set.tools {
		t := &set.tools[i]
		set.entries = append(set.entries, &toolEntry{base: t.FunctionDefinition(), tool: t, toolkit: t.Toolkit.Slug})
	}
	for _, l := range set.locals {
		set.entries = append(set.entries, &toolEntry{base: l.def, local: l})
	}
	set.defs = make(FunctionDefinitions, len(set.entries))
	set.byName = make(map[string]int, len(set.entries))
	for i, e := range set.entries {
		if err := set.prepare(e); err != nil {
			return err
		}
		if _, dup := set.byName[e.def.Name]; dup {
			return fmt.Errorf("%w: two tools of the set are named %q", ErrInvalidParams, e.def.Name)
		}
		set.byName[e.def.Name] = i
		set.defs[i] = e.def
	}
	return nil
}

// prepare applies the schema modifiers to e and works out what handling a
// call needs.
func (set *ToolSet) prepare(e *toolEntry) error {
	var schema map[string]any
	if decodeNumbers(e.base.Parameters, &schema) == nil && schema != nil {
		if inlined, ok := inlineRefs(schema); ok {
			schema = inlined
		}
		if e.tool != nil {
			e.uploadRule = fileRules(schema, "file_uploadable")
			if e.uploadRule != nil && set.uploads != nil {
				// The model gives a local path where the tool takes a file.
				schema = pathSchemas(schema)
				e.base.Parameters, _ = json.Marshal(schema)
			}
		}
		e.nulls = nullRules(schema)
	}
	if e.tool != nil {
		e.downloadRule = downloadRules(e.tool.OutputParameters)
	}
	e.def = e.base
	slug, name := e.base.ToolSlug, e.localName()
	for _, fn := range modifiersFor(set.schemaMods, slug, name) {
		e.def = fn(e.def)
		e.def.ToolSlug, e.def.Version = e.base.ToolSlug, e.base.Version
	}
	if !validFunctionName(e.def.Name) {
		return invalidParam("ModifySchema", fmt.Sprintf("the function name %q of %s must be 1 to 64 letters, digits, _ or -", e.def.Name, slug))
	}
	var params map[string]any
	if decodeNumbers(e.def.Parameters, &params) != nil || params == nil {
		return invalidParam("ModifySchema", "the parameters of "+slug+" must be a JSON object schema")
	}
	e.before = modifiersFor(set.before, slug, name)
	e.after = modifiersFor(set.after, slug, name)
	return nil
}

// localName is the name a local tool was registered under; "" for
// Composio tools.
func (e *toolEntry) localName() string {
	if e.local == nil {
		return ""
	}
	return e.local.name
}

// validFunctionName reports whether every model API takes name as a
// function name.
func validFunctionName(name string) bool {
	if name == "" || len(name) > maxFunctionName {
		return false
	}
	for i := range len(name) {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// A ToolSetOption changes a [ToolSet]: a modifier, a local tool, the
// concurrency bound, file handling. Pass options to [ToolsService.ForUser]
// or [ToolSet.With].
type ToolSetOption interface {
	applyToolSet(*ToolSet) error
}

// toolSetOption is a ToolSetOption as a function.
type toolSetOption func(*ToolSet) error

func (o toolSetOption) applyToolSet(s *ToolSet) error { return o(s) }

// WithConcurrency bounds how many calls of one model turn [ToolSet.Handle]
// runs at once; n must be at least 1 (1 runs them one after another). The
// default is [DefaultConcurrency].
func WithConcurrency(n int) ToolSetOption {
	return toolSetOption(func(s *ToolSet) error {
		if n < 1 {
			return invalidParam("WithConcurrency", fmt.Sprintf("n must be at least 1, got %d", n))
		}
		s.concurrency = n
		return nil
	})
}

// WithArgumentValidation makes [ToolSet.Handle] check each call's
// arguments against the schema the model saw before running it; arguments
// it rejects come back to the model as a failed result naming the problem,
// and the tool does not run. on false turns the check off again. Off by
// default: the API checks arguments too, at the cost of a round trip.
//
// The check is JSON Schema (draft 2020-12, or draft-07 when the schema
// says so) by github.com/google/jsonschema-go; a tool whose schema that
// library cannot read is run unchecked rather than refused.
func WithArgumentValidation(on bool) ToolSetOption {
	return toolSetOption(func(s *ToolSet) error {
		s.validate = on
		return nil
	})
}

// With returns a copy of set changed by opts; set itself is unchanged.
func (set *ToolSet) With(opts ...ToolSetOption) (*ToolSet, error) {
	c := *set
	for _, o := range opts {
		if err := o.applyToolSet(&c); err != nil {
			return nil, err
		}
	}
	if err := c.build(); err != nil {
		return nil, err
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
