package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ComposioHQ/composio-go/composiotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `COMPOSIO_CALCULATE (composio toolkit, version 20250901_00): Applies an arithmetic operation to two numbers. Dividing by zero fails.
6 x 7 = 42 (log `+logID(t, out.String())+`)
1 / 0 failed as expected: Division by zero
unpinned execution refused: pin a version with WithToolkitVersions
user_1 is octo-user_1 on GitHub
`, out.String())
}

// logID extracts the generated log id, the one varying part of the output.
func logID(t *testing.T, s string) string {
	t.Helper()
	i := bytes.Index([]byte(s), []byte("(log "))
	require.GreaterOrEqual(t, i, 0)
	j := bytes.IndexByte([]byte(s[i:]), ')')
	return s[i+5 : i+j]
}
