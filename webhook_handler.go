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
//   - 200 for a duplicate, with [WithWebhookReplayGuard]: a delivery whose
//     webhook-id the guard holds is acknowledged without calling fn.
//   - 400 when the delivery is not authentic or not a Composio event (bad or
//     missing signature headers, a stale timestamp, an unknown payload).
//   - 413 when the body is larger than the limit ([WithWebhookMaxBodySize]).
//   - 405 for any method but POST.
//   - 500 when fn returned an error, when the replay guard failed, or when
//     secret is empty: the sender retries the delivery later.
//
// fn runs with the request's context. Without a replay guard, a delivery
// replayed within the tolerance window is accepted again, and Composio may
// deliver an event more than once: make fn idempotent, keyed by
// [TriggerEvent].ID, or set [WithWebhookReplayGuard] (such as
// WithWebhookReplayGuard(NewWebhookReplayCache(0))). A guard's claim is
// released when fn fails or panics, so the sender's retry is handled.
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
	if guard := h.cfg.replay; guard != nil {
		fresh, err := guard.Claim(r.Context(), ev.WebhookID, h.cfg.replayTTL(ev.SentAt))
		switch {
		case err != nil:
			h.log(r, "webhook replay guard failed; the sender will retry", err, "webhook_id", ev.WebhookID)
			http.Error(w, "the event could not be processed", http.StatusInternalServerError)
			return
		case !fresh:
			h.log(r, "duplicate webhook delivery ignored", nil, "webhook_id", ev.WebhookID, "event_id", ev.ID)
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, "duplicate delivery ignored\n")
			return
		}
	}
	if err := h.call(r, ev); err != nil {
		h.log(r, "webhook callback failed; the sender will retry", err, "event_id", ev.ID, "trigger_slug", ev.TriggerSlug)
		http.Error(w, "the event could not be processed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// call runs fn and, if it fails or panics, releases the delivery's claim
// so that the sender's retry is handled; a panic goes on up.
func (h *webhookHandler) call(r *http.Request, ev *TriggerEvent) (err error) {
	guard := h.cfg.replay
	if guard == nil {
		return h.fn(r.Context(), ev)
	}
	done := false
	defer func() {
		if err == nil && done {
			return
		}
		// The request's context may be over; the release must still happen.
		if rerr := guard.Release(context.WithoutCancel(r.Context()), ev.WebhookID); rerr != nil {
			h.log(r, "webhook replay guard could not release a failed delivery; its retry will be ignored", rerr, "webhook_id", ev.WebhookID)
		}
	}()
	err = h.fn(r.Context(), ev)
	done = true
	return err
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
