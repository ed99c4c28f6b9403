package composio_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogsListToolExecutions(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "logs/list.json"))
	from := time.Date(2025, 9, 6, 0, 0, 0, 0, time.UTC)
	page, err := w.client().Logs.ListToolExecutions(context.Background(), composio.LogListParams{
		Limit: 2, Cursor: "c0",
		Filters: []composio.LogFilter{
			{Field: composio.LogFieldToolkitSlug, Operator: composio.LogOpEquals, Value: "slack"},
			{Field: composio.LogFieldStatus, Operator: composio.LogOpNotEquals, Value: "failed"},
		},
		TimeRange: &composio.LogTimeRange{From: from, To: from.Add(24 * time.Hour)},
	})
	require.NoError(t, err)

	req := w.last()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v3.1/logs/tool_execution", req.Path)
	assert.Empty(t, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.JSONEq(t, fmt.Sprintf(`{"limit":2,"cursor":"c0","filters":[
		{"field":"toolkit_slug","operator":"==","value":"slack"},{"field":"status","operator":"!=","value":"failed"}],
		"time_range":{"from":%d,"to":%d}}`, from.UnixMilli(), from.Add(24*time.Hour).UnixMilli()), string(req.Body))

	require.Len(t, page.Items, 2)
	l := page.Items[0]
	assert.Equal(t, "log_sl4Tn8wB2cRd", l.ID)
	assert.Equal(t, time.Date(2025, 9, 6, 10, 50, 0, 0, time.UTC), l.Timestamp.Time)
	assert.Equal(t, composio.LogStatusSuccess, l.Status)
	assert.Equal(t, "SLACK_SEND_MESSAGE", l.Metadata["tool_slug"])
	assert.EqualValues(t, 243, l.Metrics["duration_ms"])
	require.NotNil(t, l.Parent)
	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", l.Parent.ToolSlug)
	assert.Nil(t, page.Items[1].Parent)
	assert.Equal(t, composio.LogLevelError, page.Items[1].Level)
	assert.Equal(t, "Recipient address rejected", page.Items[1].Message)
	assert.Equal(t, "bG9nczoy", page.NextCursor)

	// The zero value sends an empty body object.
	_, err = w.client().Logs.ListToolExecutions(context.Background(), composio.LogListParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(w.last().Body))
}

func TestLogsListToolExecutionsAll(t *testing.T) {
	w := newWire(t, 200, `{"logs":[{"id":"a"},{"id":"b"}],"next_cursor":"n1"}`).
		then(200, `{"logs":[{"id":"c"}],"next_cursor":null}`)
	var ids []string
	for l, err := range w.client().Logs.ListToolExecutionsAll(context.Background(), composio.LogListParams{Limit: 2}) {
		require.NoError(t, err)
		ids = append(ids, l.ID)
	}
	assert.Equal(t, []string{"a", "b", "c"}, ids)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.JSONEq(t, `{"limit":2}`, string(reqs[0].Body))
	assert.JSONEq(t, `{"limit":2,"cursor":"n1"}`, string(reqs[1].Body), "the cursor travels in the body")
}

func TestLogsGetToolExecution(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "logs/get.json"))
	d, err := w.client().Logs.GetToolExecution(context.Background(), "log_gh7Qm2xV9kLp")
	require.NoError(t, err)

	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/logs/tool_execution/log_gh7Qm2xV9kLp", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Empty(t, req.Body)

	assert.Equal(t, "GITHUB_CREATE_AN_ISSUE", d.Metadata["tool_slug"])
	require.NotNil(t, d.Timings)
	assert.Equal(t, 812*time.Millisecond, d.Timings.End().Sub(d.Timings.Start()))
	assert.Equal(t, composio.LogContext{SessionID: "trs_1", TraceID: "tr_1", RequestID: "req_1"}, d.Context)
	assert.Equal(t, "langchain", d.Source.Framework)
	var data struct {
		Request  map[string]string `json:"request"`
		Response struct {
			Data struct {
				Number int `json:"number"`
			} `json:"data"`
		} `json:"response"`
	}
	require.NoError(t, d.Decode(&data))
	assert.Equal(t, "website", data.Request["repo"])
	assert.Equal(t, 1347, data.Response.Data.Number)
}

func TestLogsErrorsAndValidation(t *testing.T) {
	w := newWire(t, 404, `{"error":{"message":"Log not found","status":404,"request_id":"req_l"}}`)
	_, err := w.client().Logs.GetToolExecution(context.Background(), "log_missing")
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = w.client().Logs.ListToolExecutions(context.Background(), composio.LogListParams{})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	n := len(w.requests())

	_, err = w.client().Logs.GetToolExecution(context.Background(), "")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = w.client().Logs.GetToolExecution(context.Background(), "..")
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithUserAPIKey(testUserAPIKey), composio.WithBaseURL(w.srv.URL))
	require.NoError(t, err)
	_, err = c.Logs.ListToolExecutions(context.Background(), composio.LogListParams{})
	assert.ErrorIs(t, err, composio.ErrInvalidParams, "logs need the project key")
	assert.ErrorContains(t, err, "WithAPIKey")
	assert.Len(t, w.requests(), n)
}

// A bad filter or time window fails before sending, naming the field: a
// zero time would otherwise go out as a date in year 1.
func TestLogsListValidation(t *testing.T) {
	w := newWire(t, 200, `{"logs":[],"next_cursor":null}`)
	logs := w.client().Logs
	now := time.Date(2025, 9, 6, 0, 0, 0, 0, time.UTC)
	for field, p := range map[string]composio.LogListParams{
		"limit":               {Limit: -1},
		"filters[1].field":    {Filters: []composio.LogFilter{{Field: "status", Operator: "==", Value: "x"}, {Operator: "=="}}},
		"filters[0].operator": {Filters: []composio.LogFilter{{Field: composio.LogFieldUserID, Value: "u"}}},
		"time_range.from":     {TimeRange: &composio.LogTimeRange{To: now}},
		"time_range.to":       {TimeRange: &composio.LogTimeRange{From: now}},
		"time_range":          {TimeRange: &composio.LogTimeRange{From: now, To: now.Add(-time.Second)}},
	} {
		_, err := logs.ListToolExecutions(context.Background(), p)
		require.ErrorIs(t, err, composio.ErrInvalidParams, field)
		assert.ErrorContains(t, err, field+":")
	}
	assert.Empty(t, w.requests())
}

// Timings may carry fractional milliseconds; an entry without data decodes
// to nothing rather than failing.
func TestLogsGetToolExecutionShapes(t *testing.T) {
	w := newWire(t, 200, `{"id":"log_1","timestamp":"2025-09-06T08:00:00Z","type":"tool.execution","status":"failed","level":"warn",
		"metadata":{},"metrics":{},"parent":{"log_id":"log_0","tool_slug":"X"},
		"timings":{"start_time":1757145599188.25,"end_time":1757145600000.9},"context":{},"source":{}}`)
	d, err := w.client().Logs.GetToolExecution(context.Background(), "log_1")
	require.NoError(t, err)
	assert.Equal(t, composio.LogTimings{StartTime: 1757145599188, EndTime: 1757145600000}, *d.Timings)
	assert.Equal(t, composio.LogLevelWarn, d.Level)
	assert.Equal(t, "log_0", d.Parent.LogID)
	var data map[string]any
	require.NoError(t, d.Decode(&data))
	assert.Nil(t, data)
}
