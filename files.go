package composio

import (
	"context"
	"fmt"
	"iter"
	"log/slog"

	"github.com/ComposioHQ/composio-go/internal/transport"

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

// RequestUpload asks for a presigned URL to upload one file to. Most callers
// want [FilesService.Upload], which calls it, hashes the content and sends
// the bytes.
//
// API: POST /files/upload/request
func (s *FilesService) RequestUpload(ctx context.Context, params FileUploadRequestParams, opts ...RequestOption) (*FileUploadURL, error) {
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

// FileListParams filters [FilesService.List]. The zero value lists every
// file.
type FileListParams struct {
	ToolkitSlug string `url:"toolkit_slug,omitempty"`
	ToolSlug    string `url:"tool_slug,omitempty"`
	// Limit is the page size (at most 50).
	Limit  int    `url:"limit,omitempty"`
	Cursor string `url:"cursor,omitempty"`
}

// FileUploadRequestParams is the body of [FilesService.RequestUpload]. Every
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

// File is an uploaded file as [FilesService.List] returns it.
type File struct {
	ToolkitSlug string `json:"toolkit_slug"`
	ToolSlug    string `json:"tool_slug"`
	Filename    string `json:"filename"`
	Mimetype    string `json:"mimetype"`
	// MD5 is the hex MD5 of the content.
	MD5 string `json:"md5"`
}

// FileUploadURL is where to upload a file: PUT the raw bytes to
// PresignedURL, then pass Key as the s3key of the tool argument.
//
// PresignedURL is a bearer credential until it expires: String and
// LogValue print it without its signature.
type FileUploadURL struct {
	// ID identifies the upload request, such as "req_file_9mZn4qR8sXwT".
	ID string `json:"id"`
	// Key is the object's storage key, the s3key tools take.
	Key          string `json:"key"`
	PresignedURL string `json:"new_presigned_url"`
	// Deprecated: the same URL under its old name; use PresignedURL.
	LegacyPresignedURL string `json:"newPresignedUrl,omitempty"`
	// Deprecated: always "new".
	Type     string             `json:"type,omitempty"`
	Metadata FileUploadMetadata `json:"metadata"`
}

// FileUploadMetadata says how to talk to the storage backend.
type FileUploadMetadata struct {
	StorageBackend StorageBackend `json:"storage_backend"`
}

// String describes u with the presigned URL's secrets redacted.
func (u FileUploadURL) String() string {
	return fmt.Sprintf("FileUploadURL{ID:%s Key:%s PresignedURL:%s Backend:%s}", u.ID, u.Key,
		transport.RedactURLString(u.PresignedURL), u.Metadata.StorageBackend)
}

// GoString is String, so %#v does not print the signature either.
func (u FileUploadURL) GoString() string { return u.String() }

// LogValue logs u with the presigned URL's secrets redacted.
func (u FileUploadURL) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", u.ID), slog.String("key", u.Key),
		slog.String("presigned_url", transport.RedactURLString(u.PresignedURL)),
		slog.String("storage_backend", string(u.Metadata.StorageBackend)))
}

// StorageBackend is the object store behind a presigned URL.
type StorageBackend string

// Storage backends.
const (
	StorageBackendS3    StorageBackend = "s3"
	StorageBackendAzure StorageBackend = "azure_blob_storage"
)

// FileReference is what a tool argument of type file takes: pass it as the
// argument's value, as is. Its JSON is {"name", "mimetype", "s3key"}.
type FileReference struct {
	Name     string `json:"name"`
	Mimetype string `json:"mimetype"`
	S3Key    string `json:"s3key"`
}
