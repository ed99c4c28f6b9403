package composio_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	toolsGithubToolJSON = `{"slug":"GITHUB_CREATE_AN_ISSUE","toolkit":{"slug":"github","name":"GitHub","logo":""},"version":"20250906_01"}`
	toolsExecutedJSON   = `{"data":{"ok":true},"error":null,"successful":true,"log_id":"log_1"}`
)

// toolsSentVersion returns the version of the execute request among reqs,
// failing unless the requests are exactly the expected methods.
func toolsSentVersion(t *testing.T, w *wire, methods ...string) string {
	t.Helper()
	reqs := w.requests()
	var got []string
	for _, r := range reqs {
		got = append(got, r.Method)
	}
	require.Equal(t, methods, got)
	var body struct {
		Version *string `json:"version"`
	}
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &body))
	require.NotNil(t, body.Version, "execute must always send a version")
	return *body.Version
}

// toolsEnvClient builds a client for w that reads the environment.
func toolsEnvClient(t *testing.T, w *wire, opts ...composio.Option) *composio.Client {
	t.Helper()
	c, err := composio.NewClient(append([]composio.Option{composio.WithBaseURL(w.srv.URL), composio.WithAPIKey(testAPIKey)}, opts...)...)
	require.NoError(t, err)
	return c
}

func TestExecuteVersion_CallVersionWins(t *testing.T) {
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GITHUB", "20250101_00")
	w := newWire(t, 200, toolsExecutedJSON)
	c := toolsEnvClient(t, w, composio.WithToolkitVersions(map[string]string{"github": "20250801_00"}))
	_, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u", Version: "20250906_01"})
	require.NoError(t, err)
	assert.Equal(t, "20250906_01", toolsSentVersion(t, w, "POST"), "no lookup when the call names its version")
}

func TestExecuteVersion_SingleClientVersion(t *testing.T) {
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GITHUB", "20250101_00")
	w := newWire(t, 200, toolsExecutedJSON)
	c := toolsEnvClient(t, w, composio.WithToolkitVersion("20250906_01"))
	_, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250906_01", toolsSentVersion(t, w, "POST"), "one version for all toolkits needs no lookup and ignores the environment")
}

func TestExecuteVersion_MapLooksUpToolkit(t *testing.T) {
	w := newWire(t, 200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	c := w.client(composio.WithToolkitVersions(map[string]string{"GITHUB": "20250801_00", "gmail": "20250909_00"}))
	res, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.True(t, res.Successful)
	assert.Equal(t, "20250801_00", toolsSentVersion(t, w, "GET", "POST"))
	lookup := w.requests()[0]
	assert.Equal(t, "/api/v3.1/tools/GITHUB_CREATE_AN_ISSUE", lookup.Path)
	assert.Equal(t, url.Values{"toolkit_versions[github]": {"20250801_00"}, "toolkit_versions[gmail]": {"20250909_00"}}, lookup.Query)
}

func TestExecuteVersion_EnvironmentVariable(t *testing.T) {
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GITHUB", "20250801_00")
	w := newWire(t, 200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	_, err := toolsEnvClient(t, w).Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250801_00", toolsSentVersion(t, w, "GET", "POST"))
}

func TestExecuteVersion_OptionMapOverEnvironment(t *testing.T) {
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GITHUB", "20250801_00")
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GMAIL", "20250815_00")

	// The option pins gmail; github still comes from the environment.
	w := newWire(t, 200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	c := toolsEnvClient(t, w, composio.WithToolkitVersions(map[string]string{"gmail": "20250909_00"}))
	_, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250801_00", toolsSentVersion(t, w, "GET", "POST"))
	assert.Equal(t, url.Values{"toolkit_versions[github]": {"20250801_00"}, "toolkit_versions[gmail]": {"20250909_00"}}, w.requests()[0].Query)

	// The option wins for the toolkit it names.
	w = newWire(t, 200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	c = toolsEnvClient(t, w, composio.WithToolkitVersions(map[string]string{"github": "20250906_01"}))
	_, err = c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250906_01", toolsSentVersion(t, w, "GET", "POST"))
}

func TestExecuteVersion_WithoutEnvironmentIgnoresVariables(t *testing.T) {
	t.Setenv("COMPOSIO_TOOLKIT_VERSION_GITHUB", "20250801_00")
	w := newWire(t, 200, toolsExecutedJSON)
	_, err := w.client().Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assertNotExecuted(t, w)
}

// assertNotExecuted checks that a refused execution sent lookups only.
func assertNotExecuted(t *testing.T, w *wire) {
	t.Helper()
	for _, r := range w.requests() {
		assert.Equal(t, http.MethodGet, r.Method, "a refused execution sends nothing but lookups")
	}
}

func TestExecuteVersion_LatestRefused(t *testing.T) {
	ctx := context.Background()

	// Nothing configured: refused before anything is executed (the lookup
	// only names the toolkit and its latest version in the error).
	w := newWire(t, 200, toolsGithubToolJSON)
	_, err := w.client().Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Contains(t, err.Error(), "WithToolkitVersions")
	assert.Contains(t, err.Error(), "COMPOSIO_TOOLKIT_VERSION_")
	assertNotExecuted(t, w)

	// The call's own "latest", and the client's single "latest".
	_, err = w.client().Tools.Execute(ctx, "X", composio.ToolExecuteParams{Version: "latest"})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	_, err = w.client(composio.WithToolkitVersion("latest")).Tools.Execute(ctx, "X", composio.ToolExecuteParams{})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assertNotExecuted(t, w)

	// A map without the tool's toolkit: refused after the lookup, naming it.
	w = newWire(t, 200, toolsGithubToolJSON)
	_, err = w.client(composio.WithToolkitVersions(map[string]string{"gmail": "20250909_00"})).
		Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assert.Contains(t, err.Error(), "COMPOSIO_TOOLKIT_VERSION_GITHUB")
	assert.Contains(t, err.Error(), `"github"`)
	assert.Len(t, w.requests(), 1, "only the lookup was sent")
}

func TestExecuteVersion_SkipCheckSendsLatest(t *testing.T) {
	w := newWire(t, 200, toolsExecutedJSON)
	_, err := w.client().Tools.Execute(context.Background(), "COMPOSIO_ECHO", composio.ToolExecuteParams{
		Arguments: map[string]any{"message": "hi"}, DangerouslySkipVersionCheck: true})
	require.NoError(t, err)
	assert.Equal(t, "latest", toolsSentVersion(t, w, "POST"))
	assert.NotContains(t, string(w.last().Body), "Dangerously")
}

func TestExecuteVersion_LookupFailure(t *testing.T) {
	w := newWire(t, 404, toolNotFoundBody)
	_, err := w.client(composio.WithToolkitVersions(map[string]string{"github": "20250906_01"})).
		Tools.Execute(context.Background(), "NOPE", composio.ToolExecuteParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrNotFound)
	assert.Len(t, w.requests(), 1)
}

func TestToolkitVersionOptions(t *testing.T) {
	for name, opt := range map[string]composio.Option{
		"empty version":  composio.WithToolkitVersion(" "),
		"empty map key":  composio.WithToolkitVersions(map[string]string{"": "1"}),
		"empty map item": composio.WithToolkitVersions(map[string]string{"github": ""}),
	} {
		_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("k"), opt)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}

	// The later of the two options wins.
	w := newWire(t, 200, toolsExecutedJSON)
	c := w.client(composio.WithToolkitVersions(map[string]string{"github": "A"}), composio.WithToolkitVersion("B"))
	_, err := c.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{})
	require.NoError(t, err)
	assert.Equal(t, "B", toolsSentVersion(t, w, "POST"))

	// Client.With keeps the versions and can replace them.
	c2, err := c.With(composio.WithToolkitVersion("C"))
	require.NoError(t, err)
	_, err = c2.Tools.Execute(context.Background(), "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{})
	require.NoError(t, err)
	assert.Contains(t, string(w.last().Body), `"version":"C"`)
}

func TestExecuteVersion_ToolkitLookedUpOncePerClient(t *testing.T) {
	ctx := context.Background()
	pins := composio.WithToolkitVersions(map[string]string{"github": "20250801_00"})
	w := newWire(t, 200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	c := w.client(pins)
	for range 3 {
		_, err := c.Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
		require.NoError(t, err)
	}
	_, err := c.Tools.ExecuteCall(ctx, composio.ToolCall{Name: "GITHUB_CREATE_AN_ISSUE"}, composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250801_00", toolsSentVersion(t, w, "GET", "POST", "POST", "POST", "POST"), "one lookup per tool and client")

	// A client derived with With has its own memory.
	w2 := newWire(t, 200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	c2, err := c.With(composio.WithBaseURL(w2.srv.URL))
	require.NoError(t, err)
	_, err = c2.Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250801_00", toolsSentVersion(t, w2, "GET", "POST"))
}

func TestExecuteVersion_FailedLookupNotRemembered(t *testing.T) {
	ctx := context.Background()
	w := newWire(t, 404, toolNotFoundBody).then(200, toolsGithubToolJSON).then(200, toolsExecutedJSON)
	c := w.client(composio.WithToolkitVersions(map[string]string{"github": "20250801_00"}))
	_, err := c.Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.Tools.Execute(ctx, "GITHUB_CREATE_AN_ISSUE", composio.ToolExecuteParams{UserID: "u"})
	require.NoError(t, err)
	assert.Equal(t, "20250801_00", toolsSentVersion(t, w, "GET", "GET", "POST"))
}

func TestExecuteVersion_ConcurrentExecutionsShareTheLookup(t *testing.T) {
	c, srv := toolsFakeClient(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{Arguments: map[string]any{"message": "hi"}})
			assert.NoError(t, err)
			assert.True(t, res != nil && res.Successful)
		}()
	}
	wg.Wait()
	lookups := func() int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Method == http.MethodGet && r.Path == "/api/v3.1/tools/COMPOSIO_ECHO" {
				n++
			}
		}
		return n
	}
	first := lookups()
	assert.GreaterOrEqual(t, first, 1)
	_, err := c.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{Arguments: map[string]any{"message": "hi"}})
	require.NoError(t, err)
	assert.Equal(t, first, lookups(), "remembered after the first executions")
	assert.Equal(t, 9, toolsExecuteRequests(srv))
}

// TestToolkitVersionsMarshalJSON pins the body form: the same values, and
// the same refusals, as the query form.
func TestToolkitVersionsMarshalJSON(t *testing.T) {
	type body struct {
		V composio.ToolkitVersions `json:"toolkit_versions,omitzero"`
	}
	for want, v := range map[string]composio.ToolkitVersions{
		`{}`:                            {},
		`{"toolkit_versions":"latest"}`: {Version: "latest"},
		`{"toolkit_versions":{"github":"20250906_01","slack":"x"}}`: {ByToolkit: map[string]string{"GitHub": "20250906_01", "slack": "x"}},
	} {
		got, err := json.Marshal(body{v})
		require.NoError(t, err)
		assert.JSONEq(t, want, string(got))
	}
	for _, v := range []composio.ToolkitVersions{
		{Version: "latest", ByToolkit: map[string]string{"github": "x"}},
		{ByToolkit: map[string]string{"github": " "}},
	} {
		_, err := json.Marshal(v)
		assert.Error(t, err, "%+v", v)
	}
}
