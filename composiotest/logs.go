package composiotest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// logState holds tool execution logs, newest first. The fake seeds a few;
// executions run through other resources are not logged here.
type logState struct {
	logs []*fakeLog
}

// fakeLog is one tool execution log entry.
type fakeLog struct {
	ID, Type, Status, Level, Message string
	At                               time.Time
	ToolSlug, ToolkitSlug, UserID    string
	AccountID, AuthConfigID          string
	SessionID, RequestID             string
	DurationMS                       int64
	Parent                           *fakeLog
	Request, Response                map[string]any
}

func (s *logState) seed(f *Fake) {
	now := f.now().UTC().Truncate(time.Second)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	issue := &fakeLog{
		ID: "log_gh7Qm2xV9kLp", At: ago(3 * time.Hour), ToolSlug: "GITHUB_CREATE_AN_ISSUE", ToolkitSlug: "github",
		UserID: "user_123", AccountID: "ca_seedGithub01", AuthConfigID: "ac_seedGithub01", SessionID: "trs_seedSession1",
		Status: "success", DurationMS: 812,
		Request:  map[string]any{"owner": "acme", "repo": "website", "title": "Broken link on pricing page"},
		Response: map[string]any{"data": map[string]any{"number": 1347, "html_url": "https://github.com/acme/website/issues/1347"}, "successful": true},
	}
	s.logs = []*fakeLog{
		{ID: "log_sl4Tn8wB2cRd", At: ago(10 * time.Minute), ToolSlug: "SLACK_SEND_MESSAGE", ToolkitSlug: "slack",
			UserID: "user_123", AccountID: "ca_seedSlack0001", AuthConfigID: "ac_seedSlack0001", SessionID: "trs_seedSession1",
			Status: "success", DurationMS: 243, Parent: issue,
			Request:  map[string]any{"channel": "#eng", "text": "Filed acme/website#1347"},
			Response: map[string]any{"data": map[string]any{"ok": true, "ts": "1732526400.000100"}, "successful": true}},
		{ID: "log_gm2Kp5yH7jNs", At: ago(40 * time.Minute), ToolSlug: "GMAIL_SEND_EMAIL", ToolkitSlug: "gmail",
			UserID: "user_456", AccountID: "ca_seedGmail0001", AuthConfigID: "ac_seedGmail0001",
			Status: "failed", Level: "error", Message: "Recipient address rejected: invalid domain", DurationMS: 1290,
			Request:  map[string]any{"recipient_email": "bob@invalid", "subject": "Invoice", "body": "Attached."},
			Response: map[string]any{"data": map[string]any{}, "error": "Recipient address rejected: invalid domain", "successful": false}},
		{ID: "log_ec9Wb3zF6tQa", At: ago(2 * time.Hour), ToolSlug: "COMPOSIO_ECHO", ToolkitSlug: "composio",
			UserID: "user_456", Status: "success", DurationMS: 4,
			Request:  map[string]any{"message": "hello"},
			Response: map[string]any{"data": map[string]any{"echo": map[string]any{"message": "hello"}}, "successful": true}},
		issue,
		{ID: "log_hn6Yc1vM4gZe", At: ago(26 * time.Hour), ToolSlug: "HACKERNEWS_GET_TOP_STORIES", ToolkitSlug: "hackernews",
			UserID: "user_123", Status: "success", DurationMS: 377,
			Request:  map[string]any{"limit": 3},
			Response: map[string]any{"data": map[string]any{"ids": []int{42101234, 42101102, 42100987}}, "successful": true}},
	}
	for _, l := range s.logs {
		l.Type = "tool.execution"
		if l.Level == "" {
			l.Level = "info"
		}
		l.RequestID = "req_" + strings.ToLower(l.ID[4:])
	}
}

// recordToolLog keeps the log of an execution the fake ran, under the
// log_id the execution answered with, so Logs can fetch and list it.
func (f *Fake) recordToolLog(r *http.Request, t *fakeTool, userID string, account *connectedAccount, args map[string]any, out toolOutcome, start time.Time) {
	l := &fakeLog{
		ID: out.LogID, Type: "tool.execution", Status: "success", Level: "info", At: start.UTC(),
		ToolSlug: t.Slug, ToolkitSlug: t.ToolkitSlug, UserID: userID, RequestID: requestID(r),
		DurationMS: f.now().Sub(start).Milliseconds(), Request: args,
		Response: map[string]any{"data": out.Data, "successful": out.Successful},
	}
	if account != nil {
		l.AccountID, l.AuthConfigID = account.ID, account.AuthConfigID
		if l.UserID == "" {
			l.UserID = account.UserID
		}
	}
	if out.Error != nil {
		l.Status, l.Level, l.Message = "failed", "error", *out.Error
		l.Response["error"] = *out.Error
	}
	logs := f.logs()
	logs.logs = append(logs.logs, l)
}

// Filterable fields and operators of the logs list.
var (
	logFields    = []string{"tool_slug", "toolkit_slug", "connected_account_id", "auth_config_id", "status", "user_id", "session_id", "sandbox_id", "request_id", "log_id"}
	logOperators = []string{"==", "!=", "contains", "not_contains"}
)

func (l *fakeLog) field(name string) string {
	switch name {
	case "tool_slug":
		return l.ToolSlug
	case "toolkit_slug":
		return l.ToolkitSlug
	case "connected_account_id":
		return l.AccountID
	case "auth_config_id":
		return l.AuthConfigID
	case "status":
		return l.Status
	case "user_id":
		return l.UserID
	case "session_id":
		return l.SessionID
	case "request_id":
		return l.RequestID
	case "log_id":
		return l.ID
	}
	return ""
}

type logFilter struct {
	Field    string `json:"field"`
	Operator string `json:"operator"`
	Value    string `json:"value"`
}

func (flt logFilter) match(l *fakeLog) bool {
	v := l.field(flt.Field)
	switch flt.Operator {
	case "==":
		return v == flt.Value
	case "!=":
		return v != flt.Value
	case "contains":
		return strings.Contains(strings.ToLower(v), strings.ToLower(flt.Value))
	default: // not_contains
		return !strings.Contains(strings.ToLower(v), strings.ToLower(flt.Value))
	}
}

func (f *Fake) listLogs(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Limit     *int        `json:"limit"`
		Cursor    *string     `json:"cursor"`
		Filters   []logFilter `json:"filters"`
		TimeRange *struct {
			From *int64 `json:"from"`
			To   *int64 `json:"to"`
		} `json:"time_range"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	for _, flt := range body.Filters {
		if !oneOf(w, r, "filters.field", flt.Field, logFields...) || !oneOf(w, r, "filters.operator", flt.Operator, logOperators...) {
			return
		}
		if flt.Field == "" || flt.Operator == "" {
			badRequest(w, r, "each filter needs a field, an operator and a value", "filters: Required")
			return
		}
	}
	if tr := body.TimeRange; tr != nil && (tr.From == nil || tr.To == nil) {
		badRequest(w, r, "time_range needs both from and to (epoch milliseconds)", "time_range: Required")
		return
	}
	limit, cursor := "", ""
	if body.Limit != nil {
		limit = itoa(*body.Limit)
	}
	if body.Cursor != nil {
		cursor = *body.Cursor
	}
	after, size, ok := readPage(w, r, limit, cursor, maxToolsPage)
	if !ok {
		return
	}
	var items listing[logWire]
	for i, l := range f.logs().logs { // logs are only appended: positions never shift
		if tr := body.TimeRange; tr != nil && (l.At.UnixMilli() < *tr.From || l.At.UnixMilli() >= *tr.To) {
			continue
		}
		if slices.ContainsFunc(body.Filters, func(flt logFilter) bool { return !flt.match(l) }) {
			continue
		}
		items.add(posKey(i), l.summary())
	}
	p := pageOf(items, after, size)
	writeJSON(w, http.StatusOK, struct {
		Logs       []logWire `json:"logs"`
		NextCursor *string   `json:"next_cursor"`
	}{p.Items, p.NextCursor})
}

// logWire is a tool execution log: its summary in lists, with the detail
// fields (context, data, source, timings) in GET.
type logWire struct {
	Context   *logContextWire `json:"context,omitempty"`
	Data      *logDataWire    `json:"data,omitempty"`
	ID        string          `json:"id"`
	Level     string          `json:"level"`
	Message   string          `json:"message,omitempty"`
	Metadata  logMetadataWire `json:"metadata"`
	Metrics   logMetricsWire  `json:"metrics"`
	Parent    *logParentWire  `json:"parent"`
	Source    *logSourceWire  `json:"source,omitempty"`
	Status    string          `json:"status"`
	Timestamp string          `json:"timestamp"`
	Timings   *logTimingsWire `json:"timings,omitempty"`
	Type      string          `json:"type"`
}

type logMetadataWire struct {
	AuthConfigID       *string `json:"auth_config_id"`
	ConnectedAccountID *string `json:"connected_account_id"`
	ToolSlug           string  `json:"tool_slug"`
	ToolkitSlug        string  `json:"toolkit_slug"`
	UserID             string  `json:"user_id"`
}

type logMetricsWire struct {
	DurationMS int64 `json:"duration_ms"`
}

type logParentWire struct {
	LogID    string `json:"log_id"`
	ToolSlug string `json:"tool_slug"`
}

type logContextWire struct {
	RequestID string `json:"request_id"`
	SessionID string `json:"session_id,omitempty"`
	TraceID   string `json:"trace_id"`
}

// logDataWire is what the execution received and answered, free-form.
type logDataWire struct {
	Request  map[string]any `json:"request"`
	Response map[string]any `json:"response"`
}

type logSourceWire struct {
	Framework string `json:"framework"`
	Host      string `json:"host"`
	Language  string `json:"language"`
}

type logTimingsWire struct {
	EndTime   int64 `json:"end_time"`
	StartTime int64 `json:"start_time"`
}

func (l *fakeLog) summary() logWire {
	out := logWire{
		ID: l.ID, Timestamp: l.At.Format(time.RFC3339Nano), Type: l.Type, Status: l.Status, Level: l.Level,
		Metadata: logMetadataWire{
			ToolSlug: l.ToolSlug, ToolkitSlug: l.ToolkitSlug, UserID: l.UserID,
			ConnectedAccountID: strOrNil(l.AccountID), AuthConfigID: strOrNil(l.AuthConfigID),
		},
		Metrics: logMetricsWire{DurationMS: l.DurationMS},
		Message: l.Message,
	}
	if l.Parent != nil {
		out.Parent = &logParentWire{LogID: l.Parent.ID, ToolSlug: l.Parent.ToolSlug}
	}
	return out
}

func (f *Fake) getLog(w http.ResponseWriter, r *http.Request) {
	l, ok := find(w, r, resLog, r.PathValue("id"), f.logByID)
	if !ok {
		return
	}
	out := l.summary()
	start := l.At.UnixMilli() - l.DurationMS
	out.Timings = &logTimingsWire{StartTime: start, EndTime: l.At.UnixMilli()}
	out.Context = &logContextWire{RequestID: l.RequestID, TraceID: "tr_" + l.ID[4:], SessionID: l.SessionID}
	out.Source = &logSourceWire{Host: "api", Framework: "composio-go", Language: "go"}
	out.Data = &logDataWire{Request: l.Request, Response: l.Response}
	writeJSON(w, http.StatusOK, out)
}

// logByID finds a log entry by its id.
func (f *Fake) logByID(id string) (*fakeLog, bool) {
	i := slices.IndexFunc(f.logs().logs, func(l *fakeLog) bool { return l.ID == id })
	if i < 0 {
		return nil, false
	}
	return f.logs().logs[i], true
}
