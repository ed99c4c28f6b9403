package openaiprovider_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
)

// scriptedModel is a local stand-in for the OpenAI API: it serves
// /v1/chat/completions and /v1/responses in their wire format, records the
// body of every request, and answers each with what the test's script says
// for that turn. The scripts choose their tool calls from the tools the
// request carried, as a model would.
type scriptedModel struct {
	t      *testing.T
	srv    *httptest.Server
	chat   func(turn int, req chatRequest) chatAnswer
	respFn func(turn int, req responsesRequest) []map[string]any

	mu     sync.Mutex
	bodies [][]byte // every request body, in order
}

// chatRequest is what the scripts read of a Chat Completions request.
type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role       string          `json:"role"`
		Content    json.RawMessage `json:"content"`
		ToolCallID string          `json:"tool_call_id"`
	} `json:"messages"`
	Tools []struct {
		Type     string `json:"type"`
		Function struct {
			Name       string          `json:"name"`
			Parameters json.RawMessage `json:"parameters"`
		} `json:"function"`
	} `json:"tools"`
}

// content returns a message's content when it is a string.
func (r chatRequest) content(i int) string {
	var s string
	_ = json.Unmarshal(r.Messages[i].Content, &s)
	return s
}

// toolNamed returns the name of the first tool whose schema has a
// property named prop, as a model picks a tool by what it takes.
func (r chatRequest) toolTaking(prop string) string {
	for _, t := range r.Tools {
		if hasProperty(t.Function.Parameters, prop) {
			return t.Function.Name
		}
	}
	return ""
}

// chatAnswer is a scripted assistant message: tool calls, or content.
type chatAnswer struct {
	Content   string
	ToolCalls []scriptedCall
}

// scriptedCall is one function call a script makes.
type scriptedCall struct{ ID, Name, Arguments string }

// responsesRequest is what the scripts read of a Responses request.
type responsesRequest struct {
	Model string            `json:"model"`
	Input json.RawMessage   `json:"input"`
	Tools []json.RawMessage `json:"tools"`
}

// items returns the input as a list of items (a string input is one user
// message).
func (r responsesRequest) items() []map[string]any {
	var s string
	if json.Unmarshal(r.Input, &s) == nil {
		return []map[string]any{{"type": "message", "role": "user", "content": s}}
	}
	var items []map[string]any
	_ = json.Unmarshal(r.Input, &items)
	return items
}

// toolTaking returns the name of the first function tool whose schema has a
// property named prop.
func (r responsesRequest) toolTaking(prop string) string {
	for _, raw := range r.Tools {
		var t struct {
			Type       string          `json:"type"`
			Name       string          `json:"name"`
			Parameters json.RawMessage `json:"parameters"`
		}
		if json.Unmarshal(raw, &t) == nil && t.Type == "function" && hasProperty(t.Parameters, prop) {
			return t.Name
		}
	}
	return ""
}

func hasProperty(schema json.RawMessage, prop string) bool {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	_ = json.Unmarshal(schema, &s)
	_, ok := s.Properties[prop]
	return ok
}

// functionCall is a Responses output item calling a function.
func functionCall(n int, name, args string) map[string]any {
	return map[string]any{"type": "function_call", "id": fmt.Sprintf("fc_%d", n), "call_id": fmt.Sprintf("call_%d", n),
		"name": name, "arguments": args, "status": "completed"}
}

// outputMessage is a Responses output item of assistant text.
func outputMessage(text string) map[string]any {
	return map[string]any{"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
		"content": []any{map[string]any{"type": "output_text", "text": text, "annotations": []any{}}}}
}

func newScriptedModel(t *testing.T) *scriptedModel {
	m := &scriptedModel{t: t}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", m.serveChat)
	mux.HandleFunc("POST /v1/responses", m.serveResponses)
	m.srv = httptest.NewServer(mux)
	t.Cleanup(m.srv.Close)
	return m
}

// client is the real OpenAI client pointed at the scripted model.
func (m *scriptedModel) client() openai.Client {
	return openai.NewClient(option.WithBaseURL(m.srv.URL+"/v1/"), option.WithAPIKey("test"), option.WithMaxRetries(0))
}

// requests returns the bodies received so far.
func (m *scriptedModel) requests() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.bodies)
}

// record stores the body and returns the turn it starts (0 first).
func (m *scriptedModel) record(w http.ResponseWriter, r *http.Request) ([]byte, int, bool) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return nil, 0, false
	}
	if r.Header.Get("Authorization") != "Bearer test" {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`)
		return nil, 0, false
	}
	m.mu.Lock()
	m.bodies = append(m.bodies, body)
	turn := len(m.bodies) - 1
	m.mu.Unlock()
	return body, turn, true
}

func (m *scriptedModel) serveChat(w http.ResponseWriter, r *http.Request) {
	body, turn, ok := m.record(w, r)
	if !ok {
		return
	}
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil || m.chat == nil {
		http.Error(w, fmt.Sprint("bad request: ", err), http.StatusBadRequest)
		return
	}
	a := m.chat(turn, req)
	msg := map[string]any{"role": "assistant", "content": nil, "refusal": nil}
	finish := "stop"
	if len(a.ToolCalls) > 0 {
		finish = "tool_calls"
		var tcs []any
		for _, c := range a.ToolCalls {
			tcs = append(tcs, map[string]any{"id": c.ID, "type": "function", "function": map[string]any{"name": c.Name, "arguments": c.Arguments}})
		}
		msg["tool_calls"] = tcs
	} else {
		msg["content"] = a.Content
	}
	writeJSON(w, map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", turn+1), "object": "chat.completion", "created": 1767225600, "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": finish, "logprobs": nil}},
		"usage":   map[string]any{"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60},
	})
}

func (m *scriptedModel) serveResponses(w http.ResponseWriter, r *http.Request) {
	body, turn, ok := m.record(w, r)
	if !ok {
		return
	}
	var req responsesRequest
	if err := json.Unmarshal(body, &req); err != nil || m.respFn == nil {
		http.Error(w, fmt.Sprint("bad request: ", err), http.StatusBadRequest)
		return
	}
	writeJSON(w, map[string]any{
		"id": fmt.Sprintf("resp_%d", turn+1), "object": "response", "created_at": 1767225600, "status": "completed",
		"model": req.Model, "output": m.respFn(turn, req), "parallel_tool_calls": true, "tool_choice": "auto", "tools": []any{},
		"usage": map[string]any{"input_tokens": 50, "output_tokens": 10, "total_tokens": 60},
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// optionsFor points a client at the model with the given key.
func optionsFor(m *scriptedModel, key string) []option.RequestOption {
	return []option.RequestOption{option.WithBaseURL(m.srv.URL + "/v1/"), option.WithAPIKey(key), option.WithMaxRetries(0)}
}
