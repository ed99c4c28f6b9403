package composio

import (
	"context"
	"iter"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// DefaultMountID is the file mount every session has: the sandbox sees it
// at /mnt/files.
const DefaultMountID = "files"

// A session's files live in mounts, storage shared between your program
// and the session's sandbox. Bytes never pass through these calls: they
// return presigned URLs to PUT or GET the content directly.

// ListFiles returns one page of the files in a session's mount. This list
// reports only Items and NextCursor: the page's totals stay zero.
//
// API: GET /tool_router/session/{session_id}/mounts/{mount_id}/items
func (s *ToolRouterService) ListFiles(ctx context.Context, sessionID, mountID string, params SessionFileListParams, opts ...RequestOption) (*Page[SessionFile], error) {
	return do[Page[SessionFile]](ctx, s.client, request{op: ops.ToolRouterSessionFilesList, pathArgs: []string{sessionID, mountID}, query: params}, opts)
}

// ListFilesAll iterates over every file ListFiles would return.
//
// API: GET /tool_router/session/{session_id}/mounts/{mount_id}/items
func (s *ToolRouterService) ListFilesAll(ctx context.Context, sessionID, mountID string, params SessionFileListParams, opts ...RequestOption) iter.Seq2[SessionFile, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[SessionFile], error) {
		params.Cursor = cursor
		return s.ListFiles(ctx, sessionID, mountID, params, opts...)
	})
}

// CreateFileUploadURL returns a presigned URL to PUT a file's content to;
// the file appears in the mount once uploaded. Send no Composio key to
// that URL.
//
// API: POST /tool_router/session/{session_id}/mounts/{mount_id}/upload_url
func (s *ToolRouterService) CreateFileUploadURL(ctx context.Context, sessionID, mountID string, params SessionFileUploadParams, opts ...RequestOption) (*SessionFileUploadURL, error) {
	if params.MountRelativePath == "" {
		return nil, invalidParam("mount_relative_path", "must not be empty")
	}
	return do[SessionFileUploadURL](ctx, s.client, request{op: ops.ToolRouterSessionFilesCreateUploadURL, pathArgs: []string{sessionID, mountID}, body: params}, opts)
}

// CreateFileDownloadURL returns a presigned URL to GET a file's content
// from.
//
// API: POST /tool_router/session/{session_id}/mounts/{mount_id}/download_url
func (s *ToolRouterService) CreateFileDownloadURL(ctx context.Context, sessionID, mountID string, params SessionFileParams, opts ...RequestOption) (*SessionFileDownloadURL, error) {
	if params.MountRelativePath == "" {
		return nil, invalidParam("mount_relative_path", "must not be empty")
	}
	return do[SessionFileDownloadURL](ctx, s.client, request{op: ops.ToolRouterSessionFilesCreateDownloadURL, pathArgs: []string{sessionID, mountID}, body: params}, opts)
}

// DeleteFile deletes a file from a session's mount.
//
// API: POST /tool_router/session/{session_id}/mounts/{mount_id}/delete
func (s *ToolRouterService) DeleteFile(ctx context.Context, sessionID, mountID string, params SessionFileParams, opts ...RequestOption) (*SessionFileDeleted, error) {
	if params.MountRelativePath == "" {
		return nil, invalidParam("mount_relative_path", "must not be empty")
	}
	return do[SessionFileDeleted](ctx, s.client, request{op: ops.ToolRouterSessionFilesDelete, pathArgs: []string{sessionID, mountID}, body: params}, opts)
}

// SessionFileListParams filters [ToolRouterService.ListFiles].
type SessionFileListParams struct {
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size (1-500).
	Limit int `url:"limit,omitempty"`
	// MountRelativePrefix lists only files under it, such as "data/".
	MountRelativePrefix string `url:"mount_relative_prefix,omitempty"`
}

// SessionFileUploadParams is the body of
// [ToolRouterService.CreateFileUploadURL].
type SessionFileUploadParams struct {
	// MountRelativePath may hold directories: "data/output.csv".
	MountRelativePath string `json:"mount_relative_path"`
	// Mimetype is the content type, such as "text/csv".
	Mimetype string `json:"mimetype,omitzero"`
}

// SessionFileParams names a file of a mount.
type SessionFileParams struct {
	MountRelativePath string `json:"mount_relative_path"`
}

// SessionFile is a file in a session's mount.
type SessionFile struct {
	MountRelativePath string `json:"mount_relative_path"`
	// SandboxMountPrefix is where the sandbox sees the mount (/mnt/files).
	SandboxMountPrefix string    `json:"sandbox_mount_prefix"`
	Size               int64     `json:"size"`
	LastModified       Timestamp `json:"last_modified"`
}

// SessionFileUploadURL is where to PUT a file's content.
type SessionFileUploadURL struct {
	UploadURL          string    `json:"upload_url"`
	MountRelativePath  string    `json:"mount_relative_path"`
	SandboxMountPrefix string    `json:"sandbox_mount_prefix"`
	ExpiresAt          Timestamp `json:"expires_at"`
}

// SessionFileDownloadURL is where to GET a file's content.
type SessionFileDownloadURL struct {
	DownloadURL        string    `json:"download_url"`
	MountRelativePath  string    `json:"mount_relative_path"`
	SandboxMountPrefix string    `json:"sandbox_mount_prefix"`
	ExpiresAt          Timestamp `json:"expires_at"`
}

// SessionFileDeleted is the answer of [ToolRouterService.DeleteFile].
type SessionFileDeleted struct {
	MountRelativePath  string `json:"mount_relative_path"`
	SandboxMountPrefix string `json:"sandbox_mount_prefix"`
}
