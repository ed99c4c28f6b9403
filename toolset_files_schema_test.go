package composio_test

import (
	"encoding/json"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
