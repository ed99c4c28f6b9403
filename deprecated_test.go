package composio_test

import (
	"context"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeprecatedNamesCallTheirSuccessors checks that each name kept as a
// deprecated alias sends the request of the name that replaces it.
func TestDeprecatedNamesCallTheirSuccessors(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		call func(c *composio.Client) error
		want string
	}{
		"Toolkits.Changelog": {func(c *composio.Client) error { _, err := c.Toolkits.Changelog(ctx); return err },
			"GET /api/v3.1/toolkits/changelog"},
		"Toolkits.ListMulti": {func(c *composio.Client) error {
			_, err := c.Toolkits.ListMulti(ctx, composio.ToolkitListMultiParams{Toolkits: []string{"github"}})
			return err
		}, "POST /api/v3.1/toolkits/multi"},
		"Toolkits.ListMultiAll": {func(c *composio.Client) error {
			for _, err := range c.Toolkits.ListMultiAll(ctx, composio.ToolkitListMultiParams{}) {
				return err
			}
			return nil
		}, "POST /api/v3.1/toolkits/multi"},
		"Files.RequestUpload": {func(c *composio.Client) error {
			_, err := c.Files.RequestUpload(ctx, composio.FileUploadRequestParams{ToolkitSlug: "gmail", ToolSlug: "GMAIL_SEND_EMAIL",
				Filename: "a.pdf", Mimetype: "application/pdf", MD5: "9e107d9d372bb6826bd81d3542a419d6"})
			return err
		}, "POST /api/v3.1/files/upload/request"},
		"ToolRouter.ProxyExecute": {func(c *composio.Client) error {
			_, err := c.ToolRouter.ProxyExecute(ctx, "trs_1", composio.SessionProxyExecuteParams{ToolkitSlug: "github", Endpoint: "/user", Method: composio.ProxyGet})
			return err
		}, "POST /api/v3.1/tool_router/session/trs_1/proxy_execute"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			w := newWire(t, 200, `{}`)
			require.NoError(t, c.call(w.client()))
			assert.Equal(t, c.want, w.last().Method+" "+w.last().Path)
		})
	}
	var acl composio.SessionSharedACL = composio.SharedACL{AllowAllUsers: true}
	assert.True(t, acl.AllowAllUsers)
}
