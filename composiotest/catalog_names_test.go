package composiotest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogConstants reads the exported constants of catalog_names.go, by
// prefix (Toolkit, Version, Tool, Trigger).
func catalogConstants(t *testing.T) map[string]map[string]string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "catalog_names.go", nil, 0)
	require.NoError(t, err)
	out := map[string]map[string]string{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				value, err := strconv.Unquote(vs.Values[i].(*ast.BasicLit).Value)
				require.NoError(t, err)
				for _, prefix := range []string{"Toolkit", "Version", "Tool", "Trigger"} {
					if strings.HasPrefix(name.Name, prefix) && !(prefix == "Tool" && strings.HasPrefix(name.Name, "Toolkit")) {
						if out[prefix] == nil {
							out[prefix] = map[string]string{}
						}
						out[prefix][name.Name] = value
					}
				}
			}
		}
	}
	return out
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// The exported names and the catalog agree: every constant names something
// seeded, and everything seeded has a constant.
func TestCatalogNamesMatchTheCatalog(t *testing.T) {
	consts := catalogConstants(t)
	var toolkits, versions, tools, triggers []string
	for _, tk := range append(seedToolkits(), seedFileToolkit()) {
		toolkits = append(toolkits, tk.Slug)
		versions = append(versions, tk.Versions[len(tk.Versions)-1])
		if len(tk.Versions) > 1 {
			versions = append(versions, tk.Versions[len(tk.Versions)-2])
		}
	}
	for _, tl := range append(seedTools(), seedFileTools()...) {
		tools = append(tools, tl.Slug)
	}
	for _, tr := range seedTriggerTypes() {
		triggers = append(triggers, tr.Slug)
	}
	for _, l := range [][]string{toolkits, versions, tools, triggers} {
		slices.Sort(l)
	}
	assert.Equal(t, toolkits, values(consts["Toolkit"]), "a Toolkit<Name> constant per seeded toolkit")
	assert.Equal(t, versions, values(consts["Version"]), "a Version<Toolkit> (latest) and Version<Toolkit>Previous per seeded toolkit")
	assert.Equal(t, tools, values(consts["Tool"]), "a Tool<Name> constant per seeded tool")
	assert.Equal(t, triggers, values(consts["Trigger"]), "a Trigger<Name> constant per seeded trigger type")

	// Each Version<Toolkit> is the latest of its own toolkit.
	for _, tk := range append(seedToolkits(), seedFileToolkit()) {
		for name, v := range consts["Toolkit"] {
			if v == tk.Slug {
				assert.Equal(t, tk.Versions[len(tk.Versions)-1], consts["Version"]["Version"+strings.TrimPrefix(name, "Toolkit")], name)
			}
		}
	}
}
