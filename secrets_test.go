package composio_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertNoSecrets prints v every way a program might and checks that no
// secret appears, while the public parts still do.
func assertNoSecrets(t *testing.T, v any, secrets []string, visible ...string) {
	t.Helper()
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("json", "value", v)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("text", "value", v)
	outputs := map[string]string{
		"%v": fmt.Sprintf("%v", v), "%+v": fmt.Sprintf("%+v", v), "%#v": fmt.Sprintf("%#v", v), "%s": fmt.Sprintf("%s", v),
		"%q": fmt.Sprintf("%q", v), "%d": fmt.Sprintf("%d", v), "%t": fmt.Sprintf("%t", v), "%x": fmt.Sprintf("%x", v),
		"slog": logs.String(),
	}
	for verb, out := range outputs {
		for _, s := range secrets {
			assert.NotContains(t, out, s, "%s leaks a secret: %s", verb, out)
			assert.NotContains(t, out, fmt.Sprintf("%x", s), "%s leaks a secret in hex: %s", verb, out)
		}
		if verb != "%#v" && verb != "%x" {
			for _, s := range visible {
				assert.Contains(t, out, s, "%s hides too much: %s", verb, out)
			}
		}
	}
}

func TestConnectedAccountNeverPrintsCredentials(t *testing.T) {
	w := newWire(t, http.StatusOK, readTestdata(t, "connected_accounts/account.json"))
	a, err := w.client().ConnectedAccounts.Get(context.Background(), "ca_x2k9QmT4vB7n")
	require.NoError(t, err)
	secrets := []string{"SECRETaccess", "SECRETrefresh", "SECRETnested"}
	assertNoSecrets(t, *a, secrets, "ca_x2k9QmT4vB7n", "https://api.github.com", "[REDACTED]")
	assertNoSecrets(t, a, secrets, "ca_x2k9QmT4vB7n")
	assertNoSecrets(t, a.State, secrets, "OAUTH2")
	assertNoSecrets(t, a.State.Val, secrets, "token_type")
	// The secret itself stays readable on purpose.
	assert.Equal(t, "gho_SECRETaccess000111", a.State.Val["access_token"])
	assert.Equal(t, "[REDACTED]", a.State.Val.Redacted()["access_token"])
	assert.Equal(t, "bearer", a.State.Val.Redacted()["token_type"])
}

func TestConnectionRequestNeverPrintsCredentials(t *testing.T) {
	w := newWire(t, http.StatusCreated, readTestdata(t, "connected_accounts/create.json"))
	req, err := w.client().ConnectedAccounts.Create(context.Background(), composio.ConnectedAccountCreateParams{AuthConfigID: "ac"})
	require.NoError(t, err)
	assertNoSecrets(t, *req, []string{"SECRETverifier"}, "https://connect.composio.dev/link/lk_abc")
}

func TestAuthConfigNeverPrintsCredentials(t *testing.T) {
	w := newWire(t, http.StatusOK, readTestdata(t, "auth_configs/auth_config.json"))
	ac, err := w.client().AuthConfigs.Get(context.Background(), "ac")
	require.NoError(t, err)
	assertNoSecrets(t, *ac, []string{"SECRETclient", "SECRETproxykey", "SECRETshared"}, "Iv1.8a61f9b3a7aba766", "https://proxy.example")
}

func TestParamsNeverPrintCredentials(t *testing.T) {
	secrets := []string{"sk_live_topsecret", "client-secret-xyz", "proxy-key-xyz", "shared-xyz", "new-token-xyz"}
	state := composio.APIKeyState("sk_live_topsecret")
	assertNoSecrets(t, composio.ConnectedAccountCreateParams{AuthConfigID: "ac_1", UserID: "user_1", State: &state}, secrets, "ac_1", "user_1")
	assertNoSecrets(t, state, secrets, "API_KEY", "ACTIVE")
	assertNoSecrets(t, composio.AuthConfigCreateParams{ToolkitSlug: "github", AuthConfig: composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{
		AuthScheme:        composio.AuthSchemeOAuth2,
		Credentials:       composio.AuthConfigCredentials{ClientID: "cid-visible", ClientSecret: "client-secret-xyz"},
		ProxyConfig:       &composio.ProxyConfig{ProxyURL: "https://proxy.example", ProxyAuthKey: "proxy-key-xyz"},
		SharedCredentials: composio.CredentialMap{"token": "shared-xyz"},
	}}}, secrets, "github")
	creds := composio.AuthConfigCredentials{ClientID: "cid-visible", ClientSecret: "client-secret-xyz"}
	assertNoSecrets(t, creds, secrets, "cid-visible")
	assertNoSecrets(t, composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{Credentials: &creds}}, secrets)
	assertNoSecrets(t, composio.ConnectedAccountUpdateParams{Credentials: &composio.CredentialsUpdate{
		AuthScheme: composio.AuthSchemeBearerToken, Fields: map[string]*string{"token": composio.Ptr("new-token-xyz"), "user_agent": nil}}}, secrets, "BEARER_TOKEN")
	assertNoSecrets(t, composio.ProxyConfig{ProxyURL: "https://proxy.example", ProxyAuthKey: "proxy-key-xyz"}, secrets, "https://proxy.example")
}

func TestCredentialMapFormats(t *testing.T) {
	m := composio.CredentialMap{"api_key": "k-123", "subdomain": "acme", "empty": "", "nested": map[string]any{"token": "t-1", "scope": "read"}}
	assert.Equal(t, "map[api_key:[REDACTED] empty: nested:map[scope:read token:[REDACTED]] subdomain:acme]", m.String())
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", m), `composio.CredentialMap{"api_key":"[REDACTED]"`), fmt.Sprintf("%#v", m))
	assert.Nil(t, composio.CredentialMap(nil).Redacted())
}

// TestParamsWithPointersNeverPrintCredentials covers the verbs fmt applies
// without calling String (%d, %t): they used to print a pointer field's
// target raw.
func TestParamsWithPointersNeverPrintCredentials(t *testing.T) {
	secrets := []string{"sk_live_topsecret", "client-secret-xyz", "proxy-key-xyz"}
	state := composio.APIKeyState("sk_live_topsecret")
	creds := composio.AuthConfigCredentials{ClientID: "cid-visible", ClientSecret: "client-secret-xyz"}
	proxy := &composio.ProxyConfig{ProxyURL: "https://proxy.example", ProxyAuthKey: "proxy-key-xyz"}
	assertNoSecrets(t, composio.ConnectedAccountCreateParams{AuthConfigID: "ac_1", State: &state}, secrets, "ac_1", "API_KEY")
	assertNoSecrets(t, composio.AuthConfigSpec{Custom: &composio.CustomAuthConfig{AuthScheme: composio.AuthSchemeOAuth2, Credentials: creds, ProxyConfig: proxy}},
		secrets, "cid-visible", "https://proxy.example")
	assertNoSecrets(t, composio.AuthConfigUpdateParams{Custom: &composio.CustomAuthConfigUpdate{Credentials: &creds, ProxyConfig: proxy}},
		secrets, "cid-visible", "https://proxy.example")
	assertNoSecrets(t, composio.AuthConfig{ID: "ac_1", ProxyConfig: proxy}, secrets, "ac_1", "https://proxy.example")
	assertNoSecrets(t, composio.CustomAuthConfig{Credentials: creds, ProxyConfig: proxy}, secrets, "cid-visible", "https://proxy.example")
	assertNoSecrets(t, composio.ComposioManagedAuthConfig{SharedCredentials: composio.CredentialMap{"token": "sk_live_topsecret"}}, secrets, "token")
	assertNoSecrets(t, composio.CustomAuthConfigUpdate{Credentials: &creds, ProxyConfig: proxy}, secrets, "cid-visible", "https://proxy.example")
	assertNoSecrets(t, composio.DefaultAuthConfigUpdate{SharedCredentials: composio.CredentialMap{"token": "sk_live_topsecret"}}, secrets, "token")
	assertNoSecrets(t, composio.ConnectedAccountLinkParams{AuthConfigID: "ac_1", UserID: "u", ConnectionData: composio.CredentialMap{"api_key": "sk_live_topsecret"}},
		secrets, "ac_1")
}

// TestCredentialMapRedactsInsideLists: a list under a public key keeps its
// plain elements but redacts the objects in it field by field.
func TestCredentialMapRedactsInsideLists(t *testing.T) {
	m := composio.CredentialMap{
		"scopes":     []any{"repo", map[string]any{"token": "tok-hidden", "scope": "read"}},
		"keys":       []any{"k-hidden"},
		"expires_in": 3600.0, "attempts": 3.0,
	}
	assertNoSecrets(t, m, []string{"tok-hidden", "k-hidden"}, "repo", "read", "3600")
	assert.Equal(t, "[REDACTED]", m.Redacted()["keys"])
	assert.Equal(t, "[REDACTED]", m.Redacted()["attempts"])
	assert.Equal(t, 3600.0, m.Redacted()["expires_in"])
}

func TestSecretStringRedactedUnderEveryVerb(t *testing.T) {
	s := composio.SecretString("sk_live_value")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%t"} {
		assert.NotContains(t, fmt.Sprintf(verb, s), "sk_live_value", verb)
	}
	assert.Equal(t, "sk_live_value", s.Value())
	assert.Equal(t, "[REDACTED]", s.String())
	assert.Empty(t, composio.SecretString("").String())
}
