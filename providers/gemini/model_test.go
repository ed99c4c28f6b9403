package geminiprovider_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genai"
)

// wireRequest is the part of a generateContent request body the scripted
// model reads.
type wireRequest struct {
	Contents []struct {
		Role  string     `json:"role"`
		Parts []wirePart `json:"parts"`
	} `json:"contents"`
	Tools []struct {
		FunctionDeclarations []struct {
			Name        string          `json:"name"`
			Description string          `json:"description"`
			Parameters  json.RawMessage `json:"parameters"`
		} `json:"functionDeclarations"`
	} `json:"tools"`
}

// wirePart is a part of a request content.
type wirePart struct {
	Text             string `json:"text"`
	FunctionResponse *struct {
		ID       string         `json:"id"`
		Name     string         `json:"name"`
		Response map[string]any `json:"response"`
	} `json:"functionResponse"`
}

// hasFunction reports whether the request declares a function of that name.
func (r wireRequest) hasFunction(name string) bool {
	for _, t := range r.Tools {
		for _, d := range t.FunctionDeclarations {
			if d.Name == name {
				return true
			}
		}
	}
	return false
}

// lastResponses returns the function responses of the last content.
func (r wireRequest) lastResponses() []wirePart {
	if len(r.Contents) == 0 {
		return nil
	}
	var out []wirePart
	for _, p := range r.Contents[len(r.Contents)-1].Parts {
		if p.FunctionResponse != nil {
			out = append(out, p)
		}
	}
	return out
}

// scriptedModel is a Gemini API server whose answers a script computes
// from each generateContent request; it records the raw request bodies.
type scriptedModel struct {
	srv    *httptest.Server
	script func(turn int, req wireRequest) (status int, body any)

	mu     sync.Mutex
	bodies [][]byte
}

// newScriptedModel starts a scripted Gemini API server for the test.
func newScriptedModel(t *testing.T, script func(turn int, req wireRequest) (int, any)) *scriptedModel {
	m := &scriptedModel{script: script}
	m.srv = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(m.srv.Close)
	return m
}

func (m *scriptedModel) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1beta/models/gemini-test:generateContent" {
		http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
		return
	}
	if r.Header.Get("X-Goog-Api-Key") != "test" {
		http.Error(w, `{"error":{"code":401,"message":"API key not valid","status":"UNAUTHENTICATED"}}`, http.StatusUnauthorized)
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
func (m *scriptedModel) client(t *testing.T) *genai.Client {
	t.Helper()
	c, err := genai.NewClient(context.Background(), &genai.ClientConfig{
		APIKey: "test", Backend: genai.BackendGeminiAPI,
		HTTPOptions: genai.HTTPOptions{BaseURL: m.srv.URL},
	})
	require.NoError(t, err)
	return c
}

// answer is a generateContent response of one candidate with these parts.
func answer(finish string, parts ...map[string]any) map[string]any {
	return map[string]any{
		"candidates": []any{map[string]any{
			"content":      map[string]any{"role": "model", "parts": parts},
			"finishReason": finish,
			"index":        0,
		}},
		"usageMetadata": map[string]any{"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 15},
		"modelVersion":  "gemini-test",
	}
}

func textPart(text string) map[string]any { return map[string]any{"text": text} }

// callPart is a functionCall part; id may be empty, as on the Gemini API.
func callPart(id, name string, args map[string]any) map[string]any {
	fc := map[string]any{"name": name, "args": args}
	if id != "" {
		fc["id"] = id
	}
	return map[string]any{"functionCall": fc, "thoughtSignature": "c2lnLQ=="}
}

// decodeRequest decodes a recorded body.
func decodeRequest(t *testing.T, body []byte) wireRequest {
	t.Helper()
	var req wireRequest
	require.NoError(t, json.Unmarshal(body, &req))
	return req
}
