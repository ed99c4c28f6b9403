package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunOffline(t *testing.T) {
	t.Setenv("EXAMPLE_TOOLKIT", "")
	t.Setenv("EXAMPLE_USER_ID", "")
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	text := out.String()
	assert.Contains(t, text, "Created auth config ac_")
	assert.Regexp(t, regexp.MustCompile(`sign in at:\n  `+regexp.QuoteMeta(srv.URL)+`/fake/connect/ca_`), text)
	assert.Contains(t, text, "sent them back to https://example.com/connected?connected_account_id=ca_")
	assert.Regexp(t, `Connected: ca_\w+ is ACTIVE \(toolkit github, auth scheme OAUTH2, user example-user\)`, text)
	assert.Contains(t, text, "access_token:[REDACTED]")
	assert.NotContains(t, text, "fake-access-", "no token is printed")
	assert.Regexp(t, `Ran GITHUB_\w+ \(version \d{8}_\d{2}\) as example-user: \{`, text)

	// A second run reuses the auth config.
	out.Reset()
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Contains(t, out.String(), "Using auth config ac_")
}

func TestRunOtherToolkit(t *testing.T) {
	t.Setenv("EXAMPLE_TOOLKIT", "gmail")
	t.Setenv("EXAMPLE_USER_ID", "alice@example.com")
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Contains(t, out.String(), "(toolkit gmail, auth scheme OAUTH2, user alice@example.com)")
}
