package composio_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeFilesRoundTrip(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()

	content := make([]byte, 3<<20+17)
	_, _ = rand.Read(content)
	path := filepath.Join(t.TempDir(), "scan.png")
	require.NoError(t, os.WriteFile(path, content, 0o600))

	ref, err := client.Files.Upload(ctx, composio.FileUploadParams{Path: path, ToolSlug: "SLACK_UPLOAD_FILE", ToolkitSlug: "slack"})
	require.NoError(t, err)
	assert.Equal(t, "scan.png", ref.Name)
	assert.Equal(t, "image/png", ref.Mimetype)
	assert.True(t, strings.HasSuffix(ref.S3Key, ".png"), ref.S3Key)

	stored, ok := srv.UploadedFile(ref.S3Key)
	require.True(t, ok)
	assert.True(t, bytes.Equal(content, stored))

	_, err = client.Files.Upload(ctx, composio.FileUploadParams{Reader: strings.NewReader("hello"), Filename: "note.txt",
		ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail"})
	require.NoError(t, err)

	all, err := composio.Collect(client.Files.ListAll(ctx, composio.FileListParams{Limit: 1}))
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, "scan.png", all[0].Filename)
	assert.Equal(t, md5hex(content), all[0].MD5)
	assert.Equal(t, "note.txt", all[1].Filename)

	page, err := client.Files.List(ctx, composio.FileListParams{ToolkitSlug: "gmail"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "GMAIL_SEND_EMAIL", page.Items[0].ToolSlug)

	u, ok := srv.DownloadURL(ref.S3Key)
	require.True(t, ok)
	var out bytes.Buffer
	dl, err := client.Files.Download(ctx, u, &out, composio.FileDownloadParams{})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(content, out.Bytes()))
	assert.Equal(t, "image/png", dl.ContentType)

	_, err = client.Files.Download(ctx, u, io.Discard, composio.FileDownloadParams{MaxBytes: 1 << 20})
	assert.ErrorIs(t, err, composio.ErrFileTooLarge)
}

func TestFakeFilesStorageChecks(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()

	// A presigned URL for one MD5 refuses other content.
	up, err := client.Files.CreateUploadURL(ctx, composio.FileUploadRequestParams{ToolkitSlug: "gmail", ToolSlug: "GMAIL_SEND_EMAIL",
		Filename: "a.txt", Mimetype: "text/plain", MD5: md5hex([]byte("expected"))})
	require.NoError(t, err)
	put := func(url, body, ctype string) int {
		req, err := http.NewRequest(http.MethodPut, url, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, http.StatusBadRequest, put(up.PresignedURL, "something else", "text/plain"), "BadDigest")
	assert.Equal(t, http.StatusForbidden, put(up.PresignedURL, "expected", "application/json"), "content type is signed")
	assert.Equal(t, http.StatusForbidden, put(strings.Replace(up.PresignedURL, "Signature=", "Signature=x", 1), "expected", "text/plain"))
	assert.Equal(t, http.StatusOK, put(up.PresignedURL, "expected", "text/plain"))

	// The upload URL does not download, and a made-up key is not there.
	_, err = client.Files.Download(ctx, up.PresignedURL, io.Discard, composio.FileDownloadParams{})
	assert.ErrorIs(t, err, composio.ErrForbidden)
	_, ok := srv.DownloadURL("projects/none")
	assert.False(t, ok)

	// Request validation follows the API (the SDK refuses a bad md5 itself,
	// so this goes around it).
	_, err = client.Files.CreateUploadURL(ctx, composio.FileUploadRequestParams{ToolkitSlug: "gmail", ToolSlug: "T",
		Filename: "a.txt", Mimetype: "text/plain", MD5: "not-a-digest"})
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/v3.1/files/upload/request", strings.NewReader(
		`{"toolkit_slug":"gmail","tool_slug":"T","filename":"a.txt","mimetype":"text/plain","md5":"not-a-digest"}`))
	require.NoError(t, err)
	req.Header.Set("X-Api-Key", srv.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	_, err = client.Files.List(ctx, composio.FileListParams{Limit: 51})
	assert.ErrorIs(t, err, composio.ErrBadRequest)

	// Only the project key is accepted.
	userOnly := srv.Client(composio.WithAPIKey("ak_wrong"))
	_, err = userOnly.Files.List(ctx, composio.FileListParams{})
	assert.ErrorIs(t, err, composio.ErrUnauthorized)
}

func TestFakeFilesEmptyFile(t *testing.T) {
	srv := composiotest.NewServer(t)
	client := srv.Client()
	ctx := context.Background()
	ref, err := client.Files.Upload(ctx, composio.FileUploadParams{Reader: onlyReader{strings.NewReader("")}, Filename: "empty.json",
		ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail"})
	require.NoError(t, err)
	assert.Equal(t, "application/json", ref.Mimetype)
	last, _ := srv.LastRequest()
	assert.Equal(t, "0", last.Header.Get("Content-Length"))
	u, ok := srv.DownloadURL(ref.S3Key)
	require.True(t, ok)
	var out bytes.Buffer
	dl, err := client.Files.Download(ctx, u, &out, composio.FileDownloadParams{})
	require.NoError(t, err)
	assert.Zero(t, dl.Size)
}
