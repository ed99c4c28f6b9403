package composio

import (
	"context"
	"strings"
)

// ToolRequest is a call about to run, as [BeforeExecuteFunc] modifiers see
// and change it.
type ToolRequest struct {
	// CallID, Name and ToolSlug identify the call: the model's call id, the
	// function name it used and the tool that runs. Changes to them are
	// ignored.
	CallID   string
	Name     string
	ToolSlug string
	// ToolkitSlug is the tool's toolkit ("github"); empty for local tools.
	ToolkitSlug string
	// Arguments are the call's arguments, decoded from the model's JSON and
	// normalised (numbers are json.Number). Modifiers may change them, in
	// place or by setting a new map.
	Arguments map[string]any
	// Params carries the rest of a Composio execution: UserID (the set's
	// user), Version (the pinned toolkit version), ConnectedAccountID,
	// CustomAuthParams, ... Its Arguments and Text are ignored: Arguments
	// above is what is sent. Local tools ignore Params.
	Params ToolExecuteParams
}

// BeforeExecuteFunc is a modifier that runs before a call executes. It
// returns the request to run, changed or not; an error refuses the call:
// the tool does not run, and the model reads the error as the call's
// failed result.
type BeforeExecuteFunc func(ctx context.Context, req ToolRequest) (ToolRequest, error)

// AfterExecuteFunc is a modifier that runs after a call executed
// (successfully or not), with the request as it ran and the execution:
// Composio's answer, or a local tool's result in the same shape (Data its
// JSON, Successful false and Error its message when it failed). It returns
// the execution the model reads, changed or not (trimmed, redacted,
// summarised); an error replaces the result with that failure. It does not
// run for calls that did not execute (refused, bad arguments, an API
// error). Data is shared with the result's Execution: replace it rather
// than writing into it.
type AfterExecuteFunc func(ctx context.Context, req ToolRequest, exec ToolExecution) (ToolExecution, error)

// ModifySchemaFunc is a modifier that changes a tool's definition before
// the model sees it: its Description, Parameters or Name (Name must stay
// unique in the set, at most 64 characters of letters, digits, _ and -;
// Handle maps the new name back). ToolSlug and Version cannot be changed.
// Returning def.Strict() offers the tool in strict mode.
type ModifySchemaFunc func(def FunctionDefinition) FunctionDefinition

// BeforeExecute adds a modifier run before each call of the tools named by
// slugs (tool slugs such as "GITHUB_CREATE_AN_ISSUE", or a local tool's
// name, in any case), or of every tool when slugs is empty.
//
// Modifiers of one kind run in the order they were added, across
// [ToolSet.With] calls (those of ForUser first), each seeing the request
// the previous one returned. A call runs through: argument normalisation
// and validation; BeforeExecute modifiers; file uploads (see
// [WithFileUploads]); the execution; file downloads ([WithFileDownloads]);
// AfterExecute modifiers. So both kinds see what the model sees: local
// paths, not file references.
func BeforeExecute(fn BeforeExecuteFunc, slugs ...string) ToolSetOption {
	m := modifier[BeforeExecuteFunc]{fn: fn, slugs: upperAll(slugs)}
	return toolSetOption(func(s *ToolSet) error {
		if fn == nil {
			return invalidParam("BeforeExecute", "the function must not be nil")
		}
		s.before = append(s.before[:len(s.before):len(s.before)], m)
		return nil
	})
}

// AfterExecute adds a modifier run after each call of the tools named by
// slugs, or of every tool when slugs is empty; the order is that of
// [BeforeExecute].
func AfterExecute(fn AfterExecuteFunc, slugs ...string) ToolSetOption {
	m := modifier[AfterExecuteFunc]{fn: fn, slugs: upperAll(slugs)}
	return toolSetOption(func(s *ToolSet) error {
		if fn == nil {
			return invalidParam("AfterExecute", "the function must not be nil")
		}
		s.after = append(s.after[:len(s.after):len(s.after)], m)
		return nil
	})
}

// ModifySchema adds a modifier of the definitions of the tools named by
// slugs, or of every tool when slugs is empty, local tools included, those
// added later too. Schema modifiers run in the order added, each on the
// definition the previous one returned.
func ModifySchema(fn ModifySchemaFunc, slugs ...string) ToolSetOption {
	m := modifier[ModifySchemaFunc]{fn: fn, slugs: upperAll(slugs)}
	return toolSetOption(func(s *ToolSet) error {
		if fn == nil {
			return invalidParam("ModifySchema", "the function must not be nil")
		}
		s.schemaMods = append(s.schemaMods[:len(s.schemaMods):len(s.schemaMods)], m)
		return nil
	})
}

// modifier is a modifier function and the tools it applies to.
type modifier[F any] struct {
	fn    F
	slugs []string // upper case; empty: every tool
}

// appliesTo reports whether m is for the tool slug, or for the local tool
// of that slug named name.
func (m modifier[F]) appliesTo(slug, name string) bool {
	if len(m.slugs) == 0 {
		return true
	}
	for _, s := range m.slugs {
		if s == strings.ToUpper(slug) || (name != "" && s == strings.ToUpper(name)) {
			return true
		}
	}
	return false
}

// modifiersFor picks the functions of mods that apply to a tool.
func modifiersFor[F any](mods []modifier[F], slug, name string) []F {
	var out []F
	for _, m := range mods {
		if m.appliesTo(slug, name) {
			out = append(out, m.fn)
		}
	}
	return out
}

func upperAll(slugs []string) []string {
	out := make([]string, len(slugs))
	for i, s := range slugs {
		out[i] = strings.ToUpper(strings.TrimSpace(s))
	}
	return out
}

// CallInfo describes the call a local tool or a modifier runs for; read
// it from their context with [CallInfoFromContext].
type CallInfo struct {
	// Client is the set's client, to call Composio from a local tool.
	Client *Client
	// UserID is the user the set runs tools for.
	UserID string
	// CallID, Name and ToolSlug identify the call.
	CallID, Name, ToolSlug string
}

type callInfoKey struct{}

// CallInfoFromContext returns the call a local tool or modifier was given
// ctx for; false outside of [ToolSet.Handle].
func CallInfoFromContext(ctx context.Context) (CallInfo, bool) {
	info, ok := ctx.Value(callInfoKey{}).(*CallInfo)
	if !ok {
		return CallInfo{}, false
	}
	return *info, true
}
