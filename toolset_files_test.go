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
