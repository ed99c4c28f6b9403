package composiotest

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
)

// fileToolkit is the keyless toolkit of the catalog's file tools. Like
// Composio's own file tools, they take files as {name, mimetype, s3key}
// references marked file_uploadable, and return them as {name, mimetype,
// s3url} marked file_downloadable: an agent SDK that uploads and downloads
// files automatically runs against them offline.
const (
	fileToolkit        = ToolkitFileTool
	fileToolkitVersion = VersionFileTool
)

// seedFileToolkit is the toolkit of seedFileTools.
func seedFileToolkit() *fakeToolkit {
	return &fakeToolkit{
		Slug: fileToolkit, Name: "File tool", Description: "Keyless tools that read and write files, for testing file arguments and outputs.",
		Categories: []category{catUtility}, Versions: []string{fileToolkitVersion}, Usage: 100,
	}
}

// seedFileTools are the catalog's tools that consume and produce files:
//
//   - FILETOOL_COUNT_WORDS reads an uploaded file (input "file", marked
//     file_uploadable) and returns its size, line and word counts and MD5.
//   - FILETOOL_WRITE_TEXT_FILE writes a text file (content repeated
//     "repeat" times, at most 10 MiB) to the fake's storage and returns it
//     as "file", marked file_downloadable, with a presigned s3url.
func seedFileTools() []*fakeTool {
	return []*fakeTool{
		{
			Slug: "FILETOOL_COUNT_WORDS", Name: "Count words", ToolkitSlug: fileToolkit, NoAuth: true,
			Tags:        []string{"files", "readOnlyHint"},
			Description: "Counts the bytes, lines and words of a text file.",
			InputParameters: toolSchema("CountWordsRequest", []string{"file"},
				fileUploadableProp("file", "The text file to count.")),
			OutputParameters: toolSchema("CountWordsResponse", []string{"name", "bytes", "lines", "words", "md5"},
				toolProp("name", "string", "The file's name."), toolProp("bytes", "integer", "Its size."),
				toolProp("lines", "integer", "Its line count."), toolProp("words", "integer", "Its word count."),
				toolProp("md5", "string", "The hex MD5 of its content.")),
			Run: runCountWords,
		},
		{
			Slug: "FILETOOL_WRITE_TEXT_FILE", Name: "Write text file", ToolkitSlug: fileToolkit, NoAuth: true,
			Tags:        []string{"files"},
			Description: "Writes a text file and returns it for download.",
			InputParameters: toolSchema("WriteTextFileRequest", []string{"name", "content"},
				toolProp("name", "string", "The file name, such as notes.txt."),
				toolProp("content", "string", "The text to write."),
				toolProp("repeat", "integer", "How many times to write the text.", "default", 1, "minimum", 1, "maximum", 1<<20)),
			OutputParameters: toolSchema("WriteTextFileResponse", []string{"file", "bytes"},
				fileDownloadableProp("file", "The file written."), toolProp("bytes", "integer", "Its size.")),
			Run: runWriteTextFile,
		},
	}
}

// fileRefSchema is the object Composio's schemas use for a file.
func fileRefSchema(name, desc, keyField string) map[string]any {
	return map[string]any{
		"name": name, "type": "object", "title": propTitle(name), "description": desc,
		"properties": map[string]any{
			"name":     map[string]any{"type": "string", "title": "Name"},
			"mimetype": map[string]any{"type": "string", "title": "Mimetype"},
			keyField:   map[string]any{"type": "string", "title": propTitle(keyField)},
		},
		"required": []any{"name", "mimetype", keyField},
	}
}

func fileUploadableProp(name, desc string) map[string]any {
	p := fileRefSchema(name, desc, "s3key")
	p["file_uploadable"] = true
	return p
}

func fileDownloadableProp(name, desc string) map[string]any {
	p := fileRefSchema(name, desc, "s3url")
	p["file_downloadable"] = true
	return p
}

func runCountWords(c toolCall) (map[string]any, string) {
	ref, _ := c.Args["file"].(map[string]any)
	key, _ := ref["s3key"].(string)
	sf, ok := c.f.files().byKey[key]
	if key == "" || !ok || !sf.uploaded {
		return nil, fmt.Sprintf("File not found in storage: %q; upload it first", key)
	}
	content := sf.Content
	lines := bytes.Count(content, []byte("\n"))
	if len(content) > 0 && content[len(content)-1] != '\n' {
		lines++
	}
	name, _ := ref["name"].(string)
	return map[string]any{"name": name, "bytes": len(content), "lines": lines,
		"words": len(strings.Fields(string(content))), "md5": sf.MD5}, ""
}

func runWriteTextFile(c toolCall) (map[string]any, string) {
	name, _ := c.Args["name"].(string)
	content, _ := c.Args["content"].(string)
	repeat := 1
	if n, ok := argNumber(c.Args["repeat"]); ok {
		repeat = int(n)
	}
	if int64(len(content))*int64(repeat) > maxStoredFile {
		return nil, "The file would be larger than the 10 MiB the fake stores"
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" {
		base = "file.txt"
	}
	data := bytes.Repeat([]byte(content), repeat)
	sum := md5.Sum(data)
	id := c.f.newID("out_file")
	key := fmt.Sprintf("projects/%s/outputs/%s/FILETOOL_WRITE_TEXT_FILE/%s/%s", fakeProjectID, fileToolkit, id[len("out_file_"):], base)
	sf := &storedFile{
		ID: id, Key: key, ToolkitSlug: fileToolkit, ToolSlug: "FILETOOL_WRITE_TEXT_FILE",
		Filename: base, Mimetype: "text/plain", MD5: hex.EncodeToString(sum[:]),
		uploadSig: c.f.newID(""), downloadSig: c.f.newID(""), Content: data, uploaded: true,
	}
	c.f.files().byKey[key] = sf
	return map[string]any{
		"file":  map[string]any{"name": base, "mimetype": sf.Mimetype, "s3url": storageURL(c.Origin, key, sf.downloadSig)},
		"bytes": len(data),
	}, ""
}
