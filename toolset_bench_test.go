package composio_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
)

// BenchmarkHandleBatch runs 16 calls of a tool that takes 50 ms in the fake
// (COMPOSIO_SLEEP): "sequential" one ExecuteCall after another, "handle"
// as one ToolSet.Handle batch (default bound 8), "handle_16" with a bound
// of 16. Compare ns/op: go test -run ^$ -bench HandleBatch -benchtime 5x
func BenchmarkHandleBatch(b *testing.B) {
	srv := composiotest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	calls := sleepCalls(16, 50)
	set, err := client.Tools.ForUser(ctx, "u", composio.ToolSetParams{Tools: []string{"COMPOSIO_SLEEP"}})
	if err != nil {
		b.Fatal(err)
	}
	def := set.Definitions()[0]

	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			for _, call := range calls {
				res, err := client.Tools.ExecuteCall(ctx, call, composio.ToolExecuteParams{UserID: "u", Version: def.Version})
				if err != nil || !res.Successful {
					b.Fatal(err, res)
				}
			}
		}
	})
	for _, bound := range []int{composio.DefaultConcurrency, 16} {
		name := "handle"
		if bound != composio.DefaultConcurrency {
			name = fmt.Sprintf("handle_%d", bound)
		}
		s, err := set.With(composio.WithConcurrency(bound))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				results, err := s.Handle(ctx, calls)
				if err != nil || results[15].IsError {
					b.Fatal(err, results[15].Content)
				}
			}
		})
	}
}

// cannedTransport answers every request in memory: the tool list for GET,
// an execution for POST. Allocations counted are then the client's alone.
type cannedTransport struct{ list, exec string }

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	body := c.exec
	if r.Method == http.MethodGet {
		body = c.list
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
}

// BenchmarkHandleAllocs compares a call handled by ToolSet.Handle with the
// same call made by ExecuteCall, per call, one call a turn ("_1") and
// eight ("_8"), with the network answered in memory so that only the
// client's work is counted. Compare allocs/op:
// go test -run ^$ -bench HandleAllocs -benchmem
func BenchmarkHandleAllocs(b *testing.B) {
	rt := cannedTransport{
		list: `{"items":[{"slug":"COMPOSIO_ECHO","name":"Echo","toolkit":{"slug":"composio"},"version":"20250901_00",
			"input_parameters":{"type":"object","properties":{"message":{"type":"string"},"note":{"type":"string"}},"required":["message"]}}],"next_cursor":null}`,
		exec: `{"data":{"echo":{"message":"hello"}},"error":null,"successful":true,"log_id":"log_1"}`,
	}
	client, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey),
		composio.WithBaseURL("http://127.0.0.1:1"), composio.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	set, err := client.Tools.ForUser(ctx, "u", composio.ToolSetParams{Tools: []string{"COMPOSIO_ECHO"}})
	if err != nil {
		b.Fatal(err)
	}
	def := set.Definitions()[0]
	call := composio.ToolCall{ID: "call_1", Name: "COMPOSIO_ECHO", Arguments: `{"message":"hello","note":null}`}
	direct := composio.ToolCall{ID: "call_1", Name: "COMPOSIO_ECHO", Arguments: `{"message":"hello"}`}

	for _, n := range []int{1, 8} {
		batch := make([]composio.ToolCall, n)
		for i := range batch {
			batch[i] = call
			batch[i].ID = fmt.Sprintf("call_%d", i)
		}
		b.Run(fmt.Sprintf("execute_call_%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for range n {
					res, err := client.Tools.ExecuteCall(ctx, direct, composio.ToolExecuteParams{UserID: "u", Version: def.Version})
					if err != nil {
						b.Fatal(err)
					}
					_ = res.ModelOutput()
				}
			}
		})
		b.Run(fmt.Sprintf("handle_%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				results, err := set.Handle(ctx, batch)
				if err != nil || results[0].IsError {
					b.Fatal(err, results[0].Content)
				}
			}
		})
	}
}
