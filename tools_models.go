package composio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Tool is one action an agent can take, with the JSON schemas of its
// inputs and outputs.
type Tool struct {
	// Slug identifies the tool, such as "GITHUB_CREATE_AN_ISSUE".
	Slug        string      `json:"slug"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Toolkit     ToolToolkit `json:"toolkit"`
	// InputParameters is the JSON schema of the arguments.
	InputParameters json.RawMessage `json:"input_parameters"`
	// OutputParameters is the JSON schema of the result's data.
	OutputParameters json.RawMessage `json:"output_parameters"`
	// NoAuth is true when the tool runs without a connected account.
	NoAuth bool `json:"no_auth"`
	// Version is the toolkit version this schema belongs to.
	Version           string   `json:"version"`
	AvailableVersions []string `json:"available_versions"`
	// Scopes are the OAuth scopes the tool uses.
	Scopes []string `json:"scopes"`
	// ScopeRequirements is the structured form of Scopes; nil for legacy
	// tools that expose flat scopes only.
	ScopeRequirements *ScopeRequirements `json:"scope_requirements"`
	Tags              []string           `json:"tags"`
	HumanDescription  string             `json:"human_description,omitempty"`
	IsDeprecated      bool               `json:"is_deprecated"`
	Deprecated        ToolDeprecation    `json:"deprecated"`
}

// ToolToolkit names the toolkit a tool belongs to.
type ToolToolkit struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Logo string `json:"logo"`
}

// ToolDeprecation carries a tool's legacy (v1) fields.
type ToolDeprecation struct {
	DisplayName       string   `json:"displayName"`
	Version           string   `json:"version"`
	AvailableVersions []string `json:"available_versions"`
	IsDeprecated      bool     `json:"is_deprecated"`
	Toolkit           struct {
		Logo string `json:"logo"`
	} `json:"toolkit"`
}

// ScopeRequirements says which scopes a tool needs: every entry of AllOf.
type ScopeRequirements struct {
	AllOf []ScopeRequirement `json:"all_of"`
}

// ScopeRequirement is one required scope (Scope), or a choice of scopes of
// which any one will do (AnyOf). On the wire it is a string or
// {"any_of": [...]}.
type ScopeRequirement struct {
	Scope string
	AnyOf []string
}

// MarshalJSON writes the wire form: a string, or {"any_of": [...]}.
func (r ScopeRequirement) MarshalJSON() ([]byte, error) {
	if r.AnyOf != nil {
		return json.Marshal(struct {
			AnyOf []string `json:"any_of"`
		}{r.AnyOf})
	}
	return json.Marshal(r.Scope)
}

// UnmarshalJSON reads a string or {"any_of": [...]}.
func (r *ScopeRequirement) UnmarshalJSON(b []byte) error {
	*r = ScopeRequirement{}
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &r.Scope)
	}
	var v struct {
		AnyOf []string `json:"any_of"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	r.AnyOf = v.AnyOf
	if r.AnyOf == nil {
		r.AnyOf = []string{}
	}
	return nil
}

// ToolExecution is the result of running a tool.
type ToolExecution struct {
	// Data is the tool's output, as its output schema describes it; read it
	// with Decode.
	Data json.RawMessage `json:"data"`
	// Error is the tool's failure message; empty when it succeeded.
	Error      string `json:"error"`
	Successful bool   `json:"successful"`
	// SessionInfo is the session context some tools return.
	SessionInfo json.RawMessage `json:"session_info,omitempty"`
	// LogID identifies the execution log, for debugging and support.
	LogID string `json:"log_id,omitempty"`
	// Tool is the slug of the tool that ran. Not part of the answer.
	Tool string `json:"-"`
}

// Decode unmarshals Data into v.
func (e *ToolExecution) Decode(v any) error {
	if len(e.Data) == 0 {
		return fmt.Errorf("composio: tool %s returned no data", e.Tool)
	}
	return json.Unmarshal(e.Data, v)
}

// Err returns a *ToolError when the tool ran and failed, else nil.
func (e *ToolExecution) Err() error {
	if e.Successful {
		return nil
	}
	return &ToolError{Tool: e.Tool, Message: e.Error, LogID: e.LogID, Data: e.Data}
}

// ToolError is a tool that ran and failed (successful: false): the request
// itself succeeded, so it is not an [*Error]. Match it with errors.As or
// errors.Is(err, ErrToolFailed).
type ToolError struct {
	Tool    string
	Message string
	LogID   string
	// Data is what the tool returned along with its failure, often details.
	Data json.RawMessage
}

// ErrToolFailed matches every [*ToolError] with errors.Is.
var ErrToolFailed = errors.New("composio: tool execution failed")

// Error reads like "composio: tool GITHUB_CREATE_AN_ISSUE failed: Not Found
// (log_id log_abc)".
func (e *ToolError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no error message"
	}
	s := "composio: tool " + e.Tool + " failed: " + msg
	if e.LogID != "" {
		s += " (log_id " + e.LogID + ")"
	}
	return s
}

// Is makes errors.Is(err, ErrToolFailed) true.
func (e *ToolError) Is(target error) bool { return target == ErrToolFailed }

// ToolInput is the answer of [ToolsService.GenerateInput].
type ToolInput struct {
	// Arguments are ready to pass as [ToolExecuteParams].Arguments.
	Arguments map[string]any `json:"arguments,omitempty"`
	// Error says why arguments could not be generated.
	Error string `json:"error,omitempty"`
}

// ToolRequiredScopes is the answer of [ToolsService.GetRequiredScopes].
type ToolRequiredScopes struct {
	// ScopesRequired is every scope the tools need, without duplicates.
	ScopesRequired      []string               `json:"scopes_required"`
	PerToolRequirements []ToolScopeRequirement `json:"per_tool_requirements"`
}

// ToolScopeRequirement is the scopes one tool needs; ScopeRequirements is
// nil for legacy tools.
type ToolScopeRequirement struct {
	Tool              string             `json:"tool"`
	ScopeRequirements *ScopeRequirements `json:"scope_requirements"`
}

// ProxyResponse is the upstream API's answer to a proxied request.
type ProxyResponse struct {
	// Status is the upstream HTTP status.
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	// Data is the upstream body (JSON); read it with Decode.
	Data json.RawMessage `json:"data,omitempty"`
	// BinaryData points at a binary upstream body.
	BinaryData *ProxyBinaryData `json:"binary_data,omitempty"`
}

// Decode unmarshals Data into v.
func (p *ProxyResponse) Decode(v any) error {
	if len(p.Data) == 0 {
		return errors.New("composio: proxy response has no data")
	}
	return json.Unmarshal(p.Data, v)
}

// ProxyBinaryData is a binary upstream body, stored for download.
type ProxyBinaryData struct {
	URL         string    `json:"url"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	ExpiresAt   Timestamp `json:"expires_at,omitzero"`
}
