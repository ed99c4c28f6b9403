package composio_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
		"output_parameters":{"type":"object","properties":{"file":{"type":"object","file_downloadable":true},
			"more":{"type":"array","items":{"type":"object","file_downloadable":true}}}}}],"next_cursor":null}`
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

// downloadToolSet is a set of the one tool DEMO_EXPORT, whose output schema
// is outputSchema and whose execution answers exec; the answers after it
// are the downloads, in order. WIRE in exec stands for the address of the
// server, which serves the downloads too.
func downloadToolSet(t *testing.T, outputSchema, exec string, downloads ...string) (*composio.ToolSet, *wire, string) {
	t.Helper()
	w := newWire(t, 200, "")
	page := `{"items":[{"slug":"DEMO_EXPORT","name":"Export","toolkit":{"slug":"demo"},"version":"20250101_00",
		"input_parameters":{"type":"object","properties":{}},"output_parameters":` + outputSchema + `}],"next_cursor":null}`
	w.answers = nil
	w.then(200, page).then(200, strings.ReplaceAll(exec, "WIRE", w.srv.URL))
	for _, d := range downloads {
		w.then(200, d)
	}
	dir := t.TempDir()
	set, err := w.client().Tools.ForUser(context.Background(), "u", composio.ToolSetParams{Tools: []string{"DEMO_EXPORT"}},
		composio.WithFileDownloads(dir, 0))
	require.NoError(t, err)
	return set, w, dir
}

func TestToolSet_FileDownloadsOnlyMarkedFields(t *testing.T) {
	// The output schema in Composio's wrapped form ({data, successful,
	// error}), marking a property, the items of an array through an anyOf
	// variant, and a oneOf variant; "raw" and "untyped" carry an s3url but
	// are not marked, so they are left as they are.
	schema := `{"type":"object","properties":{
		"data":{"type":"object","properties":{
			"report":{"$ref":"#/$defs/File"},
			"attachments":{"type":"array","items":{"anyOf":[{"type":"null"},{"type":"object","file_downloadable":true}]}},
			"maybe":{"oneOf":[{"type":"string"},{"type":"object","file_downloadable":true}]},
			"raw":{"type":"object","properties":{"s3url":{"type":"string"}}}}},
		"successful":{"type":"boolean"},"error":{"anyOf":[{"type":"string"},{"type":"null"}]}},
		"$defs":{"File":{"type":"object","file_downloadable":true}}}`
	u := func(name string) string { return `"s3url":"WIRE/bucket/` + name + `?X-Amz-Signature=s"` }
	exec := `{"successful":true,"error":null,"data":{
		"report":{"name":"report.txt",` + u("report.txt") + `},
		"attachments":[null,{"name":"a1.txt",` + u("a1.txt") + `}],
		"maybe":{"name":"m.txt",` + u("m.txt") + `},
		"raw":{"name":"raw.txt",` + u("raw.txt") + `},
		"untyped":[{"name":"u.txt",` + u("u.txt") + `}]}}`
	// Properties are walked in name order: attachments, maybe, report.
	set, w, dir := downloadToolSet(t, schema, exec, "a1", "m", "report")
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "a", Name: "DEMO_EXPORT"}})
	require.NoError(t, err)
	require.False(t, results[0].IsError, results[0].Content)
	var out struct {
		Data struct {
			Report      map[string]any   `json:"report"`
			Attachments []map[string]any `json:"attachments"`
			Maybe       map[string]any   `json:"maybe"`
			Raw         map[string]any   `json:"raw"`
			Untyped     []map[string]any `json:"untyped"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(results[0].Content), &out))
	assert.Equal(t, filepath.Join(dir, "report.txt"), out.Data.Report["file_path"])
	require.Len(t, out.Data.Attachments, 2)
	assert.Nil(t, out.Data.Attachments[0])
	assert.Equal(t, filepath.Join(dir, "a1.txt"), out.Data.Attachments[1]["file_path"])
	assert.Equal(t, filepath.Join(dir, "m.txt"), out.Data.Maybe["file_path"])
	assert.Contains(t, out.Data.Raw, "s3url", "a field the schema does not mark is not downloaded")
	assert.NotContains(t, out.Data.Raw, "file_path")
	require.Len(t, out.Data.Untyped, 1)
	assert.Contains(t, out.Data.Untyped[0], "s3url", "a field the schema does not describe is not downloaded")
	for name, want := range map[string]string{"report.txt": "report", "a1.txt": "a1", "m.txt": "m"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, want, string(b), name)
	}
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 3)
	assert.Len(t, w.requests(), 2+3, "only the marked files are fetched")
}

func TestToolSet_FileDownloadsBoundedPerCall(t *testing.T) {
	n := composio.MaxFileDownloadsPerCall + 2
	schema := `{"type":"object","properties":{"files":{"type":"array","items":{"type":"object","file_downloadable":true}}}}`
	var files, bodies []string
	for i := range n {
		name := "f" + strconv.Itoa(i) + ".txt"
		files = append(files, `{"name":"`+name+`","s3url":"WIRE/`+name+`"}`)
		bodies = append(bodies, strconv.Itoa(i))
	}
	exec := `{"successful":true,"error":null,"data":{"files":[` + strings.Join(files, ",") + `]}}`
	set, w, dir := downloadToolSet(t, schema, exec, bodies...)
	results, err := set.Handle(context.Background(), []composio.ToolCall{{ID: "a", Name: "DEMO_EXPORT"}})
	require.NoError(t, err)
	require.False(t, results[0].IsError, results[0].Content)
	var out struct {
		Data struct {
			Files []map[string]any `json:"files"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(results[0].Content), &out))
	require.Len(t, out.Data.Files, n)
	for i, f := range out.Data.Files {
		if i < composio.MaxFileDownloadsPerCall {
			assert.Equal(t, filepath.Join(dir, "f"+strconv.Itoa(i)+".txt"), f["file_path"], i)
			continue
		}
		assert.NotContains(t, f, "file_path", i)
		assert.Contains(t, f["download_error"], "at most "+strconv.Itoa(composio.MaxFileDownloadsPerCall)+" files", i)
		assert.NotContains(t, results[0].Content, "/f"+strconv.Itoa(i)+".txt", "no URL of a skipped file reaches the model")
	}
	assert.Len(t, w.requests(), 2+composio.MaxFileDownloadsPerCall, "the skipped files are not fetched")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, composio.MaxFileDownloadsPerCall)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
