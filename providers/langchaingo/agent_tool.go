package langchainprovider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/tmc/langchaingo/tools"
)

// maxDescription is the longest function description OpenAI accepts; an
// agent sends a tool's description as one.
const maxDescription = 1024

// AgentTool is one tool of a [composio.ToolSet] as a LangChainGo
// tools.Tool, for its agents (agents.NewOpenAIFunctionsAgent,
// agents.NewOneShotAgent, ...). Those agents give a tool a single string
// input, so the description tells the model to write the arguments as a
// JSON object, and [AgentTool.Call] runs that object through
// [composio.ToolSet.Handle].
type AgentTool struct {
	set  *composio.ToolSet
	def  composio.FunctionDefinition
	desc string
}

var _ tools.Tool = (*AgentTool)(nil)

// AgentTools returns every tool of set as an [AgentTool], in the order of
// set.Definitions(). A nil set has no tools: AgentTools returns nil.
func AgentTools(set *composio.ToolSet) []tools.Tool {
	if set == nil {
		return nil
	}
	defs := set.Definitions()
	out := make([]tools.Tool, len(defs))
	for i, d := range defs {
		out[i] = &AgentTool{set: set, def: d, desc: agentDescription(d)}
	}
	return out
}

// Name returns the tool's function name, as in [Tools].
func (t *AgentTool) Name() string { return t.def.Name }

// Description returns the tool's description followed by its arguments
// (name, type, whether required, description), cut to 1024 characters.
func (t *AgentTool) Description() string { return t.desc }

// Definition returns the function definition the tool was made from.
func (t *AgentTool) Definition() composio.FunctionDefinition { return t.def }

// Call runs the tool with input, a JSON object of arguments (empty means
// none), and returns what the model reads: the tool's JSON result, or for
// a failure the model can fix (input that is not a JSON object, arguments
// the schema rejects, a tool that failed) a JSON document with an "error"
// member, with a nil error so that the agent goes on. The error is for
// faults of the program (the context ended, the key refused, the API
// unreachable), which stop the agent. An AgentTool without a set (the zero
// value; make them with [AgentTools]) returns an error wrapping
// [composio.ErrInvalidParams].
func (t *AgentTool) Call(ctx context.Context, input string) (string, error) {
	if t.set == nil {
		return "", errNilSet
	}
	results, err := t.set.Handle(ctx, []composio.ToolCall{{Name: t.def.Name, Arguments: strings.TrimSpace(input)}})
	if err != nil {
		return "", err
	}
	return results[0].Content, nil
}

// agentDescription renders d's description and its arguments, one line
// each (required ones first), cut to maxDescription characters.
func agentDescription(d composio.FunctionDefinition) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(d.Description))
	var schema struct {
		Properties map[string]struct {
			Type        any    `json:"type"`
			Description string `json:"description"`
			Enum        []any  `json:"enum"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	_ = json.Unmarshal(d.Parameters, &schema)
	if len(schema.Properties) == 0 {
		b.WriteString("\nInput: {} (no arguments).")
		return cut(b.String())
	}
	names := make([]string, 0, len(schema.Properties))
	for n := range schema.Properties {
		names = append(names, n)
	}
	required := func(n string) bool { return slices.Contains(schema.Required, n) }
	slices.SortFunc(names, func(a, b string) int {
		if ra, rb := required(a), required(b); ra != rb {
			if ra {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	b.WriteString("\nInput: a JSON object of these arguments:")
	for _, n := range names {
		p := schema.Properties[n]
		fmt.Fprintf(&b, "\n- %s (%s", n, typeName(p.Type))
		if required(n) {
			b.WriteString(", required")
		}
		if len(p.Enum) > 0 {
			vals := make([]string, len(p.Enum))
			for i, v := range p.Enum {
				vals[i] = fmt.Sprint(v)
			}
			fmt.Fprintf(&b, ", one of %s", strings.Join(vals, ", "))
		}
		b.WriteString(")")
		if desc := strings.TrimSpace(p.Description); desc != "" {
			b.WriteString(": " + desc)
		}
	}
	return cut(b.String())
}

// typeName renders a schema "type": a name, a list of names, or "any".
func typeName(t any) string {
	switch t := t.(type) {
	case string:
		return t
	case []any:
		names := make([]string, 0, len(t))
		for _, n := range t {
			names = append(names, fmt.Sprint(n))
		}
		return strings.Join(names, " or ")
	}
	return "any"
}

// cut returns s with at most maxDescription characters (runes).
func cut(s string) string {
	n := 0
	for i := range s {
		if n == maxDescription {
			return s[:i]
		}
		n++
	}
	return s
}
