package composio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
)

// WebhookHandler returns an http.Handler that receives Composio webhook
// deliveries: it verifies each with [VerifyWebhook] and secret, then calls
// fn with the event. Its answers tell the sender what to do:
//
//   - 204 when fn returned nil: the event is delivered.
//   - 400 when the delivery is not authentic or not a Composio event (bad or
//     missing signature headers, a stale timestamp, an unknown payload).
//   - 413 when the body is larger than the limit ([WithWebhookMaxBodySize]).
//   - 405 for any method but POST.
//   - 500 when fn returned an error, or secret is empty: the sender retries
//     the delivery later.
//
// fn runs with the request's context. Composio may deliver an event more
// than once: make fn idempotent, keyed by [TriggerEvent].ID.
func WebhookHandler(secret string, fn func(ctx context.Context, ev *TriggerEvent) error, opts ...WebhookOption) http.Handler {
	cfg := newWebhookConfig(opts)
	return &webhookHandler{secret: secret, fn: fn, cfg: cfg}
}

type webhookHandler struct {
	secret string
	fn     func(context.Context, *TriggerEvent) error
	cfg    webhookConfig
}

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "webhook deliveries are POSTed", http.StatusMethodNotAllowed)
		return
	}
	if h.cfg.err != nil || h.secret == "" || h.fn == nil {
		h.log(r, "webhook handler is misconfigured: set a secret, a callback and valid options", h.cfg.err)
		http.Error(w, "webhook receiver is misconfigured", http.StatusInternalServerError)
		return
	}
	var body []byte
	var err error
	if r.Body != nil { // nil in a hand-built request: an empty delivery
		limit := h.cfg.maxBody
		if limit < math.MaxInt64 {
			limit++ // one byte over the limit tells a body too large
		}
		body, err = io.ReadAll(io.LimitReader(r.Body, limit))
	}
	if err != nil {
		h.log(r, "webhook body could not be read", err)
		http.Error(w, "could not read the body", http.StatusBadRequest)
		return
	}
	ev, err := verifyWebhook(h.cfg, h.secret, r.Header, body)
	switch {
	case errors.Is(err, ErrWebhookBodyTooLarge):
		h.log(r, "webhook rejected", err)
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		h.log(r, "webhook rejected", err)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.fn(r.Context(), ev); err != nil {
		h.log(r, "webhook callback failed; the sender will retry", err, "event_id", ev.ID, "trigger_slug", ev.TriggerSlug)
		http.Error(w, "the event could not be processed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *webhookHandler) log(r *http.Request, msg string, err error, attrs ...any) {
	if h.cfg.logger == nil {
		return
	}
	if err != nil {
		attrs = append(attrs, "error", err.Error())
	}
	h.cfg.logger.WarnContext(r.Context(), msg, attrs...)
}

// String describes the handler without its secret.
func (h *webhookHandler) String() string { return "composio.WebhookHandler" }

// Format prints String whatever the verb: the handler holds the signing
// secret, which fmt would otherwise print with the fields.
func (h *webhookHandler) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, h.String()) }

// LogValue logs the handler without its secret.
func (h *webhookHandler) LogValue() slog.Value { return slog.StringValue(h.String()) }
