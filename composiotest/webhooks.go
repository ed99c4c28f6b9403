package composiotest

import (
	"cmp"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// webhookState holds the project's webhook endpoints and its webhook
// subscription (the API allows one per project).
type webhookState struct {
	endpoints     map[string]*webhookEndpoint
	endpointOrder []*webhookEndpoint
	subs          map[string]*webhookSubscription
	subOrder      []*webhookSubscription
}

type webhookEndpoint struct {
	ID, Toolkit, ClientID, CreatedAt string
	Data                             map[string]string // nil until configured
}

type webhookSubscription struct {
	ID, URL, Version     string
	Events               []string
	Secret               string
	CreatedAt, UpdatedAt string
	seq                  uint64 // creation order, for list keys
}

func (s *webhookState) seed(*Fake) {
	s.endpoints = map[string]*webhookEndpoint{}
	s.subs = map[string]*webhookSubscription{}
}

type webhookEventType struct {
	Type, Description string
	Versions          []string
}

// webhookEventTypes are the events a subscription can receive, with the
// payload versions that carry them.
var webhookEventTypes = []webhookEventType{
	{"composio.trigger.message", "A trigger instance fired: the event of a connected app, such as a new commit or email.", []string{"V1", "V2", "V3"}},
	{"composio.connected_account.expired", "A connected account's credentials expired and could not be refreshed.", []string{"V3"}},
}

// webhook endpoints

// endpointWire is a webhook endpoint.
type endpointWire struct {
	ClientID    string            `json:"client_id"`
	CreatedAt   string            `json:"created_at"`
	Data        map[string]string `json:"data"` // null until configured; secrets masked
	ID          string            `json:"id"`
	ToolkitSlug string            `json:"toolkit_slug"`
	WebhookURL  string            `json:"webhook_url"`
}

// endpointItemWire is a webhook endpoint in the list.
type endpointItemWire struct {
	ClientID    string `json:"client_id"`
	ID          string `json:"id"`
	ToolkitSlug string `json:"toolkit_slug"`
}

// subscriptionWire is a webhook subscription.
type subscriptionWire struct {
	CreatedAt     string   `json:"created_at"`
	EnabledEvents []string `json:"enabled_events"`
	ID            string   `json:"id"`
	Secret        string   `json:"secret"`
	UpdatedAt     string   `json:"updated_at"`
	Version       string   `json:"version"`
	WebhookURL    string   `json:"webhook_url"`
}

// eventTypeWire is an event a subscription can receive.
type eventTypeWire struct {
	Description       string   `json:"description"`
	EventType         string   `json:"event_type"`
	SupportedVersions []string `json:"supported_versions"`
}

func endpointJSON(r *http.Request, e *webhookEndpoint) endpointWire {
	var data map[string]string
	if e.Data != nil {
		data = map[string]string{}
		for _, sf := range webhookSetupFields[e.Toolkit] {
			if v, ok := e.Data[sf.name]; ok {
				if sf.secret {
					v = maskSecret(v)
				}
				data[sf.name] = v
			}
		}
	}
	return endpointWire{
		ID: e.ID, ToolkitSlug: e.Toolkit, ClientID: e.ClientID,
		WebhookURL: origin(r) + "/api/v3/webhook_endpoints/" + e.ID + "/events",
		Data:       data, CreatedAt: e.CreatedAt,
	}
}

// maskSecret shows only the last four characters of a secret value.
func maskSecret(v string) string {
	if len(v) <= 8 {
		return "****"
	}
	return "****" + v[len(v)-4:]
}

func (f *Fake) listWebhookEndpoints(w http.ResponseWriter, r *http.Request) {
	toolkit := r.URL.Query().Get("toolkit_slug")
	items := []endpointItemWire{}
	for _, e := range f.webhooks().endpointOrder {
		if toolkit == "" || strings.EqualFold(toolkit, e.Toolkit) {
			items = append(items, endpointItemWire{ID: e.ID, ToolkitSlug: e.Toolkit, ClientID: e.ClientID})
		}
	}
	writeJSON(w, http.StatusOK, itemsWire[endpointItemWire]{items})
}

func (f *Fake) createWebhookEndpoint(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ToolkitSlug string `json:"toolkit_slug"`
		ClientID    string `json:"client_id"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "toolkit_slug", body.ToolkitSlug, "client_id", body.ClientID) {
		return
	}
	tk, ok := find(w, r, resToolkit, body.ToolkitSlug, f.toolkit)
	if !ok {
		return
	}
	if _, ok := webhookSetupFields[tk.Slug]; !ok {
		badRequest(w, r, "Toolkit "+tk.Slug+" does not use webhook endpoints: Composio registers its webhooks itself")
		return
	}
	s := f.webhooks()
	for _, e := range s.endpointOrder {
		if e.Toolkit == tk.Slug && e.ClientID == body.ClientID {
			writeJSON(w, http.StatusOK, endpointJSON(r, e))
			return
		}
	}
	e := &webhookEndpoint{ID: f.newID("we"), Toolkit: tk.Slug, ClientID: body.ClientID, CreatedAt: f.timestamp()}
	s.endpoints[e.ID] = e
	s.endpointOrder = append(s.endpointOrder, e)
	writeJSON(w, http.StatusCreated, endpointJSON(r, e))
}

func (f *Fake) webhookEndpoint(w http.ResponseWriter, r *http.Request) (*webhookEndpoint, bool) {
	return lookupPath(w, r, resWebhookEndpoint, f.webhooks().endpoints, "nano_id")
}

func (f *Fake) getWebhookEndpoint(w http.ResponseWriter, r *http.Request) {
	if e, ok := f.webhookEndpoint(w, r); ok {
		writeJSON(w, http.StatusOK, endpointJSON(r, e))
	}
}

// configureWebhookEndpoint serves POST (replace: every required setup field
// must be given) and PATCH (merge: fields left out keep their values).
func (f *Fake) configureWebhookEndpoint(replace bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Data map[string]string `json:"data"`
		}
		if !decodeBody(w, r, &body) {
			return
		}
		if body.Data == nil {
			badRequest(w, r, "data is required", "data: Required")
			return
		}
		e, ok := f.webhookEndpoint(w, r)
		if !ok {
			return
		}
		fields := webhookSetupFields[e.Toolkit]
		var problems []string
		for name := range body.Data {
			if !slices.ContainsFunc(fields, func(sf setupField) bool { return sf.name == name }) {
				problems = append(problems, name+": not a setup field of "+e.Toolkit)
			}
		}
		merged := map[string]string{}
		if !replace {
			for k, v := range e.Data {
				merged[k] = v
			}
		}
		for k, v := range body.Data {
			merged[k] = v
		}
		if replace {
			for _, sf := range fields {
				if sf.required && merged[sf.name] == "" {
					problems = append(problems, sf.name+": Required")
				}
			}
		}
		if len(problems) > 0 {
			slices.Sort(problems)
			badRequest(w, r, "Invalid setup fields for "+e.Toolkit, problems...)
			return
		}
		e.Data = merged
		writeJSON(w, http.StatusOK, endpointJSON(r, e))
	}
}

// webhook subscriptions

func subscriptionJSON(s *webhookSubscription) subscriptionWire {
	return subscriptionWire{
		ID: s.ID, WebhookURL: s.URL, Version: s.Version, EnabledEvents: s.Events,
		Secret: s.Secret, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
	}
}

// newWebhookSecret returns a fresh signing secret.
func (f *Fake) newWebhookSecret() string {
	return "whsec_" + f.newID("") + f.newID("") + f.newID("")
}

// checkSubscription validates a subscription's URL, events and version,
// answering 400 itself.
func checkSubscription(w http.ResponseWriter, r *http.Request, rawURL string, events []string, version string) bool {
	if version == "" {
		badRequest(w, r, "version must be one of V1, V2, V3", "version: Invalid enum value ''")
		return false
	}
	if !oneOf(w, r, "version", version, "V1", "V2", "V3") {
		return false
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && loopbackHost(u.Hostname()))) {
		badRequest(w, r, "webhook_url must be an https URL", "webhook_url: Invalid url (the fake also accepts http to loopback addresses)")
		return false
	}
	if len(events) == 0 {
		badRequest(w, r, "enabled_events must name at least one event type", "enabled_events: Array must contain at least 1 element(s)")
		return false
	}
	for _, ev := range events {
		i := slices.IndexFunc(webhookEventTypes, func(et webhookEventType) bool { return et.Type == ev })
		if i < 0 {
			badRequest(w, r, fmt.Sprintf("Unknown event type %q", ev), "List event types with GET /api/v3.1/webhook_subscriptions/event_types.")
			return false
		}
		if !slices.Contains(webhookEventTypes[i].Versions, version) {
			badRequest(w, r, fmt.Sprintf("Event type %s is not available in %s payloads", ev, version), "Use version "+strings.Join(webhookEventTypes[i].Versions, " or "))
			return false
		}
	}
	return true
}

func loopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (f *Fake) listWebhookSubscriptions(w http.ResponseWriter, r *http.Request) {
	after, size, ok := queryPage(w, r, maxResourcePage)
	if !ok {
		return
	}
	var items listing[subscriptionWire]
	for _, s := range f.webhooks().subOrder {
		items.add(seqKey(s.seq), subscriptionJSON(s))
	}
	writeJSON(w, http.StatusOK, pageOf(items, after, size))
}

func (f *Fake) createWebhookSubscription(w http.ResponseWriter, r *http.Request) {
	var body struct {
		WebhookURL    string   `json:"webhook_url"`
		EnabledEvents []string `json:"enabled_events"`
		Version       string   `json:"version"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "webhook_url", body.WebhookURL) {
		return
	}
	version := cmp.Or(body.Version, "V3")
	if !checkSubscription(w, r, body.WebhookURL, body.EnabledEvents, version) {
		return
	}
	st := f.webhooks()
	if len(st.subOrder) > 0 {
		writeError(w, r, http.StatusConflict, 1950, "This project already has a webhook subscription ("+st.subOrder[0].ID+")",
			"Update it with PATCH /api/v3.1/webhook_subscriptions/"+st.subOrder[0].ID+", or delete it first.")
		return
	}
	now := f.timestamp()
	s := &webhookSubscription{
		ID: f.newID("ws"), URL: body.WebhookURL, Version: version, Events: slices.Clone(body.EnabledEvents),
		Secret: f.newWebhookSecret(), CreatedAt: now, UpdatedAt: now, seq: nextSeq(),
	}
	st.subs[s.ID] = s
	st.subOrder = append(st.subOrder, s)
	writeJSON(w, http.StatusCreated, subscriptionJSON(s))
}

func (f *Fake) listWebhookEventTypes(w http.ResponseWriter, r *http.Request) {
	items := []eventTypeWire{}
	for _, et := range webhookEventTypes {
		items = append(items, eventTypeWire{EventType: et.Type, Description: et.Description, SupportedVersions: et.Versions})
	}
	writeJSON(w, http.StatusOK, itemsWire[eventTypeWire]{items})
}

func (f *Fake) webhookSubscription(w http.ResponseWriter, r *http.Request) (*webhookSubscription, bool) {
	return lookupPath(w, r, resSubscription, f.webhooks().subs, "id")
}

func (f *Fake) getWebhookSubscription(w http.ResponseWriter, r *http.Request) {
	if s, ok := f.webhookSubscription(w, r); ok {
		writeJSON(w, http.StatusOK, subscriptionJSON(s))
	}
}

func (f *Fake) updateWebhookSubscription(w http.ResponseWriter, r *http.Request) {
	var body struct {
		WebhookURL    *string   `json:"webhook_url"`
		EnabledEvents *[]string `json:"enabled_events"`
		Version       *string   `json:"version"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	s, ok := f.webhookSubscription(w, r)
	if !ok {
		return
	}
	next := *s
	if body.WebhookURL != nil {
		next.URL = *body.WebhookURL
	}
	if body.EnabledEvents != nil {
		next.Events = slices.Clone(*body.EnabledEvents)
	}
	if body.Version != nil {
		next.Version = *body.Version
	}
	if !checkSubscription(w, r, next.URL, next.Events, next.Version) {
		return
	}
	next.UpdatedAt = f.timestamp()
	*s = next
	writeJSON(w, http.StatusOK, subscriptionJSON(s))
}

func (f *Fake) deleteWebhookSubscription(w http.ResponseWriter, r *http.Request) {
	s, ok := f.webhookSubscription(w, r)
	if !ok {
		return
	}
	st := f.webhooks()
	delete(st.subs, s.ID)
	st.subOrder = slices.DeleteFunc(st.subOrder, func(x *webhookSubscription) bool { return x == s })
	writeJSON(w, http.StatusOK, map[string]bool{"success": true})
}

func (f *Fake) rotateWebhookSecret(w http.ResponseWriter, r *http.Request) {
	s, ok := f.webhookSubscription(w, r)
	if !ok {
		return
	}
	s.Secret = f.newWebhookSecret()
	s.UpdatedAt = f.timestamp()
	writeJSON(w, http.StatusOK, struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}{s.ID, s.Secret})
}
