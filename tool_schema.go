package composio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
)

// FunctionDefinition is a tool as a model sees it: a function name, a
// description and a JSON schema of the arguments. Its methods render the
// tool-list entry of each model provider, so tools drop into OpenAI,
// Anthropic or Gemini requests without their SDKs: marshal the result to
// JSON, or into the SDK's own type.
type FunctionDefinition struct {
	// Name is the tool slug, shortened when longer than the 64 characters
	// providers accept; map it back with [FunctionDefinitions.Find].
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`

	// ToolSlug and Version identify the tool and the toolkit version the
	// schema belongs to. Not part of any provider's shape.
	ToolSlug string `json:"-"`
	Version  string `json:"-"`
}

// maxFunctionName is the longest function name OpenAI, Anthropic and
// Gemini all accept.
const maxFunctionName = 64

// FunctionDefinition returns t as a model function. Parameters is t's
// input schema, an object schema with "properties" always present.
func (t Tool) FunctionDefinition() FunctionDefinition {
	desc := t.Description
	if desc == "" {
		desc = t.Name
	}
	return FunctionDefinition{Name: functionName(t.Slug), Description: desc, Parameters: objectSchema(t.InputParameters),
		ToolSlug: t.Slug, Version: t.Version}
}

// functionName is slug when it fits, else a prefix of it and a hash of the
// whole, so two long slugs never share a name.
func functionName(slug string) string {
	if len(slug) <= maxFunctionName {
		return slug
	}
	h := fnv.New32a()
	h.Write([]byte(slug))
	return fmt.Sprintf("%s_%08x", slug[:maxFunctionName-9], h.Sum32())
}

// Find returns the definition a model's function name refers to, with the
// tool slug and version to execute.
func (ds FunctionDefinitions) Find(name string) (FunctionDefinition, bool) {
	for _, d := range ds {
		if d.Name == name {
			return d, true
		}
	}
	return FunctionDefinition{}, false
}

// ToolDefinitions returns the function definitions of tools, in order.
func ToolDefinitions(tools []Tool) FunctionDefinitions {
	out := make(FunctionDefinitions, len(tools))
	for i, t := range tools {
		out[i] = t.FunctionDefinition()
	}
	return out
}

// FunctionDefinitions is a model's tool list in neutral form.
type FunctionDefinitions []FunctionDefinition

// OpenAITool is an entry of the OpenAI Chat Completions "tools" list.
type OpenAITool struct {
	Type     string             `json:"type"` // "function"
	Function FunctionDefinition `json:"function"`
}

// OpenAIResponsesTool is an entry of the OpenAI Responses API "tools" list.
type OpenAIResponsesTool struct {
	Type        string          `json:"type"` // "function"
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`
}

// AnthropicTool is an entry of the Anthropic Messages API "tools" list.
type AnthropicTool struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	InputSchema json.RawMessage `json:"input_schema"`
}

// GeminiFunctionDeclaration is an entry of a Gemini tool's
// "functionDeclarations". Parameters is omitted for tools without inputs.
type GeminiFunctionDeclaration struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
}

// GeminiTool is one entry of the Gemini "tools" list.
type GeminiTool struct {
	FunctionDeclarations []GeminiFunctionDeclaration `json:"functionDeclarations"`
}

// maxOpenAIDescription is the longest function description, in
// characters, the Chat Completions API accepts; it answers 400 above it.
const maxOpenAIDescription = 1024

// OpenAI renders d for the Chat Completions API. A description longer than
// the 1024 characters that API accepts is cut to fit.
func (d FunctionDefinition) OpenAI() OpenAITool {
	d.Description = truncateRunes(d.Description, maxOpenAIDescription)
	return OpenAITool{Type: "function", Function: d}
}

// truncateRunes returns s cut to at most n characters (runes).
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// OpenAIResponses renders d for the Responses API.
func (d FunctionDefinition) OpenAIResponses() OpenAIResponsesTool {
	return OpenAIResponsesTool{Type: "function", Name: d.Name, Description: d.Description, Parameters: d.Parameters}
}

// Anthropic renders d for the Messages API.
func (d FunctionDefinition) Anthropic() AnthropicTool {
	return AnthropicTool{Name: d.Name, Description: d.Description, InputSchema: d.Parameters}
}

// Gemini renders d for the Gemini API, whose schemas are an OpenAPI subset:
// keywords it rejects are dropped, a ["T", "null"] type becomes nullable,
// properties and required stay on objects only (and required names only
// existing properties; an empty properties goes), enums stay on strings only and without empty
// values, and formats other than those Gemini knows go.
func (d FunctionDefinition) Gemini() GeminiFunctionDeclaration {
	out := GeminiFunctionDeclaration{Name: d.Name, Description: d.Description}
	var schema map[string]any
	if decodeNumbers(d.Parameters, &schema) == nil {
		if props, _ := schema["properties"].(map[string]any); len(props) > 0 {
			out.Parameters, _ = json.Marshal(geminiSchema(schema))
		}
	}
	return out
}

// OpenAI renders the list for the Chat Completions API.
func (ds FunctionDefinitions) OpenAI() []OpenAITool {
	out := make([]OpenAITool, len(ds))
	for i, d := range ds {
		out[i] = d.OpenAI()
	}
	return out
}

// OpenAIResponses renders the list for the Responses API.
func (ds FunctionDefinitions) OpenAIResponses() []OpenAIResponsesTool {
	out := make([]OpenAIResponsesTool, len(ds))
	for i, d := range ds {
		out[i] = d.OpenAIResponses()
	}
	return out
}

// Anthropic renders the list for the Messages API.
func (ds FunctionDefinitions) Anthropic() []AnthropicTool {
	out := make([]AnthropicTool, len(ds))
	for i, d := range ds {
		out[i] = d.Anthropic()
	}
	return out
}

// Gemini renders the list as one Gemini tool holding every declaration.
func (ds FunctionDefinitions) Gemini() GeminiTool {
	out := GeminiTool{FunctionDeclarations: make([]GeminiFunctionDeclaration, len(ds))}
	for i, d := range ds {
		out.FunctionDeclarations[i] = d.Gemini()
	}
	return out
}

// ToolCall is a model's request to run a tool: the function it names and
// the arguments as the JSON text it wrote.
type ToolCall struct {
	// ID is the provider's id for the call, to pair the result with it.
	// Not sent to Composio.
	ID string
	// Name is the tool slug. A model answers with the function name; when
	// that was shortened, set Name to [FunctionDefinition].ToolSlug.
	Name string
	// Arguments is a JSON object; empty means no arguments.
	Arguments string
}

// ExecuteCall runs a model's tool call through [ToolsService.Execute]:
// call.Name is the tool slug and call.Arguments become params.Arguments.
// params carries the rest (UserID, Version, ...); versions resolve as for
// Execute. Set params.Version to the [FunctionDefinition].Version the
// model saw (see [FunctionDefinitions.Find]) to run exactly that schema.
//
// API: POST /tools/execute/{tool_slug}
func (s *ToolsService) ExecuteCall(ctx context.Context, call ToolCall, params ToolExecuteParams, opts ...RequestOption) (*ToolExecution, error) {
	if strings.TrimSpace(call.Name) == "" {
		return nil, invalidParam("ToolCall.Name", "must not be empty")
	}
	if params.Arguments != nil || params.Text != "" {
		return nil, invalidParam("arguments", "come from the tool call; leave params.Arguments and params.Text empty")
	}
	args, err := callArguments(call.Arguments)
	if err != nil {
		return nil, invalidParam("ToolCall.Arguments", err.Error())
	}
	params.Arguments = args
	return s.execute(ctx, call.Name, params, opts)
}

// callArguments decodes a model's argument text, which must be a JSON
// object (or empty). Numbers keep their exact text.
func callArguments(s string) (map[string]any, error) {
	if strings.TrimSpace(s) == "" {
		return map[string]any{}, nil
	}
	var args map[string]any
	if err := decodeNumbers([]byte(s), &args); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	if args == nil {
		args = map[string]any{}
	}
	return args, nil
}

// ModelOutput renders the execution as the text a model reads back as the
// tool's result: the data when it succeeded, else the error with the data.
func (e *ToolExecution) ModelOutput() string {
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("null")
	}
	var v any
	if e.Successful {
		v = struct {
			Data json.RawMessage `json:"data"`
		}{data}
	} else {
		v = struct {
			Error string          `json:"error"`
			Data  json.RawMessage `json:"data"`
		}{e.Error, data}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf(`{"error":%q}`, err.Error())
	}
	return string(b)
}

// decodeNumbers unmarshals JSON keeping numbers as json.Number, so
// schema bounds and integer arguments survive exactly.
func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data after JSON value")
	}
	return nil
}

// objectSchema normalizes an input schema to an object schema with
// properties, which every provider requires of a function's parameters,
// and gives item-less arrays an items schema, which OpenAI requires.
func objectSchema(raw json.RawMessage) json.RawMessage {
	var schema map[string]any
	if len(bytes.TrimSpace(raw)) == 0 || decodeNumbers(raw, &schema) != nil || schema == nil {
		schema = map[string]any{}
	}
	schema["type"] = "object"
	if _, ok := schema["properties"].(map[string]any); !ok {
		schema["properties"] = map[string]any{}
	}
	if req, ok := schema["required"].([]any); ok {
		// Duplicated required entries are refused by some providers.
		seen := map[any]bool{}
		out := req[:0:0]
		for _, r := range req {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
		schema["required"] = out
	}
	fillArrayItems(schema)
	b, _ := json.Marshal(schema)
	return b
}

// fillArrayItems gives every array schema under s that has no "items" an
// empty one (any value): OpenAI refuses an array schema without items
// ("array schema missing items"), and {} says no more than its absence.
func fillArrayItems(s map[string]any) {
	isArray := s["type"] == "array"
	if types, ok := s["type"].([]any); ok {
		isArray = slices.Contains(types, any("array"))
	}
	if _, ok := s["items"]; isArray && !ok {
		s["items"] = map[string]any{}
	}
	for _, key := range []string{"properties", "$defs", "definitions", "patternProperties"} {
		if m, ok := s[key].(map[string]any); ok {
			for _, v := range m {
				if sub, ok := v.(map[string]any); ok {
					fillArrayItems(sub)
				}
			}
		}
	}
	for _, key := range []string{"items", "additionalProperties", "not"} {
		if sub, ok := s[key].(map[string]any); ok {
			fillArrayItems(sub)
		}
	}
	for _, key := range []string{"anyOf", "oneOf", "allOf", "prefixItems"} {
		if list, ok := s[key].([]any); ok {
			for _, v := range list {
				if sub, ok := v.(map[string]any); ok {
					fillArrayItems(sub)
				}
			}
		}
	}
}

// geminiKeys are the schema keywords the Gemini API accepts.
var geminiKeys = []string{
	"anyOf", "default", "description", "enum", "example", "format", "items", "maxItems", "maxLength",
	"maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum", "nullable",
	"pattern", "properties", "propertyOrdering", "required", "title", "type",
}

// geminiFormats are the formats Gemini accepts, by type.
var geminiFormats = map[any][]any{
	"string":  {"enum", "date-time"},
	"number":  {"float", "double"},
	"integer": {"int32", "int64"},
}

// geminiSchema copies s keeping only what Gemini accepts, recursively.
func geminiSchema(s map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		if !slices.Contains(geminiKeys, k) {
			continue
		}
		switch k {
		case "properties":
			props, _ := v.(map[string]any)
			clean := make(map[string]any, len(props))
			for name, p := range props {
				if ps, ok := p.(map[string]any); ok {
					clean[name] = geminiSchema(ps)
				}
			}
			v = clean
		case "items":
			is, _ := v.(map[string]any)
			if len(is) == 0 {
				// An empty items (objectSchema's filler for item-less
				// arrays) tells Gemini nothing.
				continue
			}
			v = geminiSchema(is)
		case "anyOf":
			list, _ := v.([]any)
			clean := make([]any, 0, len(list))
			for _, item := range list {
				if is, ok := item.(map[string]any); ok {
					clean = append(clean, geminiSchema(is))
				}
			}
			v = clean
		case "type":
			if types, ok := v.([]any); ok {
				// ["string", "null"] is Gemini's {"type": "string", "nullable": true}.
				var kept []any
				for _, t := range types {
					if t == "null" {
						out["nullable"] = true
					} else {
						kept = append(kept, t)
					}
				}
				if len(kept) == 0 {
					continue
				}
				v = kept[0]
			}
		}
		out[k] = v
	}
	_, hasProps := out["properties"]
	if _, typed := out["type"]; !typed && hasProps {
		// An object by implication in JSON Schema; Gemini needs it said.
		out["type"] = "object"
	}
	if props, ok := out["properties"].(map[string]any); out["type"] != "object" || (ok && len(props) == 0) {
		// Gemini allows properties and required on objects only, and
		// refuses an empty properties (a free-form object has none).
		delete(out, "properties")
		delete(out, "required")
	}
	if enum, ok := out["enum"].([]any); ok {
		// Gemini takes enums of non-empty strings on string schemas only.
		var kept []any
		if t := out["type"]; t == nil || t == "string" {
			for _, e := range enum {
				if s, ok := e.(string); ok && s != "" {
					kept = append(kept, e)
				}
			}
		}
		if len(kept) == 0 {
			delete(out, "enum")
		} else {
			out["enum"], out["type"] = kept, "string"
		}
	}
	if f, ok := out["format"]; ok && !slices.Contains(geminiFormats[out["type"]], f) {
		// Gemini refuses the other formats ("uri", "email", ...).
		delete(out, "format")
	}
	if req, ok := out["required"].([]any); ok {
		// Gemini refuses required names that are not properties.
		props, _ := out["properties"].(map[string]any)
		kept := []any{}
		for _, r := range req {
			if name, ok := r.(string); ok && props[name] != nil {
				kept = append(kept, r)
			}
		}
		out["required"] = kept
		if len(kept) == 0 {
			delete(out, "required")
		}
	}
	return out
}
