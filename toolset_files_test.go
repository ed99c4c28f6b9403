package composio_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fileToolSet is the fake's file tools for user u, with opts.
func fileToolSet(t *testing.T, opts ...composio.ToolSetOption) (*composio.ToolSet, *composiotest.Server) {
	t.Helper()
	srv := composiotest.NewServer(t)
	set, err := srv.Client().Tools.ForUser(context.Background(), "u", composio.ToolSetParams{Toolkits: []string{"filetool"}}, opts...)
	require.NoError(t, err)
	return set, srv
}

func writeFile(t *testing.T, path, content string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

func uploadRequests(srv *composiotest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/api/v3.1/files/upload/request" {
			n++
		}
	}
	return n
}

func TestFakeFileTools(t *testing.T) {
	srv := composiotest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	ref, err := c.Files.Upload(ctx, composio.FileUploadParams{Reader: strings.NewReader("one two\nthree\n"), Filename: "n.txt",
		ToolSlug: "FILETOOL_COUNT_WORDS", ToolkitSlug: "filetool"})
	require.NoError(t, err)
	res, err := c.Tools.Execute(ctx, "FILETOOL_COUNT_WORDS", composio.ToolExecuteParams{Version: "20250910_00",
		Arguments: map[string]any{"file": ref}})
	require.NoError(t, err)
	require.NoError(t, res.Err())
	assert.JSONEq(t, `{"name":"n.txt","bytes":14,"lines":2,"words":3,"md5":"`+md5hex([]byte("one two\nthree\n"))+`"}`, string(res.Data))

	res, err = c.Tools.Execute(ctx, "FILETOOL_COUNT_WORDS", composio.ToolExecuteParams{Version: "20250910_00",
		Arguments: map[string]any{"file": map[string]any{"name": "x", "mimetype": "text/plain", "s3key": "nope"}}})
	require.NoError(t, err)
	assert.ErrorIs(t, res.Err(), composio.ErrToolFailed)

	res, err = c.Tools.Execute(ctx, "FILETOOL_WRITE_TEXT_FILE", composio.ToolExecuteParams{Version: "20250910_00",
		Arguments: map[string]any{"name": "hi.txt", "content": "hi ", "repeat": 3}})
	require.NoError(t, err)
	var out struct {
		File  struct{ Name, Mimetype, S3url string }
		Bytes int
	}
	require.NoError(t, res.Decode(&out))
	assert.Equal(t, "hi.txt", out.File.Name)
	assert.Equal(t, 9, out.Bytes)
	var got strings.Builder
	_, err = c.Files.Download(ctx, out.File.S3url, &got, composio.FileDownloadParams{})
	require.NoError(t, err)
	assert.Equal(t, "hi hi hi ", got.String())

	tool, err := c.Tools.Get(ctx, "FILETOOL_WRITE_TEXT_FILE", composio.ToolGetParams{})
	require.NoError(t, err)
	assert.Contains(t, string(tool.OutputParameters), `"file_downloadable":true`)
	tool, err = c.Tools.Get(ctx, "FILETOOL_COUNT_WORDS", composio.ToolGetParams{})
	require.NoError(t, err)
	assert.Contains(t, string(tool.InputParameters), `"file_uploadable":true`)
}

func TestToolSet_FileUploadsSchema(t *testing.T) {
	off, _ := fileToolSet(t)
	def, ok := off.Definitions().Find("FILETOOL_COUNT_WORDS")
	require.True(t, ok)
	assert.Contains(t, string(def.Parameters), `"s3key"`, "off by default: the schema is the API's")

	on, _ := fileToolSet(t, composio.WithFileUploads(t.TempDir()))
	def, ok = on.Definitions().Find("FILETOOL_COUNT_WORDS")
	require.True(t, ok)
	var s map[string]any
	require.NoError(t, json.Unmarshal(def.Parameters, &s))
	assert.Equal(t, map[string]any{"type": "string", "title": "File", "description": "The text file to count. The path of a local file to upload."},
		s["properties"].(map[string]any)["file"])
	assert.True(t, def.Strict().IsStrict)
	write, _ := on.Definitions().Find("FILETOOL_WRITE_TEXT_FILE")
	assert.NotContains(t, string(write.Parameters), "path of a local file")
}

func TestToolSet_FileUploads(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	report := writeFile(t, filepath.Join(dir, "docs", "report.txt"), "alpha beta gamma\n")
	secret := writeFile(t, filepath.Join(other, "secret.txt"), "do not send")
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, "link-out.txt")))
	require.NoError(t, os.Symlink(filepath.Join("docs", "report.txt"), filepath.Join(dir, "link-in.txt")))
	require.NoError(t, os.Symlink(report, filepath.Join(dir, "link-absolute.txt")))
	require.NoError(t, os.Symlink(other, filepath.Join(dir, "dir-out")))

	var beforeSaw any
	empty := t.TempDir()
	set, srv := fileToolSet(t, composio.WithFileUploads(filepath.Join(empty, "sub", ".."), dir), // the first holds no report
		composio.BeforeExecute(func(ctx context.Context, req composio.ToolRequest) (composio.ToolRequest, error) {
			if req.CallID == "abs" {
				beforeSaw = req.Arguments["file"]
			}
			return req, nil
		}))
	call := func(id, path string) composio.ToolCall {
		args, _ := json.Marshal(map[string]any{"file": path})
		return composio.ToolCall{ID: id, Name: "FILETOOL_COUNT_WORDS", Arguments: string(args)}
	}
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		call("abs", report),
		call("rel", "docs/report.txt"),
		call("link-in", "link-in.txt"),
	})
	require.NoError(t, err)
	for _, r := range results {
		name := map[string]string{"link-in": "link-in.txt"}[r.CallID]
		if name == "" {
			name = "report.txt"
		}
		assert.False(t, r.IsError, r.CallID+": "+r.Content)
		assert.JSONEq(t, `{"data":{"name":"`+name+`","bytes":17,"lines":1,"words":3,"md5":"`+md5hex([]byte("alpha beta gamma\n"))+`"}}`, r.Content, r.CallID)
	}
	assert.Equal(t, report, beforeSaw, "modifiers see the path the model gave")
	bodies := executeBodies(srv)["FILETOOL_COUNT_WORDS"]
	require.Len(t, bodies, 3)
	assert.Contains(t, bodies[0], `"s3key":"projects/`)
	assert.Contains(t, bodies[0], `"mimetype":"text/plain"`)
	assert.NotContains(t, bodies[0], dir, "the path stays local")
	assert.Equal(t, 3, uploadRequests(srv))

	srv.ResetRequests()
	refused := []composio.ToolCall{
		call("outside", secret),
		call("dotdot", "../"+filepath.Base(other)+"/secret.txt"),
		call("link-out", "link-out.txt"),
		call("through a linked dir", "dir-out/secret.txt"),
		call("missing", "docs/nope.txt"),
		call("a directory", "docs"),
		call("root dir", dir),
		call("absolute link", "link-absolute.txt"),
	}
	results, err = set.Handle(context.Background(), refused)
	require.NoError(t, err)
	for _, r := range results {
		assert.True(t, r.IsError, r.CallID)
		assert.NotContains(t, r.Content, "do not send", r.CallID)
	}
	assert.Contains(t, results[0].Content, "is outside the directories files may be uploaded from")
	assert.Contains(t, results[0].Content, dir, "the model learns where files may come from")
	assert.Contains(t, results[1].Content, "outside")
	assert.Contains(t, results[2].Content, "leads outside the directories")
	assert.Contains(t, results[3].Content, "leads outside the directories")
	assert.Contains(t, results[4].Content, "no such file")
	assert.Contains(t, results[5].Content, "not a regular file")
	assert.Contains(t, results[6].Content, "not a regular file")
	assert.Contains(t, results[7].Content, "leads outside", "a link is followed only when relative and inside")
	assert.Empty(t, executeBodies(srv), "no refused call ran")
	assert.Zero(t, uploadRequests(srv), "nothing was uploaded")

	// A reference is sent as is; an empty path is no file.
	srv.ResetRequests()
	ref, err := srv.Client().Files.Upload(context.Background(), composio.FileUploadParams{Path: report, ToolSlug: "FILETOOL_COUNT_WORDS", ToolkitSlug: "filetool"})
	require.NoError(t, err)
	refArgs, _ := json.Marshal(map[string]any{"file": ref})
	results, err = set.Handle(context.Background(), []composio.ToolCall{
		{ID: "ref", Name: "FILETOOL_COUNT_WORDS", Arguments: string(refArgs)},
		call("empty", ""),
	})
	require.NoError(t, err)
	assert.False(t, results[0].IsError, results[0].Content)
	assert.True(t, results[1].IsError)
	assert.Contains(t, results[1].Content, "missing required fields: file")
	assert.Equal(t, 1, uploadRequests(srv), "only the test's own upload")
}

func TestToolSet_FileUploadsOff(t *testing.T) {
	dir := t.TempDir()
	report := writeFile(t, filepath.Join(dir, "r.txt"), "x")
	set, srv := fileToolSet(t, composio.WithConcurrency(1))
	args, _ := json.Marshal(map[string]any{"file": report})
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "FILETOOL_COUNT_WORDS", Arguments: string(args)},
		{ID: "b", Name: "FILETOOL_COUNT_WORDS", Arguments: `{"file":""}`},
	})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
	assert.Contains(t, results[0].Content, "file: expected object", "a path goes to the API as given")
	assert.Zero(t, uploadRequests(srv))
	bodies := executeBodies(srv)["FILETOOL_COUNT_WORDS"]
	require.Len(t, bodies, 2)
	assert.JSONEq(t, `{"user_id":"u","version":"20250910_00","arguments":{}}`, bodies[1], "an empty file argument is dropped")
}

func TestToolSet_FileDownloads(t *testing.T) {
	dir := t.TempDir()
	var afterSaw string
	set, srv := fileToolSet(t, composio.WithConcurrency(1), composio.WithFileDownloads(dir, 64),
		composio.AfterExecute(func(ctx context.Context, req composio.ToolRequest, exec composio.ToolExecution) (composio.ToolExecution, error) {
			afterSaw = string(exec.Data)
			return exec, nil
		}))
	results, err := set.Handle(context.Background(), []composio.ToolCall{
		{ID: "a", Name: "FILETOOL_WRITE_TEXT_FILE", Arguments: `{"name":"notes.txt","content":"hello\n"}`},
		{ID: "b", Name: "FILETOOL_WRITE_TEXT_FILE", Arguments: `{"name":"notes.txt","content":"again\n"}`},
		{ID: "c", Name: "FILETOOL_WRITE_TEXT_FILE", Arguments: `{"name":"../../escape.txt","content":"x"}`},
		{ID: "big", Name: "FILETOOL_WRITE_TEXT_FILE", Arguments: `{"name":"big.txt","content":"0123456789","repeat":7}`},
	})
	require.NoError(t, err)
	first, second := filepath.Join(dir, "notes.txt"), filepath.Join(dir, "notes-1.txt")
	assert.JSONEq(t, `{"data":{"bytes":6,"file":{"file_path":`+jsonString(first)+`,"name":"notes.txt","mimetype":"text/plain","size":6}}}`, results[0].Content)
	assert.JSONEq(t, `{"data":{"bytes":6,"file":{"file_path":`+jsonString(second)+`,"name":"notes.txt","mimetype":"text/plain","size":6}}}`, results[1].Content,
		"an existing file is never replaced")
	for path, want := range map[string]string{first: "hello\n", second: "again\n", filepath.Join(dir, "escape.txt"): "x"} {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
	for _, r := range results {
		assert.NotContains(t, r.Content, "s3url", "the presigned URL stays out of the model's view")
		assert.NotContains(t, r.Content, "X-Amz-Signature")
	}
	assert.Contains(t, string(results[0].Execution.Data), "s3url", "Execution keeps Composio's answer")
	assert.Contains(t, afterSaw, "big.txt", "AfterExecute sees the downloaded form")

	big := results[3]
	assert.False(t, big.IsError, "the tool ran; only its file could not be kept")
	var out struct {
		Data struct {
			File map[string]any `json:"file"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(big.Content), &out))
	assert.Contains(t, out.Data.File["download_error"], "larger than the download cap")
	assert.NotContains(t, out.Data.File, "file_path")
	_, err = os.Stat(filepath.Join(dir, "big.txt"))
	assert.ErrorIs(t, err, os.ErrNotExist, "nothing is left of a refused download")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 3)
	assert.NotNil(t, srv)

	// A failed execution downloads nothing.
	results, err = set.Handle(context.Background(), []composio.ToolCall{{ID: "x", Name: "FILETOOL_WRITE_TEXT_FILE", Arguments: `{"name":"n"}`}})
	require.NoError(t, err)
	assert.True(t, results[0].IsError)
}

func TestToolSet_FileDownloadsRefused(t *testing.T) {
	// A tool whose output points at a storage host that refuses the
	// download, and at a private address the download guards refuse.
	w := newWire(t, 200, "")
	page := `{"items":[{"slug":"DEMO_EXPORT","name":"Export","toolkit":{"slug":"demo"},"version":"20250101_00",
		"input_parameters":{"type":"object","properties":{}},
		"output_parameters":{"type":"object","properties":{"file":{"type":"object","file_downloadable":true}}}}],"next_cursor":null}`
	exec := `{"successful":true,"error":null,"data":{"file":{"name":"a.csv","mimetype":"text/csv","s3url":"` + w.srv.URL + `/bucket/a.csv?X-Amz-Signature=sigA1b2C3d4E5f6"},
		"more":[{"s3url":"https://10.1.2.3/b.csv","name":"b.csv"}]}}`
	w.answers = nil
	w.then(200, page).then(200, exec).then(403, `<Error><Code>AccessDenied</Code><Message>sigA1b2C3d4E5f6 expired</Message></Error>`)
	dir := t.TempDir()
	set, err := w.client().Tools.ForUser(context.Background(), "u", composio.ToolSetParams{Tools: []string{"DEMO_EXPORT"}},
		composio.WithFileDownloads(dir, 0))
	require.NoError(t, err)
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "a", Name: "DEMO_EXPORT"}})
	require.NoError(t, err)
	r := results[0]
	assert.False(t, r.IsError, r.Content)
	var out struct {
		Data struct {
			File map[string]any   `json:"file"`
			More []map[string]any `json:"more"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.Content), &out))
	assert.Contains(t, out.Data.File["download_error"], "403")
	assert.Equal(t, "a.csv", out.Data.File["name"])
	require.Len(t, out.Data.More, 1)
	assert.Contains(t, out.Data.More[0]["download_error"], "10.1.2.3", "the storage-URL guards apply")
	assert.NotContains(t, r.Content, "sigA1b2C3d4E5f6", "no signature reaches the model")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

func TestToolSet_FileOptionMistakes(t *testing.T) {
	set, _ := fileToolSet(t)
	file := writeFile(t, filepath.Join(t.TempDir(), "f"), "x")
	for name, opt := range map[string]composio.ToolSetOption{
		"no upload dirs":      composio.WithFileUploads(),
		"empty upload dir":    composio.WithFileUploads(" "),
		"missing upload dir":  composio.WithFileUploads(filepath.Join(t.TempDir(), "missing")),
		"upload dir a file":   composio.WithFileUploads(file),
		"missing download":    composio.WithFileDownloads(filepath.Join(t.TempDir(), "missing"), 0),
		"download dir a file": composio.WithFileDownloads(file, 0),
		"negative cap":        composio.WithFileDownloads(t.TempDir(), -1),
	} {
		_, err := set.With(opt)
		assert.ErrorIs(t, err, composio.ErrInvalidParams, name)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
