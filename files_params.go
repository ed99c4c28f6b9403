package composio

// FileListParams filters [FilesService.List]. The zero value lists every
// file.
type FileListParams struct {
	ToolkitSlug string `url:"toolkit_slug,omitempty"`
	ToolSlug    string `url:"tool_slug,omitempty"`
	// Limit is the page size (at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// FileUploadRequestParams is the body of [FilesService.CreateUploadURL]. Every
// field is required.
type FileUploadRequestParams struct {
	// ToolkitSlug and ToolSlug name the tool the file is an argument of,
	// such as "gmail" and "GMAIL_SEND_EMAIL".
	ToolkitSlug string `json:"toolkit_slug"`
	ToolSlug    string `json:"tool_slug"`
	// Filename is the original file name, such as "report.pdf".
	Filename string `json:"filename"`
	Mimetype string `json:"mimetype"`
	// MD5 is the lower-case hex MD5 of the content.
	MD5 string `json:"md5"`
}
