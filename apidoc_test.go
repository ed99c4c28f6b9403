package composio_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/internal/ops"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// operation is one entry of testdata/operations.json, a copy of the v3.1
// operations table this SDK is checked against.
type operation struct {
	Group      string   `json:"group"`
	HTTPMethod string   `json:"http_method"`
	Path       string   `json:"path"`
	Public     bool     `json:"public"`
	Auth       []string `json:"auth"`
}

func loadOperations(t *testing.T) map[string]operation {
	t.Helper()
	raw, err := os.ReadFile("testdata/operations.json")
	require.NoError(t, err)
	var ops []operation
	require.NoError(t, json.Unmarshal(raw, &ops))
	out := map[string]operation{}
	for _, op := range ops {
		out[op.HTTPMethod+" "+strings.TrimPrefix(op.Path, "/api/v3.1")] = op
	}
	return out
}

// documented is a function's "API: METHOD /path" doc line and, when the
// function builds a request itself, the table entry that request names
// (request{op: ops.X}). Helpers shared by two methods (Enable and Disable)
// build without a line.
type documented struct {
	name string
	api  string
	op   *ops.Op
}

// opsByName maps each entry's Go name to the entry.
func opsByName() map[string]*ops.Op {
	out := map[string]*ops.Op{}
	for _, o := range ops.All() {
		out[o.Name] = o
	}
	return out
}

var apiLine = regexp.MustCompile(`(?m)^API: ([A-Z]+) (/\S*)$`)

func documentedMethods(t *testing.T) []documented {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var out []documented
	byName := opsByName()
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			d := documented{name: fn.Name.Name}
			if fn.Doc != nil {
				if m := apiLine.FindStringSubmatch(fn.Doc.Text()); m != nil {
					d.api = m[1] + " " + m[2]
				}
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				lit, ok := n.(*ast.CompositeLit)
				if !ok {
					return true
				}
				if id, ok := lit.Type.(*ast.Ident); !ok || id.Name != "request" {
					return true
				}
				for _, el := range lit.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if kv.Key.(*ast.Ident).Name != "op" {
						continue
					}
					sel, ok := kv.Value.(*ast.SelectorExpr)
					require.True(t, ok, "%s: a request names its operation as ops.X", fn.Name.Name)
					d.op = byName[sel.Sel.Name]
					require.NotNil(t, d.op, "%s: ops.%s is not in the table", fn.Name.Name, sel.Sel.Name)
				}
				return false
			})
			if fn.Recv != nil {
				if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok {
						d.name = id.Name + "." + d.name
					}
				}
			}
			if d.api != "" || d.op != nil {
				out = append(out, d)
			}
		}
	}
	return out
}

// TestDocCommentsMatchTheOperationsTable checks every "API:" line against
// the table, and that the entry each method's request names (which fixes
// its method, path and credential scheme: see internal/ops) is the one the
// line documents.
func TestDocCommentsMatchTheOperationsTable(t *testing.T) {
	ops := loadOperations(t)
	docs := documentedMethods(t)
	require.NotEmpty(t, docs)
	for _, d := range docs {
		if d.api != "" {
			op, ok := ops[d.api]
			assert.True(t, ok, "%s documents %q, which the table does not list", d.name, d.api)
			assert.True(t, op.Public, "%s documents a non-public operation", d.name)
		}
		if d.op == nil {
			continue // an iterator or wrapper built on another function
		}
		built := d.op.Method + " " + d.op.Path
		if d.op.OffTable {
			assert.Empty(t, d.api, "%s: %s is not a v3.1 operation to document", d.name, built)
			continue
		}
		if d.api != "" {
			assert.Equal(t, d.api, built, "%s: the request differs from its doc comment", d.name)
		}
		op, ok := ops[built]
		if assert.True(t, ok, "%s builds %q, which the table does not list", d.name, built) {
			assert.True(t, op.Public, "%s calls a non-public operation", d.name)
		}
	}
}

// TestEveryPublicOperationIsImplemented checks that each public operation
// of the table has a method that builds its request.
func TestEveryPublicOperationIsImplemented(t *testing.T) {
	implemented := map[string]bool{}
	for _, d := range documentedMethods(t) {
		if d.op != nil {
			implemented[d.op.Method+" "+d.op.Path] = true
		}
	}
	var missing []string
	for key, op := range loadOperations(t) {
		if op.Public && !implemented[key] {
			missing = append(missing, op.Group+": "+key)
		}
	}
	slices.Sort(missing)
	assert.Empty(t, missing, "public operations without a method")
}
