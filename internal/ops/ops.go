// Package ops is the SDK's operations table: for each operation of the
// Composio REST API v3.1, its name, HTTP method, path and credential
// scheme, written once. The SDK builds every request from an entry
// (request{op: ops.ToolsExecute, ...}) and the fake server (composiotest)
// serves its routes on the same entries, so both sides name one operation
// the same way and a mismatch fails to compile or fails the table test.
//
// The v3.1 entries (table.go) are generated, not written by hand: the
// contract is testdata/operations.json, the copy of the API's operations
// table the project owns, and a table generated from it cannot drift from
// it. Refresh both with
//
//	cp /path/to/shared/api/operations.json testdata/operations.json
//	go generate ./internal/ops
//
// TestTableIsGenerated fails while table.go is stale. The few endpoints the
// SDK calls outside v3.1 (offtable.go) are written by hand, since no
// contract file lists them.
package ops

//go:generate go run ./gen

import "strconv"

// Prefix is the path prefix of every v3.1 operation.
const Prefix = "/api/v3.1"

// Op is one operation.
type Op struct {
	// Name is the entry's Go name: the table's resource and method names
	// joined ("ToolRouterSessionExecute").
	Name string
	// Method is the HTTP method, in capitals.
	Method string
	// Path is the operations.json path without /api/v3.1, its placeholders
	// spelled as there ("/tools/execute/{tool_slug}"). For an off-table
	// entry it is the whole path from the API root.
	Path string
	// Auth is the credential the SDK sends and the fake accepts.
	Auth Auth
	// Public reports whether the table marks the operation public.
	Public bool
	// OffTable marks an endpoint outside v3.1, rooted at the API root
	// instead of /api/v3.1 (see offtable.go).
	OffTable bool
}

// URLPath is the operation's path from the API root, placeholders unfilled:
// "/api/v3.1/tools/execute/{tool_slug}".
func (o *Op) URLPath() string {
	if o.OffTable {
		return o.Path
	}
	return Prefix + o.Path
}

// Pattern is the operation as a net/http ServeMux pattern:
// "POST /api/v3.1/tools/execute/{tool_slug}".
func (o *Op) Pattern() string { return o.Method + " " + o.URLPath() }

// String is the operation's Pattern.
func (o *Op) String() string { return o.Pattern() }

// All lists every entry: the v3.1 table, then the off-table endpoints.
func All() []*Op {
	out := make([]*Op, 0, len(V31)+len(OffTable))
	return append(append(out, V31...), OffTable...)
}

// Lookup finds the entry for method and a path as its Path spells it
// (without /api/v3.1 for a v3.1 operation), or for a whole URL path
// ("/api/v3.1/..."); nil when there is none.
func Lookup(method, path string) *Op {
	for _, o := range All() {
		if o.Method == method && (o.Path == path || o.URLPath() == path) {
			return o
		}
	}
	return nil
}

// Auth is the set of credential headers an operation accepts. Exactly one
// credential header is sent.
type Auth uint8

const (
	// AuthProject accepts the project key (x-api-key).
	AuthProject Auth = iota
	// AuthProjectOrUser accepts the project key or a user key
	// (x-user-api-key); the SDK sends the project key when it has both.
	AuthProjectOrUser
	// AuthUser accepts a user key (x-user-api-key).
	AuthUser
	// AuthOrg accepts an organization key (x-org-api-key).
	AuthOrg
	// AuthNone takes no credential.
	AuthNone
)

// Credential header names, in the lower case of operations.json.
const (
	HeaderAPIKey     = "x-api-key"
	HeaderUserAPIKey = "x-user-api-key"
	HeaderOrgAPIKey  = "x-org-api-key"
)

// Headers lists the credential headers a accepts, lower case, in order of
// preference; nil for AuthNone.
func (a Auth) Headers() []string {
	switch a {
	case AuthProject:
		return []string{HeaderAPIKey}
	case AuthProjectOrUser:
		return []string{HeaderAPIKey, HeaderUserAPIKey}
	case AuthUser:
		return []string{HeaderUserAPIKey}
	case AuthOrg:
		return []string{HeaderOrgAPIKey}
	}
	return nil
}

// String names a: "project", "project-or-user", "user", "org", "none".
func (a Auth) String() string {
	switch a {
	case AuthProject:
		return "project"
	case AuthProjectOrUser:
		return "project-or-user"
	case AuthUser:
		return "user"
	case AuthOrg:
		return "org"
	case AuthNone:
		return "none"
	}
	return "Auth(" + strconv.Itoa(int(a)) + ")"
}
