package composio

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// Timestamp is a date and time the API answered. It embeds [time.Time], so
// Before, After, Format, Unix and the rest work on it directly (pass
// another Timestamp's .Time where they take a time.Time), and it keeps the
// text the server sent in Raw.
//
// The API documents its timestamps as ISO 8601 or just "date and time", and
// its servers write more than the RFC 3339 subset: Timestamp decodes
// extended and basic ISO 8601 (2026-01-02T03:04:05.123Z, 20260102T030405Z),
// a space or a lower-case t between date and time, a comma before the
// fraction, offsets written +00:00, +0000 or +00, a UTC or GMT suffix, a
// bare date (midnight), the HTTP and JavaScript date forms
// (Sat, 02 Jan 2026 03:04:05 GMT; Fri Jan 02 2026 03:04:05 GMT+0000
// (Coordinated Universal Time)), and JSON numbers as Unix time (seconds,
// or milliseconds, microseconds or nanoseconds by magnitude).
//
// A value without a zone (2026-01-02T03:04:05) is read as UTC, the zone
// the API writes in. A zero offset and Z decode to [time.UTC], other
// offsets to a fixed zone, whatever the machine's local zone.
//
// A value no form matches never fails the call (nor the page it is on):
// Time stays zero and Raw holds the value, so [Timestamp.Unparsed] is
// true. JSON null and "" leave the Timestamp zero.
type Timestamp struct {
	time.Time
	// Raw is the value as the server sent it: a string's text without its
	// quotes, or the JSON of any other value. Empty for null, for a value
	// that was absent, and for a Timestamp built from a time.Time.
	Raw string
}

// NewTimestamp returns t as a Timestamp (with no Raw text).
func NewTimestamp(t time.Time) Timestamp { return Timestamp{Time: t} }

// IsZero reports whether the Timestamp holds nothing: no time and no raw
// text, as for a field that was absent or null. A value that could not be
// parsed is not zero (see Unparsed); omitzero fields obey IsZero.
func (t Timestamp) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// Unparsed reports whether the server sent a value that no supported form
// matched: Time is zero and Raw holds the value.
func (t Timestamp) Unparsed() bool { return t.Time.IsZero() && t.Raw != "" }

// String returns the time as [time.Time.String] does, or Raw when the value
// could not be parsed.
func (t Timestamp) String() string {
	if t.Unparsed() {
		return t.Raw
	}
	return t.Time.String()
}

// UnmarshalJSON decodes any of the forms Timestamp documents. It fails
// only on malformed JSON; a value it cannot read as a time is kept in Raw.
func (t *Timestamp) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		*t = Timestamp{}
		return nil
	}
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' && bytes.IndexByte(data, '\\') < 0 {
		return t.UnmarshalText(data[1 : len(data)-1])
	}
	if !json.Valid(data) {
		var v any
		return json.Unmarshal(data, &v) // the decoder's own syntax error
	}
	switch c := data[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		return t.UnmarshalText([]byte(s))
	case c == '-' || isDigit(c):
		*t = Timestamp{Time: unixByMagnitude(string(data)), Raw: string(data)}
	default:
		*t = Timestamp{Raw: string(data)}
	}
	return nil
}

// UnmarshalText decodes text as UnmarshalJSON decodes a JSON string: it
// never fails, keeping text that is no time in Raw.
func (t *Timestamp) UnmarshalText(text []byte) error {
	s := string(text)
	*t = Timestamp{Raw: s}
	if parsed, ok := parseTimestamp(s); ok {
		t.Time = parsed
	}
	return nil
}

// MarshalJSON writes the time in RFC 3339 with the fraction it has, Raw
// when the value could not be parsed, and null when the Timestamp is zero.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	switch {
	case !t.Time.IsZero():
		return t.Time.MarshalJSON()
	case t.Raw != "":
		raw := []byte(t.Raw)
		if json.Valid(raw) && raw[0] != '"' {
			return raw, nil // a number or other JSON value, as it came
		}
		return json.Marshal(t.Raw)
	}
	return []byte("null"), nil
}

// MarshalText writes the time in RFC 3339 with the fraction it has, Raw
// when the value could not be parsed, and nothing when it is zero.
func (t Timestamp) MarshalText() ([]byte, error) {
	switch {
	case !t.Time.IsZero():
		return t.Time.MarshalText()
	case t.Raw != "":
		return []byte(t.Raw), nil
	}
	return []byte{}, nil
}

// unixByMagnitude reads a JSON number as a Unix time in seconds,
// milliseconds, microseconds or nanoseconds, told apart by size (the
// seconds of year 5138 are fewer than the milliseconds of 1973). Decimal
// numbers are read exactly; those with an exponent, through float64. Zero
// and numbers out of range give the zero time.
func unixByMagnitude(num string) time.Time {
	neg := strings.HasPrefix(num, "-")
	intPart, frac, _ := strings.Cut(strings.TrimPrefix(num, "-"), ".")
	whole, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || strings.ContainsAny(num, "eE") {
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsInf(f, 0) || math.Abs(f) >= 9e18 {
			return time.Time{}
		}
		neg, whole, frac = f < 0, int64(math.Abs(f)), ""
	}
	// digitsPerSecond is how many of the number's digits fall below one
	// second: 0 for seconds, 3 for milliseconds, and so on.
	digitsPerSecond := 0
	switch {
	case whole < 1e11:
	case whole < 1e14:
		digitsPerSecond = 3
	case whole < 1e17:
		digitsPerSecond = 6
	default:
		digitsPerSecond = 9
	}
	var scale int64 = 1
	for range digitsPerSecond {
		scale *= 10
	}
	sec, nanos := whole/scale, (whole%scale)*(1e9/scale)
	// The fraction's digits continue below the unit.
	unit := 1e9 / scale
	for _, c := range []byte(frac) {
		if !isDigit(c) {
			return time.Time{}
		}
		unit /= 10
		nanos += int64(c-'0') * unit
	}
	if neg {
		sec, nanos = -sec, -nanos
	}
	if sec == 0 && nanos == 0 {
		return time.Time{}
	}
	return time.Unix(sec, nanos).UTC()
}

// otherLayouts are the non-ISO forms servers write, tried after ISO 8601.
var otherLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC, time.UnixDate, time.RubyDate,
	"Mon Jan 02 2006 15:04:05 GMT-0700", // JavaScript's Date.prototype.toString
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
}

// parseTimestamp reads s as ISO 8601, then as one of otherLayouts.
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := parseISO8601(s); ok {
		return t, true
	}
	// JavaScript appends the zone's name in parentheses.
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[:i])
	}
	for _, layout := range otherLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		// A zone abbreviation other than GMT or UTC would be read by the
		// machine's own zone rules, or as UTC when it has none: refuse it
		// rather than guess.
		if name, _ := t.Zone(); strings.Contains(layout, "MST") && name != "GMT" && name != "UTC" {
			return time.Time{}, false
		}
		return normalizeZone(t), true
	}
	return time.Time{}, false
}

// normalizeZone gives t a zone that does not depend on the machine's:
// UTC for a zero offset, else a fixed zone of its offset.
func normalizeZone(t time.Time) time.Time {
	if _, off := t.Zone(); off != 0 {
		return t.In(time.FixedZone("", off))
	}
	return t.UTC()
}

// isoScanner walks an ISO 8601 text.
type isoScanner struct {
	s string
	i int
}

func (p *isoScanner) done() bool { return p.i >= len(p.s) }

func (p *isoScanner) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

// digits reads exactly n digits.
func (p *isoScanner) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

// accept consumes c if it comes next.
func (p *isoScanner) accept(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

// parseISO8601 reads the calendar-date forms of ISO 8601, extended
// (2026-01-02T03:04:05.5+01:00) or basic (20260102T030405Z), with the
// variants servers write: a space or t for T, a comma for the fraction
// point, offsets +hh:mm, +hhmm or +hh, Z, UTC or GMT, and no zone (UTC).
func parseISO8601(s string) (time.Time, bool) {
	p := &isoScanner{s: s}
	year, ok := p.digits(4)
	if !ok {
		return time.Time{}, false
	}
	extended := p.accept('-')
	month, ok := p.digits(2)
	if !ok || (extended && !p.accept('-')) {
		return time.Time{}, false
	}
	day, ok := p.digits(2)
	if !ok || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return time.Time{}, false
	}
	if p.done() {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), true
	}
	if c := p.peek(); c != 'T' && c != 't' && c != ' ' {
		return time.Time{}, false
	}
	p.i++
	hour, ok := p.digits(2)
	if !ok {
		return time.Time{}, false
	}
	// The time uses the date's format, extended (hh:mm) or basic (hhmm).
	if extended && !p.accept(':') {
		return time.Time{}, false
	}
	minute, ok := p.digits(2)
	if !ok {
		return time.Time{}, false
	}
	second, nanos := 0, 0
	if (extended && p.accept(':')) || (!extended && isDigit(p.peek())) {
		if second, ok = p.digits(2); !ok {
			return time.Time{}, false
		}
		if p.accept('.') || p.accept(',') {
			start := p.i
			for !p.done() && isDigit(p.peek()) {
				if p.i-start < 9 {
					nanos = nanos*10 + int(p.peek()-'0')
				}
				p.i++
			}
			n := p.i - start
			if n == 0 {
				return time.Time{}, false
			}
			for ; n < 9; n++ {
				nanos *= 10
			}
		}
	}
	if minute > 59 || second > 60 || hour > 24 || (hour == 24 && (minute != 0 || second != 0 || nanos != 0)) {
		return time.Time{}, false
	}
	loc, ok := p.zone()
	if !ok || !p.done() {
		return time.Time{}, false
	}
	// 24:00 is the end of the day, and time.Date carries a leap second
	// (:60) into the next minute.
	return time.Date(year, time.Month(month), day, hour, minute, second, nanos, loc), true
}

// zone reads what follows the time: nothing (UTC), Z, UTC or GMT, or an
// offset, optionally after one space.
func (p *isoScanner) zone() (*time.Location, bool) {
	if p.done() {
		return time.UTC, true
	}
	p.accept(' ')
	rest := p.s[p.i:]
	switch {
	case rest == "Z" || rest == "z":
		p.i = len(p.s)
		return time.UTC, true
	case strings.EqualFold(rest, "UTC") || strings.EqualFold(rest, "GMT"):
		p.i = len(p.s)
		return time.UTC, true
	}
	sign := 1
	switch p.peek() {
	case '+':
	case '-':
		sign = -1
	default:
		return nil, false
	}
	p.i++
	hh, ok := p.digits(2)
	if !ok {
		return nil, false
	}
	mm := 0
	if p.accept(':') {
		if mm, ok = p.digits(2); !ok {
			return nil, false
		}
	} else if !p.done() {
		if mm, ok = p.digits(2); !ok {
			return nil, false
		}
	}
	if hh > 23 || mm > 59 {
		return nil, false
	}
	off := sign * (hh*3600 + mm*60)
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// daysIn is the number of days in month of year.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
