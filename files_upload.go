package composio

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// FileUploadParams describes a file to upload for a tool. Give exactly one
// of Path and Reader.
type FileUploadParams struct {
	// Path is a local file to upload.
	Path string
	// Reader supplies the content when there is no path. The storage host
	// needs the length up front and the API needs the MD5 before the upload
	// starts, so the content is read twice: a Reader that is also an
	// io.Seeker (an *os.File, *bytes.Reader, *strings.Reader) is hashed,
	// rewound and streamed from where it stood; any other Reader is first
	// copied to a temporary file (removed afterwards), never into memory.
	Reader io.Reader
	// Filename is the name the tool sees. Default: the base name of Path,
	// or of the Reader's Name() when it has one (an *os.File); required
	// otherwise.
	Filename string
	// Mimetype is the content type, sent as given. Default: the bare media
	// type ("text/csv", no parameters) from the file name's extension, else
	// sniffed from the first 512 bytes.
	Mimetype string
	// ToolSlug and ToolkitSlug name the tool the file is an argument of,
	// such as "GMAIL_SEND_EMAIL" and "gmail". Required.
	ToolSlug    string
	ToolkitSlug string
}

// Upload sends a file to Composio's storage for use as a tool argument: it
// hashes the content, requests a presigned URL for it, then streams the
// bytes there with a PUT (the Composio key never goes to the storage host).
// The returned reference is the argument's value.
//
// Memory use does not grow with the file: the content is streamed from disk
// in both passes. A failure says which step failed (reading, requesting
// the URL, uploading); an upload the storage host refused wraps an *Error.
//
// API: POST /files/upload/request
func (s *FilesService) Upload(ctx context.Context, params FileUploadParams, opts ...RequestOption) (*FileReference, error) {
	if ctx == nil {
		return nil, errNilContext()
	}
	if params.ToolSlug == "" {
		return nil, invalidParam("tool_slug", "must not be empty (set ToolSlug)")
	}
	if params.ToolkitSlug == "" {
		return nil, invalidParam("toolkit_slug", "must not be empty (set ToolkitSlug)")
	}
	src, err := openUploadSource(ctx, params)
	if err != nil {
		return nil, err
	}
	defer src.close()

	upload, err := s.CreateUploadURL(ctx, FileUploadRequestParams{
		ToolkitSlug: params.ToolkitSlug, ToolSlug: params.ToolSlug,
		Filename: src.name, Mimetype: src.mimetype, MD5: src.md5,
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("composio: files: requesting an upload URL for %s: %w", src.name, err)
	}
	if err := s.put(ctx, upload, src); err != nil {
		return nil, fmt.Errorf("composio: files: uploading %s to storage: %w", src.name, err)
	}
	return &FileReference{Name: src.name, Mimetype: src.mimetype, S3Key: upload.Key}, nil
}

// put streams src to the presigned URL.
func (s *FilesService) put(ctx context.Context, upload *FileUploadURL, src *uploadSource) error {
	target := upload.PresignedURL
	if target == "" {
		target = upload.LegacyPresignedURL
	}
	switch {
	case target == "":
		return errors.New("the API returned no presigned URL")
	case upload.Key == "":
		return errors.New("the API returned no storage key")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, target, src.body())
	if err != nil {
		return fmt.Errorf("invalid presigned URL %s: %w", transport.RedactURLString(target), errors.Unwrap(err))
	}
	// A redirect (307/308) replays the body from the start.
	req.GetBody = func() (io.ReadCloser, error) { return src.body(), nil }
	req.ContentLength = src.size
	if src.size == 0 {
		req.Body = http.NoBody // else net/http would send no Content-Length at all
	}
	req.Header.Set("Content-Type", src.mimetype)
	req.Header.Set("User-Agent", s.client.userAgentValue[0])
	if upload.Metadata.StorageBackend == StorageBackendAzure {
		req.Header.Set("X-Ms-Blob-Type", "BlockBlob") // Azure refuses a PUT without it
	}
	return storageDo(s.client, req, func(resp *http.Response) error { return nil })
}

// uploadSource is content ready to send: its size, MD5 and type known, and
// a way to read it from the start as often as needed.
type uploadSource struct {
	name, mimetype, md5 string
	size                int64
	at                  io.ReaderAt // the content occupies [base, base+size)
	base                int64
	seeker              io.ReadSeeker // when at is nil: rewound to base on each read
	cleanup             func()
}

func (s *uploadSource) body() io.ReadCloser {
	if s.at != nil {
		return io.NopCloser(io.NewSectionReader(s.at, s.base, s.size))
	}
	_, _ = s.seeker.Seek(s.base, io.SeekStart)
	return io.NopCloser(io.LimitReader(s.seeker, s.size))
}

func (s *uploadSource) close() {
	if s.cleanup != nil {
		s.cleanup()
	}
}

// openUploadSource hashes the content and prepares it for streaming.
func openUploadSource(ctx context.Context, p FileUploadParams) (src *uploadSource, err error) {
	switch {
	case (p.Path == "") == (p.Reader == nil):
		return nil, invalidParam("Path/Reader", "give exactly one")
	case p.Path != "":
		f, err := os.Open(p.Path)
		if err != nil {
			return nil, fmt.Errorf("composio: files: reading %s: %w", p.Path, err)
		}
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			f.Close()
			return nil, fmt.Errorf("%w: Path: %s is not a regular file", ErrInvalidParams, p.Path)
		}
		src := &uploadSource{name: p.Filename, at: f, cleanup: func() { f.Close() }}
		if src.name == "" {
			src.name = filepath.Base(p.Path)
		}
		if err := src.hash(ctx, io.NewSectionReader(f, 0, 1<<62), p.Mimetype); err != nil {
			src.close()
			return nil, fmt.Errorf("composio: files: reading %s: %w", p.Path, err)
		}
		return src, nil
	}
	name := p.Filename
	if n, ok := p.Reader.(interface{ Name() string }); ok && name == "" {
		name = filepath.Base(n.Name())
	}
	if name == "" || name == "." || name == string(filepath.Separator) {
		return nil, invalidParam("filename", "must not be empty when uploading from a Reader (set Filename)")
	}
	src = &uploadSource{name: name}
	if rs, ok := p.Reader.(io.ReadSeeker); ok {
		if src.base, err = rs.Seek(0, io.SeekCurrent); err == nil {
			if err := src.hash(ctx, rs, p.Mimetype); err != nil {
				return nil, fmt.Errorf("composio: files: reading %s: %w", name, err)
			}
			if ra, ok := p.Reader.(io.ReaderAt); ok {
				src.at = ra
			} else {
				src.seeker = rs
			}
			return src, nil
		}
		// Not really seekable (a pipe behind an *os.File): spool it.
	}
	return spool(ctx, src, p.Reader, p.Mimetype)
}

// spool copies r to a temporary file while hashing it, for a Reader that
// cannot be read twice. The file is removed when the upload ends.
func spool(ctx context.Context, src *uploadSource, r io.Reader, mimetype string) (*uploadSource, error) {
	tmp, err := os.CreateTemp("", "composio-upload-*")
	if err != nil {
		return nil, fmt.Errorf("composio: files: spooling %s to a temporary file: %w", src.name, err)
	}
	src.cleanup = func() { tmp.Close(); os.Remove(tmp.Name()) }
	if err := src.hash(ctx, io.TeeReader(r, tmp), mimetype); err != nil {
		src.close()
		return nil, fmt.Errorf("composio: files: spooling %s to a temporary file: %w", src.name, err)
	}
	src.at = tmp
	return src, nil
}

// hash reads r to its end, recording size and MD5, and settles the type:
// the caller's, else the extension's, else sniffed from the first bytes.
// Cancelling ctx stops the read.
func (s *uploadSource) hash(ctx context.Context, r io.Reader, mimetype string) error {
	r = ctxReader{ctx, r}
	h := md5.New()
	var head [512]byte
	n, err := io.ReadFull(r, head[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return err
	}
	h.Write(head[:n])
	rest, err := io.Copy(h, r)
	if err != nil {
		return err
	}
	s.size = int64(n) + rest
	s.md5 = hex.EncodeToString(h.Sum(nil))
	s.mimetype = mimetype
	if s.mimetype != "" {
		return nil
	}
	guess := mime.TypeByExtension(strings.ToLower(filepath.Ext(s.name)))
	if guess == "" {
		guess = http.DetectContentType(head[:n])
	}
	// The API takes a bare media type ("text/csv"), as the official
	// examples show: a guessed "; charset=utf-8" is dropped.
	if mt, _, err := mime.ParseMediaType(guess); err == nil {
		guess = mt
	}
	s.mimetype = guess
	return nil
}

// ctxReader stops reading once ctx is done, so hashing a large file or a
// slow stream can be cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
