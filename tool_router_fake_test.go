package composio_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeSessionExecuteAndHistory(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()

	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "user_123"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(s.ID, "trs_"))
	assert.True(t, strings.HasPrefix(s.MCP.URL, srv.URL+"/"))
	assert.Equal(t, 1, s.ConfigVersion)
	assert.Contains(t, s.ToolRouterTools, "COMPOSIO_SEARCH_TOOLS")
	require.NotNil(t, s.Experimental)
	assert.NotEmpty(t, s.Experimental.AssistivePrompt)

	exec, err := c.ToolRouter.Execute(ctx, s.ID, composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO", Arguments: map[string]any{"message": "hello"}})
	require.NoError(t, err)
	require.NoError(t, exec.Err())
	assert.NotEmpty(t, exec.LogID)
	var out struct {
		Echo map[string]any `json:"echo"`
	}
	require.NoError(t, exec.Decode(&out))
	assert.Equal(t, "hello", out.Echo["message"])

	upd, err := c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{
		Toolkits: &composio.SessionToolkitFilter{Enable: []string{"composio", "github"}},
		Search:   &composio.SessionSwitch{Enable: composio.Ptr(false)},
	})
	require.NoError(t, err)
	assert.Equal(t, 2, upd.ConfigVersion)
	assert.Equal(t, []string{"composio", "github"}, upd.Config.Toolkits.Enabled)
	assert.NotContains(t, upd.ToolRouterTools, "COMPOSIO_SEARCH_TOOLS")
	_, err = c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{Workbench: &composio.SessionWorkbench{SandboxSize: composio.SandboxXLarge}})
	require.NoError(t, err)

	_, err = c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{Toolkits: &composio.SessionToolkitFilter{Enable: []string{"nope"}}})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	got, err := c.ToolRouter.Get(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, got.ConfigVersion, "a rejected update changes nothing")
	assert.Equal(t, composio.SandboxXLarge, got.Config.Workbench.SandboxSize)

	history, err := composio.Collect(c.ToolRouter.ListConfigHistoryAll(ctx, s.ID, composio.SessionConfigHistoryParams{Limit: 1}))
	require.NoError(t, err)
	require.Len(t, history, 3)
	assert.Equal(t, []int{3, 2, 1}, []int{history[0].Version, history[1].Version, history[2].Version})
	assert.True(t, history[0].IsCurrent)
	assert.False(t, history[1].IsCurrent)
	assert.Nil(t, history[2].Config.Toolkits, "version 1 had no toolkit filter")
	assert.Equal(t, []string{"composio", "github"}, history[1].Config.Toolkits.Enabled)
	assert.Nil(t, history[1].Config.Workbench)

	del, err := c.ToolRouter.Delete(ctx, s.ID)
	require.NoError(t, err)
	assert.True(t, del.Deleted)
	_, err = c.ToolRouter.Execute(ctx, s.ID, composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

func TestFakeSessionFilters(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()

	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1", SessionConfigParams: composio.SessionConfigParams{
		Toolkits: &composio.SessionToolkitFilter{Disable: []string{"composio"}},
	}})
	require.NoError(t, err)
	_, err = c.ToolRouter.Execute(ctx, s.ID, composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO"})
	assert.ErrorIs(t, err, composio.ErrForbidden, "a disabled toolkit's tools do not run")
	kits, err := composio.Collect(c.ToolRouter.ListToolkitsAll(ctx, s.ID, composio.SessionToolkitListParams{Limit: 2}))
	require.NoError(t, err)
	for _, k := range kits {
		assert.NotEqual(t, "composio", k.Slug)
	}
	assert.NotEmpty(t, kits)

	_, err = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1", SessionConfigParams: composio.SessionConfigParams{
		Tools: map[string]composio.SessionToolFilter{"composio": {Enable: []string{"COMPOSIO_TYPO"}}},
	}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "unknown tool slugs fail session creation")
	_, err = c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1", SessionConfigParams: composio.SessionConfigParams{
		Preload: &composio.SessionPreload{All: true},
	}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, `preload "all" needs an allowlist`)

	s2, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1", SessionConfigParams: composio.SessionConfigParams{
		Toolkits: &composio.SessionToolkitFilter{Enable: []string{"composio"}},
		Preload:  &composio.SessionPreload{All: true},
	}})
	require.NoError(t, err)
	assert.True(t, s2.Config.Preload.All)
	tools, err := composio.Collect(c.ToolRouter.ListToolsAll(ctx, s2.ID, composio.SessionToolListParams{}))
	require.NoError(t, err)
	require.NotEmpty(t, tools)
	for _, tool := range tools {
		assert.Equal(t, "composio", tool.Toolkit.Slug)
	}
	_, err = c.ToolRouter.ListTools(ctx, s2.ID, composio.SessionToolListParams{Limit: 501})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	// A session lists a tool exactly as the tools service returns it.
	s3, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1", SessionConfigParams: composio.SessionConfigParams{
		Toolkits: &composio.SessionToolkitFilter{Enable: []string{"github"}},
	}})
	require.NoError(t, err)
	ghTools, err := composio.Collect(c.ToolRouter.ListToolsAll(ctx, s3.ID, composio.SessionToolListParams{}))
	require.NoError(t, err)
	require.NotEmpty(t, ghTools)
	withScopes := 0
	for _, tool := range ghTools {
		want, err := c.Tools.Get(ctx, tool.Slug, composio.ToolGetParams{})
		require.NoError(t, err)
		assert.Equal(t, *want, tool, tool.Slug)
		if tool.ScopeRequirements != nil {
			withScopes++
		}
	}
	assert.NotZero(t, withScopes, "scope requirements reach the session's tool list")
}

func TestFakeSessionSearchAndMeta(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)

	res, err := c.ToolRouter.Search(ctx, s.ID, composio.SessionSearchParams{Queries: []composio.SearchQuery{{UseCase: "echo a message back"}, {UseCase: "zzzz qqqq"}}})
	require.NoError(t, err)
	assert.True(t, res.Success)
	require.Len(t, res.Results, 2)
	assert.Contains(t, res.Results[0].PrimaryToolSlugs, "COMPOSIO_ECHO")
	assert.Empty(t, res.Results[1].PrimaryToolSlugs)
	assert.Contains(t, res.ToolSchemas, "COMPOSIO_ECHO")
	assert.Equal(t, s.ID, res.Session.ID)
	require.NotEmpty(t, res.ToolkitConnectionStatuses)
	assert.Equal(t, "composio", res.ToolkitConnectionStatuses[0].Toolkit)
	assert.True(t, res.ToolkitConnectionStatuses[0].HasActiveConnection, "keyless toolkits need no connection")

	meta, err := c.ToolRouter.ExecuteMeta(ctx, s.ID, composio.SessionExecuteMetaParams{Slug: composio.MetaToolMultiExecute, Arguments: map[string]any{
		"tools": []any{
			map[string]any{"tool_slug": "COMPOSIO_ECHO", "arguments": map[string]any{"message": "one"}},
			map[string]any{"tool_slug": "NOPE_TOOL"},
		},
	}})
	require.NoError(t, err)
	var multi struct {
		Results []struct {
			ToolSlug string `json:"tool_slug"`
			Response struct {
				Successful bool   `json:"successful"`
				Error      string `json:"error"`
			} `json:"response"`
		} `json:"results"`
	}
	require.NoError(t, meta.Decode(&multi))
	require.Len(t, multi.Results, 2)
	assert.True(t, multi.Results[0].Response.Successful)
	assert.False(t, multi.Results[1].Response.Successful)

	// Meta tools run through Execute as well.
	meta, err = c.ToolRouter.Execute(ctx, s.ID, composio.SessionExecuteParams{ToolSlug: string(composio.MetaToolSearchTools),
		Arguments: map[string]any{"queries": []any{map[string]any{"use_case": "echo"}}}})
	require.NoError(t, err)
	require.NoError(t, meta.Err())

	wb, err := c.ToolRouter.ExecuteMeta(ctx, s.ID, composio.SessionExecuteMetaParams{Slug: composio.MetaToolRemoteWorkbench})
	require.NoError(t, err)
	assert.Error(t, wb.Err(), "the fake runs no sandbox: a tool-level failure")

	_, err = c.ToolRouter.ExecuteMeta(ctx, s.ID, composio.SessionExecuteMetaParams{Slug: "COMPOSIO_NOT_A_META_TOOL"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
}

func TestFakeSessionLink(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)

	kits, err := c.ToolRouter.ListToolkits(ctx, s.ID, composio.SessionToolkitListParams{Toolkits: []string{"github"}, IsConnected: composio.Ptr(true)})
	require.NoError(t, err)
	assert.Empty(t, kits.Items)

	link, err := c.ToolRouter.Link(ctx, s.ID, composio.SessionLinkParams{Toolkit: "github", Alias: "work", CallbackURL: "https://app.example.com/done"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(link.RedirectURL, srv.URL+"/"), link.RedirectURL)
	assert.NotEmpty(t, link.LinkToken)
	_, err = c.ToolRouter.Link(ctx, s.ID, composio.SessionLinkParams{Toolkit: "github", Alias: "work"})
	assert.ErrorIs(t, err, composio.ErrConflict, "aliases are unique per user and toolkit")
	_, err = c.ToolRouter.Link(ctx, s.ID, composio.SessionLinkParams{Toolkit: "hackernews"})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "keyless toolkits need no link")

	// The user opens the link and finishes connecting.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(link.RedirectURL)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Location"), "connected_account_id="+link.ConnectedAccountID)

	pinned, err := c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{ConnectedAccounts: map[string][]string{"github": {link.ConnectedAccountID}}})
	require.NoError(t, err)
	assert.Equal(t, []string{link.ConnectedAccountID}, pinned.Config.ConnectedAccounts["github"])
	unpinned, err := c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{Reset: []composio.SessionSetting{composio.SessionSettingConnectedAccounts}})
	require.NoError(t, err)
	assert.Nil(t, unpinned.Config.ConnectedAccounts)
	_, err = c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{ConnectedAccounts: map[string][]string{"github": {"ca_missing"}}})
	assert.ErrorIs(t, err, composio.ErrNotFound)

	kits, err = c.ToolRouter.ListToolkits(ctx, s.ID, composio.SessionToolkitListParams{Toolkits: []string{"github"}, IsConnected: composio.Ptr(true)})
	require.NoError(t, err)
	require.Len(t, kits.Items, 1)
	require.NotNil(t, kits.Items[0].ConnectedAccount)
	assert.Equal(t, link.ConnectedAccountID, kits.Items[0].ConnectedAccount.ID)
	assert.Equal(t, "ACTIVE", kits.Items[0].ConnectedAccount.Status)

	proxy, err := c.ToolRouter.Proxy(ctx, s.ID, composio.SessionProxyParams{ToolkitSlug: "github", Endpoint: "/user", Method: "GET",
		Parameters: []composio.SessionProxyParameter{{Name: "per_page", Value: "5", Type: "query"}}})
	require.NoError(t, err)
	assert.Equal(t, 200, proxy.Status)
	var echo struct {
		URL                string            `json:"url"`
		Query              map[string]string `json:"query"`
		ConnectedAccountID string            `json:"connected_account_id"`
	}
	require.NoError(t, proxy.Decode(&echo))
	assert.Equal(t, "https://api.github.com/user", echo.URL)
	assert.Equal(t, "5", echo.Query["per_page"])
	assert.Equal(t, link.ConnectedAccountID, echo.ConnectedAccountID)

	_, err = c.ToolRouter.Proxy(ctx, s.ID, composio.SessionProxyParams{ToolkitSlug: "slack", Endpoint: "/auth.test", Method: "GET"})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "no slack account connected")
}

func TestFakeSessionFiles(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)

	content := map[string]string{"data/a.csv": "x,y\n1,2\n", "data/b.csv": "z\n", "notes.txt": "hello mount"}
	for _, p := range []string{"data/a.csv", "data/b.csv", "notes.txt"} {
		up, err := c.ToolRouter.CreateFileUploadURL(ctx, s.ID, composio.DefaultMountID, composio.SessionFileUploadParams{MountRelativePath: p, Mimetype: "text/plain"})
		require.NoError(t, err)
		assert.Equal(t, "/mnt/files", up.SandboxMountPrefix)
		assert.False(t, up.ExpiresAt.IsZero())
		req, err := http.NewRequest(http.MethodPut, up.UploadURL, bytes.NewReader([]byte(content[p])))
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}

	files, err := composio.Collect(c.ToolRouter.ListFilesAll(ctx, s.ID, composio.DefaultMountID, composio.SessionFileListParams{Limit: 1}))
	require.NoError(t, err)
	require.Len(t, files, 3)
	assert.Equal(t, "data/a.csv", files[0].MountRelativePath)
	assert.Equal(t, int64(len(content["data/a.csv"])), files[0].Size)
	assert.False(t, files[0].LastModified.IsZero())
	sub, err := c.ToolRouter.ListFiles(ctx, s.ID, composio.DefaultMountID, composio.SessionFileListParams{MountRelativePrefix: "data/"})
	require.NoError(t, err)
	assert.Len(t, sub.Items, 2)
	assert.False(t, sub.HasMore())

	down, err := c.ToolRouter.CreateFileDownloadURL(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "notes.txt"})
	require.NoError(t, err)
	resp, err := http.Get(down.DownloadURL)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "hello mount", string(body))
	assert.Equal(t, "text/plain", resp.Header.Get("Content-Type"))

	del, err := c.ToolRouter.DeleteFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "notes.txt"})
	require.NoError(t, err)
	assert.Equal(t, "notes.txt", del.MountRelativePath)
	_, err = c.ToolRouter.DeleteFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "notes.txt"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	resp, err = http.Get(down.DownloadURL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "a deleted file is gone from storage")

	_, err = c.ToolRouter.CreateFileDownloadURL(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "missing.txt"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.ToolRouter.CreateFileUploadURL(ctx, s.ID, composio.DefaultMountID, composio.SessionFileUploadParams{MountRelativePath: "../escape"})
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	_, err = c.ToolRouter.ListFiles(ctx, s.ID, "other", composio.SessionFileListParams{})
	assert.ErrorIs(t, err, composio.ErrNotFound)
	_, err = c.ToolRouter.ListFiles(ctx, "trs_missing", composio.DefaultMountID, composio.SessionFileListParams{})
	assert.ErrorIs(t, err, composio.ErrNotFound)

	resp, err = http.Post(srv.URL+"/api/v3.1/tool_router/session/"+s.ID+"/mounts/files/items", "application/json", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.NotEqual(t, http.StatusOK, resp.StatusCode)
}

func TestFakeSessionFileTransfer(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)

	payload := bytes.Repeat([]byte{0, 1, 2, 255}, 1024)
	up, err := c.ToolRouter.UploadFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileUploadParams{MountRelativePath: "bin/blob.dat", Mimetype: "application/octet-stream"}, payload)
	require.NoError(t, err)
	assert.Equal(t, "bin/blob.dat", up.MountRelativePath)

	// The storage URL must not receive a Composio key.
	var put composiotest.RecordedRequest
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut {
			put = r
		}
	}
	require.Equal(t, http.MethodPut, put.Method)
	for _, h := range []string{"X-Api-Key", "X-User-Api-Key", "X-Org-Api-Key"} {
		assert.Empty(t, put.Header.Get(h), h)
	}
	assert.Equal(t, "application/octet-stream", put.Header.Get("Content-Type"))

	files, err := c.ToolRouter.ListFiles(ctx, s.ID, composio.DefaultMountID, composio.SessionFileListParams{})
	require.NoError(t, err)
	require.Len(t, files.Items, 1)
	assert.Equal(t, int64(len(payload)), files.Items[0].Size)

	got, err := c.ToolRouter.DownloadFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "bin/blob.dat"})
	require.NoError(t, err)
	assert.Equal(t, payload, got)

	_, err = c.ToolRouter.UploadFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileUploadParams{MountRelativePath: "empty.txt"}, nil)
	require.NoError(t, err)
	got, err = c.ToolRouter.DownloadFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "empty.txt"})
	require.NoError(t, err)
	assert.Empty(t, got)

	_, err = c.ToolRouter.DownloadFile(ctx, s.ID, composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "missing"})
	assert.ErrorIs(t, err, composio.ErrNotFound)
}

func TestSessionFileTransferStorageErrors(t *testing.T) {
	storage := newWire(t, 403, `<Error><Code>AccessDenied</Code></Error>`)
	api := newWire(t, 201, `{"upload_url":"`+storage.srv.URL+`/bucket/key?X-Amz-Signature=secret","mount_relative_path":"a","sandbox_mount_prefix":"/mnt/files","expires_at":"2025-09-08T13:00:00Z"}`)
	_, err := api.client().ToolRouter.UploadFile(context.Background(), "trs_1", "files", composio.SessionFileUploadParams{MountRelativePath: "a"}, []byte("x"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "403")
	assert.NotContains(t, err.Error(), "secret", "presigned signatures stay out of errors")
	assert.Empty(t, storage.last().Header.Get("X-Api-Key"))
}

func TestFakeSessionUpdateExperimental(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)
	upd, err := c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{Experimental: &composio.SessionUpdateExperimental{
		Permissions:      &composio.SessionPermissions{Default: composio.PermissionAskEveryCall},
		LinkURLOverwrite: "https://connect.example.com/",
	}})
	require.NoError(t, err)
	assert.Equal(t, s.ConfigVersion+1, upd.ConfigVersion)
	link, err := c.ToolRouter.Link(ctx, s.ID, composio.SessionLinkParams{Toolkit: "github"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(link.RedirectURL, "https://connect.example.com/link/"), link.RedirectURL)
}

func TestFakeSessionAuthConfigsMustExist(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	ac, err := c.AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github"})
	require.NoError(t, err)
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1", SessionConfigParams: composio.SessionConfigParams{
		AuthConfigs: map[string]string{"github": ac.AuthConfig.ID}}})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"github": ac.AuthConfig.ID}, s.Config.AuthConfigs)

	_, err = c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{AuthConfigs: map[string]string{"github": "ac_missing"}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "unknown auth config")
	_, err = c.ToolRouter.Update(ctx, s.ID, composio.SessionUpdateParams{AuthConfigs: map[string]string{"gmail": ac.AuthConfig.ID}})
	assert.ErrorIs(t, err, composio.ErrBadRequest, "auth config of another toolkit")
}

// A session runs tools as Tools.Execute does: arguments that do not fit the
// schema make a tool-level failure, directly and in multi-execute.
func TestFakeSessionExecuteChecksArguments(t *testing.T) {
	srv := composiotest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	s, err := c.ToolRouter.Create(ctx, composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)

	direct, err := c.Tools.Execute(ctx, "COMPOSIO_ECHO", composio.ToolExecuteParams{UserID: "u1", Arguments: map[string]any{}, DangerouslySkipVersionCheck: true})
	require.NoError(t, err)
	require.Error(t, direct.Err())

	exec, err := c.ToolRouter.Execute(ctx, s.ID, composio.SessionExecuteParams{ToolSlug: "COMPOSIO_ECHO", Arguments: map[string]any{}})
	require.NoError(t, err)
	var toolErr *composio.ToolError
	require.ErrorAs(t, exec.Err(), &toolErr)
	assert.ErrorIs(t, exec.Err(), composio.ErrToolFailed)
	assert.Equal(t, "COMPOSIO_ECHO", toolErr.Tool)
	assert.Equal(t, direct.Error, exec.Error, "the same failure as Tools.Execute")

	meta, err := c.ToolRouter.ExecuteMeta(ctx, s.ID, composio.SessionExecuteMetaParams{Slug: composio.MetaToolMultiExecute, Arguments: map[string]any{
		"tools": []any{map[string]any{"tool_slug": "COMPOSIO_ECHO", "arguments": map[string]any{}}},
	}})
	require.NoError(t, err)
	var multi struct {
		Results []struct {
			Response struct {
				Successful bool   `json:"successful"`
				Error      string `json:"error"`
			} `json:"response"`
		} `json:"results"`
	}
	require.NoError(t, meta.Decode(&multi))
	require.Len(t, multi.Results, 1)
	assert.False(t, multi.Results[0].Response.Successful)
	assert.Equal(t, direct.Error, multi.Results[0].Response.Error)
}

// Session operations take the project key; proxy_execute takes a user key
// too.
func TestFakeSessionAuth(t *testing.T) {
	srv := composiotest.NewServer(t)
	s, err := srv.Client().ToolRouter.Create(context.Background(), composio.SessionCreateParams{UserID: "u1"})
	require.NoError(t, err)
	send := func(method, path, body string) int {
		req, err := http.NewRequest(method, srv.URL+"/api/v3.1/tool_router/session/"+s.ID+path, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("x-user-api-key", srv.UserAPIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusUnauthorized, send(http.MethodGet, "", ""))
	assert.Equal(t, http.StatusUnauthorized, send(http.MethodPost, "/execute", `{"tool_slug":"COMPOSIO_ECHO","arguments":{"message":"hi"}}`))
	assert.Equal(t, http.StatusOK, send(http.MethodPost, "/proxy_execute", `{"toolkit_slug":"composio","endpoint":"https://x.test/a","method":"GET"}`))
}
