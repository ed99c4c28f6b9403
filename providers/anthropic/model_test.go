package anthropicprovider_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
	"github.com/stretchr/testify/require"
)

// wireRequest is the part of a Messages API request body the scripted
// model reads.
type wireRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string      `json:"role"`
		Content []wireBlock `json:"content"`
	} `json:"messages"`
	Tools []struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		InputSchema json.RawMessage `json:"input_schema"`
	} `json:"tools"`
}

// wireBlock is a content block of a request message.
type wireBlock struct {
	Type      string          `json:"type"`
	Text      string          `json:"text"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Input     json.RawMessage `json:"input"`
	ToolUseID string          `json:"tool_use_id"`
	IsError   *bool           `json:"is_error"`
	Content   []wireBlock     `json:"content"`
}

// lastResults returns the tool_result blocks of the request's last message.
func (r wireRequest) lastResults() []wireBlock {
	if len(r.Messages) == 0 {
		return nil
	}
	var out []wireBlock
	for _, b := range r.Messages[len(r.Messages)-1].Content {
		if b.Type == "tool_result" {
			out = append(out, b)
		}
	}
	return out
}

// hasTool reports whether the request offers a tool of that name.
func (r wireRequest) hasTool(name string) bool {
	for _, t := range r.Tools {
		if t.Name == name {
			return true
		}
	}
	return false
}

// scriptedModel is a Messages API server whose answers a script computes
// from each request; it records the raw request bodies.
type scriptedModel struct {
	t      *testing.T
	srv    *httptest.Server
	script func(turn int, req wireRequest) (status int, body any)

	mu     sync.Mutex
	bodies [][]byte
}

// newScriptedModel starts a scripted Messages API server for the test.
func newScriptedModel(t *testing.T, script func(turn int, req wireRequest) (int, any)) *scriptedModel {
	m := &scriptedModel{t: t, script: script}
	m.srv = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(m.srv.Close)
	return m
}

func (m *scriptedModel) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/messages" {
		http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
		return
	}
	if r.Header.Get("X-Api-Key") != "test" && r.Header.Get("Authorization") != "Bearer test" {
		http.Error(w, `{"type":"error","error":{"type":"authentication_error","message":"bad key"}}`, http.StatusUnauthorized)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req wireRequest
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	m.mu.Lock()
	m.bodies = append(m.bodies, body)
	turn := len(m.bodies)
	m.mu.Unlock()
	status, out := m.script(turn, req)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(out)
}

// requests returns the bodies received so far.
func (m *scriptedModel) requests() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([][]byte(nil), m.bodies...)
}

// client is the SDK's real client pointed at the scripted server.
func (m *scriptedModel) client() *anthropic.Client {
	c := anthropic.NewClient(option.WithBaseURL(m.srv.URL), option.WithAPIKey("test"), option.WithMaxRetries(0))
	return &c
}

// answer is a Messages API response of the given content blocks.
func answer(stop string, blocks ...map[string]any) map[string]any {
	return map[string]any{
		"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test",
		"content": blocks, "stop_reason": stop, "stop_sequence": nil,
		"usage": map[string]any{"input_tokens": 10, "output_tokens": 5},
	}
}

func textBlock(text string) map[string]any {
	return map[string]any{"type": "text", "text": text}
}

func toolUse(id, name string, input any) map[string]any {
	return map[string]any{"type": "tool_use", "id": id, "name": name, "input": input}
}

// decodeRequest decodes a recorded body.
func decodeRequest(t *testing.T, body []byte) wireRequest {
	t.Helper()
	var req wireRequest
	require.NoError(t, json.Unmarshal(body, &req))
	return req
}
