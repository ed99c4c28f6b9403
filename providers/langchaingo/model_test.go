package langchainprovider

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// chatModel is a scripted model behind the OpenAI Chat Completions wire
// format (POST /chat/completions), for LangChainGo's real openai client. It
// records every request body. Asked without tool results, it calls the
// tools of its script that the request offers (an "__arg1" string
// parameter, as LangChainGo agents give, gets the arguments as JSON text);
// once the last message is a tool result, it answers with the
// calculator's result.
type chatModel struct {
	srv    *httptest.Server
	script []scriptedCall
	always bool // call tools on every turn, never answer

	mu     sync.Mutex
	bodies [][]byte
}

// scriptedCall is a tool call the model makes when the tool is offered
// (or always, when force is set).
type scriptedCall struct {
	id, name, args string
	force          bool
}

func newChatModel(t *testing.T, script ...scriptedCall) *chatModel {
	t.Helper()
	m := &chatModel{script: script}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /chat/completions", m.serve)
	m.srv = httptest.NewServer(mux)
	t.Cleanup(m.srv.Close)
	return m
}

// requests returns the bodies received, in order.
func (m *chatModel) requests() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([][]byte(nil), m.bodies...)
}

type chatRequest struct {
	Messages []struct {
		Role       string `json:"role"`
		Content    string `json:"content"`
		ToolCallID string `json:"tool_call_id"`
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

func (m *chatModel) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	m.mu.Lock()
	m.bodies = append(m.bodies, body)
	m.mu.Unlock()
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil || len(req.Messages) == 0 {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	last := req.Messages[len(req.Messages)-1]
	if last.Role == "tool" && !m.always {
		fmt.Fprintf(w, `{"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4o-mini",
"choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}],
"usage":{"prompt_tokens":20,"completion_tokens":5,"total_tokens":25}}`, answer(req))
		return
	}
	var calls []string
	for _, c := range m.script {
		for _, tl := range req.Tools {
			if tl.Function.Name != c.name && !c.force {
				continue
			}
			args := c.args
			if _, ok := tl.Function.Parameters.Properties["__arg1"]; ok {
				b, _ := json.Marshal(map[string]string{"__arg1": c.args})
				args = string(b)
			}
			calls = append(calls, fmt.Sprintf(`{"id":%q,"type":"function","function":{"name":%q,"arguments":%q}}`, c.id, c.name, args))
			break
		}
	}
	fmt.Fprintf(w, `{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[%s]},"finish_reason":"tool_calls"}],
"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}`, strings.Join(calls, ","))
}

// answer is the model's final text: the calculator's result, read from the
// tool message that answers the call named call_calc.
func answer(req chatRequest) string {
	for _, msg := range req.Messages {
		if msg.Role != "tool" || msg.ToolCallID != "call_calc" {
			continue
		}
		var out struct {
			Data struct {
				Result json.Number `json:"result"`
			} `json:"data"`
		}
		if json.Unmarshal([]byte(msg.Content), &out) == nil && out.Data.Result != "" {
			return "6 times 7 is " + out.Data.Result.String() + "."
		}
	}
	return "I could not calculate it."
}
