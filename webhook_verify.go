package composio

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The headers Composio signs every webhook delivery with.
const (
	HeaderWebhookID        = "Webhook-Id"
	HeaderWebhookTimestamp = "Webhook-Timestamp"
	HeaderWebhookSignature = "Webhook-Signature"
)

// Webhook verification defaults.
const (
	// DefaultWebhookTolerance is how far a delivery's timestamp may be from
	// the receiver's clock, in either direction, as the official SDKs allow.
	DefaultWebhookTolerance = 300 * time.Second
	// DefaultWebhookMaxBodySize bounds the bytes a delivery may carry.
	DefaultWebhookMaxBodySize = 5 << 20
)

// Errors of webhook verification; test with errors.Is. Every failure of the
// delivery itself also matches [ErrWebhookInvalid], so a receiver can
// answer all of them alike; a missing secret is the receiver's own mistake
// and matches [ErrInvalidParams] instead.
var (
	ErrWebhookInvalid            = errors.New("composio: webhook rejected")
	ErrWebhookMissingSecret      = errors.New("composio: webhook secret is empty")
	ErrWebhookMissingBody        = errors.New("composio: webhook body is empty")
	ErrWebhookMissingID          = errors.New("composio: webhook-id header is missing")
	ErrWebhookMissingTimestamp   = errors.New("composio: webhook-timestamp header is missing")
	ErrWebhookMissingSignature   = errors.New("composio: webhook-signature header is missing")
	ErrWebhookMalformedTimestamp = errors.New("composio: webhook-timestamp is not Unix seconds")
	ErrWebhookTimestampTooOld    = errors.New("composio: webhook timestamp is too old")
	ErrWebhookTimestampTooNew    = errors.New("composio: webhook timestamp is in the future")
	ErrWebhookSignatureMismatch  = errors.New("composio: webhook signature does not match")
	ErrWebhookBodyTooLarge       = errors.New("composio: webhook body is too large")
	ErrWebhookUnknownPayload     = errors.New("composio: webhook payload is not a known Composio event")
)

// A WebhookOption adjusts [VerifyWebhook] and [WebhookHandler].
type WebhookOption func(*webhookConfig)

type webhookConfig struct {
	tolerance time.Duration
	now       func() time.Time
	maxBody   int64
	logger    *slog.Logger
	replay    WebhookReplayGuard
	err       error
}

func newWebhookConfig(opts []WebhookOption) webhookConfig {
	c := webhookConfig{tolerance: DefaultWebhookTolerance, now: time.Now, maxBody: DefaultWebhookMaxBodySize}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// WithWebhookTolerance sets how far a delivery's timestamp may be from now,
// in either direction (default [DefaultWebhookTolerance]). 0 disables the
// check, which leaves replayed deliveries undetected: keep it on in
// production.
func WithWebhookTolerance(d time.Duration) WebhookOption {
	return func(c *webhookConfig) {
		if d < 0 {
			c.err = fmt.Errorf("%w: WithWebhookTolerance: %v is negative", ErrInvalidParams, d)
			return
		}
		c.tolerance = d
	}
}

// WithWebhookClock sets the clock timestamps are checked against, for
// tests.
func WithWebhookClock(now func() time.Time) WebhookOption {
	return func(c *webhookConfig) {
		if now == nil {
			c.err = fmt.Errorf("%w: WithWebhookClock: nil clock", ErrInvalidParams)
			return
		}
		c.now = now
	}
}

// WithWebhookMaxBodySize bounds the size of a delivery's body (default
// [DefaultWebhookMaxBodySize]).
func WithWebhookMaxBodySize(n int64) WebhookOption {
	return func(c *webhookConfig) {
		if n <= 0 {
			c.err = fmt.Errorf("%w: WithWebhookMaxBodySize: %d is not positive", ErrInvalidParams, n)
			return
		}
		c.maxBody = n
	}
}

// WithWebhookLogger makes [WebhookHandler] log rejected deliveries and
// failed callbacks. Secrets and bodies are never logged.
func WithWebhookLogger(l *slog.Logger) WebhookOption {
	return func(c *webhookConfig) { c.logger = l }
}

// VerifyWebhook authenticates a Composio webhook delivery and decodes it.
// header holds the request's headers (webhook-id, webhook-timestamp,
// webhook-signature; their names in any case) and body its raw, unparsed
// bytes; secret is the subscription's signing secret
// ([WebhookSubscription].Secret).
//
// The signature is HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>"
// keyed with the secret's bytes, standard base64, sent as one or more
// space-separated "v1,<signature>" entries; any matching v1 entry verifies.
// The timestamp (Unix seconds) must be within the tolerance of now, in
// either direction. V1, V2 and V3 payloads are recognized and normalized
// into one [TriggerEvent], as @composio/core does.
//
// Errors match [ErrWebhookInvalid] and the specific sentinel, such as
// [ErrWebhookSignatureMismatch].
//
// A delivery replayed within the tolerance verifies again: VerifyWebhook
// keeps no state. [WebhookHandler] with [WithWebhookReplayGuard] refuses
// duplicates; here, claim ev.WebhookID in a [WebhookReplayGuard] yourself.
func VerifyWebhook(secret string, header http.Header, body []byte, opts ...WebhookOption) (*TriggerEvent, error) {
	cfg := newWebhookConfig(opts)
	if cfg.err != nil {
		return nil, cfg.err
	}
	if cfg.replay != nil {
		return nil, fmt.Errorf("%w: WithWebhookReplayGuard applies to WebhookHandler; after VerifyWebhook, call the guard's Claim with ev.WebhookID yourself, and Release when processing fails", ErrInvalidParams)
	}
	return verifyWebhook(cfg, secret, header, body)
}

func verifyWebhook(cfg webhookConfig, secret string, header http.Header, body []byte) (*TriggerEvent, error) {
	id := strings.TrimSpace(firstOf(webhookHeader(header, HeaderWebhookID)))
	ts := strings.TrimSpace(firstOf(webhookHeader(header, HeaderWebhookTimestamp)))
	// Entries may come in one line or in several.
	sigs := strings.TrimSpace(strings.Join(webhookHeader(header, HeaderWebhookSignature), " "))
	switch {
	case secret == "":
		return nil, fmt.Errorf("%w: %w: pass the subscription's secret (WebhookSubscription.Secret)", ErrInvalidParams, ErrWebhookMissingSecret)
	case int64(len(body)) > cfg.maxBody:
		return nil, webhookErr(ErrWebhookBodyTooLarge, fmt.Sprintf("%d bytes, limit %d", len(body), cfg.maxBody))
	case len(body) == 0:
		return nil, webhookErr(ErrWebhookMissingBody, "pass the raw request body")
	case id == "":
		return nil, webhookErr(ErrWebhookMissingID, "")
	case ts == "":
		return nil, webhookErr(ErrWebhookMissingTimestamp, "")
	case sigs == "":
		return nil, webhookErr(ErrWebhookMissingSignature, "")
	}
	seconds, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, webhookErr(ErrWebhookMalformedTimestamp, fmt.Sprintf("%.40q", ts))
	}
	if err := checkWebhookSignature(secret, id, ts, body, sigs); err != nil {
		return nil, err
	}
	if cfg.tolerance > 0 {
		if err := checkWebhookAge(cfg.now(), seconds, cfg.tolerance); err != nil {
			return nil, err
		}
	}
	ev, err := parseWebhookPayload(body)
	if err != nil {
		return nil, err
	}
	ev.WebhookID = id
	ev.SentAt = time.Unix(seconds, 0)
	if ev.ID == "" {
		ev.ID = id
	}
	return ev, nil
}

// webhookHeader returns the values of a delivery header, its name matched
// in any case, so that a header map built by hand or converted from another
// framework (with lower-case keys, say) works as well as the one net/http
// fills in, as @composio/core reads headers case-insensitively.
func webhookHeader(h http.Header, name string) []string {
	if vs := h.Values(name); len(vs) > 0 {
		return vs
	}
	var vs []string
	for k, v := range h {
		if strings.EqualFold(k, name) {
			vs = append(vs, v...)
		}
	}
	return vs
}

func firstOf(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// checkWebhookAge refuses a timestamp more than tolerance away from now, in
// either direction. A timestamp over 100 years off is refused without
// subtracting (whatever the tolerance), so that no time.Duration overflow
// can make it look fresh.
func checkWebhookAge(now time.Time, seconds int64, tolerance time.Duration) error {
	const span = 100 * 365 * 24 * 60 * 60 // seconds; a time.Duration spans about 292 years
	n := now.Unix()
	switch {
	case seconds < n-span:
		return webhookErr(ErrWebhookTimestampTooOld, fmt.Sprintf("sent more than 100 years ago, tolerance %s", tolerance))
	case seconds > n+span:
		return webhookErr(ErrWebhookTimestampTooNew, fmt.Sprintf("sent more than 100 years ahead of this clock, tolerance %s", tolerance))
	}
	age := now.Sub(time.Unix(seconds, 0))
	switch {
	case age > tolerance:
		return webhookErr(ErrWebhookTimestampTooOld, fmt.Sprintf("sent %s ago, tolerance %s", age.Round(time.Second), tolerance))
	case -age > tolerance:
		return webhookErr(ErrWebhookTimestampTooNew, fmt.Sprintf("sent %s ahead of this clock, tolerance %s", (-age).Round(time.Second), tolerance))
	}
	return nil
}

// checkWebhookSignature accepts any v1 entry of sigs whose signature is the
// base64 MAC of the signed content. As @composio/core does, the entry's
// text is compared (in constant time) with the expected base64 text, so a
// signature is accepted in its one canonical encoding only; the signature
// is what follows "v1," up to any further comma. Other versions are
// ignored.
func checkWebhookSignature(secret, id, ts string, body []byte, sigs string) error {
	want := []byte(base64.StdEncoding.EncodeToString(webhookMAC(secret, id, ts, body)))
	found := false
	for _, entry := range strings.Fields(sigs) {
		version, sig, ok := strings.Cut(entry, ",")
		sig, _, _ = strings.Cut(sig, ",")
		if !ok || version != "v1" || sig == "" {
			continue
		}
		found = true
		if hmac.Equal([]byte(sig), want) {
			return nil
		}
	}
	if !found {
		return webhookErr(ErrWebhookSignatureMismatch, `no "v1,<signature>" entry in the webhook-signature header`)
	}
	return webhookErr(ErrWebhookSignatureMismatch, "check that the secret is the subscription's current one and that the body is passed unmodified")
}

// webhookMAC is HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the
// secret's bytes as given (no base64 decoding of the secret).
func webhookMAC(secret, id, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// SignWebhook returns the headers Composio sends with a delivery of body:
// webhook-id, webhook-timestamp (at, in Unix seconds) and a v1
// webhook-signature made with secret. The fake server signs with it; use it
// to test your own receiver.
func SignWebhook(secret, id string, at time.Time, body []byte) http.Header {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := base64.StdEncoding.EncodeToString(webhookMAC(secret, id, ts, body))
	h := http.Header{}
	h.Set(HeaderWebhookID, id)
	h.Set(HeaderWebhookTimestamp, ts)
	h.Set(HeaderWebhookSignature, "v1,"+sig)
	return h
}

// webhookError is a rejected delivery: it unwraps to its specific sentinel
// and also matches ErrWebhookInvalid.
type webhookError struct {
	kind   error
	detail string
}

func webhookErr(kind error, detail string) error { return &webhookError{kind: kind, detail: detail} }

func (e *webhookError) Error() string {
	if e.detail == "" {
		return e.kind.Error()
	}
	return e.kind.Error() + ": " + e.detail
}

func (e *webhookError) Unwrap() error { return e.kind }

func (e *webhookError) Is(target error) bool { return target == ErrWebhookInvalid }
