package composio

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
// tool's output points at into dir, an existing directory, and show the
// model their local path instead. Only the fields the tool's output schema
// marks file_downloadable are downloaded: the schema is walked alongside
// the data (properties, array items, and the anyOf / oneOf / allOf
// variants, $refs inlined; a schema in Composio's {data, successful,
// error} wrapper is read from data), and a marked field holding an object
// with an s3url becomes {"file_path": "/dir/report.pdf", "name",
// "mimetype", "size"}. An s3url elsewhere is left as it is. The storage
// URL of a downloaded file, a bearer credential until it expires, is not
// shown.
//
// Each file may be at most maxBytes (0 means [DefaultMaxDownloadBytes]),
// and a call downloads at most [MaxFileDownloadsPerCall] files, in the
// order of the data (object properties by name); downloads go through
// [FilesService.Download], with its checks of the storage URL. Files are
// written inside dir only (through an [os.Root]), named after the file
// (never replacing one: report-1.pdf follows report.pdf). A file that
// cannot be downloaded (over the cap, refused by its host, past the
// per-call bound) does not fail the call, which ran: its object carries
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

// MaxFileDownloadsPerCall bounds the files [WithFileDownloads] downloads
// for one tool call; with the per-file cap, it bounds what one call may
// write (MaxFileDownloadsPerCall × maxBytes).
const MaxFileDownloadsPerCall = 20

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
