package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunOffline(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	text := out.String()
	assert.Contains(t, text, "9 connected accounts")
	for _, row := range []string{
		"TOOLKIT  ACTIVE  INITIATED  INACTIVE  EXPIRED  FAILED  REVOKED  TOTAL",
		"github   2       1          0         0        0       0        3",
		"gmail    1       0          0         0        1       1        3",
		"linear   2       0          1         0        0       0        3",
	} {
		assert.Contains(t, text, row+"\n")
	}
	assert.Regexp(t, `ca_\w+ +erin +gmail +REVOKED +Revoked via user-initiated revoke endpoint`, text)
	assert.Regexp(t, `ca_\w+ +frank +linear +INACTIVE +Connection status updated by user`, text)
	assert.Regexp(t, `ca_\w+ +dave +gmail +FAILED +OAuth callback failed`, text)
	assert.Regexp(t, `ca_\w+ +carol +github +INITIATED +-`, text)
	assert.Contains(t, text, "4 of 9 accounts need attention.")
	assert.NotContains(t, text, "lin_api_", "no key is printed")

	// The walk paged: 9 accounts at 4 per page, then the filtered list.
	var lists, filtered int
	for _, r := range srv.Requests() {
		if r.Method == "GET" && r.Path == "/api/v3.1/connected_accounts" {
			lists++
			if strings.Contains(r.Query, "statuses%5B%5D=") {
				filtered++
			}
		}
	}
	assert.Equal(t, 3, lists-filtered, "pages of the full walk")
	assert.Equal(t, 1, filtered, "pages of the filtered walk")
}
