package composiotest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requestsTo counts the logged requests of method to path.
func requestsTo(srv *composiotest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// The case that started it: an admin job's disable fails once, the client
// retries it (503 with retry-after-ms), and nothing else is touched.
func TestAimedFaultFailsOnlyItsOperation(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	id := srv.SeedActiveAccount("u", "github")
	srv.AddFault(composiotest.Fault{
		Method: "PATCH", Path: "/connected_accounts/{nanoid}/status",
		Times: 1, Status: http.StatusServiceUnavailable, RetryAfterMs: 1,
	})

	_, err := client.ConnectedAccounts.Get(ctx, id) // another operation: untouched
	require.NoError(t, err)
	require.NoError(t, client.ConnectedAccounts.Disable(ctx, id))
	assert.Equal(t, 2, requestsTo(srv, "PATCH", "/api/v3.1/connected_accounts/"+id+"/status"), "failed once, retried once")
	acct, err := client.ConnectedAccounts.Get(ctx, id)
	require.NoError(t, err)
	assert.True(t, acct.IsDisabled)
	assert.Empty(t, srv.Faults(), "used up")
}

func TestAimedFaultAnswersWithTheEnvelope(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client(composio.WithMaxRetries(0))
	srv.AddFault(composiotest.Fault{
		Path: "/api/v3.1/toolkits/{slug}", Status: http.StatusTooManyRequests, Code: 1429,
		Message: "Rate limit exceeded", SuggestedFix: "Slow down.", RetryAfter: "7",
	})
	var resp composio.Response
	_, err := client.Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{}, composio.WithResponseInto(&resp))
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, composio.ErrRateLimited))
	assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
	assert.Equal(t, 1429, apiErr.Code)
	assert.Equal(t, "Rate limit exceeded", apiErr.Message)
	assert.Equal(t, "Slow down.", apiErr.SuggestedFix)
	assert.Equal(t, 7*time.Second, apiErr.RetryAfter)
	assert.Equal(t, resp.Header.Get("X-Request-Id"), apiErr.RequestID)
	assert.True(t, strings.HasPrefix(apiErr.RequestID, "req_"))

	// Defaults: the status is the code, and the message says it was injected.
	srv.ClearFaults()
	srv.AddFault(composiotest.Fault{Path: "/toolkits", Status: http.StatusBadGateway})
	_, err = client.Toolkits.List(context.Background(), composio.ToolkitListParams{})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.Code)
	assert.Equal(t, "injected failure: 502 Bad Gateway", apiErr.Message)
	assert.Equal(t, "This failure was injected by the fake server.", apiErr.SuggestedFix)
}

func TestFaultMatchesMethodPathAndPredicate(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client(composio.WithMaxRetries(0))
	ctx := context.Background()
	id := srv.SeedActiveAccount("u", "github")
	srv.AddFault(composiotest.Fault{Method: "delete", Path: "/connected_accounts/{nanoid}", Status: 500})
	srv.AddFault(composiotest.Fault{Path: "/tools/execute/{tool_slug}", Status: 400, Match: func(r *http.Request) bool {
		body, err := io.ReadAll(r.Body)
		return err == nil && strings.Contains(string(body), "boom")
	}})

	_, err := client.ConnectedAccounts.Get(ctx, id) // GET: another method
	assert.NoError(t, err)
	assert.NoError(t, client.ConnectedAccounts.Disable(ctx, id)) // .../status: another path
	_, err = client.ConnectedAccounts.Delete(ctx, id, composio.ConnectedAccountDeleteParams{})
	assert.ErrorIs(t, err, composio.ErrServer)

	echo := func(msg string) (*composio.ToolExecution, error) {
		return client.Tools.Execute(ctx, composiotest.ToolComposioEcho, composio.ToolExecuteParams{
			Version: composiotest.VersionComposio, Arguments: map[string]any{"message": msg}})
	}
	res, err := echo("fine")
	require.NoError(t, err, "the predicate refused it")
	assert.True(t, res.Successful)
	_, err = echo("boom")
	assert.ErrorIs(t, err, composio.ErrBadRequest, "the predicate accepted it")
	res, err = echo("fine again")
	require.NoError(t, err, "the operation still reads the body the predicate read")
	assert.Contains(t, string(res.Data), "fine again")
}

func TestFaultForADurationByTheFakesClock(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := composiotest.NewServer(t, composiotest.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	client := srv.Client(composio.WithMaxRetries(0))
	srv.AddFault(composiotest.Fault{Path: "/toolkits", Status: 503, For: 30 * time.Second})
	list := func() error {
		_, err := client.Toolkits.List(context.Background(), composio.ToolkitListParams{})
		return err
	}
	assert.Error(t, list())
	assert.Error(t, list(), "every request while it lasts")
	states := srv.Faults()
	require.Len(t, states, 1)
	assert.Equal(t, 2, states[0].Hits)
	assert.Equal(t, -1, states[0].Left)
	assert.Equal(t, now.Add(30*time.Second), states[0].Until)
	mu.Lock()
	now = now.Add(31 * time.Second)
	mu.Unlock()
	assert.NoError(t, list())
	assert.Empty(t, srv.Faults())
}

func TestFaultLatency(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client(composio.WithMaxRetries(0))
	ctx := context.Background()
	srv.AddFault(composiotest.Fault{Path: "/toolkits/{slug}", Latency: time.Minute, Times: 1})
	_, err := client.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{}, composio.WithRequestTimeout(20*time.Millisecond))
	require.Error(t, err)
	var ne interface{ Timeout() bool }
	assert.True(t, errors.As(err, &ne) && ne.Timeout(), "a timeout: %v", err)
	tk, err := client.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{})
	require.NoError(t, err, "one request only")
	assert.Equal(t, "github", tk.Slug)
}

func TestFaultDrops(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client(composio.WithMaxRetries(0))
	ctx := context.Background()
	create := func() error {
		_, err := client.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: composiotest.ToolkitGitHub})
		return err
	}
	configs := func() int {
		page, err := client.AuthConfigs.List(ctx, composio.AuthConfigListParams{})
		require.NoError(t, err)
		return len(page.Items)
	}

	srv.AddFault(composiotest.Fault{Method: "POST", Path: "/auth_configs", Times: 1, Drop: composiotest.DropBeforeBody})
	require.Error(t, create())
	last := srv.Requests()
	assert.Nil(t, last[len(last)-1].Body, "dropped before the body was read")
	assert.Equal(t, 0, configs(), "nothing ran")

	srv.AddFault(composiotest.Fault{Method: "POST", Path: "/auth_configs", Times: 1, Drop: composiotest.DropAfterBody})
	require.Error(t, create())
	last = srv.Requests()
	assert.Contains(t, string(last[len(last)-1].Body), `"github"`, "the body was read")
	assert.Equal(t, 0, configs(), "nothing ran")

	srv.AddFault(composiotest.Fault{Method: "POST", Path: "/auth_configs", Times: 1, Drop: composiotest.DropAnswer})
	require.Error(t, create(), "the answer was lost")
	assert.Equal(t, 1, configs(), "but the operation ran")
}

func TestFaultBodies(t *testing.T) {
	srv := composiotest.NewServer(t)
	ctx := context.Background()

	srv.AddFault(composiotest.Fault{Path: "/toolkits/{slug}", Times: 1, TruncateBody: true})
	resp, err := http.Get(srv.URL + "/api/v3.1/toolkits/github?x=1")
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "headers, then half the body, then the end")

	// A stall longer than the client's patience is a timeout; a shorter
	// one only slows the answer down.
	client := srv.Client(composio.WithMaxRetries(0))
	srv.AddFault(composiotest.Fault{Path: "/toolkits/{slug}", Times: 1, StallBody: time.Minute})
	_, err = client.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{}, composio.WithRequestTimeout(50*time.Millisecond))
	require.Error(t, err)
	srv.AddFault(composiotest.Fault{Path: "/toolkits/{slug}", Times: 1, StallBody: 5 * time.Millisecond})
	tk, err := client.Toolkits.Get(ctx, "github", composio.ToolkitGetParams{})
	require.NoError(t, err)
	assert.Equal(t, "github", tk.Slug)
}

// Headers of a fault without a status go on the operation's own answer.
func TestFaultHeadersOnTheRealAnswer(t *testing.T) {
	srv := composiotest.NewServer(t)
	srv.AddFault(composiotest.Fault{Path: "/toolkits", Header: http.Header{"X-Extra": {"1"}}, RetryAfterMs: 250})
	var resp composio.Response
	page, err := srv.Client().Toolkits.List(context.Background(), composio.ToolkitListParams{}, composio.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.NotEmpty(t, page.Items)
	assert.Equal(t, "1", resp.Header.Get("X-Extra"))
	assert.Equal(t, "250", resp.Header.Get("Retry-After-Ms"))
}

func TestFaultsListRemoveAndClear(t *testing.T) {
	srv := composiotest.NewServer(t)
	a := srv.AddFault(composiotest.Fault{Method: "GET", Path: "/toolkits", Times: 3, Status: 500})
	b := srv.AddFault(composiotest.Fault{Latency: time.Millisecond})
	srv.FailNext(2, 503)
	srv.DropNext(1)
	states := srv.Faults()
	require.Len(t, states, 4)
	assert.Equal(t, a, states[0].ID)
	assert.Equal(t, "flt_1: GET /toolkits status 500, 0 hits, 3 left", states[0].String())
	assert.Equal(t, "flt_2: * * latency 1ms, 0 hits", states[1].String())
	assert.Equal(t, 503, states[2].Status)
	assert.Equal(t, composiotest.DropAfterBody, states[3].Drop)

	assert.True(t, srv.RemoveFault(b))
	assert.False(t, srv.RemoveFault(b))
	assert.Len(t, srv.Faults(), 3)
	srv.SetLatency(time.Hour)
	assert.Equal(t, 3, srv.ClearFaults())
	assert.Empty(t, srv.Faults())
	_, err := srv.Client().Toolkits.List(context.Background(), composio.ToolkitListParams{})
	assert.NoError(t, err, "no fault and no latency left")
}

func TestInvalidFaultsPanicNamingTheField(t *testing.T) {
	srv := composiotest.NewServer(t)
	for msg, ft := range map[string]composiotest.Fault{
		"Fault.Status must be from 400 to 599, got 200":    {Status: 200},
		"Fault.Times must not be negative":                 {Status: 500, Times: -1},
		"Fault.Latency must not be negative":               {Latency: -time.Second},
		"Fault.Drop must be":                               {Drop: "sometimes"},
		"Fault.Drop excludes Fault.Status":                 {Drop: composiotest.DropAnswer, Status: 500},
		"Fault.StallBody excludes Fault.TruncateBody":      {StallBody: time.Second, TruncateBody: true},
		"Fault.Status is not set, nor any other effect":    {Path: "/toolkits"},
		"Fault.Path must start with /":                     {Path: "toolkits", Status: 500},
		"Fault.Path has a malformed placeholder \"{slug\"": {Path: "/toolkits/{slug", Status: 500},
		"Fault.Method must be an HTTP method":              {Method: "GET /toolkits", Status: 500},
	} {
		func() {
			defer func() {
				r := recover()
				require.NotNil(t, r, msg)
				assert.Contains(t, r, "composiotest: AddFault: "+msg)
			}()
			srv.AddFault(ft)
		}()
	}
}

// WriteError lets a handler of one's own answer as the API does; the SDK
// decodes it into a *composio.Error.
func TestWriteErrorIsTheAPIsEnvelope(t *testing.T) {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		composiotest.WriteError(w, r, http.StatusConflict, composiotest.APIError{
			Message: "Alias taken", Code: 1812, SuggestedFix: "Choose another alias.", Errors: []string{"alias: taken"}})
	}))
	defer hs.Close()
	client, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(hs.URL), composio.WithAPIKey("test-key-0123456789"))
	require.NoError(t, err)
	var resp composio.Response
	_, err = client.Toolkits.Get(context.Background(), "x", composio.ToolkitGetParams{}, composio.WithResponseInto(&resp))
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, composio.ErrConflict)
	assert.Equal(t, 1812, apiErr.Code)
	assert.Equal(t, "Alias taken", apiErr.Message)
	assert.Equal(t, "Choose another alias.", apiErr.SuggestedFix)
	assert.Equal(t, []string{"alias: taken"}, apiErr.Details)
	assert.True(t, strings.HasPrefix(apiErr.RequestID, "req_"), "a request id is made up: %q", apiErr.RequestID)
	assert.Equal(t, apiErr.RequestID, resp.Header.Get("X-Request-Id"))
}

// A known path asked with a method it does not serve answers 405 with the
// envelope and the methods it serves, as the API does; an unknown path 404.
func TestWrongMethodIs405WithTheEnvelope(t *testing.T) {
	srv := composiotest.NewServer(t)
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"PUT", "/api/v3.1/toolkits", 405, "GET"},
		{"DELETE", "/api/v3.1/connected_accounts", 405, "GET, POST"},
		{"POST", "/api/v3.1/connected_accounts/ca_x/status", 405, "PATCH"},
		{"GET", "/api/v3.1/no/such/route", 404, ""},
	} {
		req, err := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		require.NoError(t, err)
		req.Header.Set("x-api-key", srv.APIKey)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, tc.method+" "+tc.path)
		assert.Equal(t, tc.allow, resp.Header.Get("Allow"), tc.method+" "+tc.path)
		assert.Contains(t, string(body), `"request_id":"req_`, tc.method+" "+tc.path)
	}
}
