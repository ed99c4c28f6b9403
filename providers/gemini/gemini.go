package geminiprovider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	composio "github.com/ComposioHQ/composio-go"
	"google.golang.org/genai"
)

// errNilSet is the error for a nil tool set.
var errNilSet = fmt.Errorf("%w: set: must not be nil", composio.ErrInvalidParams)

// Tool returns the tools of set as one Gemini tool holding a function
// declaration per tool, in the order of [composio.ToolSet.Definitions],
// for [genai.GenerateContentConfig].Tools:
//
//	config := &genai.GenerateContentConfig{Tools: []*genai.Tool{geminiprovider.Tool(set)}}
//
// A nil set has no tool: Tool returns nil.
func Tool(set *composio.ToolSet) *genai.Tool {
	if set == nil {
		return nil
	}
	defs := set.Definitions()
	decls := make([]*genai.FunctionDeclaration, len(defs))
	for i, d := range defs {
		decls[i] = FunctionDeclaration(d)
	}
	return &genai.Tool{FunctionDeclarations: decls}
}

// FunctionDeclaration returns d as a Gemini function declaration: its name,
// its description and its parameters as a [genai.Schema].
//
// The schema is the Gemini-safe form of [composio.FunctionDefinition.Gemini]
// (keywords Gemini refuses dropped, ["T", "null"] types and anyOf [T, null]
// made a nullable T, item-less arrays given string items, unknown formats
// removed), with types in the SDK's [genai.Type] names
// ("OBJECT", "STRING", ...). It goes in Parameters, the OpenAPI-subset
// field every Gemini model and both backends (Gemini API, Vertex AI)
// accept, rather than ParametersJsonSchema, which not all of them take.
// A tool without inputs has no Parameters.
func FunctionDeclaration(d composio.FunctionDefinition) *genai.FunctionDeclaration {
	g := d.Gemini()
	decl := &genai.FunctionDeclaration{Name: g.Name, Description: g.Description}
	if len(g.Parameters) > 0 {
		var m map[string]any
		if decodeNumbers(g.Parameters, &m) == nil {
			decl.Parameters = schema(m)
		}
	}
	return decl
}

// ToolCalls returns the function calls of resp's first candidate (the one
// [genai.GenerateContentResponse.Text] reads), in order: the call's id
// (often empty on the Gemini API), the function name and its args as a
// JSON object. A nil resp has none. Every function call is taken: when
// the request also declared functions of your own, take their calls out
// before [composio.ToolSet.Handle] and add their responses to the same
// content.
func ToolCalls(resp *genai.GenerateContentResponse) []composio.ToolCall {
	if resp == nil || len(resp.Candidates) == 0 || resp.Candidates[0] == nil || resp.Candidates[0].Content == nil {
		return nil
	}
	var calls []composio.ToolCall
	for _, p := range resp.Candidates[0].Content.Parts {
		if p == nil || p.FunctionCall == nil {
			continue
		}
		fc := p.FunctionCall
		args := ""
		if fc.Args != nil {
			b, err := json.Marshal(fc.Args)
			if err != nil {
				// Args came from JSON, so this takes a map built in code
				// with a value JSON cannot hold; the call then fails as
				// having arguments that are not an object.
				b = []byte(`"unencodable arguments"`)
			}
			args = string(b)
		}
		calls = append(calls, composio.ToolCall{ID: fc.ID, Name: fc.Name, Arguments: args})
	}
	return calls
}

// ToolResults returns results as the content that answers the function
// calls they came from: role "user" with one FunctionResponse part per
// result, in the order of the calls, each with the call's id (when the
// model gave one) and function name, so the model pairs them by id or,
// without ids, by position. The response of a success is
// {"output": <Content>}; that of a failure ([composio.ToolResult].IsError,
// or a call that did not run) is {"error": <Content>}, the keys Gemini
// documents. Content is decoded as JSON when it is JSON, else kept as text.
func ToolResults(results []composio.ToolResult) *genai.Content {
	parts := make([]*genai.Part, len(results))
	for i, r := range results {
		key := "output"
		if failed(r) {
			key = "error"
		}
		parts[i] = &genai.Part{FunctionResponse: &genai.FunctionResponse{
			ID:       r.CallID,
			Name:     r.Name,
			Response: map[string]any{key: resultValue(r)},
		}}
	}
	return &genai.Content{Role: genai.RoleUser, Parts: parts}
}

// failed reports whether r goes back to the model as a failure.
func failed(r composio.ToolResult) bool {
	return r.IsError || r.Err != nil || r.Content == ""
}

// resultValue is r's content as the model reads it: the decoded JSON, the
// text when it is not JSON, or what stopped a call that did not run.
func resultValue(r composio.ToolResult) any {
	if r.Content == "" {
		msg := composio.ErrToolNotRun.Error()
		if r.Err != nil {
			msg = r.Err.Error()
		}
		return msg
	}
	var v any
	if decodeNumbers([]byte(r.Content), &v) != nil {
		return r.Content
	}
	return v
}

// HandleToolCalls runs every function call of resp through set (see
// [composio.ToolSet.Handle]) and returns the content of their responses
// (see [ToolResults]), to append after the model's content
// (resp.Candidates[0].Content, as it came: it carries the thought
// signatures Gemini wants back) in the next request. Failures the model can
// act on are responses under "error", not errors.
//
// When resp calls no function, the content is nil and the error nil. The
// error is set only for a fault of the program (the context ended, the
// Composio key was refused, the API unreachable); the content is still
// complete then, the calls that did not run answered under "error". A nil
// set is an error wrapping [composio.ErrInvalidParams], whatever resp holds.
func HandleToolCalls(ctx context.Context, set *composio.ToolSet, resp *genai.GenerateContentResponse) (*genai.Content, error) {
	if set == nil {
		return nil, errNilSet
	}
	calls := ToolCalls(resp)
	if len(calls) == 0 {
		return nil, nil
	}
	results, err := set.Handle(ctx, calls)
	for i := range min(len(results), len(calls)) {
		// Handle answers in call order; pair by position, as Gemini does
		// for calls without ids.
		results[i].CallID, results[i].Name = calls[i].ID, calls[i].Name
	}
	return ToolResults(results), err
}

// decodeNumbers unmarshals JSON keeping numbers as json.Number, so
// integers and bounds keep their exact text.
func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}
