package composio_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertNoKey fails when s holds any test key, raw or hex-encoded.
func assertNoKey(t *testing.T, what, s string) {
	t.Helper()
	for _, key := range []string{testAPIKey, testOrgAPIKey, testUserAPIKey} {
		for _, form := range []string{key, hex.EncodeToString([]byte(key))} {
			assert.NotContains(t, s, form, "%s shows a key", what)
		}
	}
}

// A client printed with any fmt verb, logged with slog or encoded as JSON
// never shows a key.
func TestClientNeverPrintsKeys(t *testing.T) {
	c, err := composio.NewClient(composio.WithoutEnvironment(), composio.WithBaseURL("http://127.0.0.1:1"),
		composio.WithAPIKey(testAPIKey), composio.WithOrgAPIKey(testOrgAPIKey), composio.WithUserAPIKey(testUserAPIKey))
	require.NoError(t, err)
	value := reflect.ValueOf(c).Elem().Interface() // a Client, not a *Client
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		assertNoKey(t, "*Client "+verb, fmt.Sprintf(verb, c))
		assertNoKey(t, "Client "+verb, fmt.Sprintf(verb, value))
	}
	assert.Contains(t, fmt.Sprint(c), "127.0.0.1:1", "the client still says where it sends requests")
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("client", "c", c, "v", value)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("client", "c", c, "v", value)
	assertNoKey(t, "slog", buf.String())
	b, _ := json.Marshal(c)
	assertNoKey(t, "json", string(b))
}
