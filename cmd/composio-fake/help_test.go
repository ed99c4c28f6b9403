package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHelpExitsZero(t *testing.T) {
	for _, flag := range []string{"--help", "-h"} {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), []string{flag}, &out), flag)
		assert.Contains(t, out.String(), "Usage: composio-fake")
		assert.Contains(t, out.String(), "-read-timeout duration")
		assert.Contains(t, out.String(), "/fake/faults")
	}
	err := run(context.Background(), []string{"--nope"}, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "see --help")
}

// words splits a shell command line of the help's simple form: words
// separated by spaces, quoted with '...' or "..." (no escapes).
func words(line string) []string {
	var out []string
	var cur strings.Builder
	quote, in := byte(0), false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// Every curl example of --help works, in the order shown, against a
// running fake: the documentation is checked, not only written.
func TestHelpCurlExamplesWork(t *testing.T) {
	var help bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--help"}, &help))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, key, _ := start(t, ctx)

	var examples int
	covered := map[string]bool{}
	for _, line := range strings.Split(help.String(), "\n") {
		i := strings.Index(line, "curl ")
		if i < 0 {
			continue
		}
		examples++
		args := words(line[i:])[1:]
		method, url, body := http.MethodGet, "", ""
		header := http.Header{}
		for j := 0; j < len(args); j++ {
			switch args[j] {
			case "-g":
			case "-X":
				j++
				method = args[j]
			case "-H":
				j++
				name, value, _ := strings.Cut(args[j], ": ")
				header.Set(name, strings.ReplaceAll(value, "$K", key))
			case "-d":
				j++
				body = args[j]
				if method == http.MethodGet {
					method = http.MethodPost
				}
			default:
				require.Empty(t, url, "one URL per example: %s", line)
				url = strings.ReplaceAll(args[j], "$B", base)
			}
		}
		req, err := http.NewRequest(method, url, strings.NewReader(body))
		require.NoError(t, err, line)
		req.Header = header
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err, line)
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.True(t, resp.StatusCode/100 == 2, "%s\n-> %d %s", line, resp.StatusCode, answer)
		path, _, _ := strings.Cut(strings.TrimPrefix(url, base), "?")
		covered[method+" "+strings.TrimSuffix(path, "/flt_1")] = true
	}
	assert.Equal(t, 11, examples)
	for _, endpoint := range []string{
		"POST /fake/faults", "GET /fake/faults", "DELETE /fake/faults", "GET /fake/requests", "DELETE /fake/requests",
		"POST /fake/users", "POST /fake/connected_accounts", "POST /fake/auth_configs", "POST /fake/triggers/fire", "POST /fake/reset",
	} {
		assert.True(t, covered[endpoint], "an example for %s", endpoint)
	}
}
