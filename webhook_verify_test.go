package composio_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A delivery signed by an independent implementation of the documented
// algorithm (Python's hmac and base64), checked by hand.
const (
	vectorSecret    = "whsec_test_secret"
	vectorID        = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
	vectorTimestamp = "1757500000" // 2025-09-10T10:26:40Z
	vectorSignature = "0Im8LvhcW2emrGGQSjurMi7ZtRee01PR6t7I00JUzTA="
	vectorBody      = `{"id":"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W","timestamp":"2025-09-10T10:26:40Z","type":"composio.trigger.message",` +
		`"metadata":{"log_id":"log_abc","trigger_slug":"GITHUB_COMMIT_EVENT","trigger_id":"ti_123","connected_account_id":"ca_456","auth_config_id":"ac_789","user_id":"user_1"},` +
		`"data":{"id":"c0ffee","message":"Fix the build"}}`
)

var vectorTime = time.Unix(1757500000, 0)

func vectorHeader(signature string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", vectorID)
	h.Set("webhook-timestamp", vectorTimestamp)
	h.Set("webhook-signature", signature)
	return h
}

// expectedSignature computes the signature from the documented algorithm,
// independently of the package.
func expectedSignature(secret, id, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(id + "." + ts + "."))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func atVectorTime() composio.WebhookOption {
	return composio.WithWebhookClock(func() time.Time { return vectorTime.Add(30 * time.Second) })
}

func TestVerifyWebhookKnownVector(t *testing.T) {
	require.Equal(t, vectorSignature, expectedSignature(vectorSecret, vectorID, vectorTimestamp, []byte(vectorBody)))

	ev, err := composio.VerifyWebhook(vectorSecret, vectorHeader("v1,"+vectorSignature), []byte(vectorBody), atVectorTime())
	require.NoError(t, err)
	assert.Equal(t, vectorID, ev.ID)
	assert.Equal(t, vectorID, ev.WebhookID)
	assert.Equal(t, composio.WebhookEventTriggerMessage, ev.Type)
	assert.True(t, ev.IsTrigger())
	assert.Equal(t, composio.WebhookV3, ev.PayloadVersion)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)
	assert.Equal(t, "ti_123", ev.TriggerID)
	assert.Equal(t, "ca_456", ev.ConnectedAccountID)
	assert.Equal(t, "ac_789", ev.AuthConfigID)
	assert.Equal(t, "user_1", ev.UserID)
	assert.Equal(t, "log_abc", ev.LogID)
	assert.True(t, ev.Timestamp.Equal(vectorTime))
	assert.True(t, ev.SentAt.Equal(vectorTime))
	assert.JSONEq(t, `{"id":"c0ffee","message":"Fix the build"}`, string(ev.Data))
	assert.Equal(t, vectorBody, string(ev.Raw))
	var commit struct{ ID, Message string }
	require.NoError(t, ev.Decode(&commit))
	assert.Equal(t, "Fix the build", commit.Message)
}

func TestSignWebhookMatchesTheAlgorithm(t *testing.T) {
	h := composio.SignWebhook(vectorSecret, vectorID, vectorTime, []byte(vectorBody))
	assert.Equal(t, vectorID, h.Get("webhook-id"))
	assert.Equal(t, vectorTimestamp, h.Get("webhook-timestamp"))
	assert.Equal(t, "v1,"+vectorSignature, h.Get("webhook-signature"))

	// Another secret, id and body: still the documented construction.
	body := []byte(`{"trigger_name":"X","connection_id":"c","trigger_id":"t","payload":{},"log_id":"l"}`)
	at := time.Unix(1700000000, 0)
	h = composio.SignWebhook("c2VjcmV0", "msg_1", at, body)
	assert.Equal(t, "v1,"+expectedSignature("c2VjcmV0", "msg_1", "1700000000", body), h.Get("webhook-signature"),
		"the secret is used as given, never base64-decoded")
	_, err := composio.VerifyWebhook("c2VjcmV0", h, body, composio.WithWebhookClock(func() time.Time { return at }))
	require.NoError(t, err)
}

func TestVerifyWebhookFailures(t *testing.T) {
	body := []byte(vectorBody)
	good := "v1," + vectorSignature
	for _, tc := range []struct {
		name   string
		secret string
		header http.Header
		body   []byte
		opts   []composio.WebhookOption
		want   error
	}{
		{"wrong secret", "whsec_other", vectorHeader(good), body, nil, composio.ErrWebhookSignatureMismatch},
		{"tampered body", vectorSecret, vectorHeader(good), []byte(strings.Replace(vectorBody, "Fix the build", "Break the build", 1)), nil, composio.ErrWebhookSignatureMismatch},
		{"tampered id", vectorSecret, func() http.Header { h := vectorHeader(good); h.Set("webhook-id", "msg_other"); return h }(), body, nil, composio.ErrWebhookSignatureMismatch},
		{"tampered timestamp", vectorSecret, func() http.Header { h := vectorHeader(good); h.Set("webhook-timestamp", "1757500001"); return h }(), body, nil, composio.ErrWebhookSignatureMismatch},
		{"no v1 entry", vectorSecret, vectorHeader("v2," + vectorSignature), body, nil, composio.ErrWebhookSignatureMismatch},
		{"bare signature", vectorSecret, vectorHeader(vectorSignature), body, nil, composio.ErrWebhookSignatureMismatch},
		{"not base64", vectorSecret, vectorHeader("v1,!!!"), body, nil, composio.ErrWebhookSignatureMismatch},
		{"stale", vectorSecret, vectorHeader(good), body, []composio.WebhookOption{composio.WithWebhookClock(func() time.Time { return vectorTime.Add(301 * time.Second) })}, composio.ErrWebhookTimestampTooOld},
		{"future", vectorSecret, vectorHeader(good), body, []composio.WebhookOption{composio.WithWebhookClock(func() time.Time { return vectorTime.Add(-301 * time.Second) })}, composio.ErrWebhookTimestampTooNew},
		{"narrow tolerance", vectorSecret, vectorHeader(good), body, []composio.WebhookOption{atVectorTime(), composio.WithWebhookTolerance(10 * time.Second)}, composio.ErrWebhookTimestampTooOld},
		{"missing id", vectorSecret, func() http.Header { h := vectorHeader(good); h.Del("webhook-id"); return h }(), body, nil, composio.ErrWebhookMissingID},
		{"missing timestamp", vectorSecret, func() http.Header { h := vectorHeader(good); h.Del("webhook-timestamp"); return h }(), body, nil, composio.ErrWebhookMissingTimestamp},
		{"missing signature", vectorSecret, func() http.Header { h := vectorHeader(good); h.Del("webhook-signature"); return h }(), body, nil, composio.ErrWebhookMissingSignature},
		{"empty signature", vectorSecret, vectorHeader(" "), body, nil, composio.ErrWebhookMissingSignature},
		{"empty body", vectorSecret, vectorHeader(good), nil, nil, composio.ErrWebhookMissingBody},
		{"malformed timestamp", vectorSecret, func() http.Header {
			h := vectorHeader(good)
			h.Set("webhook-timestamp", "2025-09-10T10:26:40Z")
			return h
		}(), body, nil, composio.ErrWebhookMalformedTimestamp},
		{"oversized", vectorSecret, vectorHeader(good), body, []composio.WebhookOption{composio.WithWebhookMaxBodySize(int64(len(body) - 1))}, composio.ErrWebhookBodyTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			if opts == nil {
				opts = []composio.WebhookOption{atVectorTime()}
			}
			ev, err := composio.VerifyWebhook(tc.secret, tc.header, tc.body, opts...)
			require.Error(t, err)
			assert.Nil(t, ev)
			assert.ErrorIs(t, err, tc.want)
			assert.ErrorIs(t, err, composio.ErrWebhookInvalid, "every rejected delivery matches ErrWebhookInvalid")
			assert.NotErrorIs(t, err, composio.ErrInvalidParams)
			assert.NotContains(t, err.Error(), vectorSecret)
		})
	}
}

func TestVerifyWebhookMissingSecretIsTheCallersMistake(t *testing.T) {
	_, err := composio.VerifyWebhook("", vectorHeader("v1,"+vectorSignature), []byte(vectorBody), atVectorTime())
	require.ErrorIs(t, err, composio.ErrWebhookMissingSecret)
	assert.ErrorIs(t, err, composio.ErrInvalidParams)
	assert.NotErrorIs(t, err, composio.ErrWebhookInvalid)
}

func TestVerifyWebhookTolerance(t *testing.T) {
	h := vectorHeader("v1," + vectorSignature)
	for _, offset := range []time.Duration{300 * time.Second, -300 * time.Second, 0} {
		_, err := composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody), composio.WithWebhookClock(func() time.Time { return vectorTime.Add(offset) }))
		assert.NoError(t, err, "offset %v is within the default tolerance", offset)
	}
	// 0 disables the check: a year-old delivery verifies.
	_, err := composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody), composio.WithWebhookTolerance(0),
		composio.WithWebhookClock(func() time.Time { return vectorTime.AddDate(1, 0, 0) }))
	require.NoError(t, err)
	// The default clock is the real one: the 2025 vector is stale today.
	_, err = composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody))
	require.ErrorIs(t, err, composio.ErrWebhookTimestampTooOld)

	_, err = composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody), composio.WithWebhookTolerance(-time.Second))
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody), composio.WithWebhookClock(nil))
	require.ErrorIs(t, err, composio.ErrInvalidParams)
	_, err = composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody), composio.WithWebhookMaxBodySize(0))
	require.ErrorIs(t, err, composio.ErrInvalidParams)
}

func TestVerifyWebhookMultipleSignatures(t *testing.T) {
	wrong := expectedSignature("whsec_old_secret", vectorID, vectorTimestamp, []byte(vectorBody))
	for _, header := range []string{
		"v1," + wrong + " v1," + vectorSignature, // during a secret rotation
		"v1," + vectorSignature + " v1," + wrong,
		"v1a,xyz v2," + wrong + " v1," + vectorSignature, // unknown versions ignored
		"  v1," + vectorSignature + "  ",
	} {
		_, err := composio.VerifyWebhook(vectorSecret, vectorHeader(header), []byte(vectorBody), atVectorTime())
		assert.NoError(t, err, header)
	}
	_, err := composio.VerifyWebhook(vectorSecret, vectorHeader("v1,"+wrong+" v1,"+wrong), []byte(vectorBody), atVectorTime())
	assert.ErrorIs(t, err, composio.ErrWebhookSignatureMismatch)
}

// signed verifies body as a fresh delivery signed with the right secret.
func signed(t *testing.T, body string) (*composio.TriggerEvent, error) {
	t.Helper()
	now := time.Now()
	h := composio.SignWebhook("whsec_x", "msg_header_id", now, []byte(body))
	return composio.VerifyWebhook("whsec_x", h, []byte(body), composio.WithWebhookClock(func() time.Time { return now }))
}

func TestVerifyWebhookPayloadV2(t *testing.T) {
	ev, err := signed(t, `{"type":"github_commit_event","timestamp":"2025-09-10T10:26:40.123Z","log_id":"log_v2",
		"data":{"connection_id":"5d1c3f0e-uuid","connection_nano_id":"ca_456","trigger_nano_id":"ti_123","trigger_id":"0b8f-uuid","user_id":"user_1",
		"id":"c0ffee","message":"Fix the build"}}`)
	require.NoError(t, err)
	assert.Equal(t, composio.WebhookV2, ev.PayloadVersion)
	assert.Equal(t, composio.WebhookEventTriggerMessage, ev.Type)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)
	assert.Equal(t, "ti_123", ev.TriggerID)
	assert.Equal(t, "ca_456", ev.ConnectedAccountID)
	assert.Equal(t, "user_1", ev.UserID)
	assert.Equal(t, "log_v2", ev.LogID)
	assert.Empty(t, ev.AuthConfigID)
	assert.Equal(t, "msg_header_id", ev.ID, "without a payload id, the webhook-id identifies the event")
	assert.Equal(t, time.Date(2025, 9, 10, 10, 26, 40, 123e6, time.UTC), ev.Timestamp)
	assert.JSONEq(t, `{"id":"c0ffee","message":"Fix the build"}`, string(ev.Data), "routing ids are removed from the data")
}

func TestVerifyWebhookPayloadV1(t *testing.T) {
	ev, err := signed(t, `{"trigger_name":"GITHUB_COMMIT_EVENT","connection_id":"ca_456","trigger_id":"ti_123","log_id":"log_v1",
		"payload":{"id":"c0ffee","message":"Fix the build"}}`)
	require.NoError(t, err)
	assert.Equal(t, composio.WebhookV1, ev.PayloadVersion)
	assert.Equal(t, composio.WebhookEventTriggerMessage, ev.Type)
	assert.Equal(t, "GITHUB_COMMIT_EVENT", ev.TriggerSlug)
	assert.Equal(t, "ti_123", ev.TriggerID)
	assert.Equal(t, "ca_456", ev.ConnectedAccountID)
	assert.Equal(t, "log_v1", ev.LogID)
	assert.Empty(t, ev.UserID)
	assert.True(t, ev.Timestamp.IsZero())
	assert.False(t, ev.SentAt.IsZero())
	assert.JSONEq(t, `{"id":"c0ffee","message":"Fix the build"}`, string(ev.Data))
}

func TestVerifyWebhookPayloadV3OtherEvent(t *testing.T) {
	ev, err := signed(t, `{"id":"msg_847cdfcd","timestamp":"2025-09-10T10:26:40Z","type":"composio.connected_account.expired",
		"metadata":{"project_id":"pr_1","org_id":"org_1"},"data":{"id":"ca_456","user_id":"user_1","status":"EXPIRED"}}`)
	require.NoError(t, err)
	assert.Equal(t, composio.WebhookV3, ev.PayloadVersion)
	assert.Equal(t, composio.WebhookEventConnectionExpired, ev.Type)
	assert.False(t, ev.IsTrigger())
	assert.Equal(t, "msg_847cdfcd", ev.ID)
	assert.Empty(t, ev.TriggerSlug)
	assert.JSONEq(t, `{"project_id":"pr_1","org_id":"org_1"}`, string(ev.Metadata))
	var acct struct{ ID, Status string }
	require.NoError(t, ev.Decode(&acct))
	assert.Equal(t, "EXPIRED", acct.Status)
}

func TestVerifyWebhookUnknownPayloads(t *testing.T) {
	for name, body := range map[string]string{
		"not json":             `hello`,
		"array":                `[1,2]`,
		"null":                 `null`,
		"v3 without composio.": `{"id":"m","timestamp":"t","type":"trigger.message","metadata":{},"data":{}}`,
		"v3 data not object":   `{"id":"m","timestamp":"t","type":"composio.trigger.message","metadata":{},"data":[1]}`,
		"v2 missing user_id":   `{"type":"x","timestamp":"t","log_id":"l","data":{"connection_id":"a","connection_nano_id":"b","trigger_nano_id":"c","trigger_id":"d"}}`,
		"v1 payload string":    `{"trigger_name":"X","connection_id":"c","trigger_id":"t","payload":"p","log_id":"l"}`,
		"v1 id not string":     `{"trigger_name":"X","connection_id":"c","trigger_id":7,"payload":{},"log_id":"l"}`,
		// null is not a string, as the official SDKs' schemas say.
		"v3 null id":      `{"id":null,"timestamp":"t","type":"composio.trigger.message","metadata":{},"data":{}}`,
		"v2 null user_id": `{"type":"x","timestamp":"t","log_id":"l","data":{"connection_id":"a","connection_nano_id":"b","trigger_nano_id":"c","trigger_id":"d","user_id":null}}`,
		"v1 null log_id":  `{"trigger_name":"X","connection_id":"c","trigger_id":"t","payload":{},"log_id":null}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := signed(t, body)
			require.ErrorIs(t, err, composio.ErrWebhookUnknownPayload)
			assert.ErrorIs(t, err, composio.ErrWebhookInvalid)
		})
	}
}

func TestTriggerEventDecodeWithoutData(t *testing.T) {
	var ev composio.TriggerEvent
	assert.Error(t, ev.Decode(&struct{}{}))
	assert.False(t, errors.Is(ev.Decode(&struct{}{}), composio.ErrWebhookInvalid))
}

func TestVerifyWebhookComparesTheCanonicalSignatureText(t *testing.T) {
	// The MAC is 32 bytes: its base64 ends in one character with two unused
	// bits. A lenient decoder maps "...zTB=" to the same bytes as "...zTA=";
	// @composio/core compares the text, so only the canonical form verifies.
	require.True(t, strings.HasSuffix(vectorSignature, "zTA="))
	variant := strings.TrimSuffix(vectorSignature, "zTA=") + "zTB="
	for _, sig := range []string{variant, strings.TrimSuffix(vectorSignature, "=")} {
		_, err := composio.VerifyWebhook(vectorSecret, vectorHeader("v1,"+sig), []byte(vectorBody), atVectorTime())
		assert.ErrorIs(t, err, composio.ErrWebhookSignatureMismatch, "%q", sig)
	}
	// The signature is the text between "v1," and any further comma.
	_, err := composio.VerifyWebhook(vectorSecret, vectorHeader("v1,"+vectorSignature+",ignored"), []byte(vectorBody), atVectorTime())
	assert.NoError(t, err)
}

func TestVerifyWebhookReadsHeadersInAnyCase(t *testing.T) {
	// A header map converted from another framework keeps lower-case keys,
	// which http.Header.Get does not find.
	lower := http.Header{
		"webhook-id":        {vectorID},
		"webhook-timestamp": {vectorTimestamp},
		"WEBHOOK-SIGNATURE": {"v1," + vectorSignature},
	}
	ev, err := composio.VerifyWebhook(vectorSecret, lower, []byte(vectorBody), atVectorTime())
	require.NoError(t, err)
	assert.Equal(t, vectorID, ev.WebhookID)

	// Entries may also come in several header lines.
	wrong := expectedSignature("whsec_old_secret", vectorID, vectorTimestamp, []byte(vectorBody))
	h := vectorHeader("v1," + wrong)
	h.Add("webhook-signature", "v1,"+vectorSignature)
	_, err = composio.VerifyWebhook(vectorSecret, h, []byte(vectorBody), atVectorTime())
	assert.NoError(t, err)
}

func TestVerifyWebhookExtremeTimestamps(t *testing.T) {
	// Signed timestamps far outside time.Duration's range must not look
	// fresh through an overflow.
	body := []byte(vectorBody)
	for ts, want := range map[string]error{
		"9223372036854775807":  composio.ErrWebhookTimestampTooNew,
		"-9223372036854775808": composio.ErrWebhookTimestampTooOld,
		"99999999999":          composio.ErrWebhookTimestampTooNew,
		"0":                    composio.ErrWebhookTimestampTooOld,
	} {
		h := vectorHeader("v1," + expectedSignature(vectorSecret, vectorID, ts, body))
		h.Set("webhook-timestamp", ts)
		_, err := composio.VerifyWebhook(vectorSecret, h, body, atVectorTime())
		assert.ErrorIs(t, err, want, ts)
		// With the check disabled the same delivery verifies.
		_, err = composio.VerifyWebhook(vectorSecret, h, body, composio.WithWebhookTolerance(0))
		assert.NoError(t, err, ts)
	}
}
