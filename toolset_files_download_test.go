package composio_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
