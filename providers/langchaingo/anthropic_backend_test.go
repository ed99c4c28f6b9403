package langchainprovider

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/anthropic"
)

// claudeModel is a scripted model behind the Anthropic Messages wire
// format (POST /v1/messages), for LangChainGo's real anthropic client,
// which turns each content block of an answer into a choice of its own.
// Asked first, it writes a sentence and two tool_use blocks; once the
// conversation holds their results, it answers with them.
type claudeModel struct {
	srv *httptest.Server

	mu     sync.Mutex
	bodies [][]byte
}

func newClaudeModel(t *testing.T) *claudeModel {
	t.Helper()
	m := &claudeModel{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/messages", m.serve)
	m.srv = httptest.NewServer(mux)
	t.Cleanup(m.srv.Close)
	return m
}

func (m *claudeModel) requests() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([][]byte(nil), m.bodies...)
}

// claudeRequest is what the model reads of a request: each message's
// blocks, content given as a string or as a list of blocks.
type claudeRequest struct {
	Messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
}

type claudeBlock struct {
	Type      string `json:"type"`
	ID        string `json:"id"`
	ToolUseID string `json:"tool_use_id"`
	Content   string `json:"content"`
}

func (r claudeRequest) blocks(i int) []claudeBlock {
	var blocks []claudeBlock
	if json.Unmarshal(r.Messages[i].Content, &blocks) != nil {
		return []claudeBlock{{Type: "text"}}
	}
	return blocks
}

func (m *claudeModel) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	m.mu.Lock()
	m.bodies = append(m.bodies, body)
	m.mu.Unlock()
	var req claudeRequest
	if json.Unmarshal(body, &req) != nil || len(req.Messages) == 0 {
		http.Error(w, `{"type":"error","error":{"type":"invalid_request_error","message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	results := map[string]string{}
	for i := range req.Messages {
		for _, b := range req.blocks(i) {
			if b.Type == "tool_result" {
				results[b.ToolUseID] = b.Content
			}
		}
	}
	if len(results) == 0 {
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","stop_reason":"tool_use",
"content":[{"type":"text","text":"Let me work that out."},
{"type":"tool_use","id":"toolu_calc","name":"COMPOSIO_CALCULATE","input":{"operation":"multiply","a":6,"b":7}},
{"type":"tool_use","id":"toolu_echo","name":"COMPOSIO_ECHO","input":{"message":"hi"}}],
"usage":{"input_tokens":10,"output_tokens":5}}`)
		return
	}
	text := fmt.Sprintf("calc %s, echo %s", results["toolu_calc"], results["toolu_echo"])
	fmt.Fprintf(w, `{"id":"msg_2","type":"message","role":"assistant","model":"claude-test","stop_reason":"end_turn",
"content":[{"type":"text","text":%q}],"usage":{"input_tokens":20,"output_tokens":5}}`, text)
}

// LangChainGo's anthropic client gives one choice per content block of
// Claude's answer: a sentence first, then each tool_use. Run takes every
// choice as the one turn they are, and runs every call.
func TestRunThroughAnthropicClient(t *testing.T) {
	ctx := context.Background()
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	model := newClaudeModel(t)
	llm, err := anthropic.New(anthropic.WithBaseURL(model.srv.URL+"/v1"), anthropic.WithToken("test"), anthropic.WithModel("claude-test"))
	require.NoError(t, err)
	in := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeHuman, "What is 6 times 7?")}

	history, choice, err := Run(ctx, llm, set, in, 3)
	require.NoError(t, err)
	require.NotNil(t, choice)
	assert.Equal(t, `calc {"data":{"result":42}}, echo {"data":{"echo":{"message":"hi"}}}`, choice.Content)
	assert.Len(t, executions(srv), 2, "both calls ran")

	// The second request carries Claude's whole turn, each tool_use before
	// the tool_result answering it.
	reqs := model.requests()
	require.Len(t, reqs, 2)
	var second claudeRequest
	require.NoError(t, json.Unmarshal(reqs[1], &second))
	var seq []string
	for i, msg := range second.Messages {
		for _, b := range second.blocks(i) {
			seq = append(seq, msg.Role+" "+b.Type+" "+b.ID+b.ToolUseID)
		}
	}
	assert.Equal(t, []string{
		"user text ",
		"assistant text ",
		"assistant tool_use toolu_calc",
		"assistant tool_use toolu_echo",
		"user tool_result toolu_calc",
		"user tool_result toolu_echo",
	}, seq)
	assert.Len(t, history, 7, "user, the turn's three blocks, two results, the answer")
}

// HandleResponse runs the calls of every choice of a response in one
// batch, and returns the whole turn and its results.
func TestHandleResponseTakesEveryChoice(t *testing.T) {
	srv := composiotest.NewServer(t)
	set := toolSet(t, srv)
	calc := llms.ToolCall{ID: "c1", Type: "function", FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":1,"b":2}`}}
	echo := llms.ToolCall{ID: "c2", Type: "function", FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_ECHO", Arguments: `{"message":"hi"}`}}
	resp := &llms.ContentResponse{Choices: []*llms.ContentChoice{
		{Content: "Let me check."}, {}, {ToolCalls: []llms.ToolCall{calc}}, {ToolCalls: []llms.ToolCall{echo}},
	}}

	msgs, err := HandleResponse(context.Background(), set, resp)
	require.NoError(t, err)
	require.Len(t, msgs, 5, "three parts of the turn (an empty choice has none), two results")
	assert.Equal(t, llms.TextParts(llms.ChatMessageTypeAI, "Let me check."), msgs[0])
	assert.Equal(t, llms.MessageContent{Role: llms.ChatMessageTypeAI, Parts: []llms.ContentPart{calc}}, msgs[1])
	assert.Equal(t, llms.MessageContent{Role: llms.ChatMessageTypeAI, Parts: []llms.ContentPart{echo}}, msgs[2])
	assert.Equal(t, "c1", msgs[3].Parts[0].(llms.ToolCallResponse).ToolCallID)
	assert.Equal(t, "c2", msgs[4].Parts[0].(llms.ToolCallResponse).ToolCallID)

	for _, r := range []*llms.ContentResponse{nil, {}, {Choices: []*llms.ContentChoice{{Content: "done"}, nil}}} {
		msgs, err := HandleResponse(context.Background(), set, r)
		require.NoError(t, err)
		assert.Nil(t, msgs)
	}
	assert.Len(t, executions(srv), 2)
}

// alternatives is an llms.Model answering with two alternative choices, as
// a backend asked for several candidates does; then with text.
type alternatives struct{ turn int }

func (m *alternatives) GenerateContent(_ context.Context, _ []llms.MessageContent, _ ...llms.CallOption) (*llms.ContentResponse, error) {
	m.turn++
	if m.turn > 1 {
		return &llms.ContentResponse{Choices: []*llms.ContentChoice{{Content: "done"}, {Content: "also done"}}}, nil
	}
	call := func(id, msg string) *llms.ContentChoice {
		return &llms.ContentChoice{ToolCalls: []llms.ToolCall{{ID: id, Type: "function",
			FunctionCall: &llms.FunctionCall{Name: "COMPOSIO_ECHO", Arguments: `{"message":"` + msg + `"}`}}}}
	}
	return &llms.ContentResponse{Choices: []*llms.ContentChoice{call("c1", "first"), call("c2", "second")}}, nil
}

func (m *alternatives) Call(context.Context, string, ...llms.CallOption) (string, error) {
	return "", nil
}

// Asked for several candidates, the choices are alternatives: Run goes on
// with the first alone.
func TestRunWithCandidatesTakesTheFirst(t *testing.T) {
	for _, opt := range []llms.CallOption{llms.WithN(2), llms.WithCandidateCount(2)} {
		srv := composiotest.NewServer(t)
		set := toolSet(t, srv)
		history, choice, err := Run(context.Background(), &alternatives{}, set, nil, 3, opt)
		require.NoError(t, err)
		assert.Equal(t, "done", choice.Content)
		var bodies []string
		for _, r := range srv.Requests() {
			if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
				bodies = append(bodies, string(r.Body))
			}
		}
		require.Len(t, bodies, 1, "the second alternative's call did not run")
		assert.JSONEq(t, `{"user_id":"user_1","version":"20250901_00","arguments":{"message":"first"}}`, bodies[0])
		require.Len(t, history, 3, "the first choice's turn, its result, the first answer")
	}
}
