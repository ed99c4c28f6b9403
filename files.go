package composio

import (
	"context"
	"iter"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// FilesService calls the Composio API's files operations: the files tools
// take as arguments, uploaded to Composio's storage, and the files tools
// return. Use it through [Client].Files.
//
// [FilesService.Upload] and [FilesService.Download] move the bytes; they
// talk to the storage host directly and never send it a Composio key.
type FilesService service

// List returns one page of the files uploaded for tools, optionally
// filtered by toolkit and tool.
//
// API: GET /files/list
func (s *FilesService) List(ctx context.Context, params FileListParams, opts ...RequestOption) (*Page[File], error) {
	return do[Page[File]](ctx, s.client, request{op: ops.FilesList, query: params}, opts)
}

// ListAll iterates over every file List would return, page by page.
//
// API: GET /files/list
func (s *FilesService) ListAll(ctx context.Context, params FileListParams, opts ...RequestOption) iter.Seq2[File, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[File], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// CreateUploadURL asks for a presigned URL to upload one file to. Most callers
// want [FilesService.Upload], which calls it, hashes the content and sends
// the bytes.
//
// API: POST /files/upload/request
func (s *FilesService) CreateUploadURL(ctx context.Context, params FileUploadRequestParams, opts ...RequestOption) (*FileUploadURL, error) {
	for _, f := range [...]struct{ name, v string }{
		{"toolkit_slug", params.ToolkitSlug}, {"tool_slug", params.ToolSlug}, {"filename", params.Filename},
		{"mimetype", params.Mimetype}, {"md5", params.MD5},
	} {
		if f.v == "" {
			return nil, invalidParam(f.name, "must not be empty")
		}
	}
	if !isMD5Hex(params.MD5) {
		return nil, invalidParam("md5", "must be the 32-character lower-case hex MD5 of the content")
	}
	return do[FileUploadURL](ctx, s.client, request{op: ops.FilesCreatePresignedURL, body: params}, opts)
}

// RequestUpload asks for a presigned URL to upload one file to.
//
// Deprecated: use CreateUploadURL, the name ToolRouter's file operations
// use for the same idea.
func (s *FilesService) RequestUpload(ctx context.Context, params FileUploadRequestParams, opts ...RequestOption) (*FileUploadURL, error) {
	return s.CreateUploadURL(ctx, params, opts...)
}

func isMD5Hex(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
