package composio_test

import (
	"context"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeLogs(t *testing.T) {
	srv := composiotest.NewServer(t)
	logs := srv.Client().Logs
	ctx := context.Background()

	all, err := composio.Collect(logs.ListToolExecutionsAll(ctx, composio.LogListParams{Limit: 2}))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(all), 4)
	for i := 1; i < len(all); i++ {
		assert.False(t, all[i].Timestamp.After(all[i-1].Timestamp.Time), "newest first")
	}

	failed, err := logs.ListToolExecutions(ctx, composio.LogListParams{Filters: []composio.LogFilter{
		{Field: composio.LogFieldStatus, Operator: composio.LogOpEquals, Value: "failed"}}})
	require.NoError(t, err)
	require.Len(t, failed.Items, 1)
	assert.Equal(t, composio.LogLevelError, failed.Items[0].Level)
	assert.NotEmpty(t, failed.Items[0].Message)

	gh, err := logs.ListToolExecutions(ctx, composio.LogListParams{Filters: []composio.LogFilter{
		{Field: composio.LogFieldToolSlug, Operator: composio.LogOpContains, Value: "github"}}})
	require.NoError(t, err)
	require.Len(t, gh.Items, 1)

	now := time.Now()
	lastHour, err := logs.ListToolExecutions(ctx, composio.LogListParams{TimeRange: &composio.LogTimeRange{From: now.Add(-time.Hour), To: now.Add(time.Minute)}})
	require.NoError(t, err)
	assert.Less(t, len(lastHour.Items), len(all))
	assert.NotEmpty(t, lastHour.Items)

	d, err := logs.GetToolExecution(ctx, gh.Items[0].ID)
	require.NoError(t, err)
	require.NotNil(t, d.Timings)
	assert.Positive(t, d.Timings.EndTime-d.Timings.StartTime)
	var data struct {
		Request map[string]any `json:"request"`
	}
	require.NoError(t, d.Decode(&data))
	assert.Equal(t, "acme", data.Request["owner"])

	var child *composio.ToolExecutionLog
	for i := range all {
		if all[i].Parent != nil {
			child = &all[i]
		}
	}
	require.NotNil(t, child, "a seeded log has a parent")
	_, err = logs.GetToolExecution(ctx, child.Parent.LogID)
	require.NoError(t, err)

	_, err = logs.GetToolExecution(ctx, "log_nope")
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = logs.ListToolExecutions(ctx, composio.LogListParams{Filters: []composio.LogFilter{{Field: "colour", Operator: "==", Value: "x"}}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = logs.ListToolExecutions(ctx, composio.LogListParams{Cursor: "garbage"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}

func TestLogsFakeRecordsExecutions(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	res, err := c.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{Arguments: map[string]any{"message": "logged"}, Version: "20250901_00"})
	require.NoError(t, err)
	entry, err := c.Logs.GetToolExecution(ctx, res.LogID)
	require.NoError(t, err, "the log_id of an execution names its log")
	assert.Equal(t, res.LogID, entry.ID)
	assert.Equal(t, composio.LogStatus("success"), entry.Status)
	assert.Equal(t, "COMPOSIO_ECHO", entry.Metadata["tool_slug"])

	page, err := c.Logs.ListToolExecutions(ctx, composio.LogListParams{Filters: []composio.LogFilter{{Field: "log_id", Operator: "==", Value: res.LogID}}})
	require.NoError(t, err)
	require.Len(t, page.Items, 1, "and it is listed")
}
