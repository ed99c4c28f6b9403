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
	got := out.String()
	assert.Contains(t, got, "Uploaded q3-revenue.csv (text/csv, 56 bytes).")
	assert.Contains(t, got, `"attachment":{"name":"q3-revenue.csv","mimetype":"text/csv","s3key":"projects/`)
	assert.Contains(t, got, "q3-revenue.csv       GMAIL_SEND_EMAIL")
	assert.Contains(t, got, "Downloaded 56 bytes (text/csv)")
	assert.Contains(t, got, "Round trip OK")
	assert.Contains(t, got, "First line: month,revenue")
}
