package composio

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// TriggerEvent is one verified webhook delivery, or one event received by
// [TriggersService.Subscribe], normalized from whichever payload version
// it came in (V3, V2 or V1). For trigger events
// (Type [WebhookEventTriggerMessage]) the trigger fields are set; other V3
// events, such as [WebhookEventConnectionExpired], carry their content in
// Data and Metadata.
type TriggerEvent struct {
	// ID identifies the event: the V3 payload's id, else the webhook-id
	// header (empty for a realtime V1 or V2 event). A retried delivery keeps
	// its ID: use it to process each event once.
	ID string
	// WebhookID is the delivery's webhook-id header (empty for a
	// realtime event, which is no delivery).
	WebhookID string
	// Type is the event type; V1 and V2 payloads only carry trigger events.
	Type WebhookEventType
	// TriggerSlug is the trigger type, such as "GITHUB_COMMIT_EVENT".
	TriggerSlug string
	// TriggerID is the trigger instance that fired.
	TriggerID          string
	ConnectedAccountID string
	// AuthConfigID is set by V3 payloads only.
	AuthConfigID string
	UserID       string
	// LogID finds the event in the project's trigger logs.
	LogID string
	// Timestamp is when the event was emitted, from the payload; zero when
	// the payload has none (V1).
	Timestamp time.Time
	// SentAt is the delivery's webhook-timestamp (zero for a realtime
	// event).
	SentAt time.Time
	// PayloadVersion is the format the delivery used.
	PayloadVersion WebhookVersion
	// Data is the event's content, such as the commit of a
	// GITHUB_COMMIT_EVENT; its schema is the trigger type's Payload. Read it
	// with Decode.
	Data json.RawMessage
	// Metadata is the V3 payload's metadata object, as sent (nil otherwise).
	Metadata json.RawMessage
	// Raw is the delivery's body, as received and verified (for a realtime
	// event, its data).
	Raw []byte
}

// Decode unmarshals the event's Data into v.
func (e *TriggerEvent) Decode(v any) error {
	if len(e.Data) == 0 {
		return errors.New("composio: trigger event has no data")
	}
	return json.Unmarshal(e.Data, v)
}

// IsTrigger reports whether the event is a trigger instance's event.
func (e *TriggerEvent) IsTrigger() bool { return e.Type == WebhookEventTriggerMessage }

// webhookFields is a payload's top level, each field kept raw so the
// version can be told by which fields are strings and objects.
type webhookFields map[string]json.RawMessage

// str reads a field that must be a JSON string: null, a number or an
// object is not one (as the official SDKs' schemas say).
func (f webhookFields) str(name string) (string, bool) {
	raw, ok := f[name]
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte(`"`)) {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

func (f webhookFields) strs(names ...string) bool {
	for _, n := range names {
		if _, ok := f.str(n); !ok {
			return false
		}
	}
	return true
}

func (f webhookFields) object(name string) (webhookFields, bool) {
	raw, ok := f[name]
	if !ok || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		return nil, false
	}
	var obj webhookFields
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// parseWebhookPayload detects the payload version, trying V3, then V2,
// then V1 (the order the official SDKs use), and normalizes it.
func parseWebhookPayload(body []byte) (*TriggerEvent, error) {
	var top webhookFields
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return nil, webhookErr(ErrWebhookUnknownPayload, "the body is not a JSON object")
	}
	ev := &TriggerEvent{Raw: body}
	if typ, _ := top.str("type"); top.strs("id", "timestamp") && strings.HasPrefix(typ, "composio.") {
		if meta, ok := top.object("metadata"); ok {
			if _, ok := top.object("data"); ok {
				normalizeV3(ev, top, meta)
				return ev, nil
			}
		}
	}
	if data, ok := top.object("data"); ok && top.strs("type", "timestamp", "log_id") &&
		data.strs("connection_id", "connection_nano_id", "trigger_nano_id", "trigger_id", "user_id") {
		normalizeV2(ev, top, data)
		return ev, nil
	}
	if _, ok := top.object("payload"); ok && top.strs("trigger_name", "connection_id", "trigger_id", "log_id") {
		ev.PayloadVersion = WebhookV1
		ev.Type = WebhookEventTriggerMessage
		ev.TriggerSlug, _ = top.str("trigger_name")
		ev.TriggerID, _ = top.str("trigger_id")
		ev.ConnectedAccountID, _ = top.str("connection_id")
		ev.LogID, _ = top.str("log_id")
		ev.Data = top["payload"]
		return ev, nil
	}
	return nil, webhookErr(ErrWebhookUnknownPayload, "it matches none of the V3, V2 and V1 formats")
}

func normalizeV3(ev *TriggerEvent, top, meta webhookFields) {
	ev.PayloadVersion = WebhookV3
	ev.ID, _ = top.str("id")
	typ, _ := top.str("type")
	ev.Type = WebhookEventType(typ)
	ev.Timestamp = parseEventTime(top)
	ev.Data = top["data"]
	ev.Metadata = top["metadata"]
	// Trigger events carry all six trigger fields; other events (an expired
	// connection) carry project metadata instead, and only set what they have.
	ev.TriggerSlug, _ = meta.str("trigger_slug")
	ev.TriggerID, _ = meta.str("trigger_id")
	ev.ConnectedAccountID, _ = meta.str("connected_account_id")
	ev.AuthConfigID, _ = meta.str("auth_config_id")
	ev.UserID, _ = meta.str("user_id")
	ev.LogID, _ = meta.str("log_id")
}

func normalizeV2(ev *TriggerEvent, top, data webhookFields) {
	ev.PayloadVersion = WebhookV2
	ev.Type = WebhookEventTriggerMessage
	typ, _ := top.str("type")
	ev.TriggerSlug = strings.ToUpper(typ)
	ev.Timestamp = parseEventTime(top)
	ev.LogID, _ = top.str("log_id")
	ev.TriggerID, _ = data.str("trigger_nano_id")
	ev.ConnectedAccountID, _ = data.str("connection_nano_id")
	ev.UserID, _ = data.str("user_id")
	// V2 mixes the routing ids into the event's own fields; Data keeps only
	// the event's, like the other versions.
	rest := make(webhookFields, len(data))
	for k, v := range data {
		switch k {
		case "connection_id", "connection_nano_id", "trigger_nano_id", "trigger_id", "user_id":
		default:
			rest[k] = v
		}
	}
	ev.Data, _ = json.Marshal(rest)
}

// parseEventTime reads the payload's timestamp in any form [Timestamp]
// reads, leniently: a form it does not know leaves it zero rather than
// rejecting an authentic event.
func parseEventTime(top webhookFields) time.Time {
	s, _ := top.str("timestamp")
	t, _ := parseTimestamp(s)
	return t
}
