package composiotest

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// The implementations of the catalog's tools that do more than one line,
// and argument validation.

func runCalculate(c toolCall) (map[string]any, string) {
	a, _ := argNumber(c.Args["a"])
	b, _ := argNumber(c.Args["b"])
	var r float64
	switch c.Args["operation"] {
	case "add":
		r = a + b
	case "subtract":
		r = a - b
	case "multiply":
		r = a * b
	case "divide":
		if b == 0 {
			return map[string]any{}, "Division by zero"
		}
		r = a / b
	}
	return map[string]any{"result": r}, ""
}

// maxToolSleep bounds COMPOSIO_SLEEP so a test cannot hang the fake.
const maxToolSleep = 10 * time.Second

// runSleep waits without holding the fake's lock, and stops early when the
// client goes away.
func runSleep(c toolCall) (map[string]any, string) {
	ms, _ := argNumber(c.Args["milliseconds"])
	d := min(time.Duration(ms)*time.Millisecond, maxToolSleep)
	start := time.Now()
	cancelled := false
	c.f.unlocked(func() {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-c.Ctx.Done():
			cancelled = true
		}
	})
	if cancelled {
		return nil, "cancelled: the client went away"
	}
	return map[string]any{"slept_ms": time.Since(start).Milliseconds()}, ""
}

func runCreateIssue(c toolCall) (map[string]any, string) {
	s := c.f.tools()
	repo := fmt.Sprintf("%v/%v", c.Args["owner"], c.Args["repo"])
	s.serial++
	issue := map[string]any{
		"number": s.serial, "title": c.Args["title"], "body": c.Args["body"], "state": "open",
		"html_url":   fmt.Sprintf("https://github.com/%s/issues/%d", repo, s.serial),
		"labels":     orEmptyList(c.Args["labels"]),
		"user":       map[string]any{"login": "octo-" + c.Account.UserID},
		"created_at": c.f.timestamp(),
	}
	s.issues[repo] = append(s.issues[repo], issue)
	return issue, ""
}

func runListIssues(c toolCall) (map[string]any, string) {
	s := c.f.tools()
	repo := fmt.Sprintf("%v/%v", c.Args["owner"], c.Args["repo"])
	state, _ := c.Args["state"].(string)
	perPage := 30
	if n, ok := argNumber(c.Args["per_page"]); ok {
		perPage = int(n)
	}
	list := []any{}
	all := s.issues[repo]
	for i := len(all) - 1; i >= 0 && len(list) < perPage; i-- {
		if state == "" || state == "all" || all[i]["state"] == state {
			list = append(list, all[i])
		}
	}
	return map[string]any{"issues": list}, ""
}

func runSendEmail(c toolCall) (map[string]any, string) {
	s := c.f.tools()
	s.serial++
	msg := map[string]any{
		"id": fmt.Sprintf("18c%013x", s.serial), "threadId": fmt.Sprintf("18c%013x", s.serial), "labelIds": []any{"SENT"},
		"to": c.Args["recipient_email"], "subject": c.Args["subject"], "body": c.Args["body"],
	}
	s.emails = append(s.emails, msg)
	return map[string]any{"id": msg["id"], "threadId": msg["threadId"], "labelIds": msg["labelIds"]}, ""
}

func runFetchEmails(c toolCall) (map[string]any, string) {
	s := c.f.tools()
	q, _ := c.Args["query"].(string)
	limit := 10
	if n, ok := argNumber(c.Args["max_results"]); ok {
		limit = int(n)
	}
	list := []any{}
	for i := len(s.emails) - 1; i >= 0 && len(list) < limit; i-- {
		m := s.emails[i]
		text := strings.ToLower(fmt.Sprint(m["subject"], " ", m["body"]))
		if q == "" || strings.Contains(text, strings.ToLower(q)) {
			list = append(list, m)
		}
	}
	return map[string]any{"messages": list, "resultSizeEstimate": len(list)}, ""
}

func runTopStories(c toolCall) (map[string]any, string) {
	limit := 5
	if n, ok := argNumber(c.Args["limit"]); ok {
		limit = int(n)
	}
	stories := []any{}
	for i := 1; i <= limit; i++ {
		stories = append(stories, hnStory(i))
	}
	return map[string]any{"stories": stories}, ""
}

// validateArgs checks args against a tool's input schema (required fields,
// top-level types, enums, bounds) the way the API reports it: as a failed
// execution, not an HTTP error.
func validateArgs(schema, args map[string]any) string {
	props, _ := schema["properties"].(map[string]any)
	var missing []string
	for _, r := range anyList(schema["required"]) {
		if name, _ := r.(string); name != "" {
			if v, ok := args[name]; !ok || v == nil {
				missing = append(missing, name)
			}
		}
	}
	if len(missing) > 0 {
		return "Invalid request data provided: missing required fields: " + strings.Join(missing, ", ")
	}
	names := make([]string, 0, len(args))
	for k := range args {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		p, ok := props[name].(map[string]any)
		if !ok || args[name] == nil {
			continue
		}
		if msg := checkArgValue(name, p, args[name]); msg != "" {
			return "Invalid request data provided: " + msg
		}
	}
	return ""
}

func checkArgValue(name string, p map[string]any, v any) string {
	typ, _ := p["type"].(string)
	ok := true
	switch typ {
	case "string":
		_, ok = v.(string)
	case "number":
		_, ok = argNumber(v)
	case "integer":
		n, isNum := argNumber(v)
		ok = isNum && n == math.Trunc(n)
	case "boolean":
		_, ok = v.(bool)
	case "array":
		_, ok = v.([]any)
	case "object":
		_, ok = v.(map[string]any)
	}
	if !ok {
		return fmt.Sprintf("%s: expected %s, got %s", name, typ, toJSONText(v))
	}
	if enum := anyList(p["enum"]); len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return toJSONText(e) == toJSONText(v) }) {
		return fmt.Sprintf("%s: must be one of %s, got %s", name, toJSONText(enum), toJSONText(v))
	}
	if n, isNum := argNumber(v); isNum && (typ == "number" || typ == "integer") {
		if lo, ok := argNumber(p["minimum"]); ok && n < lo {
			return fmt.Sprintf("%s: must be at least %v", name, lo)
		}
		if hi, ok := argNumber(p["maximum"]); ok && n > hi {
			return fmt.Sprintf("%s: must be at most %v", name, hi)
		}
	}
	return ""
}

// argNumber reads a JSON number as decoded by encoding/json (or written in Go).
func argNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

func anyList(v any) []any {
	switch l := v.(type) {
	case []any:
		return l
	case []string:
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	}
	return nil
}

func orEmptyList(v any) any {
	if v == nil {
		return []any{}
	}
	return v
}

func toJSONText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
