package composio_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertNoKey fails when s holds any test key, raw or hex-encoded.
func assertNoKey(t *testing.T, what, s string) {
	t.Helper()
	for _, key := range []string{testAPIKey, testOrgAPIKey, testUserAPIKey} {
		for _, form := range []string{key, hex.EncodeToString([]byte(key))} {
			assert.NotContains(t, s, form, "%s shows a key", what)
		}
	}
}

// A client printed with any fmt verb, logged with slog or encoded as JSON
// never shows a key.
func TestClientNeverPrintsKeys(t *testing.T) {
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL("http://127.0.0.1:1"),
		composio.WithAPIKey(testAPIKey), composio.WithOrgAPIKey(testOrgAPIKey), composio.WithUserAPIKey(testUserAPIKey),
		// A header added for a gateway may carry a credential of its own.
		composio.WithHeader("X-Gateway-Token", testUserAPIKey+"_gw"))
	require.NoError(t, err)
	value := reflect.ValueOf(c).Elem().Interface() // a Client, not a *Client
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		assertNoKey(t, "*Client "+verb, fmt.Sprintf(verb, c))
		assertNoKey(t, "Client "+verb, fmt.Sprintf(verb, value))
	}
	assert.Contains(t, fmt.Sprint(c), "127.0.0.1:1", "the client still says where it sends requests")
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("client", "c", c, "v", value)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("client", "c", c, "v", value)
	assertNoKey(t, "slog", buf.String())
	b, _ := json.Marshal(c)
	assertNoKey(t, "json", string(b))
}

// A server (or proxy) echoing a key in x-request-id must not put the key
// into the error string.
func TestErrorDoesNotEchoKeyFromHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", r.Header.Get("X-Api-Key"))
		w.WriteHeader(http.StatusForbidden)
	}))
	defer srv.Close()
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL(srv.URL), composio.WithAPIKey(testAPIKey))
	require.NoError(t, err)
	_, err = c.Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{})
	require.ErrorIs(t, err, composio.ErrForbidden)
	assertNoKey(t, "error", err.Error())
	assertNoKey(t, "error %+v", fmt.Sprintf("%+v", err))
}

// Debug and retry log lines never carry a key, even when the server echoes
// it in the status line or the request id.
func TestLogsDoNotEchoKeys(t *testing.T) {
	echo := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		key := r.Header.Get("X-Api-Key")
		h := http.Header{"X-Request-Id": {key}}
		return &http.Response{StatusCode: 503, Status: "503 bad key " + key, Header: h,
			Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
	})
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey(testAPIKey),
		composio.WithHTTPClient(&http.Client{Transport: echo}), composio.WithLogger(log),
		composio.WithRetryWait(time.Millisecond, time.Millisecond), composio.WithMaxRetries(1))
	require.NoError(t, err)
	_, err = c.Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{})
	require.Error(t, err)
	require.Contains(t, buf.String(), "composio: retrying")
	assertNoKey(t, "log", buf.String())
	assertNoKey(t, "error", err.Error())
}

// A presigned URL that cannot be parsed is never quoted in an error: its
// query holds the storage signature.
func TestSessionFileTransferErrorsHideSignedURL(t *testing.T) {
	const signed = `https://bad host/bucket/key?X-Amz-Signature=sig_secret_value`
	up := newWire(t, 201, `{"upload_url":"`+signed+`","download_url":"`+signed+`","mount_relative_path":"a","sandbox_mount_prefix":"/mnt/files","expires_at":"2025-09-08T13:00:00Z"}`)
	c := up.client()
	ctx := context.Background()
	_, err := c.ToolRouter.UploadFile(ctx, "trs_1", composio.DefaultMountID, composio.SessionFileUploadParams{MountRelativePath: "a"}, []byte("x"))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "sig_secret_value")
	_, err = c.ToolRouter.DownloadFile(ctx, "trs_1", composio.DefaultMountID, composio.SessionFileParams{MountRelativePath: "a"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "sig_secret_value")
}

// A handler called with a request that has no body (a hand-built request
// in a test or a middleware chain) answers 400 instead of panicking.
func TestWebhookHandlerNilBody(t *testing.T) {
	h := composio.WebhookHandler("whsec", func(context.Context, *composio.TriggerEvent) error { return nil })
	req := &http.Request{Method: http.MethodPost, Header: http.Header{}, URL: nil}
	req = req.WithContext(context.Background())
	rec := httptest.NewRecorder()
	require.NotPanics(t, func() { h.ServeHTTP(rec, req) })
	assert.Equal(t, http.StatusBadRequest, rec.Code)
}

// A path argument that holds a dot segment between slashes or backslashes
// is refused: escaped, it is harmless to a server that routes on the raw
// path, but a proxy that decodes %2F before routing would climb out of the
// resource ("../auth_configs").
func TestPathArgumentsWithDotSegmentsRefused(t *testing.T) {
	w := newWire(t, 200, `{}`)
	c := w.client()
	for _, slug := range []string{"../auth_configs", "a/../../b", "./x", "x/..", `..\admin`, "x/./y"} {
		_, err := c.Toolkits.Get(context.Background(), slug, composio.ToolkitGetParams{})
		assert.ErrorIs(t, err, composio.ErrInvalidParams, slug)
	}
	assert.Empty(t, w.requests(), "nothing was sent")
	_, err := c.Toolkits.Get(context.Background(), "user/1..2", composio.ToolkitGetParams{})
	require.NoError(t, err, "a slash or dots inside a segment are fine")
}

// FileUploadURL promises that printing never shows the presigned URL's
// signature: that includes the verbs fmt does not send to String.
func TestFileUploadURLNeverPrintsSignature(t *testing.T) {
	u := composio.FileUploadURL{ID: "req_1", Key: "k", PresignedURL: "https://s3.example/k?X-Amz-Signature=sig_secret",
		LegacyPresignedURL: "https://s3.example/k?X-Amz-Signature=sig_secret"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%t", "%10.3v"} {
		for _, v := range []any{u, &u, []composio.FileUploadURL{u}} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "sig_secret", verb)
			assert.NotContains(t, out, hex.EncodeToString([]byte("sig_secret")), verb)
		}
	}
}

// The handler holds the signing secret: printing or logging it (a route
// table dumped at start-up) must not show it.
func TestWebhookHandlerNeverPrintsSecret(t *testing.T) {
	const secret = "whsec_handler_secret_value"
	h := composio.WebhookHandler(secret, func(context.Context, *composio.TriggerEvent) error { return nil })
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
		out := fmt.Sprintf(verb, h)
		assert.NotContains(t, out, secret, verb)
		assert.NotContains(t, out, hex.EncodeToString([]byte(secret)), verb)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("routes", "h", h)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("routes", "h", h)
	assert.NotContains(t, buf.String(), secret)
}

// A key, header or User-Agent holding a line break (a key read from a file
// with its newline, or attacker-influenced input) is refused when the
// option is applied, without quoting the value.
func TestOptionsRefuseControlCharacters(t *testing.T) {
	bad := "ak_ctl_secret\r\nX-Injected: 1"
	for name, opt := range map[string]composio.Option{
		"WithAPIKey": composio.WithAPIKey(bad), "WithOrgAPIKey": composio.WithOrgAPIKey(bad),
		"WithUserAPIKey": composio.WithUserAPIKey(bad), "WithHeader": composio.WithHeader("X-Tenant", bad),
		"WithHeader name": composio.WithHeader("X-Bad\r\nName", "v"), "WithUserAgent": composio.WithUserAgent(bad),
	} {
		_, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithAPIKey("k"), opt)
		if assert.ErrorIs(t, err, composio.ErrInvalidParams, name) {
			assert.NotContains(t, err.Error(), "ak_ctl_secret", name)
		}
	}
	w := newWire(t, 200, `{}`)
	_, err := w.client().Toolkits.Get(context.Background(), "github", composio.ToolkitGetParams{}, composio.WithRequestHeader("X-Tenant", bad))
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.Empty(t, w.requests())
}

// The largest body limit must not overflow into a limit that reads
// nothing and rejects every delivery.
func TestWebhookHandlerLargestBodyLimit(t *testing.T) {
	body := []byte(vectorBody)
	at := time.Now()
	h := composio.WebhookHandler(vectorSecret, func(context.Context, *composio.TriggerEvent) error { return nil },
		composio.WithWebhookMaxBodySize(math.MaxInt64))
	header := composio.SignWebhook(vectorSecret, "msg_1", at, body)
	req := httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(body))
	req.Header = header
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
}
