package composiotest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The wire structs (<thing>Wire) keep their fields in the order of their
// JSON names, the order encoding/json wrote the maps they replaced in:
// that is what kept the answers byte for byte the same, and a field added
// out of order would reorder an answer's keys.
func TestWireStructsKeepTheOrderOfTheirJSONNames(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, pkg := range pkgs {
		ast.Inspect(pkg, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok || !strings.HasSuffix(spec.Name.Name, "Wire") {
				return true
			}
			st, ok := spec.Type.(*ast.StructType)
			if !ok {
				return true
			}
			seen++
			var names []string
			for _, field := range st.Fields.List {
				if field.Tag == nil {
					continue
				}
				tag, _ := strconv.Unquote(field.Tag.Value)
				name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
				if name != "" && name != "-" {
					names = append(names, name)
				}
			}
			if !slices.IsSorted(names) {
				t.Errorf("%s: fields %v are not in the order of their JSON names", spec.Name.Name, names)
			}
			return true
		})
	}
	if seen < 50 {
		t.Fatalf("found %d wire structs: the test no longer sees them", seen)
	}
}
