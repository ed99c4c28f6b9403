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

func TestRun(t *testing.T) {
	srv := composiotest.NewServer(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), srv.Client(), srv, &out))
	assert.Equal(t, `tool send_note (COMPOSIO_ECHO): Sends a short note to the customer.
tool LOCAL_LOOKUP_ORDER (LOCAL_LOOKUP_ORDER): Looks up the status of one of the customer's orders.
user: Where is my order a-1001? Send me a note, and a refund for the mugs.
LOCAL_LOOKUP_ORDER {"order_id":"a-1001","verbose":true} -> {"data":{"order_id":"A-1001","status":"shipped","carrier":"DHL","items":["kettle","mugs"]}}
send_note {"message":"Your order A-1001 has shipped with DHL."} -> {"data":{"echo":{"message":"Your order A-1001 has shipped with DHL. — Acme support"}}}
send_note {"message":"Your refund for the mugs is on its way."} -> {"error":"notes about refunds need a human; tell the customer a colleague will follow up"} (failed)
assistant: Your order A-1001 has shipped with DHL; a colleague will follow up about the refund.
`, out.String())

	// The local tool never reached Composio; the refused note never ran.
	var executed []string
	for _, r := range srv.Requests() {
		assert.NotContains(t, r.Path+string(r.Body), "LOCAL_")
		if strings.HasPrefix(r.Path, "/api/v3.1/tools/execute/") {
			executed = append(executed, r.Path)
		}
	}
	assert.Equal(t, []string{"/api/v3.1/tools/execute/COMPOSIO_ECHO"}, executed)
}
