package transport

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretsRedactWholeTokensWhenShort(t *testing.T) {
	short := NewSecrets("k", "acme")
	for in, want := range map[string]string{
		"key k is invalid":           "key REDACTED is invalid",
		"k":                          "REDACTED",
		"check the key":              "check the key",
		"kick k-team k_1 ok":         "kick k-team k_1 ok",
		"(k), k. k,k":                "(REDACTED), REDACTED. REDACTED,REDACTED",
		"x-api-key: k":               "x-api-key: REDACTED",
		"api_key=k&page=2":           "api_key=REDACTED&page=2",
		"acme acmecorp subacme acme": "REDACTED acmecorp subacme REDACTED",
		"ünik k":                     "ünik REDACTED",
	} {
		assert.Equal(t, want, short.Redact(in), in)
	}
	long := NewSecrets("ak_live_0123456789")
	assert.Equal(t, "xREDACTEDy REDACTED", long.Redact("xak_live_0123456789y ak_live_0123456789"),
		"a long secret is hidden even glued to other text")
	assert.Equal(t, "nothing here", long.Redact("nothing here"))
	assert.Equal(t, "nothing here", (*Secrets)(nil).Redact("nothing here"))
}

// A secret is also found in the forms a URL or a JSON string gives it.
func TestSecretsFindEscapedForms(t *testing.T) {
	s := NewSecrets(`sk/pro+vider key="x"&y<z>`)
	for _, form := range []string{
		url.QueryEscape(`sk/pro+vider key="x"&y<z>`),
		url.PathEscape(`sk/pro+vider key="x"&y<z>`),
		`sk/pro+vider key=\"x\"&y<z>`,
		`sk/pro+vider key=\"x\"\u0026y\u003cz\u003e`,
	} {
		assert.Equal(t, "a REDACTED b", s.Redact("a "+form+" b"), form)
	}
	b := []byte(`{"echo":"sk/pro+vider key=\"x\"&y<z>"}`)
	assert.Equal(t, `{"echo":"REDACTED"}`, string(s.RedactBytes(b)))
	clean := []byte(`{"ok":true}`)
	assert.Equal(t, &clean[0], &s.RedactBytes(clean)[0], "a clean body is not copied")

	merged := NewSecrets("first_secret").With("second_secret")
	assert.Equal(t, "REDACTED REDACTED", merged.Redact("first_secret second_secret"))
	assert.Equal(t, "first_secret", NewSecrets("second_secret").Redact("first_secret"), "With leaves its receiver alone")
}

func TestSecretsURL(t *testing.T) {
	s := NewSecrets("ak_live_0123456789", "k")
	for raw, want := range map[string]string{
		"https://h.example/x?k=ak_live_0123456789&page=2": "https://h.example/x?REDACTED=REDACTED&page=2",
		"https://h.example/t/ak_live_0123456789/x":        "https://h.example/t/REDACTED/x",
		"https://h.example/x?q=a%20ak_live_0123456789":    "https://h.example/x?q=a%20REDACTED",
		"https://h.example/kit?page=k":                    "https://h.example/kit?page=REDACTED",
		"https://u:pw@h.example/x#ak_live_0123456789":     "https://h.example/x",
	} {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		assert.Equal(t, want, s.URL(u), raw)
		assert.Equal(t, want, s.URLString(raw), raw)
	}
}

// The call's Policy names the headers to drop on a redirect to another
// origin and the secrets its log lines hide.
func TestPolicyStripsHeadersAndHidesSecrets(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
	t.Cleanup(other.Close)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/x?cb=tok_secret_value", http.StatusFound)
	}))
	t.Cleanup(origin.Close)
	var logs bytes.Buffer
	tr := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Secrets: []string{"ak_client_secret"}})
	h := http.Header{"X-Gateway-Token": {"gw_secret"}, "X-Tenant": {"acme"}, "X-Api-Key": {"ak_client_secret"}}
	p := &Policy{StripOnRedirect: []string{"X-Gateway-Token"}, Secrets: NewSecrets("ak_client_secret", "tok_secret_value")}
	resp, err := tr.Do(context.Background(), "GET", origin.URL, h, nil, p)
	require.NoError(t, err)
	resp.Body.Close()
	require.NotNil(t, got)
	assert.Empty(t, got.Get("X-Gateway-Token"))
	assert.Empty(t, got.Get("X-Api-Key"))
	assert.Equal(t, "acme", got.Get("X-Tenant"))
	assert.Contains(t, logs.String(), other.URL+"/x?cb=REDACTED")
	assert.NotContains(t, logs.String(), "tok_secret_value")
}
