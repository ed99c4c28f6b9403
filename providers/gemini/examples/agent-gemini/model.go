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

// startScriptedModel serves a stand-in for Gemini on a loopback port: a
// generateContent endpoint that, like a model, reads the function
// declarations it is sent, calls the one about top stories and answers
// from the response it gets back. It is what the example talks to without
// GEMINI_API_KEY.
func startScriptedModel() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Contents []struct {
				Parts []struct {
					FunctionResponse *struct {
						Response map[string]any `json:"response"`
					} `json:"functionResponse"`
				} `json:"parts"`
			} `json:"contents"`
			Tools []struct {
				FunctionDeclarations []struct {
					Name        string `json:"name"`
					Description string `json:"description"`
					Parameters  struct {
						Properties map[string]any `json:"properties"`
					} `json:"parameters"`
				} `json:"functionDeclarations"`
			} `json:"tools"`
		}
		if !strings.HasSuffix(r.URL.Path, ":generateContent") || json.NewDecoder(r.Body).Decode(&req) != nil || len(req.Contents) == 0 {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":{"code":400,"message":"not a generateContent request","status":"INVALID_ARGUMENT"}}`)
			return
		}

		var parts []map[string]any
		last := req.Contents[len(req.Contents)-1]
		// The function about top stories, else the first one.
		var best string
		var bestProps map[string]any
	find:
		for _, t := range req.Tools {
			for _, d := range t.FunctionDeclarations {
				topStories := strings.Contains(strings.ToLower(d.Name+" "+d.Description), "top stories") || strings.Contains(d.Name, "TOP_STORIES")
				if best == "" || topStories {
					best, bestProps = d.Name, d.Parameters.Properties
				}
				if topStories {
					break find
				}
			}
		}
		switch {
		case len(last.Parts) > 0 && last.Parts[0].FunctionResponse != nil:
			// The function answered: read the titles out of its response.
			var titles []string
			for _, p := range last.Parts {
				if p.FunctionResponse != nil {
					titles = append(titles, findTitles(p.FunctionResponse.Response["output"])...)
				}
			}
			if len(titles) == 0 {
				parts = append(parts, map[string]any{"text": "I could not read the stories from the function's response."})
				break
			}
			if len(titles) > 3 {
				titles = titles[:3]
			}
			parts = append(parts, map[string]any{"text": "The top stories on Hacker News are: " + strings.Join(titles, "; ") + "."})
		case best == "":
			parts = append(parts, map[string]any{"text": "I have no tools to look that up."})
		default:
			args := map[string]any{}
			if _, ok := bestProps["limit"]; ok {
				args["limit"] = 3
			}
			// Like the Gemini API: no call id.
			parts = append(parts, map[string]any{"functionCall": map[string]any{"name": best, "args": args}})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"candidates":   []any{map[string]any{"content": map[string]any{"role": "model", "parts": parts}, "finishReason": "STOP"}},
			"modelVersion": "scripted-model",
		})
	}))
}

// findTitles returns the "title" strings anywhere in a JSON value.
func findTitles(v any) []string {
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
