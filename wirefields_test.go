package composio_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/internal/ops"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tableFields is what operations.json lists for one operation.
type tableFields struct {
	Query []struct {
		Name string `json:"name"`
	} `json:"query_params"`
	Body []struct {
		Name     string `json:"name"`
		Required bool   `json:"required"`
	} `json:"body"`
	BodyType   *string `json:"body_type"`
	HTTPMethod string  `json:"http_method"`
	Path       string  `json:"path"`
	Public     bool    `json:"public"`
}

// pkgSource is the package's non-test source, parsed once per test.
type pkgSource struct {
	structs map[string]*ast.StructType
	funcs   []*ast.FuncDecl
	custom  map[string]bool // types with their own MarshalJSON or EncodeValues
	decodes map[string]bool // types with their own UnmarshalJSON
}

func (src pkgSource) hasUnmarshal(name string) bool { return src.decodes[name] }

func parsePackage(t *testing.T) pkgSource {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	src := pkgSource{structs: map[string]*ast.StructType{}, custom: map[string]bool{}, decodes: map[string]bool{}}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok {
						if st, ok := ts.Type.(*ast.StructType); ok {
							src.structs[ts.Name.Name] = st
						}
					}
				}
			case *ast.FuncDecl:
				if d.Body != nil {
					src.funcs = append(src.funcs, d)
				}
				if d.Recv != nil && (d.Name.Name == "MarshalJSON" || d.Name.Name == "EncodeValues") {
					if id, ok := d.Recv.List[0].Type.(*ast.Ident); ok {
						src.custom[id.Name] = true
					}
				}
				if d.Recv != nil && d.Name.Name == "UnmarshalJSON" {
					recv := d.Recv.List[0].Type
					if star, ok := recv.(*ast.StarExpr); ok {
						recv = star.X
					}
					if id, ok := recv.(*ast.Ident); ok {
						src.decodes[id.Name] = true
					}
				}
			}
		}
	}
	return src
}

// tagNames returns the wire names a struct's fields carry under tag (url or
// json), following embedded structs and skipping "-".
func (src pkgSource) tagNames(typeName, tag string) []string {
	st := src.structs[typeName]
	if st == nil {
		return nil
	}
	var out []string
	for _, field := range st.Fields.List {
		if len(field.Names) == 0 { // embedded
			if id, ok := field.Type.(*ast.Ident); ok {
				out = append(out, src.tagNames(id.Name, tag)...)
			}
			continue
		}
		if field.Tag == nil {
			continue
		}
		raw, _ := strconv.Unquote(field.Tag.Value)
		name, _, _ := strings.Cut(reflect.StructTag(raw).Get(tag), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// snakeCase turns connectedAccountIds into connected_account_ids.
func snakeCase(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestParamsCarryEveryTableField checks, for each method that passes its
// params struct as a request's query or body, that the struct's wire names
// are exactly the fields operations.json lists: nothing missing, nothing
// invented. Types that encode themselves (unions, Unix-millisecond ranges)
// are pinned by their own wire tests instead; so are bodies the table could
// not read. The table's camelCase names are deprecated aliases of its
// snake_case ones, which are what the SDK sends; a camelCase name without a
// snake_case twin (the deprecated*Uuids filters) is a parameter of its own.
func TestParamsCarryEveryTableField(t *testing.T) {
	raw, err := os.ReadFile("testdata/operations.json")
	require.NoError(t, err)
	var ops []tableFields
	require.NoError(t, json.Unmarshal(raw, &ops))
	table := map[string]tableFields{}
	for _, op := range ops {
		table[op.HTTPMethod+" "+strings.TrimPrefix(op.Path, "/api/v3.1")] = op
	}

	src := parsePackage(t)
	checked := 0
	for _, fn := range src.funcs {
		paramTypes := map[string]string{}
		for _, p := range fn.Type.Params.List {
			if id, ok := p.Type.(*ast.Ident); ok {
				for _, n := range p.Names {
					paramTypes[n.Name] = id.Name
				}
			}
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if id, isIdent := lit.Type.(*ast.Ident); !isIdent || id.Name != "request" {
				return true
			}
			var method, path, queryType, bodyType string
			for _, el := range lit.Elts {
				kv := el.(*ast.KeyValueExpr)
				switch kv.Key.(*ast.Ident).Name {
				case "op":
					if o := entryNamed(kv.Value); o != nil {
						method, path = o.Method, o.Path
					}
				case "query":
					if id, ok := kv.Value.(*ast.Ident); ok {
						queryType = paramTypes[id.Name]
					}
				case "body":
					if id, ok := kv.Value.(*ast.Ident); ok {
						bodyType = paramTypes[id.Name]
					}
				}
			}
			op, ok := table[method+" "+path]
			if !ok {
				return false
			}
			if queryType != "" && src.structs[queryType] != nil && !src.custom[queryType] {
				checked++
				var want []string
				listed := map[string]bool{}
				for _, q := range op.Query {
					listed[q.Name] = true
				}
				for _, q := range op.Query {
					// A camelCase name is the deprecated alias of its
					// snake_case twin, unless it has none.
					if strings.ToLower(q.Name) == q.Name || !listed[snakeCase(q.Name)] {
						want = append(want, q.Name)
					}
				}
				assertSameNames(t, fn.Name.Name+" query ("+queryType+")", want, src.tagNames(queryType, "url"))
			}
			readable := len(op.Body) > 0 || op.BodyType == nil
			if bodyType != "" && src.structs[bodyType] != nil && !src.custom[bodyType] && readable {
				checked++
				var want []string
				for _, b := range op.Body {
					want = append(want, b.Name)
				}
				assertSameNames(t, fn.Name.Name+" body ("+bodyType+")", want, src.tagNames(bodyType, "json"))
			}
			return false
		})
	}
	t.Logf("%d query and body params types checked", checked)
	assert.Greater(t, checked, 40, "the check must reach most operations")
}

// entryNamed is the table entry an "op: ops.X" value names, or nil.
func entryNamed(e ast.Expr) *ops.Op {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		return opsByName()[sel.Sel.Name]
	}
	return nil
}

func assertSameNames(t *testing.T, what string, want, got []string) {
	t.Helper()
	var missing, extra []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	assert.Empty(t, missing, "%s: fields of the table the params cannot send", what)
	assert.Empty(t, extra, "%s: fields the params send that the table does not list", what)
}

// TestModelsCarryEveryResponseField checks, for each method that decodes
// its answer with do[T], that T models every top-level field of the
// success response the operations table lists. Types that decode
// themselves are pinned by their own decode tests instead.
func TestModelsCarryEveryResponseField(t *testing.T) {
	raw, err := os.ReadFile("testdata/operations.json")
	require.NoError(t, err)
	var ops []struct {
		HTTPMethod string                     `json:"http_method"`
		Path       string                     `json:"path"`
		Responses  map[string]json.RawMessage `json:"responses"`
	}
	require.NoError(t, json.Unmarshal(raw, &ops))
	fields := map[string][]string{}
	for _, op := range ops {
		for status, rawList := range op.Responses {
			var list []struct{ Name string }
			if !strings.HasPrefix(status, "2") || json.Unmarshal(rawList, &list) != nil {
				continue // a named type the table could not expand
			}
			for _, f := range list {
				fields[op.HTTPMethod+" "+strings.TrimPrefix(op.Path, "/api/v3.1")] = append(fields[op.HTTPMethod+" "+strings.TrimPrefix(op.Path, "/api/v3.1")], f.Name)
			}
		}
	}

	src := parsePackage(t)
	checked := 0
	for _, fn := range src.funcs {
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 3 {
				return true
			}
			idx, ok := call.Fun.(*ast.IndexExpr)
			if !ok {
				return true
			}
			if id, ok := idx.X.(*ast.Ident); !ok || id.Name != "do" {
				return true
			}
			model, ok := idx.Index.(*ast.Ident)
			lit, isLit := call.Args[2].(*ast.CompositeLit)
			if !ok || !isLit || src.structs[model.Name] == nil || src.custom[model.Name] || src.hasUnmarshal(model.Name) {
				return true
			}
			var key string
			for _, el := range lit.Elts {
				kv := el.(*ast.KeyValueExpr)
				if kv.Key.(*ast.Ident).Name == "op" {
					if o := entryNamed(kv.Value); o != nil {
						key = o.Method + " " + o.Path
					}
				}
			}
			want := fields[key]
			if len(want) == 0 {
				return true
			}
			checked++
			got := src.tagNames(model.Name, "json")
			var missing []string
			for _, w := range want {
				if !slices.Contains(got, w) {
					missing = append(missing, w)
				}
			}
			assert.Empty(t, missing, "%s (%s) does not model these response fields of %s", fn.Name.Name, model.Name, key)
			return true
		})
	}
	t.Logf("%d response models checked", checked)
	assert.Greater(t, checked, 30, "the check must reach most operations")
}
