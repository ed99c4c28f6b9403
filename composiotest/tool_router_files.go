package composiotest

import (
	"io"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

// The mount every session has, and where its sandbox sees it.
const (
	routerDefaultMount = "files"
	routerSandboxRoot  = "/mnt/"
	routerURLLifetime  = time.Hour
)

// routerFile is a file in a session mount.
type routerFile struct {
	Path         string
	Content      []byte
	Mimetype     string
	LastModified string
}

// routerFileToken is a presigned upload or download URL.
type routerFileToken struct {
	session   *routerSession
	mount     string
	path      string
	mimetype  string
	expiresAt time.Time
}

// routerMountOf finds the session and mount of the path, answering 404 itself.
func (f *Fake) routerMountOf(w http.ResponseWriter, r *http.Request) (*routerSession, map[string]*routerFile, bool) {
	s, ok := f.routerSessionOf(w, r)
	if !ok {
		return nil, nil, false
	}
	id := r.PathValue("mount_id")
	m, ok := s.mounts[id]
	if !ok {
		writeError(w, r, http.StatusNotFound, 4310, "Mount "+id+" not found in session "+s.ID, "Sessions have one mount, \""+routerDefaultMount+"\".")
	}
	return s, m, ok
}

// cleanMountPath checks a mount-relative path: relative, no dot segments.
func cleanMountPath(w http.ResponseWriter, r *http.Request, p string) (string, bool) {
	if !requireFields(w, r, "mount_relative_path", p) {
		return "", false
	}
	if strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || path.Clean(p) != p || strings.HasPrefix(p, "..") {
		badRequest(w, r, "mount_relative_path must be a relative file path without . or .. segments, got "+p)
		return "", false
	}
	return p, true
}

func (f *Fake) listMountItems(w http.ResponseWriter, r *http.Request) {
	_, m, ok := f.routerMountOf(w, r)
	if !ok {
		return
	}
	prefix := r.URL.Query().Get("mount_relative_prefix")
	mountID := r.PathValue("mount_id")
	var paths []string
	for p := range m {
		if strings.HasPrefix(p, prefix) {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	var items listing[mountItemWire] // keyed by path, in path order
	for _, p := range paths {
		file := m[p]
		items.add(p, mountItemWire{MountRelativePath: p, SandboxMountPrefix: routerSandboxRoot + mountID,
			Size: len(file.Content), LastModified: file.LastModified})
	}
	// This list answers only items and next_cursor, unlike the other lists.
	after, size, ok := queryPage(w, r, maxSessionTools)
	if !ok {
		return
	}
	pg := pageOf(items, after, size)
	writeJSON(w, http.StatusOK, struct {
		Items      []mountItemWire `json:"items"`
		NextCursor *string         `json:"next_cursor,omitempty"`
	}{pg.Items, pg.NextCursor})
}

// mountItemWire is a file of a session's mount.
type mountItemWire struct {
	LastModified       string `json:"last_modified"`
	MountRelativePath  string `json:"mount_relative_path"`
	SandboxMountPrefix string `json:"sandbox_mount_prefix"`
	Size               int    `json:"size"`
}

// mountURLWire answers a mount's upload_url (UploadURL) and download_url
// (DownloadURL).
type mountURLWire struct {
	DownloadURL        string `json:"download_url,omitempty"`
	ExpiresAt          string `json:"expires_at"`
	MountRelativePath  string `json:"mount_relative_path"`
	SandboxMountPrefix string `json:"sandbox_mount_prefix"`
	UploadURL          string `json:"upload_url,omitempty"`
}

// mountPathWire answers a mount's delete.
type mountPathWire struct {
	MountRelativePath  string `json:"mount_relative_path"`
	SandboxMountPrefix string `json:"sandbox_mount_prefix"`
}

// mountFileRequest is the shared start of the mount file operations: the
// session and mount of the path, and the body's cleaned path (and mimetype,
// for uploads). It answers w itself when any of them is wrong.
func (f *Fake) mountFileRequest(w http.ResponseWriter, r *http.Request) (s *routerSession, m map[string]*routerFile, path, mimetype string, ok bool) {
	if s, m, ok = f.routerMountOf(w, r); !ok {
		return
	}
	var body struct {
		Path     string `json:"mount_relative_path"`
		Mimetype string `json:"mimetype"`
	}
	if !decodeBody(w, r, &body) {
		return s, m, "", "", false
	}
	path, ok = cleanMountPath(w, r, body.Path)
	return s, m, path, body.Mimetype, ok
}

func (f *Fake) mountUploadURL(w http.ResponseWriter, r *http.Request) {
	s, _, p, mimetype, ok := f.mountFileRequest(w, r)
	if !ok {
		return
	}
	tok := f.routerIssueFileToken(f.routers().uploads, s, r.PathValue("mount_id"), p, mimetype)
	writeJSON(w, http.StatusCreated, mountURLWire{
		UploadURL: origin(r) + "/fake/router-files/upload/" + tok.name, MountRelativePath: p,
		SandboxMountPrefix: routerSandboxRoot + r.PathValue("mount_id"), ExpiresAt: tok.expires,
	})
}

func (f *Fake) mountDownloadURL(w http.ResponseWriter, r *http.Request) {
	s, m, p, _, ok := f.mountFileRequest(w, r)
	if !ok {
		return
	}
	file, ok := lookup(w, r, resMountFile, m, p)
	if !ok {
		return
	}
	tok := f.routerIssueFileToken(f.routers().downloads, s, r.PathValue("mount_id"), p, file.Mimetype)
	writeJSON(w, http.StatusCreated, mountURLWire{
		DownloadURL: origin(r) + "/fake/router-files/download/" + tok.name, MountRelativePath: p,
		SandboxMountPrefix: routerSandboxRoot + r.PathValue("mount_id"), ExpiresAt: tok.expires,
	})
}

func (f *Fake) mountDelete(w http.ResponseWriter, r *http.Request) {
	_, m, p, _, ok := f.mountFileRequest(w, r)
	if !ok {
		return
	}
	if _, ok := lookup(w, r, resMountFile, m, p); !ok {
		return
	}
	delete(m, p)
	writeJSON(w, http.StatusOK, mountPathWire{MountRelativePath: p, SandboxMountPrefix: routerSandboxRoot + r.PathValue("mount_id")})
}

type routerIssuedToken struct{ name, expires string }

func (f *Fake) routerIssueFileToken(into map[string]*routerFileToken, s *routerSession, mount, p, mimetype string) routerIssuedToken {
	exp := f.now().Add(routerURLLifetime)
	name := f.newID("")
	into[name] = &routerFileToken{session: s, mount: mount, path: p, mimetype: mimetype, expiresAt: exp}
	return routerIssuedToken{name: name, expires: exp.UTC().Format(time.RFC3339Nano)}
}

// routerPresigned finds a live token, answering as a storage host would (plain
// text 403) when it is unknown or expired.
func (f *Fake) routerPresigned(w http.ResponseWriter, r *http.Request, tokens map[string]*routerFileToken) (*routerFileToken, bool) {
	t, ok := tokens[r.PathValue("token")]
	switch {
	case !ok:
		http.Error(w, "AccessDenied: unknown or revoked URL", http.StatusForbidden)
		return nil, false
	case f.now().After(t.expiresAt):
		delete(tokens, r.PathValue("token"))
		http.Error(w, "AccessDenied: Request has expired", http.StatusForbidden)
		return nil, false
	case f.routers().byID[t.session.ID] != t.session:
		http.Error(w, "AccessDenied: the session was deleted", http.StatusForbidden)
		return nil, false
	}
	return t, true
}

func (f *Fake) putMountFile(w http.ResponseWriter, r *http.Request) {
	t, ok := f.routerPresigned(w, r, f.routers().uploads)
	if !ok {
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(data) > maxBody {
		http.Error(w, "EntityTooLarge", http.StatusRequestEntityTooLarge)
		return
	}
	mimetype := t.mimetype
	if mimetype == "" {
		mimetype = r.Header.Get("Content-Type")
	}
	if mimetype == "" {
		mimetype = "application/octet-stream"
	}
	t.session.mounts[t.mount][t.path] = &routerFile{Path: t.path, Content: data, Mimetype: mimetype, LastModified: f.timestamp()}
	w.WriteHeader(http.StatusOK)
}

func (f *Fake) getMountFile(w http.ResponseWriter, r *http.Request) {
	t, ok := f.routerPresigned(w, r, f.routers().downloads)
	if !ok {
		return
	}
	file, ok := t.session.mounts[t.mount][t.path]
	if !ok {
		http.Error(w, "NoSuchKey", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", file.Mimetype)
	_, _ = w.Write(file.Content)
}
