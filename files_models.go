package composio

import (
	"fmt"
	"log/slog"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

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
