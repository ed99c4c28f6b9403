package composiotest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// accountsCall sends a raw request with one credential header and decodes the
// JSON answer.
func accountsCall(t *testing.T, s *Server, method, path, header, key, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if header != "" {
		req.Header.Set(header, key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return resp.StatusCode, out
}

func TestAccountsAuthPerOperation(t *testing.T) {
	s := NewServer(t)
	ac := s.SeedAuthConfig("github")
	ca := s.SeedConnectedAccount(ConnectedAccountSeed{ToolkitSlug: "github", AuthConfigID: ac})
	for _, tc := range []struct {
		method, path, body string
		userKeyOK          bool
	}{
		{"POST", "/api/v3.1/connected_accounts", `{"auth_config":{"id":"` + ac + `"},"connection":{}}`, false},
		{"POST", "/api/v3.1/connected_accounts/link", `{"auth_config_id":"` + ac + `","user_id":"u"}`, true},
		{"GET", "/api/v3.1/connected_accounts", "", true},
		{"GET", "/api/v3.1/connected_accounts/" + ca, "", true},
		{"PATCH", "/api/v3.1/connected_accounts/" + ca, `{}`, false},
		{"PATCH", "/api/v3.1/connected_accounts/" + ca + "/status", `{"enabled":true}`, false},
		{"POST", "/api/v3.1/connected_accounts/" + ca + "/refresh", `{}`, false},
		{"POST", "/api/v3.1/connected_accounts/" + ca + "/revoke", "", false},
		{"GET", "/api/v3.1/auth_configs", "", true},
		{"GET", "/api/v3.1/auth_configs/" + ac, "", true},
		{"PATCH", "/api/v3.1/auth_configs/" + ac, `{"type":"default"}`, true},
		{"PATCH", "/api/v3.1/auth_configs/" + ac + "/ENABLED", "", false},
		{"POST", "/api/v3.1/auth_configs", `{"toolkit":{"slug":"gmail"}}`, true},
	} {
		status, _ := accountsCall(t, s, tc.method, tc.path, "", "", tc.body)
		if status != http.StatusUnauthorized {
			t.Errorf("%s %s without a key: %d", tc.method, tc.path, status)
		}
		status, _ = accountsCall(t, s, tc.method, tc.path, hdrUserKey, s.UserAPIKey, tc.body)
		if ok := status < 300; ok != tc.userKeyOK {
			t.Errorf("%s %s with the user key: %d", tc.method, tc.path, status)
		}
		status, _ = accountsCall(t, s, tc.method, tc.path, hdrAPIKey, s.APIKey, tc.body)
		if status >= 300 {
			t.Errorf("%s %s with the project key: %d", tc.method, tc.path, status)
		}
	}

	// Both deletions take either key; each key deletes its own record.
	for _, key := range []struct{ header, value string }{{hdrUserKey, s.UserAPIKey}, {hdrAPIKey, s.APIKey}} {
		config := s.SeedAuthConfig("github")
		account := s.SeedConnectedAccount(ConnectedAccountSeed{ToolkitSlug: "github", AuthConfigID: config})
		for _, path := range []string{"/api/v3.1/connected_accounts/" + account, "/api/v3.1/auth_configs/" + config} {
			if status, _ := accountsCall(t, s, "DELETE", path, "", "", ""); status != http.StatusUnauthorized {
				t.Errorf("DELETE %s without a key: %d", path, status)
			}
			if status, _ := accountsCall(t, s, "DELETE", path, key.header, key.value, ""); status != http.StatusOK {
				t.Errorf("DELETE %s with %s: %d", path, key.header, status)
			}
		}
	}
}

func TestAccountsValidation(t *testing.T) {
	s := NewServer(t)
	ac := s.SeedAuthConfig("github")
	for _, tc := range []struct {
		method, path, body string
		want               int
	}{
		{"POST", "/api/v3.1/connected_accounts", `{"connection":{}}`, 400},
		{"POST", "/api/v3.1/connected_accounts", `{"auth_config":{"id":"` + ac + `"}}`, 400},
		{"POST", "/api/v3.1/connected_accounts", `{"auth_config":{"id":"ac_nope"},"connection":{}}`, 404},
		{"POST", "/api/v3.1/connected_accounts", `{"auth_config":{"id":"` + ac + `"},"connection":{"state":{"authScheme":"API_KEY","val":{"status":"ACTIVE","api_key":"k"}}}}`, 400},
		{"POST", "/api/v3.1/connected_accounts/link", `{"auth_config_id":"` + ac + `"}`, 400},
		{"POST", "/api/v3.1/connected_accounts/link", `{"auth_config_id":"` + ac + `","user_id":"u","experimental":{"acl_config_for_shared":{}}}`, 400},
		{"GET", "/api/v3.1/connected_accounts?order_by=name", "", 400},
		{"GET", "/api/v3.1/connected_accounts?statuses[]=ACTIVE&statuses[]=NOPE", "", 400},
		{"GET", "/api/v3.1/connected_accounts?cursor=bogus", "", 400},
		{"GET", "/api/v3.1/connected_accounts/ca_nope", "", 404},
		{"PATCH", "/api/v3.1/connected_accounts/ca_nope/status", `{"enabled":true}`, 404},
		{"GET", "/api/v3.1/auth_configs/ac_nope", "", 404},
		{"PATCH", "/api/v3.1/auth_configs/" + ac + "/PAUSED", "", 400},
		{"PATCH", "/api/v3.1/auth_configs/" + ac, `{"name":"x"}`, 400},
		{"POST", "/api/v3.1/auth_configs", `{"toolkit":{"slug":"github"},"auth_config":{"type":"bogus"}}`, 400},
		{"GET", "/fake/connect/ca_nope", "", 404},
	} {
		status, body := accountsCall(t, s, tc.method, tc.path, hdrAPIKey, s.APIKey, tc.body)
		if status != tc.want {
			t.Errorf("%s %s: %d, want %d (%v)", tc.method, tc.path, status, tc.want, body)
			continue
		}
		if env, ok := body["error"].(map[string]any); !ok || env["request_id"] == "" || env["message"] == "" {
			t.Errorf("%s %s: no error envelope: %v", tc.method, tc.path, body)
		}
	}
}

func TestAccountsCommaListsAndConnectPageWithoutCallback(t *testing.T) {
	s := NewServer(t)
	ac := s.SeedAuthConfig("slack")
	status, link := accountsCall(t, s, "POST", "/api/v3.1/connected_accounts/link", hdrAPIKey, s.APIKey, `{"auth_config_id":"`+ac+`","user_id":"ann"}`)
	if status != http.StatusCreated {
		t.Fatalf("link: %d %v", status, link)
	}
	resp, err := http.Get(link["redirect_url"].(string))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "success") {
		t.Fatalf("connect page without a callback: %d %s", resp.StatusCode, page)
	}
	s.SeedConnectedAccount(ConnectedAccountSeed{UserID: "ben", ToolkitSlug: "slack", Status: "EXPIRED"})
	_, list := accountsCall(t, s, "GET", "/api/v3.1/connected_accounts?user_ids=ann,ben&statuses=ACTIVE,EXPIRED", hdrAPIKey, s.APIKey, "")
	if n := list["total_items"]; n != float64(2) {
		t.Errorf("comma-joined filters: total_items %v, want 2", n)
	}
	_, list = accountsCall(t, s, "GET", "/api/v3.1/connected_accounts?user_ids[]=ann&statuses[]=EXPIRED", hdrAPIKey, s.APIKey, "")
	if n := list["total_items"]; n != float64(0) {
		t.Errorf("bracket filters: total_items %v, want 0", n)
	}
}

// Tool execution and other resources add accounts with only the shared
// fields; this resource must serve them all the same.
func TestAccountsMadeByOtherResources(t *testing.T) {
	s := NewServer(t)
	s.mu.Lock()
	now := s.timestamp()
	s.Fake.accounts().add(&connectedAccount{ID: "ca_other", UserID: "u", ToolkitSlug: "github", Status: "INITIATED", CreatedAt: now, UpdatedAt: now})
	s.mu.Unlock()
	status, acct := accountsCall(t, s, "GET", "/api/v3.1/connected_accounts/ca_other", hdrAPIKey, s.APIKey, "")
	if status != http.StatusOK || acct["state"].(map[string]any)["authScheme"] != "OAUTH2" {
		t.Fatalf("get: %d %v", status, acct)
	}
	resp, err := http.Get(s.URL + "/fake/connect/ca_other")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, acct = accountsCall(t, s, "GET", "/api/v3.1/connected_accounts/ca_other", hdrAPIKey, s.APIKey, "")
	if resp.StatusCode != http.StatusOK || acct["status"] != "ACTIVE" {
		t.Fatalf("connect page: %d, account %v", resp.StatusCode, acct)
	}
	status, _ = accountsCall(t, s, "POST", "/api/v3.1/connected_accounts/ca_other/revoke", hdrAPIKey, s.APIKey, "")
	if status != http.StatusOK {
		t.Fatalf("revoke: %d", status)
	}
}
