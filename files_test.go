package composio_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilesList(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "files/list.json"))
	page, err := w.client().Files.List(context.Background(), composio.FileListParams{
		ToolkitSlug: "gmail", ToolSlug: "GMAIL_SEND_EMAIL", Limit: 2, Cursor: "c1"})
	require.NoError(t, err)

	req := w.last()
	assert.Equal(t, http.MethodGet, req.Method)
	assert.Equal(t, "/api/v3.1/files/list", req.Path)
	assert.Equal(t, url.Values{"toolkit_slug": {"gmail"}, "tool_slug": {"GMAIL_SEND_EMAIL"}, "limit": {"2"}, "cursor": {"c1"}}, req.Query)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.Empty(t, req.Body)

	require.Len(t, page.Items, 2)
	assert.Equal(t, composio.File{ToolkitSlug: "gmail", ToolSlug: "GMAIL_SEND_EMAIL", Filename: "invoice-2025-09.pdf",
		Mimetype: "application/pdf", MD5: "9e107d9d372bb6826bd81d3542a419d6"}, page.Items[0])
	assert.Equal(t, "eyJwYWdlIjoyLCJsaW1pdCI6Mn0", page.NextCursor)
	assert.Equal(t, 6, page.TotalItems)
}

func TestFilesListAllFollowsCursor(t *testing.T) {
	w := newWire(t, 200, `{"items":[{"filename":"a"}],"next_cursor":"n2","total_items":2,"total_pages":2,"current_page":1}`).
		then(200, `{"items":[{"filename":"b"}],"next_cursor":null,"total_items":2,"total_pages":2,"current_page":2}`)
	files, err := composio.Collect(w.client().Files.ListAll(context.Background(), composio.FileListParams{ToolSlug: "X"}))
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Equal(t, "b", files[1].Filename)
	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "", reqs[0].Query.Get("cursor"))
	assert.Equal(t, "n2", reqs[1].Query.Get("cursor"))
	assert.Equal(t, "X", reqs[1].Query.Get("tool_slug"))
}

func TestFilesRequestUpload(t *testing.T) {
	w := newWire(t, 200, readTestdata(t, "files/upload_request.json"))
	params := composio.FileUploadRequestParams{ToolkitSlug: "gmail", ToolSlug: "GMAIL_SEND_EMAIL",
		Filename: "report.pdf", Mimetype: "application/pdf", MD5: "9e107d9d372bb6826bd81d3542a419d6"}
	up, err := w.client().Files.CreateUploadURL(context.Background(), params)
	require.NoError(t, err)

	req := w.last()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "/api/v3.1/files/upload/request", req.Path)
	assert.Equal(t, "X-Api-Key", req.credential(t))
	assert.JSONEq(t, `{"toolkit_slug":"gmail","tool_slug":"GMAIL_SEND_EMAIL","filename":"report.pdf",
		"mimetype":"application/pdf","md5":"9e107d9d372bb6826bd81d3542a419d6"}`, string(req.Body))

	assert.Equal(t, "req_file_9mZn4qR8sXwT", up.ID)
	assert.Equal(t, "projects/pr_1a2b3c4d5e6f/requests/gmail/GMAIL_SEND_EMAIL/report_9mZn4q.pdf", up.Key)
	assert.Contains(t, up.PresignedURL, "X-Amz-Signature=deadbeefcafe")
	assert.Equal(t, composio.StorageBackendS3, up.Metadata.StorageBackend)

	// The presigned URL is a credential: printing or logging hides it.
	for _, s := range []string{up.String(), fmt.Sprintf("%v", up), fmt.Sprintf("%+v", *up), fmt.Sprintf("%#v", *up)} {
		assert.NotContains(t, s, "deadbeefcafe")
		assert.Contains(t, s, "REDACTED")
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("upload", "u", *up)
	assert.NotContains(t, logged.String(), "deadbeefcafe")
	assert.Contains(t, logged.String(), up.Key)

	for field, mutate := range map[string]func(*composio.FileUploadRequestParams){
		"toolkit_slug": func(p *composio.FileUploadRequestParams) { p.ToolkitSlug = "" },
		"tool_slug":    func(p *composio.FileUploadRequestParams) { p.ToolSlug = "" },
		"filename":     func(p *composio.FileUploadRequestParams) { p.Filename = "" },
		"mimetype":     func(p *composio.FileUploadRequestParams) { p.Mimetype = "" },
		"md5":          func(p *composio.FileUploadRequestParams) { p.MD5 = "" },
		"md5 ":         func(p *composio.FileUploadRequestParams) { p.MD5 = "9E107D9D372BB6826BD81D3542A419D6" },
		"md5  ":        func(p *composio.FileUploadRequestParams) { p.MD5 = "9e107d9d372bb6826bd81d3542a419" },
		"md5   ":       func(p *composio.FileUploadRequestParams) { p.MD5 = "nQd9nTcrtoJr2BNUKkGZ1g==" },
	} {
		p := params
		mutate(&p)
		_, err := w.client().Files.CreateUploadURL(context.Background(), p)
		require.ErrorIs(t, err, composio.ErrInvalidParams, field)
		assert.Contains(t, err.Error(), strings.TrimSpace(field)+":")
	}
	assert.Len(t, w.requests(), 1, "invalid params must not be sent")
}

func TestFilesErrorEnvelope(t *testing.T) {
	w := newWire(t, 400, `{"error":{"message":"md5 is invalid","code":1803,"status":400,"request_id":"req_x"}}`)
	_, err := w.client().Files.CreateUploadURL(context.Background(), composio.FileUploadRequestParams{
		ToolkitSlug: "a", ToolSlug: "b", Filename: "c", Mimetype: "d", MD5: "d41d8cd98f00b204e9800998ecf8427e"})
	var apiErr *composio.Error
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, composio.ErrBadRequest)
	assert.Equal(t, "md5 is invalid", apiErr.Message)
}

// uploadWire scripts the upload request answer with a presigned URL on the
// wire server itself, then a 200 for the PUT.
func uploadWire(t *testing.T, backend string, putStatus int, putBody string) *wire {
	t.Helper()
	w := newWire(t, 200, "")
	w.answers[0].body = fmt.Sprintf(`{"id":"req_file_1","key":"projects/p/requests/gmail/GMAIL_SEND_EMAIL/r.txt",
		"new_presigned_url":"%s/storage/r.txt?X-Amz-Signature=s3cr3tsig","newPresignedUrl":"","type":"new",
		"metadata":{"storage_backend":%q}}`, w.srv.URL, backend)
	w.then(putStatus, putBody)
	return w
}

func md5hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}

func TestFilesUploadFromPath(t *testing.T) {
	content := []byte(strings.Repeat("quarterly numbers\n", 1000))
	path := filepath.Join(t.TempDir(), "Report.TXT")
	require.NoError(t, os.WriteFile(path, content, 0o600))

	w := uploadWire(t, "s3", 200, "")
	ref, err := w.client().Files.Upload(context.Background(), composio.FileUploadParams{
		Path: path, ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail"})
	require.NoError(t, err)
	assert.Equal(t, &composio.FileReference{Name: "Report.TXT", Mimetype: "text/plain",
		S3Key: "projects/p/requests/gmail/GMAIL_SEND_EMAIL/r.txt"}, ref)

	reqs := w.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "X-Api-Key", reqs[0].credential(t))
	assert.JSONEq(t, fmt.Sprintf(`{"toolkit_slug":"gmail","tool_slug":"GMAIL_SEND_EMAIL","filename":"Report.TXT",
		"mimetype":"text/plain","md5":%q}`, md5hex(content)), string(reqs[0].Body))

	put := reqs[1]
	assert.Equal(t, http.MethodPut, put.Method)
	assert.Equal(t, "/storage/r.txt", put.Path)
	assert.Equal(t, "s3cr3tsig", put.Query.Get("X-Amz-Signature"))
	assert.Equal(t, content, put.Body)
	assert.Equal(t, "text/plain", put.Header.Get("Content-Type"))
	assert.Equal(t, fmt.Sprint(len(content)), put.Header.Get("Content-Length"))
	assert.Empty(t, put.Header.Get("X-Ms-Blob-Type"))
	for _, h := range []string{"X-Api-Key", "X-User-Api-Key", "X-Org-Api-Key", "Authorization"} {
		assert.Empty(t, put.Header.Get(h), "no Composio credential goes to the storage host")
	}

	// The reference is the tool argument, as is.
	assert.JSONEq(t, `{"name":"Report.TXT","mimetype":"text/plain","s3key":"projects/p/requests/gmail/GMAIL_SEND_EMAIL/r.txt"}`,
		mustJSON(t, ref))
}

// onlyReader hides every interface but io.Reader, as a network stream would.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// seekOnly is seekable but not an io.ReaderAt.
type seekOnly struct{ rs io.ReadSeeker }

func (s *seekOnly) Read(p []byte) (int, error)                { return s.rs.Read(p) }
func (s *seekOnly) Seek(off int64, whence int) (int64, error) { return s.rs.Seek(off, whence) }

func TestFilesUploadFromReaders(t *testing.T) {
	content := []byte("%PDF-1.7 pretend pdf body")
	cases := map[string]func() io.Reader{
		"stream":    func() io.Reader { return onlyReader{bytes.NewReader(content)} },
		"reader-at": func() io.Reader { return bytes.NewReader(content) },
		"seek-only": func() io.Reader { return &seekOnly{bytes.NewReader(content)} },
		// a seekable reader is sent from where it stands, not from byte 0
		"mid-stream": func() io.Reader {
			r := strings.NewReader("HEADER" + string(content))
			_, _ = r.Seek(6, io.SeekStart)
			return r
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp) // where a stream is spooled
			w := uploadWire(t, "azure_blob_storage", 201, "")
			ref, err := w.client().Files.Upload(context.Background(), composio.FileUploadParams{
				Reader: mk(), Filename: "doc.pdf", ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail"})
			require.NoError(t, err)
			assert.Equal(t, "application/pdf", ref.Mimetype)
			reqs := w.requests()
			require.Len(t, reqs, 2)
			assert.Contains(t, string(reqs[0].Body), md5hex(content))
			assert.Equal(t, content, reqs[1].Body)
			assert.Equal(t, "BlockBlob", reqs[1].Header.Get("X-Ms-Blob-Type"), "Azure needs the blob type")
			left, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, left, "the spool file is removed")
		})
	}
}

func TestFilesUploadValidation(t *testing.T) {
	w := newWire(t, 200, `{}`)
	files := w.client().Files
	ctx := context.Background()
	for name, p := range map[string]composio.FileUploadParams{
		"ToolSlug":    {Path: "x", ToolkitSlug: "gmail"},
		"ToolkitSlug": {Path: "x", ToolSlug: "T"},
		"Path/Reader": {ToolSlug: "T", ToolkitSlug: "gmail"},
		"Filename":    {Reader: strings.NewReader("x"), ToolSlug: "T", ToolkitSlug: "gmail"},
	} {
		_, err := files.Upload(ctx, p)
		require.ErrorIs(t, err, composio.ErrInvalidParams, name)
		assert.Contains(t, err.Error(), name)
	}
	both := composio.FileUploadParams{Path: "x", Reader: strings.NewReader("x"), ToolSlug: "T", ToolkitSlug: "gmail"}
	_, err := files.Upload(ctx, both)
	require.ErrorIs(t, err, composio.ErrInvalidParams)

	_, err = files.Upload(ctx, composio.FileUploadParams{Path: filepath.Join(t.TempDir(), "missing"), ToolSlug: "T", ToolkitSlug: "g"})
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), "reading")
	_, err = files.Upload(ctx, composio.FileUploadParams{Path: t.TempDir(), ToolSlug: "T", ToolkitSlug: "g"})
	require.ErrorIs(t, err, composio.ErrInvalidParams, "a directory is not a file")
	assert.Empty(t, w.requests())
}

func TestFilesUploadStepErrors(t *testing.T) {
	ctx := context.Background()
	params := composio.FileUploadParams{Reader: strings.NewReader("hi"), Filename: "a.txt", ToolSlug: "T", ToolkitSlug: "g"}

	w := newWire(t, 404, `{"error":{"message":"Tool T not found","status":404}}`)
	_, err := w.client().Files.Upload(ctx, params)
	require.ErrorIs(t, err, composio.ErrNotFound)
	assert.Contains(t, err.Error(), "requesting an upload URL")

	w = uploadWire(t, "s3", 403, `<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>`)
	params.Reader = strings.NewReader("hi")
	_, err = w.client().Files.Upload(ctx, params)
	require.ErrorIs(t, err, composio.ErrForbidden)
	assert.Contains(t, err.Error(), "uploading a.txt to storage")
	assert.Contains(t, err.Error(), "AccessDenied")
	assert.NotContains(t, err.Error(), "s3cr3tsig", "the signature never reaches an error")

	// A presigned URL off loopback over plain HTTP is refused.
	w = newWire(t, 200, `{"id":"r","key":"k","new_presigned_url":"http://storage.example.com/k?X-Amz-Signature=zz","metadata":{"storage_backend":"s3"}}`)
	params.Reader = strings.NewReader("hi")
	_, err = w.client().Files.Upload(ctx, params)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plain http")
	assert.NotContains(t, err.Error(), "zz")
	assert.Len(t, w.requests(), 1)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// Cancelling the context stops the hashing pass of a slow stream; nothing
// is sent.
func TestFilesUploadHashingHonoursContext(t *testing.T) {
	w := newWire(t, 200, `{}`)
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfter{n: 3, cancel: cancel}
	_, err := w.client().Files.Upload(ctx, composio.FileUploadParams{Reader: r, Filename: "a.bin", ToolSlug: "T", ToolkitSlug: "g"})
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, r.reads, 10, "reading stopped once the context was done")
	assert.Empty(t, w.requests())
}

// cancelAfter is an endless stream that cancels its context after n reads.
type cancelAfter struct {
	n, reads int
	cancel   func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	c.reads++
	if c.reads == c.n {
		c.cancel()
	}
	return len(p), nil
}

// An answer with only the deprecated URL field still uploads; one without a
// storage key is refused before any byte is sent.
func TestFilesUploadAnswerShapes(t *testing.T) {
	ctx := context.Background()
	params := composio.FileUploadParams{Reader: strings.NewReader("hi"), Filename: "a.txt", ToolSlug: "T", ToolkitSlug: "g"}

	w := newWire(t, 200, "")
	w.answers[0].body = fmt.Sprintf(`{"id":"r","key":"k/a.txt","new_presigned_url":"","newPresignedUrl":"%s/legacy/a.txt?X-Amz-Signature=s",
		"type":"new","metadata":{"storage_backend":"s3"}}`, w.srv.URL)
	w.then(200, "")
	ref, err := w.client().Files.Upload(ctx, params)
	require.NoError(t, err)
	assert.Equal(t, "k/a.txt", ref.S3Key)
	assert.Equal(t, "/legacy/a.txt", w.last().Path)
	assert.Equal(t, []byte("hi"), w.last().Body)

	w = newWire(t, 200, "")
	w.answers[0].body = fmt.Sprintf(`{"id":"r","key":"","new_presigned_url":"%s/s/a.txt","metadata":{"storage_backend":"s3"}}`, w.srv.URL)
	params.Reader = strings.NewReader("hi")
	_, err = w.client().Files.Upload(ctx, params)
	require.ErrorContains(t, err, "no storage key")
	assert.Len(t, w.requests(), 1)
}

// A guessed type is a bare media type; the caller's is sent as given.
func TestFilesUploadMimetype(t *testing.T) {
	for _, tc := range []struct{ filename, given, content, want string }{
		{"notes", "", "plain words", "text/plain"},                               // sniffed
		{"page.html", "", "<p>x</p>", "text/html"},                               // from the extension
		{"a.bin", "text/csv; header=present", "a,b", "text/csv; header=present"}, // the caller's
	} {
		w := uploadWire(t, "s3", 200, "")
		ref, err := w.client().Files.Upload(context.Background(), composio.FileUploadParams{Reader: strings.NewReader(tc.content),
			Filename: tc.filename, Mimetype: tc.given, ToolSlug: "T", ToolkitSlug: "g"})
		require.NoError(t, err)
		assert.Equal(t, tc.want, ref.Mimetype, tc.filename)
		assert.Equal(t, tc.want, w.last().Header.Get("Content-Type"), tc.filename)
	}
}
