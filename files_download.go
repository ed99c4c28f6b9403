package composio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// DefaultMaxDownloadBytes caps [FilesService.Download], as the official SDK
// caps file downloads.
const DefaultMaxDownloadBytes = 100 << 20

// ErrFileTooLarge is returned by [FilesService.Download] when a file is
// larger than its cap.
var ErrFileTooLarge = errors.New("composio: file larger than the download cap")

// FileDownloadParams tunes [FilesService.Download].
type FileDownloadParams struct {
	// MaxBytes caps the size of the file; 0 means DefaultMaxDownloadBytes.
	MaxBytes int64
}

// FileDownload describes a downloaded file.
type FileDownload struct {
	// Size is the number of bytes written.
	Size int64
	// ContentType is what the storage host reported, if anything.
	ContentType string
}

// Download streams the file at rawURL (a storage URL from a tool's output)
// into w. Only http(s) URLs are fetched, plain http only on loopback; private,
// link-local and (unless the API itself is on loopback) loopback addresses
// are refused, redirects included; no Composio key is sent. A file over the
// cap fails with ErrFileTooLarge: before anything is written when the size
// is announced, else after MaxBytes bytes, so discard w on any error (a
// non-nil FileDownload returned with an error says how much was written).
func (s *FilesService) Download(ctx context.Context, rawURL string, w io.Writer, params FileDownloadParams) (*FileDownload, error) {
	if ctx == nil {
		return nil, errNilContext()
	}
	if w == nil {
		return nil, invalidParam("w", "must not be nil")
	}
	if params.MaxBytes < 0 {
		return nil, invalidParam("MaxBytes", "must not be negative")
	}
	limit := params.MaxBytes
	if limit == 0 {
		limit = DefaultMaxDownloadBytes
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil || (req.URL.Scheme != "https" && req.URL.Scheme != "http") || req.URL.Host == "" {
		return nil, invalidParam("rawURL", fmt.Sprintf("%s is not an absolute http(s) URL", transport.RedactURLString(rawURL)))
	}
	req.Header.Set("User-Agent", s.client.userAgentValue[0])
	out := &FileDownload{}
	err = storageDo(s.client, req, func(resp *http.Response) error {
		out.ContentType = resp.Header.Get("Content-Type")
		if resp.ContentLength > limit {
			return fmt.Errorf("%w: %d bytes announced, cap %d", ErrFileTooLarge, resp.ContentLength, limit)
		}
		n, err := io.Copy(w, io.LimitReader(resp.Body, limit))
		out.Size = n
		if err != nil {
			return err
		}
		if n == limit {
			var probe [1]byte
			if m, _ := io.ReadFull(resp.Body, probe[:]); m > 0 {
				return fmt.Errorf("%w: more than %s bytes", ErrFileTooLarge, strconv.FormatInt(limit, 10))
			}
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("composio: files: downloading: %w", err)
	}
	return out, nil
}
