package composiotest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every list reads its page through one reader: a limit above the
// operation's documented maximum is the API's validation error, and a list
// with no documented maximum lowers it to the fake's largest page.
func TestPageLimitsFollowTheDocumentedMaxima(t *testing.T) {
	srv := NewServer(t)
	project := map[string]string{hdrAPIKey: srv.APIKey}
	refused := map[string]int{
		"/api/v3.1/tools":                    maxToolsPage,
		"/api/v3.1/toolkits":                 maxToolsPage,
		"/api/v3.1/auth_configs":             maxResourcePage,
		"/api/v3.1/triggers_types":           maxResourcePage,
		"/api/v3.1/trigger_instances/active": maxResourcePage,
		"/api/v3.1/webhook_subscriptions":    maxResourcePage,
		"/api/v3.1/files/list":               maxResourcePage,
	}
	for path, max := range refused {
		status, _, _ := call(t, srv, "GET", path+"?limit="+itoa(max), project, "")
		assert.Equal(t, http.StatusOK, status, "%s at its maximum", path)
		status, _, body := call(t, srv, "GET", path+"?limit="+itoa(max+1), project, "")
		require.Equal(t, http.StatusBadRequest, status, "%s above its maximum", path)
		e := envelope(t, body)
		assert.Equal(t, "limit must be at most "+itoa(max), e["message"], path)
		assert.Equal(t, []any{"limit: Number must be less than or equal to " + itoa(max)}, e["errors"], path)
	}
	srv.SeedConnectedAccount(ConnectedAccountSeed{UserID: "u", ToolkitSlug: "github"})
	status, _, body := call(t, srv, "GET", "/api/v3.1/connected_accounts?limit=5000", project, "")
	require.Equal(t, http.StatusOK, status, "no documented maximum")
	assert.Equal(t, float64(1), body["total_pages"], "the limit was lowered to %d, not refused", maxPageSize)
}
