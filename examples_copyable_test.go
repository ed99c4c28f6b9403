package composio_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every example is a program a user can copy into their own module: it
// imports nothing internal (which Go refuses outside this module). The
// providers' examples are held to the same rule.
func TestExamplesImportNothingInternal(t *testing.T) {
	dirs, err := filepath.Glob("examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	providerDirs, err := filepath.Glob("providers/*/examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, providerDirs)
	dirs = append(dirs, providerDirs...)
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		var internal []string
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue // a test may keep a shared helper
			}
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly)
			require.NoError(t, err)
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal") {
					internal = append(internal, file+": "+path)
				}
			}
		}
		assert.Empty(t, internal, "%s must be copyable: build the client in main, import nothing internal", dir)
	}
}
