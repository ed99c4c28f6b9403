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

// WithFileUploads lets the model pass local files to Composio tools: an
// input the tool's schema marks file_uploadable (Composio's {name,
// mimetype, s3key} file reference) is offered to the model as a string,
// the path of a local file, and [ToolSet.Handle] uploads the file with
// [FilesService.Upload] and sends the reference in its place. A reference
// the model passes as an object is sent as is; an empty string means no
// file and drops the argument.
//
// Only files inside dirs (existing directories) are uploaded. A relative
// path is taken inside each of dirs in turn; an absolute path must lie
// inside one of them. A symbolic link is followed only when its target is
// relative and stays inside; a link leading out (or to an absolute path), a
// path climbing out with "..", a missing file or anything but a regular
// file is refused, and the model reads why. The check and the read are one: the
// file is opened through an [os.Root] of the directory, so a link swapped
// in between cannot lead out.
//
// Off by default, as in Composio's official SDKs: without this option the
// schemas and arguments of file tools are left as the API defines them.
func WithFileUploads(dirs ...string) ToolSetOption {
	return toolSetOption(func(s *ToolSet) error {
		if len(dirs) == 0 {
			return invalidParam("WithFileUploads", "give at least one directory to upload files from")
		}
		var cfg uploadConfig
		for _, d := range dirs {
			dir, err := existingDir(d)
			if err != nil {
				return invalidParam("WithFileUploads", err.Error())
			}
			cfg.dirs = append(cfg.dirs, dir)
		}
		s.uploads = &cfg
		return nil
	})
}

// WithFileDownloads makes [ToolSet.Handle] download the files a Composio
// tool's output points at (objects with an s3url, as the output schema's
// file_downloadable fields are) into dir, an existing directory, and show
// the model their local path instead: such an object becomes
// {"file_path": "/dir/report.pdf", "name", "mimetype", "size"}. The
// storage URL, a bearer credential until it expires, is not shown.
//
// Each file may be at most maxBytes (0 means [DefaultMaxDownloadBytes]);
// downloads go through [FilesService.Download], with its checks of the
// storage URL. Files are written inside dir only (through an [os.Root]),
// named after the file (never replacing one: report-1.pdf follows
// report.pdf). A file that cannot be downloaded (over the cap, refused by
// its host) does not fail the call, which ran: its object carries
// "download_error" instead of "file_path".
func WithFileDownloads(dir string, maxBytes int64) ToolSetOption {
	return toolSetOption(func(s *ToolSet) error {
		d, err := existingDir(dir)
		if err != nil {
			return invalidParam("WithFileDownloads", err.Error())
		}
		if maxBytes < 0 {
			return invalidParam("WithFileDownloads", "maxBytes must not be negative")
		}
		if maxBytes == 0 {
			maxBytes = DefaultMaxDownloadBytes
		}
		s.downloads = &downloadConfig{dir: d, maxBytes: maxBytes}
		return nil
	})
}

// fileDir is a directory files move through: its absolute path as given,
// and with symbolic links resolved.
type fileDir struct{ abs, real string }

func existingDir(d string) (fileDir, error) {
	if strings.TrimSpace(d) == "" {
		return fileDir{}, errors.New("the directory must not be empty")
	}
	abs, err := filepath.Abs(d)
	if err != nil {
		return fileDir{}, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return fileDir{}, fmt.Errorf("directory %s: %w", d, err)
	}
	if fi, err := os.Stat(real); err != nil || !fi.IsDir() {
		return fileDir{}, fmt.Errorf("%s is not a directory", d)
	}
	return fileDir{abs: abs, real: real}, nil
}

// within returns p (absolute, clean) relative to the directory, if inside.
func (d fileDir) within(p string) (string, bool) {
	for _, base := range []string{d.abs, d.real} {
		rel, err := filepath.Rel(base, p)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return rel, true
		}
	}
	return "", false
}

type uploadConfig struct{ dirs []fileDir }

type downloadConfig struct {
	dir      fileDir
	maxBytes int64
}

// fileRule says where a schema puts files: at this node (leaf), under
// properties, or in the items of an array.
type fileRule struct {
	leaf  bool
	props map[string]*fileRule
	items *fileRule
}

// fileRules finds the nodes of a ($ref-free) schema marked with key
// (file_uploadable, file_downloadable); nil when there are none. A node
// whose anyOf / oneOf variant is marked counts as marked.
func fileRules(s map[string]any, key string) *fileRule {
	if s[key] == true {
		return &fileRule{leaf: true}
	}
	var r fileRule
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		for _, v := range anySlice(s[k]) {
			vs, _ := v.(map[string]any)
			if vs == nil {
				continue
			}
			if sub := fileRules(vs, key); sub != nil {
				r.merge(sub)
			}
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for name, p := range props {
			ps, _ := p.(map[string]any)
			if ps == nil {
				continue
			}
			if sub := fileRules(ps, key); sub != nil {
				r.merge(&fileRule{props: map[string]*fileRule{name: sub}})
			}
		}
	}
	if items, ok := s["items"].(map[string]any); ok {
		if sub := fileRules(items, key); sub != nil {
			r.merge(&fileRule{items: sub})
		}
	}
	if !r.leaf && r.props == nil && r.items == nil {
		return nil
	}
	return &r
}

func (r *fileRule) merge(o *fileRule) {
	r.leaf = r.leaf || o.leaf
	for name, sub := range o.props {
		if r.props == nil {
			r.props = map[string]*fileRule{}
		}
		if have := r.props[name]; have != nil {
			have.merge(sub)
		} else {
			r.props[name] = sub
		}
	}
	if o.items != nil {
		if r.items == nil {
			r.items = &fileRule{}
		}
		r.items.merge(o.items)
	}
}

// pathSchemas replaces, in a copy of s, each node marked file_uploadable
// by a string schema asking for a local path.
func pathSchemas(s map[string]any) map[string]any {
	if s["file_uploadable"] == true {
		out := map[string]any{"type": "string"}
		desc, _ := s["description"].(string)
		out["description"] = strings.TrimSpace(desc + " The path of a local file to upload.")
		if t, ok := s["title"]; ok {
			out["title"] = t
		}
		return out
	}
	out := make(map[string]any, len(s))
	for k, v := range s {
		out[k] = v
	}
	if props, ok := s["properties"].(map[string]any); ok {
		clean := make(map[string]any, len(props))
		for name, p := range props {
			if ps, ok := p.(map[string]any); ok {
				clean[name] = pathSchemas(ps)
			} else {
				clean[name] = p
			}
		}
		out["properties"] = clean
	}
	if items, ok := s["items"].(map[string]any); ok {
		out["items"] = pathSchemas(items)
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		if list, ok := s[k].([]any); ok {
			clean := make([]any, len(list))
			for i, v := range list {
				if vs, ok := v.(map[string]any); ok {
					clean[i] = pathSchemas(vs)
				} else {
					clean[i] = v
				}
			}
			out[k] = clean
		}
	}
	return out
}

// uploadFiles replaces, in args, the local paths at the leaves of the
// tool's upload rule by file references, uploading each file, and drops
// empty ones ("" means no file). Without WithFileUploads it only drops the
// empty ones. A path the model must fix comes back as an errModelPath.
func (set *ToolSet) uploadFiles(ctx context.Context, e *toolEntry, args map[string]any) error {
	_, err := set.stage(ctx, e, e.uploadRule, args)
	return err
}

// errModelPath wraps a file argument the model must change.
type errModelPath struct{ err error }

func (e errModelPath) Error() string { return e.err.Error() }
func (e errModelPath) Unwrap() error { return e.err }

// stage walks v along r and returns it with its file leaves staged.
func (set *ToolSet) stage(ctx context.Context, e *toolEntry, r *fileRule, v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for name, sub := range r.props {
			val, ok := x[name]
			if !ok {
				continue
			}
			if p, isPath := val.(string); isPath && sub.leaf {
				if strings.TrimSpace(p) == "" {
					delete(x, name)
					continue
				}
				ref, err := set.uploadPath(ctx, e, p)
				if err != nil {
					return nil, err
				}
				x[name] = ref
				continue
			}
			w, err := set.stage(ctx, e, sub, val)
			if err != nil {
				return nil, err
			}
			x[name] = w
		}
	case []any:
		if r.items == nil {
			return v, nil
		}
		out := x[:0:0]
		for _, item := range x {
			if p, isPath := item.(string); isPath && r.items.leaf {
				if strings.TrimSpace(p) == "" {
					continue
				}
				ref, err := set.uploadPath(ctx, e, p)
				if err != nil {
					return nil, err
				}
				out = append(out, ref)
				continue
			}
			w, err := set.stage(ctx, e, r.items, item)
			if err != nil {
				return nil, err
			}
			out = append(out, w)
		}
		return out, nil
	}
	return v, nil
}

// uploadPath uploads the local file at p, if the upload directories hold
// it, and returns its reference as a tool argument. Without
// WithFileUploads, p is passed on unchanged.
func (set *ToolSet) uploadPath(ctx context.Context, e *toolEntry, p string) (any, error) {
	if set.uploads == nil {
		return p, nil
	}
	f, name, err := set.uploads.open(p)
	if err != nil {
		return nil, errModelPath{err}
	}
	defer f.Close()
	ref, err := set.client.Files.Upload(ctx, FileUploadParams{Reader: f, Filename: name, ToolSlug: e.def.ToolSlug, ToolkitSlug: e.toolkit})
	if err != nil {
		return nil, err
	}
	return map[string]any{"name": ref.Name, "mimetype": ref.Mimetype, "s3key": ref.S3Key}, nil
}

// open opens the regular file p inside one of the upload directories.
func (c *uploadConfig) open(p string) (*os.File, string, error) {
	var candidates [][2]string // directory (real path), path inside it
	if filepath.IsAbs(p) {
		clean := filepath.Clean(p)
		for _, d := range c.dirs {
			if rel, ok := d.within(clean); ok {
				candidates = append(candidates, [2]string{d.real, rel})
				break
			}
		}
	} else if rel := filepath.Clean(p); rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		for _, d := range c.dirs {
			candidates = append(candidates, [2]string{d.real, rel})
		}
	}
	if len(candidates) == 0 {
		return nil, "", fmt.Errorf("composio: the file %s is outside the directories files may be uploaded from (%s)", p, c.dirList())
	}
	var firstErr error
	for _, cand := range candidates {
		f, err := openInside(cand[0], cand[1])
		if err == nil {
			return f, filepath.Base(cand[1]), nil
		}
		if firstErr == nil || !errors.Is(err, fs.ErrNotExist) {
			firstErr = err
		}
	}
	return nil, "", fmt.Errorf("composio: the file %s cannot be uploaded: %w", p, firstErr)
}

func (c *uploadConfig) dirList() string {
	names := make([]string, len(c.dirs))
	for i, d := range c.dirs {
		names[i] = d.abs
	}
	return strings.Join(names, ", ")
}

// openInside opens rel inside dir, refusing links that lead out of it and
// anything but a regular file.
func openInside(dir, rel string) (*os.File, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(rel)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no such file (%w)", fs.ErrNotExist)
	case strings.Contains(err.Error(), "escapes"):
		// os.Root's answer to a ".." or a symbolic link leading out.
		return nil, errors.New("it leads outside the directories files may be uploaded from")
	default:
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, errors.New("it is not a regular file")
	}
	return f, nil
}

// downloadFiles replaces, in the data of a successful execution, each file
// object (one with an s3url) by the file downloaded into the download
// directory; it returns the new data, or nil when it holds no file.
func (set *ToolSet) downloadFiles(ctx context.Context, e *toolEntry, data json.RawMessage) (json.RawMessage, error) {
	if len(data) == 0 {
		return nil, nil
	}
	var v any
	if decodeNumbers(data, &v) != nil {
		return nil, nil
	}
	d := downloader{set: set, slug: e.def.ToolSlug}
	v, err := d.walk(ctx, v)
	if err != nil || !d.found {
		return nil, err
	}
	return json.Marshal(v)
}

type downloader struct {
	set   *ToolSet
	slug  string
	found bool
}

func (d *downloader) walk(ctx context.Context, v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		if u, ok := x["s3url"].(string); ok && u != "" {
			d.found = true
			return d.fetch(ctx, x, u)
		}
		for k, val := range x {
			w, err := d.walk(ctx, val)
			if err != nil {
				return nil, err
			}
			x[k] = w
		}
	case []any:
		for i, val := range x {
			w, err := d.walk(ctx, val)
			if err != nil {
				return nil, err
			}
			x[i] = w
		}
	}
	return v, nil
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
