package composio_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/internal/ops"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// services maps each service type to the base name of its files.
var services = map[string]string{
	"ToolsService": "tools", "ToolkitsService": "toolkits", "ConnectedAccountsService": "connected_accounts",
	"AuthConfigsService": "auth_configs", "TriggersService": "triggers", "FilesService": "files",
	"MCPService": "mcp", "ProjectsService": "projects", "ToolRouterService": "tool_router",
	"WebhooksService": "webhooks", "LogsService": "logs",
}

// concernFiles hold the service methods that are workflows, not one
// operation (CONTRIBUTING.md, "A service"): local I/O, waiting, the agent
// layer, realtime. A workflow's params type lives beside it.
var concernFiles = []string{
	"connected_accounts_wait.go", "files_upload.go", "files_download.go", "files_transport.go",
	"tool_router_transfer.go", "tool_calls.go", "tool_versions.go", "toolset.go", "triggers_subscribe.go",
}

// TestServiceLayout holds the 11 services to one layout: the service type
// and its operation methods in <service>.go, in the order of the operations
// table (internal/ops), each iterator twin after its method and private
// helpers after the last public method; params types (…Params) in
// <service>_params.go.
func TestServiceLayout(t *testing.T) {
	rank := map[string]int{}
	for i, o := range ops.V31 {
		rank[o.Name] = i
	}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	seen := map[string]bool{}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		require.NoError(t, err)
		last, privateSeen := -1, ""
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					if base, ok := services[ts.Name.Name]; ok {
						assert.Equal(t, base+".go", file, "%s is declared outside its file", ts.Name.Name)
						seen[ts.Name.Name] = true
					} else if serviceOfFile(file) != "" && ts.Name.IsExported() {
						assert.Fail(t, "model or params in a service file", "%s is declared in %s: params go to _params.go, models to _models.go", ts.Name.Name, file)
					}
					if strings.HasSuffix(ts.Name.Name, "Params") && ast.IsExported(ts.Name.Name) && !slices.Contains(concernFiles, file) {
						assert.True(t, strings.HasSuffix(file, "_params.go"), "%s is declared in %s, not a _params.go file", ts.Name.Name, file)
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil {
					if strings.TrimSuffix(file, ".go") == services[serviceOfFile(file)] && !d.Name.IsExported() {
						privateSeen = d.Name.Name
					}
					continue
				}
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				id, ok := recv.(*ast.Ident)
				if !ok {
					continue
				}
				base, isService := services[id.Name]
				if !isService {
					if file == services[serviceOfFile(file)]+".go" {
						privateSeen = id.Name + "." + d.Name.Name
					}
					continue
				}
				if !d.Name.IsExported() {
					if file == base+".go" {
						privateSeen = d.Name.Name
					}
					continue
				}
				if file != base+".go" {
					assert.True(t, slices.Contains(concernFiles, file), "%s.%s is in %s, not %s.go", id.Name, d.Name.Name, file, base)
					continue
				}
				assert.Empty(t, privateSeen, "%s.%s comes after the private %s", id.Name, d.Name.Name, privateSeen)
				if op := namedOp(d); op != "" {
					assert.GreaterOrEqual(t, rank[op], last, "%s.%s (ops.%s) is out of the table's order", id.Name, d.Name.Name, op)
					last = rank[op]
				}
			}
		}
	}
	assert.Len(t, seen, len(services))
}

// serviceOfFile is the service whose <service>.go file is file, if any.
func serviceOfFile(file string) string {
	for svc, base := range services {
		if base+".go" == file {
			return svc
		}
	}
	return ""
}

// namedOp is the entry a function's request names, if any.
func namedOp(fn *ast.FuncDecl) string {
	var name string
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "op" {
				if sel, ok := kv.Value.(*ast.SelectorExpr); ok && name == "" {
					name = sel.Sel.Name
				}
			}
		}
		return name == ""
	})
	return name
}
