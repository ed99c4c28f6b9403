package composio_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolSet_BeforeExecute(t *testing.T) {
	var order []string
	inject := func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
		order = append(order, "inject:"+req.ToolSlug)
		req.Arguments["owner"] = "acme"
		req.Arguments["repo"] = "rocket"
		req.CallID, req.ToolSlug = "changed", "COMPOSIO_ECHO" // ignored
		return req, nil
	}
	tag := func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
		order = append(order, "tag:"+req.ToolSlug+":"+req.Arguments["owner"].(string))
		req.Arguments["labels"] = []any{"from-agent"}
		return req, nil
	}
	all := func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
		order = append(order, "all:"+req.ToolSlug)
		assert.Equal(t, "user_1", req.Params.UserID)
		assert.NotEmpty(t, req.Params.Version)
		return req, nil
	}
	set, srv := toolSetFor(t, composio.WithConcurrency(1),
		composio.BeforeExecute(inject, "github_create_an_issue"), composio.BeforeExecute(all))
	derived, err := set.With(composio.BeforeExecute(tag, "GITHUB_CREATE_AN_ISSUE"))
	require.NoError(t, err)

	results, err := derived.Handle(context.Background(), []composio.ToolCall{
		{ID: "c1", Name: "GITHUB_CREATE_AN_ISSUE", Arguments: `{"title":"Bug"}`},
		{ID: "c2", Name: "COMPOSIO_ECHO", Arguments: `{"message":"x"}`},
	})
	require.NoError(t, err)
	assert.Equal(t, "c1", results[0].CallID)
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", results[0].ToolSlug)
	assert.False(t, results[0].IsError, results[0].Content)
	assert.Equal(t, []string{
		"inject:GITHUB_CREATE_AN_ISSUE", "all:GITHUB_CREATE_AN_ISSUE", "tag:GITHUB_CREATE_AN_ISSUE:acme",
		"all:COMPOSIO_ECHO",
	}, order, "in the order added, per tool")
	var body struct{ Arguments map[string]any }
	require.NoError(t, json.Unmarshal([]byte(executeBodies(srv)["GITHUB_CREATE_AN_ISSUE"][0]), &body))
	assert.Equal(t, map[string]any{"owner": "acme", "repo": "rocket", "title": "Bug", "labels": []any{"from-agent"}}, body.Arguments)

	// The set With derived from is unchanged.
	order = nil
	_, err = set.Handle(context.Background(), []composio.ToolCall{{ID: "c", Name: "GITHUB_CREATE_AN_ISSUE", Arguments: `{"title":"Bug"}`}})
	require.NoError(t, err)
	assert.Equal(t, []string{"inject:GITHUB_CREATE_AN_ISSUE", "all:GITHUB_CREATE_AN_ISSUE"}, order)
}

func TestToolSet_BeforeExecuteParamsAndRefusal(t *testing.T) {
	set, w := wireToolSet(t, "DEMO_SEND", `{"type":"object","properties":{"to":{"type":"string"}}}`,
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			if req.Arguments["to"] == "ceo@example.com" {
				return req, errors.New("sending to this address needs a human's approval")
			}
			req.Params.ConnectedAccountID = "ca_work"
			req.Params.Version = "20250202_00"
			req.Params.Arguments = map[string]any{"ignored": true}
			req.Params.Text = "ignored"
			return req, nil
		}))
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "DEMO_SEND", Arguments: `{"to":"ceo@example.com"}`},
		{ID: "b", Name: "DEMO_SEND", Arguments: `{"to":"team@example.com"}`},
	})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
	assert.JSONEq(t, `{"error":"sending to this address needs a human's approval"}`, results[0].Content)
	assert.Nil(t, results[0].Execution)
	assert.False(t, results[1].IsError)
	require.Len(t, w.requests(), 2, "the refused call did not run")
	assert.JSONEq(t, `{"user_id":"u1","connected_account_id":"ca_work","version":"20250202_00","arguments":{"to":"team@example.com"}}`,
		string(w.last().Body))
}

func TestToolSet_AfterExecute(t *testing.T) {
	var seen []string
	trim := func(ctx context.Context, req composio.ToolRequest, exec composio.ToolExecution) (composio.ToolExecution, error) {
		seen = append(seen, req.ToolSlug+":"+map[bool]string{true: "ok", false: "failed"}[exec.Successful])
		var data map[string]any
		if err := exec.Decode(&data); err != nil {
			return exec, err
		}
		delete(data, "attempted")
		data["trimmed"] = true
		exec.Data, _ = json.Marshal(data)
		return exec, nil
	}
	set, _ := toolSetFor(t, composio.WithConcurrency(1), composio.AfterExecute(trim),
		composio.AfterExecute(func(ctx context.Context, req composio.ToolRequest, exec composio.ToolExecution) (composio.ToolExecution, error) {
			if req.Arguments["message"] == "secret" {
				return exec, errors.New("the result was withheld")
			}
			return exec, nil
		}, "COMPOSIO_ECHO"))
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_ALWAYS_FAIL", Arguments: `{"reason":"no"}`},
		{ID: "b", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":1,"b":2}`},
		{ID: "c", Name: "COMPOSIO_ECHO", Arguments: `{"message":"secret"}`},
		{ID: "d", Name: "COMPOSIO_ECHO", Arguments: `[]`},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"COMPOSIO_ALWAYS_FAIL:failed", "COMPOSIO_CALCULATE:ok", "COMPOSIO_ECHO:ok"}, seen,
		"after every execution, failed or not; not for calls that did not run")
	assert.JSONEq(t, `{"error":"no","data":{"trimmed":true}}`, results[0].Content)
	assert.True(t, results[0].IsError)
	assert.JSONEq(t, `{"data":{"result":3,"trimmed":true}}`, results[1].Content)
	assert.JSONEq(t, `{"result":3}`, string(results[1].Execution.Data), "Execution is Composio's answer as it came")
	assert.True(t, results[2].IsError)
	assert.JSONEq(t, `{"error":"the result was withheld"}`, results[2].Content)
	assert.NotNil(t, results[2].Execution, "the tool ran")
}

func TestToolSet_ModifySchema(t *testing.T) {
	hideOwner := func(d composio.FunctionDefinition) composio.FunctionDefinition {
		var s map[string]any
		require.NoError(t, json.Unmarshal(d.Parameters, &s))
		delete(s["properties"].(map[string]any), "owner")
		delete(s["properties"].(map[string]any), "repo")
		s["required"] = []any{"title"}
		d.Parameters, _ = json.Marshal(s)
		d.Description = "Files an issue in the team's tracker."
		d.Name = "file_issue"
		d.ToolSlug, d.Version = "CHANGED", "CHANGED" // ignored
		return d
	}
	set, srv := toolSetFor(t,
		composio.ModifySchema(hideOwner, "GITHUB_CREATE_AN_ISSUE"),
		composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Description += " (internal)"
			return d
		}),
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			req.Arguments["owner"], req.Arguments["repo"] = "acme", "tracker"
			return req, nil
		}, "GITHUB_CREATE_AN_ISSUE"),
		composio.WithArgumentValidation(true))
	def, ok := set.Definitions().Find("file_issue")
	require.True(t, ok)
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", def.ToolSlug)
	assert.Equal(t, "20250906_01", def.Version)
	assert.Equal(t, "Files an issue in the team's tracker. (internal)", def.Description)
	assert.NotContains(t, string(def.Parameters), `"owner"`)
	_, ok = set.Definitions().Find("GITHUB_CREATE_AN_ISSUE")
	assert.False(t, ok)
	echo, _ := set.Definitions().Find("COMPOSIO_ECHO")
	assert.True(t, strings.HasSuffix(echo.Description, " (internal)"))

	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "file_issue", Arguments: `{"title":"Bug"}`},
		{ID: "b", Name: "GITHUB_CREATE_AN_ISSUE", Arguments: `{"title":"Bug"}`},
	})
	require.NoError(t, err)
	assert.False(t, results[0].IsError, results[0].Content)
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", results[0].ToolSlug)
	assert.True(t, results[1].IsError, "the old name is gone")
	assert.Len(t, executeBodies(srv)["GITHUB_CREATE_AN_ISSUE"], 1)
}

func TestToolSet_ModifySchemaStrict(t *testing.T) {
	set, srv := toolSetFor(t, composio.WithArgumentValidation(true),
		composio.ModifySchema(composio.FunctionDefinition.Strict))
	for _, d := range set.Definitions() {
		assert.True(t, d.IsStrict, d.Name)
	}
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "GITHUB_CREATE_AN_ISSUE", Arguments: `{"owner":"a","repo":"b","title":"c","body":null,"labels":null,"assignees":null}`},
		{ID: "b", Name: "GITHUB_CREATE_AN_ISSUE", Arguments: `{"owner":"a","repo":"b","title":"c"}`},
	})
	require.NoError(t, err)
	assert.False(t, results[0].IsError, results[0].Content)
	assert.True(t, results[1].IsError, "a strict schema wants every property")
	bodies := executeBodies(srv)["GITHUB_CREATE_AN_ISSUE"]
	require.Len(t, bodies, 1)
	assert.NotContains(t, bodies[0], "null", "the nulls were dropped before sending")
}

func TestToolSet_ModifierMistakes(t *testing.T) {
	set, _ := toolSetFor(t)
	for name, opt := range map[string]composio.ToolSetOption{
		"nil before": composio.BeforeExecute(nil),
		"nil after":  composio.AfterExecute(nil),
		"nil schema": composio.ModifySchema(nil),
		"bad name": composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Name = "has space"
			return d
		}),
		"long name": composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Name = strings.Repeat("x", 65)
			return d
		}),
		"same name": composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Name = "one"
			return d
		}),
		"not a schema": composio.ModifySchema(func(d composio.FunctionDefinition) composio.FunctionDefinition {
			d.Parameters = json.RawMessage(`[1]`)
			return d
		}, "COMPOSIO_ECHO"),
	} {
		_, err := set.With(opt)
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
}

func TestToolSet_ModifierPanicsAndContext(t *testing.T) {
	var info composio.CallInfo
	set, srv := toolSetFor(t,
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			if req.Arguments["message"] == "boom" {
				panic("boom")
			}
			info, _ = composio.CallInfoFromContext(ctx)
			return req, nil
		}, "COMPOSIO_ECHO"),
		composio.AfterExecute(func(ctx context.Context, req composio.ToolRequest, exec composio.ToolExecution) (composio.ToolExecution, error) {
			var m map[string]any
			_ = m["x"].(string) // panics: a nil interface is no string
			return exec, nil
		}, "COMPOSIO_CALCULATE"))
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_ECHO", Arguments: `{"message":"boom"}`},
		{ID: "b", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":1,"b":2}`},
		{ID: "c", Name: "COMPOSIO_ECHO", Arguments: `{"message":"fine"}`},
	})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
	assert.JSONEq(t, `{"error":"composio: COMPOSIO_ECHO panicked: boom"}`, results[0].Content)
	assert.True(t, results[1].IsError)
	assert.Contains(t, results[1].Content, "COMPOSIO_CALCULATE panicked")
	assert.False(t, results[2].IsError)
	assert.Len(t, executeBodies(srv)["COMPOSIO_ECHO"], 1)
	assert.Equal(t, "c", info.CallID)
	assert.Equal(t, "user_1", info.UserID)
	assert.Equal(t, "COMPOSIO_ECHO", info.ToolSlug)
	assert.NotNil(t, info.Client)
	_, ok := composio.CallInfoFromContext(context.Background())
	assert.False(t, ok)

	// A modifier failing because the context ended is the program's.
	ctx, cancel := context.WithCancel(context.Background())
	ended, err := set.With(composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
		cancel()
		return req, ctx.Err()
	}))
	require.NoError(t, err)
	results, err = ended.Handle(ctx, []composio.ToolCall{{ID: "a", Name: "COMPOSIO_ECHO", Arguments: `{"message":"x"}`}})
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, results[0].IsError)
}
