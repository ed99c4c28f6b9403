package composio_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidationErrorsNameSentFieldsByWireName holds invalidParam to the
// naming rule of CONTRIBUTING.md: a field that is sent is named by its
// wire name. It flags a call that names, by its Go name, a field of the
// function's own params or receiver struct that carries a json or url tag.
func TestValidationErrorsNameSentFieldsByWireName(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	structs := map[string]*ast.StructType{}
	var funcs []*ast.FuncDecl
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
							structs[ts.Name.Name] = st
						}
					}
				}
			case *ast.FuncDecl:
				if d.Body != nil {
					funcs = append(funcs, d)
				}
			}
		}
	}
	// sentField reports whether struct typ has a field goName with a wire tag.
	sentField := func(typ, goName string) bool {
		st := structs[typ]
		if st == nil {
			return false
		}
		for _, field := range st.Fields.List {
			for _, n := range field.Names {
				if n.Name != goName || field.Tag == nil {
					continue
				}
				raw, _ := strconv.Unquote(field.Tag.Value)
				for _, key := range []string{"json", "url"} {
					if name, _, _ := strings.Cut(reflect.StructTag(raw).Get(key), ","); name != "" && name != "-" {
						return true
					}
				}
			}
		}
		return false
	}
	typeName := func(e ast.Expr) string {
		if star, ok := e.(*ast.StarExpr); ok {
			e = star.X
		}
		if id, ok := e.(*ast.Ident); ok {
			return id.Name
		}
		return ""
	}
	checked := 0
	for _, fn := range funcs {
		var own []string
		if fn.Recv != nil {
			own = append(own, typeName(fn.Recv.List[0].Type))
		}
		for _, p := range fn.Type.Params.List {
			own = append(own, typeName(p.Type))
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "invalidParam" {
				return true
			}
			arg := call.Args[0]
			if sprintf, ok := arg.(*ast.CallExpr); ok && len(sprintf.Args) > 0 {
				arg = sprintf.Args[0]
			}
			lit, ok := arg.(*ast.BasicLit)
			if !ok {
				return true
			}
			field, _ := strconv.Unquote(lit.Value)
			first := strings.FieldsFunc(field, func(r rune) bool { return r == '.' || r == '[' })[0]
			checked++
			for _, typ := range own {
				assert.False(t, sentField(typ, first), "%s names %s.%s by its Go name; it is sent: use its wire name", fn.Name.Name, typ, first)
			}
			return true
		})
	}
	assert.Greater(t, checked, 80, "the check must reach the validation calls")
}
