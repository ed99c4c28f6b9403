package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
)

// startScriptedModel starts a stand-in for a model behind the OpenAI Chat
// Completions wire format, so the example runs with no model key. Like a
// real model it reads the request: offered a calculator, it calls it once,
// and given the tool's result, it answers with it.
func startScriptedModel() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /chat/completions", func(w http.ResponseWriter, r *http.Request) {
		var req chatRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) == 0 {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		last := req.Messages[len(req.Messages)-1]
		offered := slices.ContainsFunc(req.Tools, func(t chatTool) bool { return t.Function.Name == "COMPOSIO_CALCULATE" })
		var message any
		switch {
		case last.Role == "tool":
			var result struct {
				Data struct {
					Result json.Number `json:"result"`
				} `json:"data"`
			}
			_ = json.Unmarshal([]byte(last.Content), &result)
			message = map[string]any{"role": "assistant", "content": fmt.Sprintf("6 times 7 is %s.", result.Data.Result)}
		case offered:
			message = map[string]any{"role": "assistant", "content": nil, "tool_calls": []any{map[string]any{
				"id": "call_1", "type": "function",
				"function": map[string]any{"name": "COMPOSIO_CALCULATE", "arguments": `{"operation":"multiply","a":6,"b":7}`},
			}}}
		default:
			message = map[string]any{"role": "assistant", "content": "I have no calculator."}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini",
			"choices": []any{map[string]any{"index": 0, "message": message, "finish_reason": "stop"}},
		})
	})
	return httptest.NewServer(mux)
}

// chatRequest is the part of a Chat Completions request the model reads.
type chatRequest struct {
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	Tools []chatTool `json:"tools"`
}

// chatTool is an entry of the request's tools.
type chatTool struct {
	Function struct {
		Name string `json:"name"`
	} `json:"function"`
}
