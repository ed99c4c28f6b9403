package transport

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A query that net/url cannot parse cleanly (a ';' separator, a bad
// escape) must not slip its signature past the redaction.
func TestRedactURLUnparsableQuery(t *testing.T) {
	for _, raw := range []string{
		"https://s3.example/key?x=1;X-Amz-Signature=SECRETVALUE",
		"https://s3.example/key?X-Amz-Signature=SECRETVALUE;x=1",
		"https://s3.example/key?sig=SECRETVALUE%zz",
		"https://s3.example/key?%73ig=SECRETVALUE&%zz=1",
		"https://s3.example/key?a=%zz&token=SECRETVALUE",
	} {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		got := RedactURL(u)
		assert.NotContains(t, got, "SECRETVALUE", raw)
		assert.Contains(t, got, "s3.example/key", raw)
	}
	u, _ := url.Parse("https://s3.example/key?a=1&b=two%20words")
	assert.Equal(t, "https://s3.example/key?a=1&b=two%20words", RedactURL(u), "harmless queries are kept as sent")
}

// A fragment is never sent, yet may hold a token (an OAuth implicit-flow
// redirect's #access_token=...): a redacted URL drops it.
func TestRedactURLDropsFragment(t *testing.T) {
	u, _ := url.Parse("https://h.example/cb#access_token=SECRETVALUE&state=x")
	assert.Equal(t, "https://h.example/cb", RedactURL(u))
	assert.Equal(t, "https://h.example/cb?a=1", RedactURLString("https://h.example/cb?a=1#token=SECRETVALUE"))
}
