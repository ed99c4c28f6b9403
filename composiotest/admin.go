package composiotest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// The admin API: the fake's own endpoints, beside the Composio API, so that
// a test in any language can do over HTTP what a Go test does with the
// Fake's methods. They live under /fake/ (no Composio operation does), take
// the fake's project key (x-api-key), answer JSON and errors in the API's
// envelope, and are neither recorded in the request log nor hit by faults.
//
//	POST   /fake/faults            add a fault (Fault, as JSON)
//	GET    /fake/faults            list the pending faults
//	DELETE /fake/faults            remove every fault and the latency
//	DELETE /fake/faults/{id}       remove one fault
//	GET    /fake/requests          the request log (?method=&path= filter it)
//	DELETE /fake/requests          empty the request log
//	POST   /fake/users             give a user ACTIVE accounts of toolkits
//	POST   /fake/connected_accounts seed one account (ConnectedAccountSeed)
//	POST   /fake/auth_configs      seed a toolkit's auth config
//	POST   /fake/triggers/fire     fire a trigger (FireTrigger)
//	POST   /fake/reset             back to a fresh fake (Reset)
//
// cmd/composio-fake documents the JSON of each in its --help.

// adminRoutes are the admin endpoints' path prefixes.
var adminRoutes = []string{"/fake/faults", "/fake/requests", "/fake/users", "/fake/connected_accounts", "/fake/auth_configs", "/fake/triggers/fire", "/fake/reset"}

// adminPath reports whether p is one of the admin endpoints, which the
// request log leaves out and faults never hit.
func adminPath(p string) bool {
	for _, prefix := range adminRoutes {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// adminClearFaults answers DELETE /fake/faults.
func (f *Fake) adminClearFaults(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]int{"removed": f.ClearFaults()})
}

// adminRemoveFault answers DELETE /fake/faults/{id}.
func (f *Fake) adminRemoveFault(w http.ResponseWriter, r *http.Request) {
	if !f.RemoveFault(r.PathValue("id")) {
		writeError(w, r, http.StatusNotFound, 404, "No pending fault "+r.PathValue("id"), "List the faults with GET /fake/faults.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"removed": 1})
}

// adminClearRequests answers DELETE /fake/requests.
func (f *Fake) adminClearRequests(w http.ResponseWriter, r *http.Request) {
	f.ResetRequests()
	writeJSON(w, http.StatusOK, map[string]bool{"cleared": true})
}

// adminReset answers POST /fake/reset.
func (f *Fake) adminReset(w http.ResponseWriter, r *http.Request) {
	f.Reset()
	writeJSON(w, http.StatusOK, map[string]bool{"reset": true})
}

// Reset returns the fake to its state when new: the seeded catalog and
// projects, and nothing a test made (connected accounts, auth configs,
// triggers, subscriptions, files, sessions, MCP servers), no faults, no
// latency, an empty request log. The keys stay. A request in flight ends
// against the new state.
func (f *Fake) Reset() {
	f.mu.Lock()
	f.state = state{}
	f.mu.Unlock()
	f.ClearFaults()
	f.ResetRequests()
}

// decodeAdmin reads a JSON body into v, refusing unknown fields (a
// misspelled field would otherwise be a fault that does nothing).
func decodeAdmin(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(data) > maxBody {
		badRequest(w, r, "could not read the request body (at most 10 MiB)")
		return false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			badRequest(w, r, fmt.Sprintf("invalid type for field %q: expected %s", typeErr.Field, typeErr.Type), err.Error())
			return false
		}
		badRequest(w, r, "request body is not valid JSON for this endpoint: "+strings.TrimPrefix(err.Error(), "json: "), err.Error())
		return false
	}
	return true
}

// faultJSON is a Fault on the wire: durations in milliseconds, and a
// declarative predicate (query, body_contains) in place of Match.
type faultJSON struct {
	Method       string            `json:"method,omitempty"`
	Path         string            `json:"path,omitempty"`
	Query        map[string]string `json:"query,omitempty"`
	BodyContains string            `json:"body_contains,omitempty"`
	Times        int               `json:"times,omitempty"`
	ForMs        int64             `json:"for_ms,omitempty"`
	LatencyMs    int64             `json:"latency_ms,omitempty"`
	Drop         Drop              `json:"drop,omitempty"`
	Status       int               `json:"status,omitempty"`
	Code         int               `json:"code,omitempty"`
	Message      string            `json:"message,omitempty"`
	SuggestedFix string            `json:"suggested_fix,omitempty"`
	RetryAfter   string            `json:"retry_after,omitempty"`
	RetryAfterMs int               `json:"retry_after_ms,omitempty"`
	Headers      map[string]string `json:"headers,omitempty"`
	StallBodyMs  int64             `json:"stall_body_ms,omitempty"`
	TruncateBody bool              `json:"truncate_body,omitempty"`
}

// jsonFieldName names a Fault field as faultJSON spells it.
func jsonFieldName(name string) string {
	if j, ok := map[string]string{
		"For": "for_ms", "Latency": "latency_ms", "StallBody": "stall_body_ms", "Header": "headers",
		"RetryAfterMs": "retry_after_ms", "RetryAfter": "retry_after", "TruncateBody": "truncate_body", "SuggestedFix": "suggested_fix",
	}[name]; ok {
		return j
	}
	return strings.ToLower(name)
}

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// fault turns the wire form into a Fault.
func (j faultJSON) fault() (Fault, error) {
	ft := Fault{
		Method: j.Method, Path: j.Path, Times: j.Times, For: ms(j.ForMs), Latency: ms(j.LatencyMs), Drop: j.Drop,
		Status: j.Status, Code: j.Code, Message: j.Message, SuggestedFix: j.SuggestedFix,
		RetryAfter: j.RetryAfter, RetryAfterMs: j.RetryAfterMs, StallBody: ms(j.StallBodyMs), TruncateBody: j.TruncateBody,
	}
	if len(j.Headers) > 0 {
		ft.Header = http.Header{}
		for k, v := range j.Headers {
			ft.Header.Set(k, v)
		}
	}
	if j.BodyContains != "" && j.Drop == DropBeforeBody {
		return ft, errors.New("body_contains needs the body, which drop before_body does not read")
	}
	if len(j.Query) > 0 || j.BodyContains != "" {
		query, contains := j.Query, j.BodyContains
		ft.Match = func(r *http.Request) bool {
			q := r.URL.Query()
			for k, v := range query {
				if q.Get(k) != v {
					return false
				}
			}
			if contains == "" {
				return true
			}
			body, err := io.ReadAll(r.Body)
			return err == nil && bytes.Contains(body, []byte(contains))
		}
	}
	return ft, nil
}

// faultStateJSON is a FaultState on the wire.
type faultStateJSON struct {
	ID string `json:"id"`
	faultJSON
	Hits  int        `json:"hits"`
	Left  int        `json:"left"` // -1: any number
	Until *time.Time `json:"until"`
}

func faultStateOf(s FaultState, wire map[string]faultJSON) faultStateJSON {
	j, ok := wire[s.ID]
	if !ok { // added from Go: render what has a wire form
		j = faultJSON{Method: s.Method, Path: s.Path, Times: s.Times, ForMs: s.For.Milliseconds(), LatencyMs: s.Latency.Milliseconds(),
			Drop: s.Drop, Status: s.Status, Code: s.Code, Message: s.Message, SuggestedFix: s.SuggestedFix,
			RetryAfter: s.RetryAfter, RetryAfterMs: s.RetryAfterMs, StallBodyMs: s.StallBody.Milliseconds(), TruncateBody: s.TruncateBody}
		for k := range s.Header {
			if j.Headers == nil {
				j.Headers = map[string]string{}
			}
			j.Headers[k] = s.Header.Get(k)
		}
	}
	out := faultStateJSON{ID: s.ID, faultJSON: j, Hits: s.Hits, Left: s.Left}
	if !s.Until.IsZero() {
		out.Until = &s.Until
	}
	return out
}

func (f *Fake) adminAddFault(w http.ResponseWriter, r *http.Request) {
	var j faultJSON
	if !decodeAdmin(w, r, &j) {
		return
	}
	ft, err := j.fault()
	if err == nil {
		var id string
		if id, err = f.addFault(ft, jsonFieldName); err == nil {
			f.faults.mu.Lock()
			if f.faults.wire == nil {
				f.faults.wire = map[string]faultJSON{}
			}
			f.faults.wire[id] = j
			f.faults.mu.Unlock()
			for _, s := range f.Faults() {
				if s.ID == id {
					writeJSON(w, http.StatusCreated, faultStateOf(s, map[string]faultJSON{id: j}))
					return
				}
			}
			writeJSON(w, http.StatusCreated, map[string]string{"id": id})
			return
		}
	}
	badRequest(w, r, err.Error())
}

func (f *Fake) adminListFaults(w http.ResponseWriter, r *http.Request) {
	states := f.Faults()
	f.faults.mu.Lock()
	wire := make(map[string]faultJSON, len(f.faults.wire))
	for k, v := range f.faults.wire {
		wire[k] = v
	}
	f.faults.mu.Unlock()
	out := make([]faultStateJSON, 0, len(states))
	for _, s := range states {
		out = append(out, faultStateOf(s, wire))
	}
	writeJSON(w, http.StatusOK, struct {
		Faults []faultStateJSON `json:"faults"`
	}{out})
}

// requestJSON is a RecordedRequest on the wire: no body is null, a body
// that is not UTF-8 text comes as body_base64.
type requestJSON struct {
	Method     string              `json:"method"`
	Path       string              `json:"path"`
	Query      string              `json:"query"`
	Headers    map[string][]string `json:"headers"`
	Body       *string             `json:"body"`
	BodyBase64 string              `json:"body_base64,omitempty"`
	At         time.Time           `json:"at"`
	Truncated  bool                `json:"truncated"`
}

func (f *Fake) adminRequests(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	method := strings.ToUpper(q.Get("method"))
	segs, err := pathPattern(q.Get("path"))
	if err != nil {
		badRequest(w, r, "path "+err.Error())
		return
	}
	out := []requestJSON{}
	for _, rec := range f.Requests() {
		if (method != "" && rec.Method != method) || !matchesPath(segs, rec.Path) {
			continue
		}
		j := requestJSON{Method: rec.Method, Path: rec.Path, Query: rec.Query, Headers: rec.Header, At: rec.At, Truncated: rec.Truncated}
		switch {
		case len(rec.Body) == 0:
		case utf8.Valid(rec.Body):
			s := string(rec.Body)
			j.Body = &s
		default:
			j.BodyBase64 = base64.StdEncoding.EncodeToString(rec.Body)
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, struct {
		Requests []requestJSON `json:"requests"`
	}{out})
}

func (f *Fake) adminSeedUser(w http.ResponseWriter, r *http.Request) {
	var body struct {
		UserID   string   `json:"user_id"`
		Toolkits []string `json:"toolkits"`
	}
	if !decodeAdmin(w, r, &body) || !requireFields(w, r, "user_id", body.UserID) {
		return
	}
	if len(body.Toolkits) == 0 {
		badRequest(w, r, "toolkits must list at least one toolkit slug", "toolkits: Required")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, slug := range body.Toolkits {
		if _, ok := f.toolkit(slug); !ok {
			badRequest(w, r, fmt.Sprintf("toolkits[%d]: no toolkit %q in the fake's catalog", i, slug))
			return
		}
	}
	accounts := []seededAccountWire{}
	for _, slug := range body.Toolkits {
		id, err := f.seedConnectedAccount(ConnectedAccountSeed{UserID: body.UserID, ToolkitSlug: slug})
		if err != nil {
			badRequest(w, r, err.Error())
			return
		}
		a := f.accounts().byID[id]
		accounts = append(accounts, seededAccountWire{ID: id, Toolkit: a.ToolkitSlug, AuthConfigID: a.AuthConfigID, Status: a.Status})
	}
	writeJSON(w, http.StatusCreated, struct {
		ConnectedAccounts []seededAccountWire `json:"connected_accounts"`
		UserID            string              `json:"user_id"`
	}{accounts, body.UserID})
}

// seededAccountWire is an account the admin API seeded; UserID is set
// when it answers one account alone.
type seededAccountWire struct {
	AuthConfigID string `json:"auth_config_id"`
	ID           string `json:"id"`
	Status       string `json:"status"`
	Toolkit      string `json:"toolkit"`
	UserID       string `json:"user_id,omitempty"`
}

func (f *Fake) adminSeedAccount(w http.ResponseWriter, r *http.Request) {
	var body struct {
		UserID       string         `json:"user_id"`
		Toolkit      string         `json:"toolkit"`
		AuthConfigID string         `json:"auth_config_id"`
		Status       string         `json:"status"`
		Alias        string         `json:"alias"`
		Credentials  map[string]any `json:"credentials"`
	}
	if !decodeAdmin(w, r, &body) {
		return
	}
	if body.Toolkit == "" && body.AuthConfigID == "" {
		badRequest(w, r, "toolkit or auth_config_id is required", "toolkit: Required")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id, err := f.seedConnectedAccount(ConnectedAccountSeed{UserID: body.UserID, ToolkitSlug: body.Toolkit, AuthConfigID: body.AuthConfigID,
		Status: body.Status, Alias: body.Alias, Credentials: body.Credentials})
	if err != nil {
		badRequest(w, r, err.Error())
		return
	}
	a := f.accounts().byID[id]
	writeJSON(w, http.StatusCreated, seededAccountWire{ID: id, UserID: a.UserID, Toolkit: a.ToolkitSlug, AuthConfigID: a.AuthConfigID, Status: a.Status})
}

func (f *Fake) adminSeedAuthConfig(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Toolkit string `json:"toolkit"`
	}
	if !decodeAdmin(w, r, &body) || !requireFields(w, r, "toolkit", body.Toolkit) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.seedAuthConfigErr(body.Toolkit)
	if err != nil {
		badRequest(w, r, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, struct {
		AuthScheme        string `json:"auth_scheme"`
		ID                string `json:"id"`
		IsComposioManaged bool   `json:"is_composio_managed"`
		Toolkit           string `json:"toolkit"`
	}{c.AuthScheme, c.ID, c.Managed, c.ToolkitSlug})
}
