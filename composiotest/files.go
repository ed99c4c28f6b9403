package composiotest

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// fileState holds uploaded files and the uploads announced but not yet
// received. The fake is its own object store: presigned URLs point back at
// it, under storagePrefix.
type fileState struct {
	byKey map[string]*storedFile
	order []*storedFile // files whose bytes arrived, in upload order
}

// storedFile is one object: announced by an upload request, complete once
// its bytes arrived with the announced MD5.
type storedFile struct {
	ID, Key                 string
	ToolkitSlug, ToolSlug   string
	Filename, Mimetype, MD5 string
	uploadSig, downloadSig  string
	Content                 []byte
	uploaded                bool
}

func (s *fileState) seed(*Fake) { s.byKey = map[string]*storedFile{} }

// storagePrefix is where the fake serves presigned storage URLs.
const storagePrefix = "/fake/storage/"

// maxStoredFile bounds what the fake stores: it keeps every file in memory,
// and its request log reads at most 10 MiB of a body.
const maxStoredFile = maxBody

var md5Hex = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (f *Fake) listFiles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var items listing[map[string]string]
	for i, sf := range f.files().order { // upload order: it never shifts
		if (q.Get("toolkit_slug") != "" && !strings.EqualFold(sf.ToolkitSlug, q.Get("toolkit_slug"))) ||
			(q.Get("tool_slug") != "" && !strings.EqualFold(sf.ToolSlug, q.Get("tool_slug"))) {
			continue
		}
		items.add(posKey(i), map[string]string{
			"toolkit_slug": sf.ToolkitSlug, "tool_slug": sf.ToolSlug, "filename": sf.Filename,
			"mimetype": sf.Mimetype, "md5": sf.MD5,
		})
	}
	after, size, ok := readPage(w, r, q.Get("limit"), q.Get("cursor"), maxResourcePage)
	if ok {
		writeJSON(w, http.StatusOK, pageOf(items, after, size))
	}
}

func (f *Fake) requestUpload(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ToolkitSlug string `json:"toolkit_slug"`
		ToolSlug    string `json:"tool_slug"`
		Filename    string `json:"filename"`
		Mimetype    string `json:"mimetype"`
		MD5         string `json:"md5"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "toolkit_slug", body.ToolkitSlug, "tool_slug", body.ToolSlug,
		"filename", body.Filename, "mimetype", body.Mimetype, "md5", body.MD5) {
		return
	}
	if !md5Hex.MatchString(body.MD5) {
		badRequest(w, r, "md5 must be the 32-character lower-case hex MD5 of the file", "md5: Invalid")
		return
	}
	id := f.newID("req_file")
	base := path.Base(strings.ReplaceAll(body.Filename, "\\", "/"))
	ext := path.Ext(base)
	key := fmt.Sprintf("projects/%s/requests/%s/%s/%s_%s%s", fakeProjectID, strings.ToLower(body.ToolkitSlug),
		body.ToolSlug, strings.TrimSuffix(base, ext), id[len("req_file_"):][:6], ext)
	sf := &storedFile{
		ID: id, Key: key, ToolkitSlug: body.ToolkitSlug, ToolSlug: body.ToolSlug,
		Filename: body.Filename, Mimetype: body.Mimetype, MD5: body.MD5,
		uploadSig: f.newID(""), downloadSig: f.newID(""),
	}
	f.files().byKey[key] = sf
	u := storageURL(origin(r), key, sf.uploadSig)
	writeJSON(w, http.StatusOK, uploadWire{
		ID: id, Key: key, NewPresignedURL: u, LegacyNewPresignedURL: u, Type: "new",
		Metadata: uploadMetadataWire{StorageBackend: "s3"},
	})
}

// uploadWire answers POST /files/upload/request; newPresignedUrl is the
// duplicate old clients read.
type uploadWire struct {
	ID                    string             `json:"id"`
	Key                   string             `json:"key"`
	Metadata              uploadMetadataWire `json:"metadata"`
	LegacyNewPresignedURL string             `json:"newPresignedUrl"`
	NewPresignedURL       string             `json:"new_presigned_url"`
	Type                  string             `json:"type"`
}

type uploadMetadataWire struct {
	StorageBackend string `json:"storage_backend"`
}

// storageURL is a presigned URL of the fake's storage.
func storageURL(origin, key, sig string) string {
	return origin + storagePrefix + (&url.URL{Path: key}).EscapedPath() +
		"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=" + sig
}

// storageError answers like S3: an XML error document.
func storageError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>", code, message)
}

// signedFile finds the object of a storage request and checks its signature.
func (f *Fake) signedFile(w http.ResponseWriter, r *http.Request, upload bool) (*storedFile, bool) {
	sf, ok := f.files().byKey[r.PathValue("key")]
	sig := r.URL.Query().Get("X-Amz-Signature")
	if ok {
		want := sf.downloadSig
		if upload {
			want = sf.uploadSig
		}
		ok = subtle.ConstantTimeCompare([]byte(sig), []byte(want)) == 1
	}
	if !ok {
		storageError(w, http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
		return nil, false
	}
	return sf, true
}

func (f *Fake) storagePut(w http.ResponseWriter, r *http.Request) {
	sf, ok := f.signedFile(w, r, true)
	if !ok {
		return
	}
	if r.ContentLength < 0 {
		storageError(w, http.StatusLengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.")
		return
	}
	if r.ContentLength > maxStoredFile {
		storageError(w, http.StatusRequestEntityTooLarge, "EntityTooLarge", "The fake stores files of at most 10 MiB.")
		return
	}
	data := make([]byte, 0, r.ContentLength)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Body.Read(buf)
		data = append(data, buf[:n]...)
		if err != nil {
			break
		}
	}
	if int64(len(data)) != r.ContentLength {
		storageError(w, http.StatusBadRequest, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.")
		return
	}
	if got := r.Header.Get("Content-Type"); got != sf.Mimetype {
		storageError(w, http.StatusForbidden, "SignatureDoesNotMatch", fmt.Sprintf("Content-Type %q differs from the signed %q.", got, sf.Mimetype))
		return
	}
	sum := md5.Sum(data)
	if hex.EncodeToString(sum[:]) != sf.MD5 {
		storageError(w, http.StatusBadRequest, "BadDigest", "The MD5 of the content does not match the md5 given when the upload was requested.")
		return
	}
	sf.Content = data
	if !sf.uploaded {
		sf.uploaded = true
		st := f.files()
		st.order = append(st.order, sf)
	}
	w.Header().Set("ETag", strconv.Quote(sf.MD5))
	w.WriteHeader(http.StatusOK)
}

func (f *Fake) storageGet(w http.ResponseWriter, r *http.Request) {
	sf, ok := f.signedFile(w, r, false)
	if !ok {
		return
	}
	if !sf.uploaded {
		storageError(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
		return
	}
	w.Header().Set("Content-Type", sf.Mimetype)
	w.Header().Set("Content-Length", strconv.Itoa(len(sf.Content)))
	w.Header().Set("ETag", strconv.Quote(sf.MD5))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(sf.Content)
}

// DownloadURL returns a presigned URL from which the file uploaded under
// s3key (the key an upload returned) can be downloaded, as a tool's output
// would point at it; false when no file was uploaded under that key.
func (s *Server) DownloadURL(s3key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sf, ok := s.Fake.files().byKey[s3key]
	if !ok || !sf.uploaded {
		return "", false
	}
	return storageURL(s.URL, sf.Key, sf.downloadSig), true
}

// UploadedFile returns the content stored under s3key, for assertions.
func (f *Fake) UploadedFile(s3key string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sf, ok := f.files().byKey[s3key]
	if !ok || !sf.uploaded {
		return nil, false
	}
	return append([]byte(nil), sf.Content...), true
}
