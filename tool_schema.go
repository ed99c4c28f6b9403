package composio

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
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
	// IsStrict says Parameters is in OpenAI's strict form and asks the model
	// API to hold the model to it (sent as "strict": true). Set by
	// [FunctionDefinition.Strict].
	IsStrict bool `json:"strict,omitempty"`

	// ToolSlug and Version identify the tool and the toolkit version the
	// schema belongs to. Not part of any provider's shape.
	ToolSlug string `json:"-"`
	Version  string `json:"-"`
}

// maxFunctionName is the longest function name OpenAI, Anthropic and
// Gemini all accept.
const maxFunctionName = 64

// FunctionDefinition returns t as a model function. Parameters is t's
// input schema, an object schema with "properties" always present and
// without the anyOf, oneOf, allOf, not, enum or const at its root that
// OpenAI and Anthropic refuse (and with them the whole request): the
// properties of anyOf, oneOf and allOf parts join the root's, allOf's
// required names too, and the either-or rules go (the API still checks
// them when the tool runs).
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
	// Strict is true for a definition in strict form (see
	// [FunctionDefinition.Strict]).
	Strict bool `json:"strict,omitempty"`
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
	return OpenAIResponsesTool{Type: "function", Name: d.Name, Description: d.Description, Parameters: d.Parameters, Strict: d.IsStrict}
}

// Anthropic renders d for the Messages API. The input schema is
// d.Parameters as it is, unless its root has anyOf, oneOf or allOf, which
// the Messages API refuses for the whole request: then the properties of
// their parts join the root's (the root's own win), the required names of
// allOf parts join its required, and the either-or rules of anyOf and
// oneOf go (the tool's API still checks them).
func (d FunctionDefinition) Anthropic() AnthropicTool {
	return AnthropicTool{Name: d.Name, Description: d.Description, InputSchema: anthropicSchema(d.Parameters)}
}

// Gemini renders d for the Gemini API, whose schemas are an OpenAPI subset:
// local $refs are inlined (when not recursive), keywords it rejects are dropped, a ["T", "null"] type becomes nullable
// (and so does an anyOf [T, null], becoming T),
// properties and required stay on objects only (and required names only
// existing properties; an empty properties goes), enums stay on strings only and without empty
// values, an array without items gets string items (Gemini refuses an
// array schema without them), and formats other than those Gemini knows go.
func (d FunctionDefinition) Gemini() GeminiFunctionDeclaration {
	out := GeminiFunctionDeclaration{Name: d.Name, Description: d.Description}
	var schema map[string]any
	if decodeNumbers(d.Parameters, &schema) == nil {
		if inlined, ok := inlineRefs(schema); ok {
			schema = inlined
		}
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
