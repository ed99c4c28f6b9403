package composio_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolSet_HandleResultsInOrder(t *testing.T) {
	set, srv := toolSetFor(t)
	calls := []composio.ToolCall{
		{ID: "c1", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"multiply","a":6,"b":7}`},
		{ID: "c2", Name: "COMPOSIO_ALWAYS_FAIL", Arguments: `{"reason":"nope"}`},
		{ID: "c3", Name: "NO_SUCH_TOOL", Arguments: `{}`},
		{ID: "c4", Name: "COMPOSIO_ECHO", Arguments: `{"message":"hi"}`},
		{ID: "c5", Name: "COMPOSIO_ECHO", Arguments: `[1,2]`},
	}
	results, err := set.Handle(context.Background(), calls)
	require.NoError(t, err)
	require.Len(t, results, len(calls))
	for i, r := range results {
		assert.Equal(t, calls[i].ID, r.CallID)
		assert.Equal(t, calls[i].Name, r.Name)
	}

	assert.False(t, results[0].IsError)
	assert.NoError(t, results[0].Err)
	assert.JSONEq(t, `{"data":{"result":42}}`, results[0].Content)
	assert.Equal(t, "COMPOSIO_CALCULATE", results[0].ToolSlug)
	require.NotNil(t, results[0].Execution)
	assert.NotEmpty(t, results[0].Execution.LogID)

	assert.True(t, results[1].IsError)
	assert.ErrorIs(t, results[1].Err, composio.ErrToolFailed)
	assert.JSONEq(t, `{"error":"nope","data":{"attempted":true}}`, results[1].Content)

	assert.True(t, results[2].IsError)
	assert.Empty(t, results[2].ToolSlug)
	assert.Nil(t, results[2].Execution)
	assert.JSONEq(t, `{"error":"composio: no tool named \"NO_SUCH_TOOL\" in this tool set; call one of the tools you were given"}`, results[2].Content)

	assert.JSONEq(t, `{"data":{"echo":{"message":"hi"}}}`, results[3].Content)

	assert.True(t, results[4].IsError)
	assert.ErrorIs(t, results[4].Err, composio.ErrInvalidParams)
	assert.Contains(t, results[4].Content, "the arguments must be a JSON object, not an array")

	bodies := executeBodies(srv)
	assert.Len(t, bodies["COMPOSIO_ECHO"], 1, "the call with bad arguments did not run")
	assert.Len(t, bodies["COMPOSIO_CALCULATE"], 1)
}

func TestToolSet_HandleArgumentNormalisation(t *testing.T) {
	for _, tc := range []struct {
		name, args string
		ran        bool
		sent       string // arguments sent, when ran
		problem    string // in Content, when not
	}{
		{"object", `{"message":"a"}`, true, `{"message":"a"}`, ""},
		{"object in a JSON string", `"{\"message\":\"a\"}"`, true, `{"message":"a"}`, ""},
		{"empty", ``, true, `{}`, ""},
		{"whitespace", " \n\t", true, `{}`, ""},
		{"null", `null`, true, `{}`, ""},
		{"empty JSON string", `""`, true, `{}`, ""},
		{"null in a JSON string", `"null"`, true, `{}`, ""},
		{"array", `[1,2]`, false, "", "not an array"},
		{"number", `42`, false, "", "not a number"},
		{"boolean", `true`, false, "", "not a boolean"},
		{"truncated", `{"message":"a`, false, "", "not valid JSON"},
		{"trailing data", `{} {}`, false, "", "not valid JSON"},
		{"array in a JSON string", `"[1]"`, false, "", "not an array"},
		{"text in a JSON string", `"hello"`, false, "", "a JSON string that does not hold a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, w := wireToolSet(t, "DEMO_ANY", `{"type":"object","properties":{"message":{"type":"string"}}}`)
			results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "c", Name: "DEMO_ANY", Arguments: tc.args}})
			require.NoError(t, err)
			r := results[0]
			if tc.ran {
				assert.False(t, r.IsError, r.Content)
				require.Len(t, w.requests(), 2)
				assert.JSONEq(t, `{"user_id":"u1","version":"20250101_00","arguments":`+tc.sent+`}`, string(w.last().Body))
				return
			}
			assert.True(t, r.IsError)
			assert.ErrorIs(t, r.Err, composio.ErrInvalidParams)
			assert.Contains(t, r.Content, tc.problem)
			assert.Len(t, w.requests(), 1, "nothing was executed")
		})
	}
}

func TestToolSet_HandleDuplicateCallIDs(t *testing.T) {
	set, srv := toolSetFor(t)
	calls := []composio.ToolCall{
		{ID: "same", Name: "COMPOSIO_ECHO", Arguments: `{"message":"once"}`},
		{ID: "same", Name: "COMPOSIO_ECHO", Arguments: `{"message":"once"}`},
		{ID: "same", Name: "COMPOSIO_ECHO", Arguments: `{"message":"other"}`},
		{ID: "", Name: "COMPOSIO_ECHO", Arguments: `{"message":"no id"}`},
		{ID: "", Name: "COMPOSIO_ECHO", Arguments: `{"message":"no id"}`},
	}
	results, err := set.Handle(context.Background(), calls)
	require.NoError(t, err)
	assert.Equal(t, results[0], results[1], "a call delivered twice is answered twice, from one run")
	assert.True(t, results[2].IsError)
	assert.Equal(t, "same", results[2].CallID)
	assert.Contains(t, results[2].Content, `call id \"same\" was already used`)
	assert.False(t, results[3].IsError)
	assert.False(t, results[4].IsError)
	assert.Len(t, executeBodies(srv)["COMPOSIO_ECHO"], 3, "once for the repeated id, once per call without an id")
}

// inflight counts the execute requests in flight and the most seen at once.
type inflight struct {
	next      http.RoundTripper
	now, peak atomic.Int32
}

func (c *inflight) RoundTrip(r *http.Request) (*http.Response, error) {
	if !strings.Contains(r.URL.Path, "/tools/execute/") {
		return c.next.RoundTrip(r)
	}
	n := c.now.Add(1)
	for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
	}
	defer c.now.Add(-1)
	return c.next.RoundTrip(r)
}

func sleepCalls(n, ms int) []composio.ToolCall {
	calls := make([]composio.ToolCall, n)
	for i := range calls {
		calls[i] = composio.ToolCall{ID: fmt.Sprintf("call_%d", i), Name: "COMPOSIO_SLEEP", Arguments: fmt.Sprintf(`{"milliseconds":%d}`, ms)}
	}
	return calls
}

func TestToolSet_HandleBoundsConcurrency(t *testing.T) {
	for _, tc := range []struct {
		opts  []composio.ToolSetOption
		calls int
		bound int32
	}{
		{nil, 20, composio.DefaultConcurrency},
		{[]composio.ToolSetOption{composio.WithConcurrency(3)}, 10, 3},
		{[]composio.ToolSetOption{composio.WithConcurrency(1)}, 4, 1},
	} {
		srv := composiotest.NewServer(t)
		counter := &inflight{next: http.DefaultTransport}
		c := srv.Client(composio.WithHTTPClient(&http.Client{Transport: counter}))
		set, err := c.Tools.ForUser(context.Background(), "u", composio.ToolSetParams{Tools: []string{"COMPOSIO_SLEEP"}}, tc.opts...)
		require.NoError(t, err)
		results, err := set.Handle(context.Background(), sleepCalls(tc.calls, 20))
		require.NoError(t, err)
		for i, r := range results {
			assert.Equal(t, fmt.Sprintf("call_%d", i), r.CallID)
			assert.False(t, r.IsError, r.Content)
		}
		assert.LessOrEqual(t, counter.peak.Load(), tc.bound)
		assert.Positive(t, counter.peak.Load())
		assert.Len(t, executeBodies(srv)["COMPOSIO_SLEEP"], tc.calls, "each call ran once")
	}

	set, _ := toolSetFor(t)
	for _, n := range []int{0, -1} {
		_, err := set.With(composio.WithConcurrency(n))
		require.ErrorIs(t, err, composio.ErrInvalidParams)
		assert.Contains(t, err.Error(), "WithConcurrency")
	}
}

func TestToolSet_HandleErrorSplit(t *testing.T) {
	calls := []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_ECHO", Arguments: `{"message":"1"}`},
		{ID: "b", Name: "COMPOSIO_ECHO", Arguments: `{"message":"2"}`},
		{ID: "c", Name: "COMPOSIO_ECHO", Arguments: `{"message":"3"}`},
	}
	for _, tc := range []struct {
		name    string
		inject  func(*composiotest.Server)
		program error // nil: the model's to fix
	}{
		{"401", func(s *composiotest.Server) { s.FailNext(1, 401) }, composio.ErrUnauthorized},
		{"403", func(s *composiotest.Server) { s.FailNext(1, 403) }, composio.ErrForbidden},
		{"429 after retries", func(s *composiotest.Server) { s.FailNext(3, 429) }, composio.ErrRateLimited},
		{"500", func(s *composiotest.Server) { s.FailNext(1, 500) }, composio.ErrServer},
		{"503", func(s *composiotest.Server) { s.FailNext(1, 503) }, composio.ErrServer},
		{"dropped connection", func(s *composiotest.Server) { s.DropNext(1) }, nil},
		{"404", func(s *composiotest.Server) { s.FailNext(1, 404) }, nil},
		{"409", func(s *composiotest.Server) { s.FailNext(1, 409) }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := composiotest.NewServer(t)
			set, err := srv.Client().Tools.ForUser(context.Background(), "u", composio.ToolSetParams{Tools: []string{"COMPOSIO_ECHO"}},
				composio.WithConcurrency(1))
			require.NoError(t, err)
			tc.inject(srv)
			results, err := set.Handle(context.Background(), calls)
			require.Len(t, results, 3)
			if tc.name == "dropped connection" {
				// No answer at all: the API is unreachable, the program's.
				require.Error(t, err)
				assert.Equal(t, err, results[0].Err)
				assert.False(t, results[0].IsError)
				assertNotRun(t, results[1:])
				return
			}
			if tc.program == nil {
				require.NoError(t, err)
				assert.True(t, results[0].IsError)
				assert.Contains(t, results[0].Content, fmt.Sprintf("composio: %s", tc.name))
				assert.False(t, results[1].IsError)
				assert.False(t, results[2].IsError)
				return
			}
			require.ErrorIs(t, err, tc.program)
			assert.ErrorIs(t, results[0].Err, tc.program)
			assert.False(t, results[0].IsError, "not for the model to fix")
			assert.Contains(t, results[0].Content, `"error"`)
			assertNotRun(t, results[1:])
			attempts := 1
			if tc.name == "429 after retries" {
				attempts = 3 // a 429 means nothing ran: the transport retries it
			}
			assert.Len(t, executeBodies(srv)["COMPOSIO_ECHO"], attempts, "later calls did not start")
		})
	}
}

func assertNotRun(t *testing.T, results []composio.ToolResult) {
	t.Helper()
	for _, r := range results {
		assert.ErrorIs(t, r.Err, composio.ErrToolNotRun, r.CallID)
		assert.False(t, r.IsError)
		assert.Equal(t, "COMPOSIO_ECHO", r.ToolSlug)
		assert.JSONEq(t, `{"error":"composio: the tool call did not run"}`, r.Content)
	}
}

func TestToolSet_HandleUserSituationIsTheModels(t *testing.T) {
	srv := composiotest.NewServer(t)
	set, err := srv.Client().Tools.ForUser(context.Background(), "nobody", composio.ToolSetParams{Toolkits: []string{"github"}})
	require.NoError(t, err)
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "c", Name: "GITHUB_GET_THE_AUTHENTICATED_USER"}})
	require.NoError(t, err, "a user without a connected account is for the model to explain")
	assert.True(t, results[0].IsError)
	assert.ErrorIs(t, results[0].Err, composio.ErrBadRequest)
	assert.Contains(t, results[0].Content, "No ACTIVE connected account for user nobody and toolkit github")

	// An expired connection, picked explicitly by a modifier-free set: the
	// API refuses it with 400, for the model to tell the user.
	srv.SeedConnectedAccount(composiotest.ConnectedAccountSeed{UserID: "expired", ToolkitSlug: "github", Status: "EXPIRED"})
	set, err = srv.Client().Tools.ForUser(context.Background(), "expired", composio.ToolSetParams{Toolkits: []string{"github"}})
	require.NoError(t, err)
	results, err = set.Handle(context.Background(), []composio.ToolCall{{ID: "c", Name: "GITHUB_GET_THE_AUTHENTICATED_USER"}})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
	assert.ErrorIs(t, results[0].Err, composio.ErrBadRequest)
}

func TestToolSet_HandleUnpinnedVersionIsTheProgramsFault(t *testing.T) {
	// A tool listed without a version: executing it would run "latest",
	// which the client refuses. The program must pin versions.
	page := `{"items":[{"slug":"DEMO_X","name":"X","toolkit":{"slug":"demo"},"input_parameters":{"type":"object","properties":{}}}],"next_cursor":null}`
	w := newWire(t, 200, page)
	set, err := w.client().Tools.ForUser(context.Background(), "u", composio.ToolSetParams{Tools: []string{"DEMO_X"}})
	require.NoError(t, err)
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "c", Name: "DEMO_X"}, {ID: "d", Name: "DEMO_X"}})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assert.False(t, results[0].IsError)
	assert.ErrorIs(t, results[0].Err, composio.ErrToolkitVersionRequired)
	for _, r := range w.requests() {
		assert.NotEqual(t, http.MethodPost, r.Method, "nothing was executed: %s %s", r.Method, r.Path)
	}
}

func TestToolSet_HandleCancelledMidBatch(t *testing.T) {
	// The cancel comes while the second call (a long sleep) is in flight.
	srv := composiotest.NewServer(t)
	started := make(chan struct{})
	var once sync.Once
	spy := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if strings.HasSuffix(r.URL.Path, "/COMPOSIO_SLEEP") {
			once.Do(func() { close(started) })
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	set, err := srv.Client(composio.WithHTTPClient(&http.Client{Transport: spy})).Tools.ForUser(context.Background(), "u",
		composio.ToolSetParams{Toolkits: []string{"composio"}}, composio.WithConcurrency(1))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-started
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	results, err := set.Handle(ctx, []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_ECHO", Arguments: `{"message":"done"}`},
		{ID: "b", Name: "COMPOSIO_SLEEP", Arguments: `{"milliseconds":5000}`},
		{ID: "c", Name: "COMPOSIO_ECHO", Arguments: `{"message":"never"}`},
		{ID: "d", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":1,"b":2}`},
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, results[0].IsError)
	assert.JSONEq(t, `{"data":{"echo":{"message":"done"}}}`, results[0].Content, "a finished call keeps its result")
	assert.ErrorIs(t, results[1].Err, context.Canceled, "the call in flight reports the cancel: it may have run")
	assert.NotErrorIs(t, results[1].Err, composio.ErrToolNotRun)
	for _, r := range results[2:] {
		assert.ErrorIs(t, r.Err, composio.ErrToolNotRun, r.CallID)
		assert.NotEmpty(t, r.ToolSlug)
	}
	assert.Len(t, executeBodies(srv)["COMPOSIO_ECHO"], 1)
	assert.Empty(t, executeBodies(srv)["COMPOSIO_CALCULATE"])

	// A context that ended before Handle: nothing runs.
	srv.ResetRequests()
	results, err = set.Handle(ctx, []composio.ToolCall{{ID: "x", Name: "COMPOSIO_ECHO", Arguments: `{"message":"x"}`}})
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, results[0].Err, composio.ErrToolNotRun)
	assert.Empty(t, executeBodies(srv))

	results, err = set.Handle(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, results)
}

func TestToolSet_HandleValidation(t *testing.T) {
	set, srv := toolSetFor(t, composio.WithArgumentValidation(true))
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"multiply","a":"six","b":7}`},
		{ID: "b", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"power","a":2,"b":3}`},
		{ID: "c", Name: "COMPOSIO_CALCULATE", Arguments: `{"a":2,"b":3}`},
		{ID: "d", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"add","a":2,"b":12345678901234567890}`},
		{ID: "e", Name: "COMPOSIO_SLEEP", Arguments: `{"milliseconds":1.5}`},
		{ID: "f", Name: "COMPOSIO_SLEEP", Arguments: `{"milliseconds":20000}`},
	})
	require.NoError(t, err)
	for _, i := range []int{0, 1, 2, 4, 5} {
		assert.True(t, results[i].IsError, results[i].CallID)
		assert.ErrorIs(t, results[i].Err, composio.ErrInvalidParams, results[i].CallID)
	}
	assert.Contains(t, results[0].Content, "six")
	assert.Contains(t, results[1].Content, "enum")
	assert.Contains(t, results[2].Content, "operation")
	assert.False(t, results[3].IsError, results[3].Content)
	assert.Len(t, executeBodies(srv)["COMPOSIO_CALCULATE"], 1, "only the valid call ran")
	assert.Empty(t, executeBodies(srv)["COMPOSIO_SLEEP"])

	// Off again, the API is the judge: the tool runs and reports failure.
	off, err := set.With(composio.WithArgumentValidation(false))
	require.NoError(t, err)
	results, err = off.Handle(context.Background(), []composio.ToolCall{{ID: "a", Name: "COMPOSIO_CALCULATE", Arguments: `{"operation":"multiply","a":"six","b":7}`}})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
	assert.ErrorIs(t, results[0].Err, composio.ErrToolFailed)
}

func TestToolSet_HandleValidationSkipsUnreadableSchemas(t *testing.T) {
	set, w := wireToolSet(t, "DEMO_ODD", `{"type":"object","properties":{"a":{"type":"string","pattern":"(unclosed"}}}`,
		composio.WithArgumentValidation(true))
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "c", Name: "DEMO_ODD", Arguments: `{"a":"x"}`}})
	require.NoError(t, err)
	assert.False(t, results[0].IsError, results[0].Content)
	assert.Len(t, w.requests(), 2, "run unchecked")
}

func TestToolSet_HandleAPIGone(t *testing.T) {
	srv := composiotest.Start()
	set, err := srv.Client(composio.WithRetryWait(time.Millisecond, 2*time.Millisecond)).Tools.ForUser(context.Background(), "u",
		composio.ToolSetParams{Tools: []string{"COMPOSIO_ECHO"}}, composio.WithConcurrency(1))
	require.NoError(t, err)
	srv.Close() // connections are refused from now on, retries included

	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "COMPOSIO_ECHO", Arguments: `{"message":"1"}`},
		{ID: "b", Name: "COMPOSIO_ECHO", Arguments: `{"message":"2"}`},
	})
	require.Error(t, err, "the API unreachable after retries is the program's")
	var apiErr *composio.Error
	assert.NotErrorAs(t, err, &apiErr, "no answer at all")
	assert.Equal(t, err, results[0].Err)
	assert.False(t, results[0].IsError)
	assertNotRun(t, results[1:])
}
