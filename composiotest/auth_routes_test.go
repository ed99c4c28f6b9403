package composiotest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Every files, projects, logs and session route accepts exactly the key the
// API table lists for it and refuses the others with 401.
func TestFilesProjectsLogsRouteAuth(t *testing.T) {
	srv := NewServer(t)
	routes := []struct {
		method, path, accepts, body string
	}{
		{"GET", "/files/list", hdrAPIKey, ""},
		{"POST", "/files/upload/request", hdrAPIKey, `{}`},
		{"POST", "/org/owner/project/new", hdrOrgKey, `{}`},
		{"GET", "/org/owner/project/list", hdrOrgKey, ""},
		{"GET", "/org/owner/project/" + fakeProjectID, hdrOrgKey, ""},
		{"DELETE", "/org/owner/project/pr_missing", hdrOrgKey, ""},
		{"POST", "/org/owner/project/pr_missing/regenerate_api_key", hdrOrgKey, ""},
		{"POST", "/org/usage/summary", hdrOrgKey, `{}`},
		{"POST", "/org/usage/tool_calls", hdrOrgKey, `{}`},
		{"POST", "/project/usage/summary", hdrAPIKey, `{}`},
		{"POST", "/project/usage/tool_calls", hdrAPIKey, `{}`},
		{"GET", "/org/list", hdrUserKey, ""},
		{"GET", "/org/project/list", hdrUserKey, ""},
		{"POST", "/org/consumer/project/resolve", hdrUserKey, ""},
		{"GET", "/org/consumer/connected_toolkits", hdrUserKey, ""},
		{"GET", "/auth/session/info", hdrUserKey, ""},
		{"POST", "/logs/tool_execution", hdrAPIKey, `{}`},
		{"GET", "/logs/tool_execution/log_missing", hdrAPIKey, ""},
	}
	keys := map[string]string{hdrAPIKey: srv.APIKey, hdrOrgKey: srv.OrgAPIKey, hdrUserKey: srv.UserAPIKey}
	for _, rt := range routes {
		for header, key := range keys {
			req, err := http.NewRequest(rt.method, srv.URL+apiPrefix+rt.path, strings.NewReader(rt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set(header, key)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if refused := resp.StatusCode == http.StatusUnauthorized; refused != (header != rt.accepts) {
				t.Errorf("%s %s with %s: status %d (accepts only %s)", rt.method, rt.path, header, resp.StatusCode, rt.accepts)
			}
		}
	}

	// Key revocation needs no key at all.
	resp, err := http.Post(srv.URL+apiPrefix+"/api_key_revocation", "application/json", strings.NewReader(`{"api_keys":["ak_x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("api_key_revocation without a key: %d", resp.StatusCode)
	}
}

// The fake's storage refuses an upload without Content-Length, as S3 does,
// and never asks for a Composio key.
func TestStorageNeedsLength(t *testing.T) {
	srv := NewServer(t)
	body := `{"toolkit_slug":"gmail","tool_slug":"GMAIL_SEND_EMAIL","filename":"a.txt","mimetype":"text/plain","md5":"d41d8cd98f00b204e9800998ecf8427e"}`
	req, _ := http.NewRequest("POST", srv.URL+apiPrefix+"/files/upload/request", strings.NewReader(body))
	req.Header.Set(hdrAPIKey, srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("upload request: %v %v", err, resp)
	}
	var up struct {
		URL string `json:"new_presigned_url"`
	}
	decode(t, resp, &up)

	chunked, _ := http.NewRequest("PUT", up.URL, struct{ *strings.Reader }{strings.NewReader("")}) // unknown length: chunked
	chunked.Header.Set("Content-Type", "text/plain")
	resp, err = http.DefaultClient.Do(chunked)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusLengthRequired {
		t.Errorf("chunked PUT: %d, want 411", resp.StatusCode)
	}
	empty, _ := http.NewRequest("PUT", up.URL, http.NoBody)
	empty.Header.Set("Content-Type", "text/plain")
	resp, err = http.DefaultClient.Do(empty)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("empty file with its MD5: %d, want 200", resp.StatusCode)
	}
}

func decode(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
