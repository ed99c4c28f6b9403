package ops

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// contract is an operations.json entry, as the table test reads it.
type contract struct {
	HTTPMethod string   `json:"http_method"`
	Path       string   `json:"path"`
	Public     bool     `json:"public"`
	Auth       []string `json:"auth"`
}

func loadContract(t *testing.T) []contract {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/operations.json")
	if err != nil {
		t.Fatal(err)
	}
	var list []contract
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestEveryOperationHasAnEntry checks both ways that the table holds one
// entry per operations.json operation, with its method, path, public flag
// and a credential scheme the operation accepts.
func TestEveryOperationHasAnEntry(t *testing.T) {
	list := loadContract(t)
	entries := map[string]*Op{}
	for _, o := range V31 {
		if entries[o.Pattern()] != nil {
			t.Errorf("%s: two entries (%s, %s)", o.Pattern(), entries[o.Pattern()].Name, o.Name)
		}
		entries[o.Pattern()] = o
	}
	for _, c := range list {
		o := entries[c.HTTPMethod+" "+c.Path]
		if o == nil {
			t.Errorf("%s %s: no entry", c.HTTPMethod, c.Path)
			continue
		}
		delete(entries, o.Pattern())
		if o.Public != c.Public {
			t.Errorf("%s: Public = %t, the table says %t", o.Name, o.Public, c.Public)
		}
		want := o.Auth.Headers()
		if o.Auth == AuthNone {
			want = []string{"no_auth"}
		}
		for _, h := range want {
			if !slices.Contains(c.Auth, h) {
				t.Errorf("%s: scheme %s sends %s, which the table does not list (%v)", o.Name, o.Auth, h, c.Auth)
			}
		}
		if len(want) == 1 && slices.Contains(c.Auth, HeaderUserAPIKey) && slices.Contains(c.Auth, HeaderAPIKey) {
			t.Errorf("%s: scheme %s, but the table accepts project or user keys", o.Name, o.Auth)
		}
	}
	for _, o := range entries {
		t.Errorf("%s (%s): no such operation in operations.json", o.Name, o.Pattern())
	}
	if len(V31) != len(list) {
		t.Errorf("%d entries for %d operations", len(V31), len(list))
	}
}

// TestOffTableEntriesAreOutsideV31 checks that the hand-written entries
// are whole paths outside /api/v3.1, which the contract does not list.
func TestOffTableEntriesAreOutsideV31(t *testing.T) {
	for _, o := range OffTable {
		if !o.OffTable || !strings.HasPrefix(o.Path, "/api/") || strings.HasPrefix(o.Path, Prefix+"/") {
			t.Errorf("%s: %q is not an off-table path", o.Name, o.Path)
		}
		if o.URLPath() != o.Path {
			t.Errorf("%s: URLPath %q", o.Name, o.URLPath())
		}
	}
	if got := Lookup("GET", "/api/v3/internal/sdk/realtime/credentials"); got != RealtimeCredentials {
		t.Errorf("Lookup of the realtime credentials: %v", got)
	}
}

func TestNamesAndPatterns(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range All() {
		if o.Name == "" || seen[o.Name] {
			t.Errorf("%s: empty or repeated name %q", o.Pattern(), o.Name)
		}
		seen[o.Name] = true
		if strings.HasPrefix(o.Path, Prefix) && !o.OffTable {
			t.Errorf("%s: Path keeps the prefix: %q", o.Name, o.Path)
		}
	}
	if got := ToolsExecute.Pattern(); got != "POST /api/v3.1/tools/execute/{tool_slug}" {
		t.Errorf("ToolsExecute.Pattern() = %q", got)
	}
	if Lookup("POST", "/tools/execute/{tool_slug}") != ToolsExecute || Lookup("POST", "/api/v3.1/tools/execute/{tool_slug}") != ToolsExecute {
		t.Error("Lookup does not find ToolsExecute by either path")
	}
	if Lookup("PUT", "/tools/execute/{tool_slug}") != nil {
		t.Error("Lookup finds an operation for a method it does not serve")
	}
}

func TestAuth(t *testing.T) {
	cases := []struct {
		a       Auth
		name    string
		headers []string
	}{
		{AuthProject, "project", []string{"x-api-key"}},
		{AuthProjectOrUser, "project-or-user", []string{"x-api-key", "x-user-api-key"}},
		{AuthUser, "user", []string{"x-user-api-key"}},
		{AuthOrg, "org", []string{"x-org-api-key"}},
		{AuthNone, "none", nil},
		{Auth(9), "Auth(9)", nil},
	}
	for _, c := range cases {
		if c.a.String() != c.name || !slices.Equal(c.a.Headers(), c.headers) {
			t.Errorf("%d: %q %v, want %q %v", c.a, c.a.String(), c.a.Headers(), c.name, c.headers)
		}
	}
}
