package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
)

// startScriptedModel serves a stand-in for Claude on a loopback port: a
// Messages API endpoint that, like a model, reads the tools it is sent,
// calls the one about top stories and answers from the result it gets
// back. It is what the example talks to without ANTHROPIC_API_KEY.
func startScriptedModel() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct {
				Content []struct {
					Type    string `json:"type"`
					Content []struct {
						Text string `json:"text"`
					} `json:"content"`
				} `json:"content"`
			} `json:"messages"`
			Tools []struct {
				Name        string `json:"name"`
				Description string `json:"description"`
				InputSchema struct {
					Properties map[string]any `json:"properties"`
				} `json:"input_schema"`
			} `json:"tools"`
		}
		if r.URL.Path != "/v1/messages" || json.NewDecoder(r.Body).Decode(&req) != nil || len(req.Messages) == 0 {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"type":"error","error":{"type":"invalid_request_error","message":"not a Messages API request"}}`)
			return
		}

		var blocks []map[string]any
		stop := "end_turn"
		last := req.Messages[len(req.Messages)-1]
		switch {
		case len(last.Content) > 0 && last.Content[0].Type == "tool_result":
			// The tool answered: read the titles out of its result.
			var titles []string
			for _, b := range last.Content {
				for _, c := range b.Content {
					titles = append(titles, findTitles(c.Text)...)
				}
			}
			if len(titles) == 0 {
				blocks = append(blocks, textBlock("I could not read the stories from the tool's result."))
				break
			}
			if len(titles) > 3 {
				titles = titles[:3]
			}
			blocks = append(blocks, textBlock("The top stories on Hacker News are: "+strings.Join(titles, "; ")+"."))
		case len(req.Tools) == 0:
			blocks = append(blocks, textBlock("I have no tools to look that up."))
		default:
			// Call the tool about top stories, else the first one.
			tool := req.Tools[0]
			for _, t := range req.Tools {
				if strings.Contains(strings.ToLower(t.Name+" "+t.Description), "top stories") ||
					strings.Contains(t.Name, "TOP_STORIES") {
					tool = t
					break
				}
			}
			input := map[string]any{}
			if _, ok := tool.InputSchema.Properties["limit"]; ok {
				input["limit"] = 3
			}
			blocks = append(blocks, textBlock("Let me look that up."),
				map[string]any{"type": "tool_use", "id": "toolu_01", "name": tool.Name, "input": input})
			stop = "tool_use"
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "msg_scripted", "type": "message", "role": "assistant", "model": "scripted-model",
			"content": blocks, "stop_reason": stop, "stop_sequence": nil,
			"usage": map[string]any{"input_tokens": 0, "output_tokens": 0},
		})
	}))
}

func textBlock(text string) map[string]any {
	return map[string]any{"type": "text", "text": text}
}

// findTitles returns the "title" strings anywhere in a JSON document.
func findTitles(doc string) []string {
	var v any
	if json.Unmarshal([]byte(doc), &v) != nil {
		return nil
	}
	var titles []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if t, ok := x["title"].(string); ok {
				titles = append(titles, t)
			}
			for _, k := range slices.Sorted(maps.Keys(x)) {
				if k != "title" {
					walk(x[k])
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return titles
}
