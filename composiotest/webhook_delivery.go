package composiotest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	composio "github.com/ComposioHQ/composio-go"
)

// FireTriggerParams says which trigger fires and with what.
type FireTriggerParams struct {
	// TriggerID fires one trigger instance, which must be enabled.
	TriggerID string
	// TriggerSlug, when TriggerID is empty, fires every enabled instance of
	// the trigger type (only UserID's, when set). When the project has no
	// instance of it at all, one test event is sent, as if an instance
	// owned by UserID (or "default") fired.
	TriggerSlug string
	UserID      string
	// Data is the event's content: anything that encodes to a JSON object.
	// Nil sends a sample built from the trigger type's payload schema.
	Data any
	// MaxAttempts bounds the tries per delivery (default 4); failures are
	// retried after 10 ms, 20 ms, 40 ms ... (at most 1 s apart).
	MaxAttempts int
}

// Delivery is the outcome of sending one event to one subscription.
type Delivery struct {
	SubscriptionID string
	URL            string
	// WebhookID is the delivery's webhook-id, the same on every attempt.
	WebhookID string
	TriggerID string
	Version   string // the payload version sent
	Body      []byte // the payload sent
	Attempts  int
	// StatusCode is the receiver's last answer (0 when it could not be
	// reached).
	StatusCode int
	// Err is the last failure; nil once the receiver answered 2xx.
	Err error
}

// Delivered reports whether the receiver accepted the event.
func (d Delivery) Delivered() bool { return d.Err == nil }

// fireError is a FireTrigger request the fake cannot serve; status is the
// HTTP status the fire endpoint answers with.
type fireError struct {
	status int
	msg    string
}

func (e *fireError) Error() string { return "composiotest: FireTrigger: " + e.msg }

// deliveryJob is one signed event for one subscription, prepared while
// f.mu is held and sent after it is released.
type deliveryJob struct {
	sub       webhookSubscription // a copy: the subscription may change meanwhile
	webhookID string
	triggerID string
	body      []byte
}

// FireTrigger makes a trigger fire as if its app reported an event: every
// webhook subscription enabled for composio.trigger.message receives a
// signed delivery in its payload version, retried a few times with short
// waits when the receiver fails (non-2xx or unreachable). It returns one
// Delivery per subscription and instance, and an error joining the
// deliveries that failed for good. No subscription means no deliveries.
// Deliveries are signed at the fake's clock (WithClock): a receiver checks
// their timestamps against its own, so give it the same clock.
func (f *Fake) FireTrigger(ctx context.Context, p FireTriggerParams) ([]Delivery, error) {
	f.mu.Lock()
	jobs, err := f.prepareFire(p)
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	attempts := p.MaxAttempts
	if attempts <= 0 {
		attempts = 4
	}
	out := make([]Delivery, 0, len(jobs))
	var failures []error
	for _, job := range jobs {
		d := f.deliverJob(ctx, job, attempts)
		if d.Err != nil {
			failures = append(failures, fmt.Errorf("delivery %s to %s: %w", d.WebhookID, d.URL, d.Err))
		}
		out = append(out, d)
	}
	return out, errors.Join(failures...)
}

// prepareFire builds the signed payloads. The caller holds f.mu.
func (f *Fake) prepareFire(p FireTriggerParams) ([]deliveryJob, error) {
	ts := f.triggers()
	var fired []*triggerInstance
	var typ *fakeTriggerType
	switch {
	case p.TriggerID != "":
		ti, ok := ts.byID[p.TriggerID]
		if !ok {
			return nil, &fireError{http.StatusNotFound, "trigger instance " + p.TriggerID + " not found"}
		}
		if ti.DisabledAt != "" {
			return nil, &fireError{http.StatusBadRequest, "trigger instance " + p.TriggerID + " is disabled: enable it first"}
		}
		typ, _ = f.triggerType(ti.Slug)
		fired = []*triggerInstance{ti}
	case p.TriggerSlug != "":
		var ok bool
		if typ, ok = f.triggerType(p.TriggerSlug); !ok {
			return nil, &fireError{http.StatusNotFound, "trigger type " + p.TriggerSlug + " not found"}
		}
		var exists bool
		for _, ti := range ts.order {
			if ti.Slug == typ.Slug && (p.UserID == "" || ti.UserID == p.UserID) {
				exists = true
				if ti.DisabledAt == "" {
					fired = append(fired, ti)
				}
			}
		}
		if exists && len(fired) == 0 {
			return nil, &fireError{http.StatusBadRequest, "every instance of " + typ.Slug + " is disabled"}
		}
		if !exists {
			tk, _ := f.toolkit(typ.Toolkit)
			test := &triggerInstance{ID: f.newID("ti"), Slug: typ.Slug, Toolkit: typ.Toolkit, Version: tk.latest(), UserID: p.UserID}
			if test.UserID == "" {
				test.UserID = "default"
			}
			fired = []*triggerInstance{test}
		}
	default:
		return nil, &fireError{http.StatusBadRequest, "set TriggerID or TriggerSlug"}
	}

	data := p.Data
	if data == nil {
		data = samplePayload(typ.Payload)
	}
	raw, err := json.Marshal(data)
	if err != nil || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		return nil, &fireError{http.StatusBadRequest, "Data must encode to a JSON object"}
	}
	var content map[string]any
	_ = json.Unmarshal(raw, &content)
	f.publishTriggers(fired, content) // to realtime subscribers (realtime.go)

	var jobs []deliveryJob
	for _, sub := range f.webhooks().subOrder {
		if !slices.Contains(sub.Events, eventTriggerMessage) {
			continue
		}
		for _, ti := range fired {
			id := "msg_" + legacyUUIDOf(f.newID("msg"))
			body, _ := json.Marshal(triggerPayload(sub.Version, id, f.timestamp(), f.newID("log"), ti, content))
			jobs = append(jobs, deliveryJob{sub: *sub, webhookID: id, triggerID: ti.ID, body: body})
		}
	}
	return jobs, nil
}

// triggerPayload shapes an event in one of the three payload versions.
func triggerPayload(version, id, timestamp, logID string, ti *triggerInstance, data map[string]any) any {
	switch version {
	case "V1":
		return eventV1Wire{TriggerName: ti.Slug, ConnectionID: ti.AccountID, TriggerID: ti.ID, Payload: data, LogID: logID}
	case "V2":
		merged := map[string]any{}
		for k, v := range data {
			merged[k] = v
		}
		merged["connection_id"] = legacyUUIDOf(ti.AccountID)
		merged["connection_nano_id"] = ti.AccountID
		merged["trigger_nano_id"] = ti.ID
		merged["trigger_id"] = legacyUUIDOf(ti.ID)
		merged["user_id"] = ti.UserID
		return eventV2Wire{Type: strings.ToLower(ti.Slug), Timestamp: timestamp, LogID: logID, Data: merged}
	}
	return eventV3Wire{
		ID: id, Timestamp: timestamp, Type: eventTriggerMessage,
		Metadata: eventMetadataWire{
			LogID: logID, TriggerSlug: ti.Slug, TriggerID: ti.ID,
			ConnectedAccountID: ti.AccountID, AuthConfigID: ti.AuthConfigID, UserID: ti.UserID,
		},
		Data: data,
	}
}

// eventTriggerMessage is the webhook event of a trigger firing.
const eventTriggerMessage = "composio.trigger.message"

// eventV1Wire is a trigger event in payload version V1.
type eventV1Wire struct {
	ConnectionID string         `json:"connection_id"`
	LogID        string         `json:"log_id"`
	Payload      map[string]any `json:"payload"` // the event's data, free-form
	TriggerID    string         `json:"trigger_id"`
	TriggerName  string         `json:"trigger_name"`
}

// eventV2Wire is a trigger event in payload version V2: the ids ride
// inside the data.
type eventV2Wire struct {
	Data      map[string]any `json:"data"`
	LogID     string         `json:"log_id"`
	Timestamp string         `json:"timestamp"`
	Type      string         `json:"type"`
}

// eventV3Wire is a trigger event in payload version V3, the webhook and
// realtime shape.
type eventV3Wire struct {
	Data      map[string]any    `json:"data"`
	ID        string            `json:"id"`
	Metadata  eventMetadataWire `json:"metadata"`
	Timestamp string            `json:"timestamp"`
	Type      string            `json:"type"`
}

type eventMetadataWire struct {
	AuthConfigID       string `json:"auth_config_id"`
	ConnectedAccountID string `json:"connected_account_id"`
	LogID              string `json:"log_id"`
	TriggerID          string `json:"trigger_id"`
	TriggerSlug        string `json:"trigger_slug"`
	UserID             string `json:"user_id"`
}

// samplePayload fills a payload schema's properties with placeholder
// values, for events fired without data.
func samplePayload(schema map[string]any) map[string]any {
	out := map[string]any{}
	props, _ := schema["properties"].(map[string]any)
	for name, p := range props {
		switch typ, _ := p.(map[string]any)["type"].(string); typ {
		case "integer", "number":
			out[name] = 1
		case "boolean":
			out[name] = true
		case "array":
			out[name] = []any{}
		case "object":
			out[name] = map[string]any{}
		default:
			out[name] = "sample " + name
		}
	}
	return out
}

// newDeliveryClient returns the client a Fake sends deliveries with: no
// proxy (receivers are usually local), no redirects (a 3xx is a failed
// delivery, as for the real sender). Each Fake has its own, so closing a
// Server releases its connections.
func newDeliveryClient() *http.Client {
	return &http.Client{
		Timeout:       10 * time.Second,
		Transport:     &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 4, IdleConnTimeout: 30 * time.Second},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// deliverJob sends job until the receiver answers 2xx or attempts run out.
// Each attempt is signed afresh with the current time and the same id.
func (f *Fake) deliverJob(ctx context.Context, job deliveryJob, attempts int) Delivery {
	d := Delivery{SubscriptionID: job.sub.ID, URL: job.sub.URL, WebhookID: job.webhookID, TriggerID: job.triggerID, Version: job.sub.Version, Body: job.body}
	for d.Attempts < attempts {
		if d.Attempts > 0 {
			select {
			case <-time.After(deliveryWait(d.Attempts)):
			case <-ctx.Done():
				d.Err = ctx.Err()
				return d
			}
		}
		d.Attempts++
		d.StatusCode, d.Err = f.postDelivery(ctx, job, f.now())
		if d.Err == nil {
			return d
		}
	}
	return d
}

// maxDeliveryWait caps the pause between two attempts of a delivery.
const maxDeliveryWait = time.Second

// deliveryWait is the pause before attempt n+1 (n >= 1): 10 ms, doubling,
// at most maxDeliveryWait, so a large MaxAttempts cannot stretch a delivery
// into hours.
func deliveryWait(n int) time.Duration {
	wait := 10 * time.Millisecond
	for i := 1; i < n && wait < maxDeliveryWait; i++ {
		wait *= 2
	}
	return min(wait, maxDeliveryWait)
}

func (f *Fake) postDelivery(ctx context.Context, job deliveryJob, at time.Time) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, job.sub.URL, bytes.NewReader(job.body))
	if err != nil {
		return 0, err
	}
	req.Header = composio.SignWebhook(job.sub.Secret, job.webhookID, at, job.body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "composio-webhooks (composiotest)")
	resp, err := f.deliveries.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("receiver answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

func (f *Fake) fireOverHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct {
		TriggerID   string          `json:"trigger_id"`
		TriggerSlug string          `json:"trigger_slug"`
		UserID      string          `json:"user_id"`
		Data        json.RawMessage `json:"data"`
		MaxAttempts int             `json:"max_attempts"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	// Checked here too, to name the JSON fields rather than FireTrigger's.
	data := strings.TrimSpace(string(body.Data))
	switch {
	case body.TriggerID == "" && body.TriggerSlug == "":
		badRequest(w, r, "trigger_id or trigger_slug is required", "trigger_slug: Required")
		return
	case data != "" && data != "null" && !strings.HasPrefix(data, "{"):
		badRequest(w, r, "data must be a JSON object", "data: Expected object")
		return
	case body.MaxAttempts < 0:
		badRequest(w, r, "max_attempts must not be negative (0 means the default, 4)", "max_attempts: Number must be greater than or equal to 0")
		return
	}
	p := FireTriggerParams{TriggerID: body.TriggerID, TriggerSlug: body.TriggerSlug, UserID: body.UserID, MaxAttempts: body.MaxAttempts}
	if len(body.Data) > 0 && string(body.Data) != "null" {
		p.Data = body.Data
	}
	deliveries, err := f.FireTrigger(r.Context(), p)
	var fe *fireError
	if errors.As(err, &fe) {
		writeError(w, r, fe.status, fe.status, fe.msg, "Fire an existing, enabled trigger instance or a known trigger type.")
		return
	}
	type result struct {
		SubscriptionID string `json:"subscription_id"`
		URL            string `json:"url"`
		WebhookID      string `json:"webhook_id"`
		TriggerID      string `json:"trigger_id"`
		Version        string `json:"version"`
		Attempts       int    `json:"attempts"`
		StatusCode     int    `json:"status_code"`
		Delivered      bool   `json:"delivered"`
		Error          string `json:"error,omitempty"`
	}
	out := []result{}
	for _, d := range deliveries {
		res := result{d.SubscriptionID, d.URL, d.WebhookID, d.TriggerID, d.Version, d.Attempts, d.StatusCode, d.Delivered(), ""}
		if d.Err != nil {
			res.Error = d.Err.Error()
		}
		out = append(out, res)
	}
	writeJSON(w, http.StatusOK, struct {
		Deliveries []result `json:"deliveries"`
	}{out})
}
