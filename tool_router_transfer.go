package composio

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// MaxSessionFileDownload bounds what DownloadFile reads, as the official
// SDK bounds its downloads.
const MaxSessionFileDownload = 100 << 20

// UploadFile stores content at params.MountRelativePath in a session's
// mount: it asks for an upload URL, then PUTs the bytes there. No Composio
// key is sent to the storage URL.
//
// API: POST /tool_router/session/{session_id}/mounts/{mount_id}/upload_url
func (s *ToolRouterService) UploadFile(ctx context.Context, sessionID, mountID string, params SessionFileUploadParams, content []byte, opts ...RequestOption) (*SessionFileUploadURL, error) {
	up, err := s.CreateFileUploadURL(ctx, sessionID, mountID, params, opts...)
	if err != nil {
		return nil, err
	}
	if content == nil {
		content = []byte{} // an empty file still has a body
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, up.UploadURL, bytes.NewReader(content))
	if err != nil {
		return nil, fmt.Errorf("composio: uploading %s: %w", params.MountRelativePath, badStorageURL(up.UploadURL, err))
	}
	req.Header.Set("User-Agent", s.client.userAgentValue[0])
	if params.Mimetype != "" {
		req.Header.Set("Content-Type", params.Mimetype)
	}
	if err := storageDo(s.client, req, func(*http.Response) error { return nil }); err != nil {
		return nil, fmt.Errorf("composio: uploading %s: %w", params.MountRelativePath, err)
	}
	return up, nil
}

// DownloadFile returns the content of a file of a session's mount (at most
// MaxSessionFileDownload bytes): it asks for a download URL, then GETs it.
// No Composio key is sent to the storage URL.
//
// API: POST /tool_router/session/{session_id}/mounts/{mount_id}/download_url
func (s *ToolRouterService) DownloadFile(ctx context.Context, sessionID, mountID string, params SessionFileParams, opts ...RequestOption) ([]byte, error) {
	down, err := s.CreateFileDownloadURL(ctx, sessionID, mountID, params, opts...)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, down.DownloadURL, nil)
	if err != nil {
		return nil, fmt.Errorf("composio: downloading %s: %w", params.MountRelativePath, badStorageURL(down.DownloadURL, err))
	}
	req.Header.Set("User-Agent", s.client.userAgentValue[0])
	var data []byte
	err = storageDo(s.client, req, func(resp *http.Response) error {
		var err error
		data, err = io.ReadAll(io.LimitReader(resp.Body, MaxSessionFileDownload+1))
		if err == nil && len(data) > MaxSessionFileDownload {
			err = fmt.Errorf("larger than %d bytes", MaxSessionFileDownload)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("composio: downloading %s: %w", params.MountRelativePath, err)
	}
	return data, nil
}

// badStorageURL describes a presigned URL that could not be used without
// quoting it: a *url.Error's text holds the whole URL, signature included.
func badStorageURL(raw string, err error) error {
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	return fmt.Errorf("invalid presigned URL %s: %w", transport.RedactURLString(raw), err)
}
