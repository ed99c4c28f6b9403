package composio

import (
	"context"
	"fmt"
	"io"
	"net/http"

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
	header := http.Header{"User-Agent": {s.client.userAgent}}
	if params.Mimetype != "" {
		header.Set("Content-Type", params.Mimetype)
	}
	if content == nil {
		content = []byte{} // an empty file still has a body
	}
	resp, err := s.client.routerStorageRequest(ctx, http.MethodPut, up.UploadURL, header, content)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
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
	resp, err := s.client.routerStorageRequest(ctx, http.MethodGet, down.DownloadURL, http.Header{"User-Agent": {s.client.userAgent}}, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxSessionFileDownload+1))
	if err != nil {
		return nil, fmt.Errorf("composio: downloading %s: %w", params.MountRelativePath, err)
	}
	if len(data) > MaxSessionFileDownload {
		return nil, fmt.Errorf("composio: downloading %s: larger than %d bytes", params.MountRelativePath, MaxSessionFileDownload)
	}
	return data, nil
}

// routerStorageRequest sends a credential-free request to a presigned storage URL and
// returns a 2xx response; other statuses become errors naming the status
// (storage hosts do not answer with the API's envelope).
func (c *Client) routerStorageRequest(ctx context.Context, method, rawURL string, header http.Header, body []byte) (*http.Response, error) {
	policy := &transport.Policy{Idempotent: true, MaxRetries: c.cfg.resolved.maxRetries}
	resp, err := c.transport.Do(ctx, method, rawURL, header, body, policy)
	if err != nil {
		return nil, fmt.Errorf("composio: %s presigned URL: %w", method, c.redact(err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		return nil, fmt.Errorf("composio: %s %s: storage answered %d: %s", method, transport.RedactURL(resp.Request.URL), resp.StatusCode, bodySnippet(snippet))
	}
	return resp, nil
}
