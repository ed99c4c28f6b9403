package composio_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Slack tool, so that a version of another toolkit cannot pass for it.
const toolsSlackToolJSON = `{"slug":"SLACK_SEND_MESSAGE","name":"Send message","toolkit":{"slug":"slack","name":"Slack","logo":""},
	"version":"20251201_03","available_versions":["20250601_00","20251201_03"],"input_parameters":{"type":"object"}}`

func TestExecuteVersion_RequiredErrorNamesToolkitAndLatestVersion(t *testing.T) {
	ctx := context.Background()
	want := `composio: toolkit version required: SLACK_SEND_MESSAGE would run at the "latest" version of toolkit "slack", ` +
		`which may change under your program; pin a version, such as its latest, 20251201_03: set ToolExecuteParams.Version, ` +
		`use WithToolkitVersions(map[string]string{"slack": "20251201_03"}), or set COMPOSIO_TOOLKIT_VERSION_SLACK=20251201_03 ` +
		`(or set DangerouslySkipVersionCheck to accept the risk)`

	for name, c := range map[string]func(w *wire) *composio.Client{
		"nothing configured":    func(w *wire) *composio.Client { return w.client() },
		"client version latest": func(w *wire) *composio.Client { return w.client(composio.WithToolkitVersion("latest")) },
		"map without the toolkit": func(w *wire) *composio.Client {
			return w.client(composio.WithToolkitVersions(map[string]string{"gmail": "20250909_00"}))
		},
		"map naming it as latest": func(w *wire) *composio.Client {
			return w.client(composio.WithToolkitVersions(map[string]string{"slack": "LATEST"}))
		},
	} {
		t.Run(name, func(t *testing.T) {
			w := newWire(t, 200, toolsSlackToolJSON)
			_, err := c(w).Tools.Execute(ctx, "SLACK_SEND_MESSAGE", composio.ToolExecuteParams{UserID: "u"})
			require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
			require.ErrorIs(t, err, composio.ErrInvalidParams)
			assert.Equal(t, want, err.Error())
			assert.Equal(t, 1, strings.Count(err.Error(), "composio:"), "one prefix")
			reqs := w.requests()
			require.Len(t, reqs, 1, "one lookup, and the tool is never executed")
			assert.Equal(t, "GET", reqs[0].Method)
			assert.Equal(t, "/api/v3.1/tools/SLACK_SEND_MESSAGE", reqs[0].Path)
		})
	}

	// The lookup made for the message asks for the latest version.
	w := newWire(t, 200, toolsSlackToolJSON)
	_, err := w.client().Tools.Execute(ctx, "SLACK_SEND_MESSAGE", composio.ToolExecuteParams{Version: "latest"})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assert.Equal(t, want, err.Error())
	assert.Equal(t, url.Values{"toolkit_versions": {"latest"}}, w.last().Query)
}

func TestExecuteVersion_RequiredErrorWithoutVersionField(t *testing.T) {
	// No version on the tool: the newest of its available versions.
	w := newWire(t, 200, `{"slug":"SLACK_SEND_MESSAGE","toolkit":{"slug":"slack"},"available_versions":["20251201_03","20250601_00","latest"]}`)
	_, err := w.client().Tools.Execute(context.Background(), "SLACK_SEND_MESSAGE", composio.ToolExecuteParams{})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assert.Contains(t, err.Error(), `WithToolkitVersions(map[string]string{"slack": "20251201_03"})`)

	// No version at all: the toolkit is named, the version is not made up.
	w = newWire(t, 200, `{"slug":"SLACK_SEND_MESSAGE","toolkit":{"slug":"slack"}}`)
	_, err = w.client().Tools.Execute(context.Background(), "SLACK_SEND_MESSAGE", composio.ToolExecuteParams{})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	assert.Equal(t, `composio: toolkit version required: SLACK_SEND_MESSAGE would run at the "latest" version of toolkit "slack", `+
		`which may change under your program; pin a version: set ToolExecuteParams.Version, `+
		`use WithToolkitVersions(map[string]string{"slack": "<version>"}), or set COMPOSIO_TOOLKIT_VERSION_SLACK=<version> `+
		`(or set DangerouslySkipVersionCheck to accept the risk)`, err.Error())
}

func TestExecuteVersion_RequiredErrorWhenLookupFails(t *testing.T) {
	w := newWire(t, 404, toolNotFoundBody)
	_, err := w.client().Tools.Execute(context.Background(), "NOPE", composio.ToolExecuteParams{UserID: "u"})
	require.ErrorIs(t, err, composio.ErrToolkitVersionRequired)
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Equal(t, `composio: toolkit version required: NOPE would run at version "latest", which may change under your program; `+
		`pin a version: set ToolExecuteParams.Version, use WithToolkitVersions(map[string]string{"<toolkit>": "<version>"}), `+
		`or set COMPOSIO_TOOLKIT_VERSION_<TOOLKIT>=<version> (or set DangerouslySkipVersionCheck to accept the risk); `+
		`its toolkit could not be looked up: composio: 404 Not Found: Tool NOPE not found (request_id req_1; fix: List tools.)`, err.Error())
	assert.Len(t, w.requests(), 1)
}
