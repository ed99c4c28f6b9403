package composiotest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminCall sends body to the fake's own endpoint path with the project key
// and returns the status and decoded answer.
func adminCall(t *testing.T, srv *composiotest.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("x-api-key", srv.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(raw, &out), "%s", raw)
	return resp.StatusCode, out
}

// errorMessage is the envelope's message and details.
func errorMessage(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	b, _ := json.Marshal(e)
	return string(b)
}

// The fire endpoint's errors name the JSON fields its callers send.
func TestFireEndpointErrorsNameJSONFields(t *testing.T) {
	srv := composiotest.NewServer(t)
	for body, want := range map[string]string{
		`{}`: "trigger_id or trigger_slug is required",
		`{"trigger_slug":"GITHUB_COMMIT_EVENT","data":[1]}`:        "data must be a JSON object",
		`{"trigger_slug":"GITHUB_COMMIT_EVENT","data":"x"}`:        "data must be a JSON object",
		`{"trigger_slug":"GITHUB_COMMIT_EVENT","max_attempts":-1}`: "max_attempts must not be negative",
		`{"trigger_slug":7}`: `invalid type for field \"trigger_slug\"`,
	} {
		status, out := adminCall(t, srv, "POST", "/fake/triggers/fire", body)
		assert.Equal(t, http.StatusBadRequest, status, body)
		msg := errorMessage(out)
		assert.Contains(t, msg, want, body)
		for _, goName := range []string{"TriggerID", "TriggerSlug", "Data ", "MaxAttempts"} {
			assert.NotContains(t, msg, goName, body)
		}
	}
}
