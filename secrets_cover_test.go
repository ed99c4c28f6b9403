package composio_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSecretHoldersRedact checks that every exported type holding a
// CredentialMap or a SecretString, directly or through the types its
// definition mentions, prints itself: String, GoString, Format and
// LogValue, generated (secrets_format_gen.go) or written by hand.
func TestSecretHoldersRedact(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	refs := map[string][]string{}
	methods := map[string][]string{}
	var types []string
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
					if ts, ok := spec.(*ast.TypeSpec); ok && ts.TypeParams == nil {
						types = append(types, ts.Name.Name)
						ast.Inspect(ts.Type, func(n ast.Node) bool {
							if id, ok := n.(*ast.Ident); ok && id.Name != ts.Name.Name {
								refs[ts.Name.Name] = append(refs[ts.Name.Name], id.Name)
							}
							return true
						})
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil {
					continue
				}
				if id, ok := d.Recv.List[0].Type.(*ast.Ident); ok {
					methods[id.Name] = append(methods[id.Name], d.Name.Name)
				}
			}
		}
	}
	holds := map[string]bool{"CredentialMap": true, "SecretString": true}
	for changed := true; changed; {
		changed = false
		for _, typ := range types {
			if holds[typ] || strings.HasPrefix(typ, "plain") {
				continue
			}
			for _, r := range refs[typ] {
				if holds[r] {
					holds[typ], changed = true, true
					break
				}
			}
		}
	}
	checked := 0
	for _, typ := range types {
		if !holds[typ] || !ast.IsExported(typ) {
			continue
		}
		checked++
		for _, m := range []string{"String", "GoString", "Format", "LogValue"} {
			assert.True(t, slices.Contains(methods[typ], m), "%s holds a secret but has no %s method (go generate)", typ, m)
		}
	}
	assert.Greater(t, checked, 25, "the check must reach the secret holders")
}

// TestNewlyCoveredHoldersNeverPrintSecrets prints the answers that carry a
// SecretString every way a program might.
func TestNewlyCoveredHoldersNeverPrintSecrets(t *testing.T) {
	var secret composio.WebhookSecret
	require.NoError(t, json.Unmarshal([]byte(`{"id":"ws_1","secret":"whsec_s3cr3tvalue"}`), &secret))
	assertNoSecrets(t, secret, []string{"whsec_s3cr3tvalue"}, "ws_1")
	assertNoSecrets(t, &secret, []string{"whsec_s3cr3tvalue"}, "ws_1")

	var key composio.ProjectAPIKey
	require.NoError(t, json.Unmarshal([]byte(`{"id":"k_1","name":"ci","key":"ak_liveKEYvalue123"}`), &key))
	assertNoSecrets(t, key, []string{"ak_liveKEYvalue123"}, "k_1", "ci")

	var created composio.RegeneratedAPIKey
	require.NoError(t, json.Unmarshal([]byte(`{"api_key":{"id":"k_2","key":"ak_regenerated999"},"message":"rotated"}`), &created))
	assertNoSecrets(t, created, []string{"ak_regenerated999"}, "rotated")
}
