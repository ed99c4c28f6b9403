package composio_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilesDownload(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	w := newWire(t, 200, body)
	var out bytes.Buffer
	got, err := w.client().Files.Download(context.Background(), w.srv.URL+"/files/out.bin?X-Amz-Signature=sig", &out, composio.FileDownloadParams{})
	require.NoError(t, err)
	assert.Equal(t, body, out.String())
	assert.EqualValues(t, len(body), got.Size)
	assert.Equal(t, "application/json", got.ContentType) // what the wire server says

	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/files/out.bin", req.Path)
	for _, h := range []string{"X-Api-Key", "X-User-Api-Key", "X-Org-Api-Key"} {
		assert.Empty(t, req.Header.Get(h))
	}

	// Over the cap, announced: nothing written.
	out.Reset()
	_, err = w.client().Files.Download(context.Background(), w.srv.URL+"/f", &out, composio.FileDownloadParams{MaxBytes: 999})
	require.ErrorIs(t, err, composio.ErrFileTooLarge)
	assert.Zero(t, out.Len())
	// Exactly at the cap is fine.
	_, err = w.client().Files.Download(context.Background(), w.srv.URL+"/f", io.Discard, composio.FileDownloadParams{MaxBytes: 1000})
	require.NoError(t, err)
}

func TestFilesDownloadUnannouncedSizeOverCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		for range 50 {
			_, _ = rw.Write(bytes.Repeat([]byte("x"), 100))
			rw.(http.Flusher).Flush() // no Content-Length: the size is not announced
		}
	}))
	t.Cleanup(srv.Close)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithBaseURL(srv.URL))
	require.NoError(t, err)
	var out bytes.Buffer
	_, err = c.Files.Download(context.Background(), srv.URL+"/big", &out, composio.FileDownloadParams{MaxBytes: 4096})
	require.ErrorIs(t, err, composio.ErrFileTooLarge)
	assert.LessOrEqual(t, out.Len(), 4096)
}

func TestFilesDownloadRefusals(t *testing.T) {
	w := newWire(t, 200, "x")
	files := w.client().Files
	ctx := context.Background()
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "/relative", "", "http://"} {
		_, err := files.Download(ctx, u, io.Discard, composio.FileDownloadParams{})
		require.ErrorIs(t, err, composio.ErrInvalidParams, u)
	}
	_, err := files.Download(ctx, "http://files.example.com/x", io.Discard, composio.FileDownloadParams{})
	assert.ErrorContains(t, err, "plain http")
	for _, u := range []string{"https://169.254.169.254/latest/meta-data", "https://10.0.0.8/x", "https://[::ffff:192.168.1.1]/x", "https://0.0.0.0/x"} {
		_, err = files.Download(ctx, u, io.Discard, composio.FileDownloadParams{})
		assert.ErrorIs(t, err, composio.ErrBlockedAddress, u)
	}
	_, err = files.Download(ctx, w.srv.URL, nil, composio.FileDownloadParams{})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = files.Download(ctx, w.srv.URL, io.Discard, composio.FileDownloadParams{MaxBytes: -1})
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

// A client whose API is not on loopback refuses loopback storage URLs, so a
// tool output cannot point the SDK at services on the caller's machine.
func TestFilesDownloadRefusesLoopbackForRemoteAPI(t *testing.T) {
	w := newWire(t, 200, "secret admin page")
	c := w.client(composio.WithBaseURL("https://backend.composio.dev"))
	_, err := c.Files.Download(context.Background(), w.srv.URL+"/admin", io.Discard, composio.FileDownloadParams{})
	require.ErrorIs(t, err, composio.ErrBlockedAddress)
	_, err = c.Files.Download(context.Background(), strings.Replace(w.srv.URL, "127.0.0.1", "localhost", 1)+"/admin", io.Discard, composio.FileDownloadParams{})
	require.ErrorIs(t, err, composio.ErrBlockedAddress)
	assert.Empty(t, w.requests())
}

func TestFilesDownloadStorageError(t *testing.T) {
	w := newWire(t, 404, `<Error><Code>NoSuchKey</Code></Error>`)
	_, err := w.client().Files.Download(context.Background(), w.srv.URL+"/x?X-Amz-Signature=topsecret", io.Discard, composio.FileDownloadParams{})
	require.ErrorIs(t, err, composio.ErrNotFound)
	assert.Contains(t, err.Error(), "downloading")
	assert.NotContains(t, err.Error(), "topsecret")
	var apiErr *composio.Error
	require.True(t, errors.As(err, &apiErr))
	assert.NotContains(t, apiErr.URL, "topsecret")
}

// "localhost." is localhost: refused for a remote API, with the SDK's own
// transport and with a caller's.
func TestFilesDownloadRefusesFullyQualifiedLocalhost(t *testing.T) {
	w := newWire(t, 200, "secret admin page")
	u := strings.Replace(w.srv.URL, "127.0.0.1", "localhost.", 1) + "/admin"
	for name, c := range map[string]*composio.Client{
		"own transport": w.client(composio.WithBaseURL("https://backend.composio.dev")),
		"caller's transport": w.client(composio.WithBaseURL("https://backend.composio.dev"),
			composio.WithHTTPClient(&http.Client{Transport: http.DefaultTransport})),
	} {
		_, err := c.Files.Download(context.Background(), strings.Replace(u, "http://", "https://", 1), io.Discard, composio.FileDownloadParams{})
		require.ErrorIs(t, err, composio.ErrBlockedAddress, name)
	}
	assert.Empty(t, w.requests())
}

// Every redirect hop is checked again, keys never follow, and the chain is
// cut after five hops.
func TestFilesDownloadRedirects(t *testing.T) {
	var hops int
	var sawKey bool
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		sawKey = sawKey || r.Header.Get("X-Api-Key") != ""
		switch r.URL.Path {
		case "/to-metadata":
			http.Redirect(rw, r, "https://169.254.169.254/latest/meta-data", http.StatusFound)
		case "/loop":
			hops++
			http.Redirect(rw, r, "/loop", http.StatusFound)
		case "/once":
			http.Redirect(rw, r, "/file", http.StatusTemporaryRedirect)
		default:
			_, _ = rw.Write([]byte("content"))
		}
	}))
	t.Cleanup(srv.Close)
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey), composio.WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx := context.Background()

	var out bytes.Buffer
	_, err = c.Files.Download(ctx, srv.URL+"/once", &out, composio.FileDownloadParams{})
	require.NoError(t, err)
	assert.Equal(t, "content", out.String())

	_, err = c.Files.Download(ctx, srv.URL+"/to-metadata", io.Discard, composio.FileDownloadParams{})
	require.ErrorIs(t, err, composio.ErrBlockedAddress)

	_, err = c.Files.Download(ctx, srv.URL+"/loop", io.Discard, composio.FileDownloadParams{})
	require.ErrorContains(t, err, "redirects")
	assert.Equal(t, 5, hops)
	assert.False(t, sawKey, "no Composio key reaches a storage host")
}
