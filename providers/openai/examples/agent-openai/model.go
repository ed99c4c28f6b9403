package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
)

// startScriptedModel serves a stand-in for the OpenAI Chat Completions API
// (POST /v1/chat/completions, in its wire format) on a loopback port. Its
// "model" picks the tool whose schema takes a "limit" from the tools it is
// sent, asks it for three stories, and answers with the titles the tool
// returned, so a change in the tools or their results shows in its answer.
func startScriptedModel() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", serveCompletion)
	return httptest.NewServer(mux)
}

// request is what the scripted model reads of a request.
type request struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
	Tools []struct {
		Function struct {
			Name       string `json:"name"`
			Parameters struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"parameters"`
		} `json:"function"`
	} `json:"tools"`
}

func serveCompletion(w http.ResponseWriter, r *http.Request) {
	var req request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) == 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":{"message":"unreadable request: %v","type":"invalid_request_error"}}`, err)
		return
	}
	msg := map[string]any{"role": "assistant", "content": nil, "refusal": nil}
	finish := "stop"
	last := req.Messages[len(req.Messages)-1]
	switch {
	case last.Role == "user":
		tool := ""
		for _, t := range req.Tools {
			if _, ok := t.Function.Parameters.Properties["limit"]; ok {
				tool = t.Function.Name
				break
			}
		}
		if tool == "" {
			msg["content"] = "I have no tool that lists stories."
			break
		}
		finish = "tool_calls"
		msg["tool_calls"] = []any{map[string]any{"id": "call_1", "type": "function",
			"function": map[string]any{"name": tool, "arguments": `{"limit":3}`}}}
	case last.Role == "tool":
		msg["content"] = answer(last.Content)
	default:
		msg["content"] = "I do not know."
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-scripted", "object": "chat.completion", "created": 1767225600, "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": finish, "logprobs": nil}},
	})
}

// answer reads a tool message's content (a JSON string holding the tool's
// result) and says what it found.
func answer(content json.RawMessage) string {
	var text string
	_ = json.Unmarshal(content, &text)
	var result struct {
		Error string `json:"error"`
		Data  struct {
			Stories []struct {
				Title string `json:"title"`
				Score int    `json:"score"`
			} `json:"stories"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(text), &result); err != nil {
		return "The tool answered something I cannot read."
	}
	if result.Error != "" {
		return "The tool failed: " + result.Error
	}
	var b strings.Builder
	b.WriteString("The top stories:")
	for i, s := range result.Data.Stories {
		fmt.Fprintf(&b, " %d. %s (%d points)", i+1, s.Title, s.Score)
	}
	return b.String()
}
