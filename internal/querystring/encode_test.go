package querystring

import (
	"net/url"
	"testing"

	gqs "github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type status string

type versions map[string]string

func (v versions) EncodeValues(key string, vals *url.Values) error {
	for k, s := range v {
		vals.Set(key+"["+k+"]", s)
	}
	return nil
}

type simpleParams struct {
	Search   string   `url:"search,omitempty"`
	Limit    int      `url:"limit,omitempty"`
	Exact    int      `url:"exact"`
	Flag     *bool    `url:"flag,omitempty"`
	Statuses []status `url:"statuses,brackets,omitempty"`
	Repeated []string `url:"rep,omitempty"`
	Comma    []string `url:"c,comma,omitempty"`
	Score    float64  `url:"score,omitempty"`
	Plain    bool     `url:"plain,omitempty"`
	Skipped  string   `url:"-"`
	private  string
}

type customParams struct {
	Versions versions `url:"toolkit_versions,omitempty"`
	Name     string   `url:"name,omitempty"`
}

func parity(t *testing.T, v any) {
	t.Helper()
	got, err := Encode(v)
	require.NoError(t, err)
	want, err := gqs.Values(v)
	require.NoError(t, err)
	parsed, err := url.ParseQuery(got)
	require.NoError(t, err)
	if len(want) == 0 {
		assert.Empty(t, got)
		return
	}
	assert.Equal(t, want, parsed, "same query as go-querystring: %s", got)
}

func TestParityWithGoQuerystring(t *testing.T) {
	yes, no := true, false
	for _, v := range []any{
		simpleParams{},
		simpleParams{Search: "a b&c=d", Limit: 3, Flag: &no, Statuses: []status{"ACTIVE", "FAILED"}, Repeated: []string{"x", "y"}, Comma: []string{"p", "q,r"}, Score: 1.5, Plain: true, private: "z"},
		&simpleParams{Flag: &yes, Exact: 0},
		customParams{Versions: versions{"github": "20250906_01"}, Name: "n"},
		customParams{},
	} {
		parity(t, v)
	}
}

func TestBracketsOnTheWire(t *testing.T) {
	got, err := Encode(simpleParams{Statuses: []status{"ACTIVE", "INITIATED"}})
	require.NoError(t, err)
	assert.Equal(t, "exact=0&statuses%5B%5D=ACTIVE&statuses%5B%5D=INITIATED", got)
	got, err = Encode((*simpleParams)(nil))
	require.NoError(t, err)
	assert.Empty(t, got)
	got, err = Encode(url.Values{"a": {"1"}})
	require.NoError(t, err)
	assert.Equal(t, "a=1", got)
}

// BenchmarkEncode compares the cached fast path with go-querystring, its
// baseline, on a typical list filter.
func BenchmarkEncode(b *testing.B) {
	v := simpleParams{Search: "git", Limit: 2, Statuses: []status{"ACTIVE", "FAILED"}, Flag: new(bool)}
	b.Run("go-querystring", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			vals, _ := gqs.Values(v)
			_ = vals.Encode()
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = Encode(v)
		}
	})
}
