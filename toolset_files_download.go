package composio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// downloadFiles replaces, in the data of a successful execution, each file
// object (one with an s3url) at a field the tool's output schema marks
// file_downloadable by the file downloaded into the download directory; it
// returns the new data, or nil when it holds no such file. At most
// MaxFileDownloadsPerCall files are downloaded, in the order of the data
// (properties by name); the others carry a download_error.
func (set *ToolSet) downloadFiles(ctx context.Context, e *toolEntry, data json.RawMessage) (json.RawMessage, error) {
	if len(data) == 0 || e.downloadRule == nil {
		return nil, nil
	}
	var v any
	if decodeNumbers(data, &v) != nil {
		return nil, nil
	}
	d := downloader{set: set, slug: e.def.ToolSlug}
	v, err := d.walk(ctx, e.downloadRule, v)
	if err != nil || d.found == 0 {
		return nil, err
	}
	return json.Marshal(v)
}

type downloader struct {
	set   *ToolSet
	slug  string
	found int // file objects met so far
}

// walk walks v along r and returns it with the file objects at r's leaves
// downloaded.
func (d *downloader) walk(ctx context.Context, r *fileRule, v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if u, ok := x["s3url"].(string); ok && u != "" && r.leaf {
			d.found++
			if d.found > MaxFileDownloadsPerCall {
				return skipped(x), nil
			}
			return d.fetch(ctx, x, u)
		}
		for _, name := range r.names() {
			val, ok := x[name]
			if !ok {
				continue
			}
			w, err := d.walk(ctx, r.props[name], val)
			if err != nil {
				return nil, err
			}
			x[name] = w
		}
	case []any:
		if r.items == nil {
			return v, nil
		}
		for i, val := range x {
			w, err := d.walk(ctx, r.items, val)
			if err != nil {
				return nil, err
			}
			x[i] = w
		}
	}
	return v, nil
}

// skipped is a file object past MaxFileDownloadsPerCall: its name and type,
// and why it was not downloaded.
func skipped(obj map[string]any) map[string]any {
	name, _ := obj["name"].(string)
	mimetype, _ := obj["mimetype"].(string)
	return map[string]any{"name": name, "mimetype": mimetype,
		"download_error": "not downloaded: a call downloads at most " + strconv.Itoa(MaxFileDownloadsPerCall) + " files"}
}

// fetch downloads one file object's file; only the end of ctx is an error.
func (d *downloader) fetch(ctx context.Context, obj map[string]any, rawURL string) (map[string]any, error) {
	name, _ := obj["name"].(string)
	mimetype, _ := obj["mimetype"].(string)
	out := map[string]any{"name": name, "mimetype": mimetype}
	p, size, err := d.save(ctx, rawURL, name, mimetype)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		out["download_error"] = err.Error()
		return out, nil
	}
	out["file_path"], out["size"] = p, size
	if out["name"] == "" {
		out["name"] = filepath.Base(p)
	}
	return out, nil
}

// save writes the file at rawURL into the download directory under a new
// name and returns its path and size.
func (d *downloader) save(ctx context.Context, rawURL, name, mimetype string) (string, int64, error) {
	cfg := d.set.downloads
	root, err := os.OpenRoot(cfg.dir.real)
	if err != nil {
		return "", 0, err
	}
	defer root.Close()
	base := downloadName(name, rawURL, d.slug, mimetype)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	var f *os.File
	var fileName string
	for i := 0; f == nil; i++ {
		if i == 1000 {
			return "", 0, fmt.Errorf("no free file name for %s in %s", base, cfg.dir.abs)
		}
		fileName = base
		if i > 0 {
			fileName = stem + "-" + strconv.Itoa(i) + ext
		}
		f, err = root.OpenFile(fileName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return "", 0, err
		}
	}
	dl, err := d.set.client.Files.Download(ctx, rawURL, f, FileDownloadParams{MaxBytes: cfg.maxBytes})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = root.Remove(fileName)
		return "", 0, err
	}
	return filepath.Join(cfg.dir.abs, fileName), dl.Size, nil
}

// downloadName is a safe base name for a downloaded file: the name the
// output gives, else the URL's last path element, else the tool slug with
// an extension for the type.
func downloadName(name, rawURL, slug, mimetype string) string {
	clean := func(s string) string {
		s = path.Base(strings.ReplaceAll(s, "\\", "/"))
		s = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == '/' || r == ':' {
				return '_'
			}
			return r
		}, s)
		if s == "." || s == ".." || s == "/" || strings.Trim(s, ". ") == "" {
			return ""
		}
		return s
	}
	if n := clean(name); n != "" {
		return n
	}
	if u, err := url.Parse(rawURL); err == nil {
		if n := clean(u.Path); n != "" {
			return n
		}
	}
	ext := ""
	if exts, _ := mime.ExtensionsByType(mimetype); len(exts) > 0 {
		ext = exts[0]
	}
	return strings.ToLower(slug) + ext
}
