package composio_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type orderQuery struct {
	OrderID string   `json:"order_id" jsonschema:"The order number, such as A-1001."`
	Fields  []string `json:"fields,omitempty" jsonschema:"Which fields to return; all when empty."`
	Limit   int      `json:"limit,omitzero"`
}

type orderInfo struct {
	OrderID string `json:"order_id"`
	Status  string `json:"status"`
	Owner   string `json:"owner,omitempty"`
}

var errNoOrder = errors.New("no such order")

func lookupOrder(ctx context.Context, q orderQuery) (orderInfo, error) {
	if q.OrderID != "A-1001" {
		return orderInfo{}, errNoOrder
	}
	info, _ := composio.CallInfoFromContext(ctx)
	return orderInfo{OrderID: q.OrderID, Status: "shipped", Owner: info.UserID}, nil
}

func TestLocalTool_Definition(t *testing.T) {
	set, srv := toolSetFor(t, composio.LocalTool("lookup_order", "Looks up an order of the user.", lookupOrder))
	defs := set.Definitions()
	last := defs[len(defs)-1]
	assert.Equal(t, "LOCAL_LOOKUP_ORDER", last.Name, "local tools come after Composio's")
	assert.Equal(t, "LOCAL_LOOKUP_ORDER", last.ToolSlug)
	assert.Empty(t, last.Version)
	assert.Equal(t, "Looks up an order of the user.", last.Description)
	assert.JSONEq(t, `{
		"type": "object",
		"properties": {
			"order_id": {"type": "string", "description": "The order number, such as A-1001."},
			"fields":   {"type": ["null", "array"], "items": {"type": "string"}, "description": "Which fields to return; all when empty."},
			"limit":    {"type": "integer"}
		},
		"required": ["order_id"],
		"additionalProperties": false
	}`, string(last.Parameters))
	strict := last.Strict()
	assert.True(t, strict.IsStrict)
	assert.NotNil(t, srv)
}

func TestLocalTool_Handle(t *testing.T) {
	var calls atomic.Int32
	echoThroughComposio := func(ctx context.Context, in struct {
		Text string `json:"text"`
	}) (json.RawMessage, error) {
		calls.Add(1)
		info, ok := composio.CallInfoFromContext(ctx)
		if !ok {
			return nil, errors.New("no call info")
		}
		res, err := info.Client.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{
			UserID: info.UserID, Version: "20250901_00", Arguments: map[string]any{"message": in.Text}})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}
	set, srv := toolSetFor(t,
		composio.LocalTool("LOCAL_lookup_order", "Looks up an order.", lookupOrder),
		composio.LocalTool("relay", "Echoes through Composio.", echoThroughComposio))
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "LOCAL_LOOKUP_ORDER", Arguments: `{"order_id":"A-1001"}`},
		{ID: "b", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":1,"b":2}`},
		{ID: "c", Name: "LOCAL_LOOKUP_ORDER", Arguments: `{"order_id":"Z-9"}`},
		{ID: "d", Name: "LOCAL_RELAY", Arguments: `{"text":"via composio"}`},
		{ID: "e", Name: "LOCAL_LOOKUP_ORDER", Arguments: `{"order_id":"A-1001","colour":"red"}`},
		{ID: "f", Name: "LOCAL_LOOKUP_ORDER", Arguments: `{"order_id":7}`},
	})
	require.NoError(t, err)
	assert.False(t, results[0].IsError, results[0].Content)
	assert.JSONEq(t, `{"data":{"order_id":"A-1001","status":"shipped","owner":"user_1"}}`, results[0].Content)
	assert.Equal(t, "LOCAL_LOOKUP_ORDER", results[0].ToolSlug)
	assert.Nil(t, results[0].Execution, "no Composio execution")
	assert.JSONEq(t, `{"data":{"result":3}}`, results[1].Content)

	assert.True(t, results[2].IsError)
	assert.ErrorIs(t, results[2].Err, errNoOrder)
	assert.JSONEq(t, `{"error":"no such order","data":null}`, results[2].Content)

	assert.False(t, results[3].IsError, results[3].Content)
	assert.JSONEq(t, `{"data":{"echo":{"message":"via composio"}}}`, results[3].Content)
	assert.Equal(t, int32(1), calls.Load())

	for _, r := range results[4:] {
		assert.True(t, r.IsError, r.CallID)
		assert.ErrorIs(t, r.Err, composio.ErrInvalidParams)
	}
	assert.Contains(t, results[4].Content, `unknown field \"colour\"`)
	assert.Contains(t, results[5].Content, "order_id")

	bodies := executeBodies(srv)
	assert.Len(t, bodies, 2, "only the Composio tools went to Composio")
	for _, r := range srv.Requests() {
		assert.NotContains(t, string(r.Body)+r.Query+r.Path, "LOCAL_", "local tools are never sent to Composio")
	}
	assert.Len(t, bodies["COMPOSIO_ECHO"], 1)
}

func TestLocalTool_BadBehaviour(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	type none struct{}
	set, _ := toolSetFor(t,
		composio.LocalTool("panics", "Panics.", func(ctx context.Context, in none) (string, error) {
			panic(errors.New("kaboom"))
		}),
		composio.LocalTool("blocks", "Blocks, ignoring its context.", func(ctx context.Context, in none) (string, error) {
			<-release
			return "late", nil
		}),
		composio.LocalTool("unmarshalable", "Returns what JSON cannot hold.", func(ctx context.Context, in none) (any, error) {
			return map[string]any{"ratio": math.NaN()}, nil
		}),
		composio.LocalTool("channel", "Returns a channel.", func(ctx context.Context, in none) (chan int, error) {
			return make(chan int), nil
		}),
		composio.LocalTool("fails_on_cancel", "Honours its context.", func(ctx context.Context, in none) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		}),
	)

	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "LOCAL_PANICS"}, {ID: "b", Name: "LOCAL_UNMARSHALABLE"}, {ID: "c", Name: "LOCAL_CHANNEL"},
		{ID: "d", Name: "COMPOSIO_ECHO", Arguments: `{"message":"still fine"}`},
	})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
	assert.Contains(t, results[0].Content, "LOCAL_PANICS panicked: kaboom")
	assert.True(t, results[1].IsError)
	assert.Contains(t, results[1].Content, "the result of LOCAL_UNMARSHALABLE could not be encoded as JSON")
	assert.True(t, results[2].IsError)
	assert.Contains(t, results[2].Content, "could not be encoded as JSON")
	assert.False(t, results[3].IsError)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	results, err = set.Handle(ctx, []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_ECHO", Arguments: `{"message":"first"}`},
		{ID: "b", Name: "LOCAL_BLOCKS"},
		{ID: "c", Name: "LOCAL_FAILS_ON_CANCEL"},
	})
	require.ErrorIs(t, err, context.DeadlineExceeded, "the context's end is the program's")
	assert.Less(t, time.Since(start), 5*time.Second, "Handle did not wait for the blocked tool")
	assert.False(t, results[0].IsError)
	for _, r := range results[1:] {
		assert.False(t, r.IsError, r.CallID)
		assert.ErrorIs(t, r.Err, context.DeadlineExceeded, r.CallID)
	}
}

func TestLocalTool_Mistakes(t *testing.T) {
	set, _ := toolSetFor(t)
	type in struct {
		A string `json:"a"`
	}
	ok := func(ctx context.Context, v in) (string, error) { return v.A, nil }
	for name, opt := range map[string]composio.ToolSetOption{
		"empty name":        composio.LocalTool("", "d", ok),
		"only the prefix":   composio.LocalTool("local_", "d", ok),
		"space":             composio.LocalTool("look up", "d", ok),
		"too long":          composio.LocalTool(strings.Repeat("x", 60), "d", ok),
		"no description":    composio.LocalTool("x", " ", ok),
		"nil function":      composio.LocalTool[in, string]("x", "d", nil),
		"not an object":     composio.LocalTool("x", "d", func(ctx context.Context, n int) (int, error) { return n, nil }),
		"a channel field":   composio.LocalTool("x", "d", func(ctx context.Context, v struct{ C chan int }) (int, error) { return 0, nil }),
		"a Composio prefix": composio.LocalTool("x", "d", ok),
	} {
		if name == "a Composio prefix" {
			twice, err := set.With(opt)
			require.NoError(t, err)
			_, err = twice.With(composio.LocalTool("LOCAL_X", "again", ok))
			assert.ErrorIs(t, err, composio.ErrInvalidParams, "two local tools of one slug")
			continue
		}
		_, err := set.With(opt)
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
		if err != nil {
			assert.Contains(t, err.Error(), "LocalTool", name)
		}
	}
}

func TestLocalTool_PointerInputModifiersAndValidation(t *testing.T) {
	type in struct {
		N int `json:"n" jsonschema:"A number."`
	}
	double := func(ctx context.Context, v *in) (map[string]int, error) {
		return map[string]int{"double": 2 * v.N}, nil
	}
	set, _ := toolSetFor(t, composio.WithArgumentValidation(true),
		composio.LocalTool("double", "Doubles n.", double),
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			if req.Arguments["n"] == json.Number("13") {
				return req, errors.New("13 is unlucky")
			}
			return req, nil
		}, "double"),
		composio.AfterExecute(func(ctx context.Context, req composio.ToolRequest, exec composio.ToolExecution) (composio.ToolExecution, error) {
			exec.Data = json.RawMessage(`{"double":"hidden"}`)
			return exec, nil
		}, "LOCAL_DOUBLE"),
		composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Description = "Doubles a number."
			return d
		}, "LOCAL_DOUBLE"))
	def, ok := set.Definitions().Find("LOCAL_DOUBLE")
	require.True(t, ok)
	assert.Equal(t, "Doubles a number.", def.Description)
	assert.JSONEq(t, `{"type":"object","properties":{"n":{"type":"integer","description":"A number."}},"required":["n"],"additionalProperties":false}`,
		string(def.Parameters), "a pointer input is still an object")

	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "LOCAL_DOUBLE", Arguments: `{"n":21}`},
		{ID: "b", Name: "LOCAL_DOUBLE", Arguments: `{"n":13}`},
		{ID: "c", Name: "LOCAL_DOUBLE", Arguments: `{}`},
		{ID: "d", Name: "LOCAL_DOUBLE", Arguments: `{"n":"x"}`},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data":{"double":"hidden"}}`, results[0].Content)
	assert.JSONEq(t, `{"error":"13 is unlucky"}`, results[1].Content)
	assert.True(t, results[2].IsError)
	assert.Contains(t, results[2].Content, "n")
	assert.True(t, results[3].IsError)
}

func TestLocalTool_OnlyLocal(t *testing.T) {
	w := newWire(t, 500, `{}`)
	set, err := w.client().Tools.ForUser(context.Background(), "u", composio.ToolSetParams{},
		composio.LocalTool("ping", "Answers pong.", func(ctx context.Context, in struct{}) (string, error) { return "pong", nil }))
	require.NoError(t, err)
	require.Len(t, set.Definitions(), 1)
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "a", Name: "LOCAL_PING"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data":"pong"}`, results[0].Content)
	assert.Empty(t, w.requests(), "a set of local tools needs no API at all")
}

// A local tool that calls Composio itself and meets a fault of the program
// (the key refused, the API failing) hands that fault to Handle, as a
// Composio tool would; Composio's answers about the call stay the model's.
func TestLocalTool_ComposioFaultIsTheProgramsFault(t *testing.T) {
	type none struct{}
	set, srv := toolSetFor(t, composio.LocalTool("relay", "Echoes through Composio.", func(ctx context.Context, in none) (*composio.ToolExecution, error) {
		info, _ := composio.CallInfoFromContext(ctx)
		return info.Client.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{
			UserID: info.UserID, Version: "20250901_00", Arguments: map[string]any{"message": "hi"}})
	}))
	ctx := context.Background()

	srv.FailNext(1, 401)
	results, err := set.Handle(ctx, []composio.ToolCall{{ID: "a", Name: "LOCAL_RELAY"}})
	require.ErrorIs(t, err, composio.ErrUnauthorized)
	require.Len(t, results, 1)
	assert.False(t, results[0].IsError)
	assert.ErrorIs(t, results[0].Err, composio.ErrUnauthorized)

	srv.FailNext(1, 404)
	results, err = set.Handle(ctx, []composio.ToolCall{{ID: "b", Name: "LOCAL_RELAY"}})
	require.NoError(t, err)
	assert.True(t, results[0].IsError, "a 404 is an answer about the call: the model's")

	results, err = set.Handle(ctx, []composio.ToolCall{{ID: "c", Name: "LOCAL_RELAY"}})
	require.NoError(t, err)
	assert.False(t, results[0].IsError, results[0].Content)
}
