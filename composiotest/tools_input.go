package composiotest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// generateArgs derives a tool's arguments from natural-language text,
// deterministically, where the real API asks a model. In order:
//   - "name: value" or "name=value" pairs, for any property (values may be
//     quoted; arrays are comma-separated inside brackets or a quoted value);
//   - for enum properties, an enum value named in the text (or a common
//     synonym: plus, minus, times, divided);
//   - numbers in the text, in order, for the remaining number properties;
//   - an email address for a string property of format email;
//   - double-quoted strings, in order, for the remaining string properties; and
//     when exactly one required string property is left, the whole text.
//
// failure lists the required properties it could not fill.
func generateArgs(schema map[string]any, text string) (args map[string]any, failure string) {
	props, _ := schema["properties"].(map[string]any)
	required := map[string]bool{}
	var order []string
	for _, r := range anyList(schema["required"]) {
		if name, ok := r.(string); ok {
			required[name] = true
			order = append(order, name)
		}
	}
	var optional []string
	for name := range props {
		if !required[name] {
			optional = append(optional, name)
		}
	}
	sort.Strings(optional)
	order = append(order, optional...)

	args = map[string]any{}
	rest := text
	for _, name := range order {
		p, _ := props[name].(map[string]any)
		re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(name) + `\s*[:=]\s*("([^"]*)"|'([^']*)'|\[([^\]]*)\]|[^\s,;]+)`)
		m := re.FindStringSubmatchIndex(rest)
		if m == nil {
			continue
		}
		raw := rest[m[2]:m[3]]
		for g := 2; g <= 4; g++ {
			if m[2*g] >= 0 {
				raw = rest[m[2*g]:m[2*g+1]]
			}
		}
		if v, ok := convertArg(p, raw); ok {
			args[name] = v
			rest = rest[:m[0]] + " " + rest[m[1]:]
		}
	}

	lower := strings.ToLower(rest)
	for _, name := range order {
		p, _ := props[name].(map[string]any)
		if _, done := args[name]; done || len(anyList(p["enum"])) == 0 {
			continue
		}
		if v := enumInText(lower, anyList(p["enum"])); v != nil {
			args[name] = v
		}
	}

	numbers := regexp.MustCompile(`-?\d+(\.\d+)?`).FindAllString(withoutDoubleQuoted(rest), -1)
	for _, name := range order {
		p, _ := props[name].(map[string]any)
		if _, done := args[name]; done || len(numbers) == 0 || (p["type"] != "number" && p["type"] != "integer") {
			continue
		}
		if !required[name] {
			continue
		}
		if v, ok := convertArg(p, numbers[0]); ok {
			args[name] = v
			numbers = numbers[1:]
		}
	}

	quoted := doubleQuoted(rest)
	var openStrings []string
	for _, name := range order {
		p, _ := props[name].(map[string]any)
		if _, done := args[name]; done || p["type"] != "string" || len(anyList(p["enum"])) > 0 {
			continue
		}
		if p["format"] == "email" {
			if e := regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`).FindString(rest); e != "" {
				args[name] = e
				continue
			}
		}
		if !required[name] {
			continue
		}
		if len(quoted) > 0 {
			args[name], quoted = quoted[0], quoted[1:]
			continue
		}
		openStrings = append(openStrings, name)
	}
	if len(openStrings) == 1 {
		args[openStrings[0]] = strings.TrimSpace(text)
	}

	var missing []string
	for _, name := range order {
		if _, done := args[name]; required[name] && !done {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return args, "Could not derive the required arguments from the text: " + strings.Join(missing, ", ")
	}
	return args, ""
}

// convertArg reads raw as a value of p's type.
func convertArg(p map[string]any, raw string) (any, bool) {
	raw = strings.TrimSpace(raw)
	switch p["type"] {
	case "integer":
		n, err := strconv.ParseInt(raw, 10, 64)
		return n, err == nil
	case "number":
		n, err := strconv.ParseFloat(raw, 64)
		return n, err == nil
	case "boolean":
		b, err := strconv.ParseBool(raw)
		return b, err == nil
	case "array":
		out := []any{}
		for _, part := range strings.Split(raw, ",") {
			if part = strings.Trim(strings.TrimSpace(part), `"'`); part != "" {
				out = append(out, part)
			}
		}
		return out, true
	}
	return raw, raw != ""
}

var opSynonyms = map[string]string{"plus": "add", "sum": "add", "minus": "subtract", "times": "multiply", "divided": "divide", "product": "multiply", "difference": "subtract"}

// enumInText returns the first enum value named in text, or one a synonym names.
func enumInText(text string, enum []any) any {
	words := strings.FieldsFunc(text, func(r rune) bool { return !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	for _, w := range words {
		for _, e := range enum {
			if s, ok := e.(string); ok && (strings.EqualFold(s, w) || opSynonyms[w] == s) {
				return e
			}
		}
	}
	return nil
}

// doubleQuotedRE matches double-quoted strings only: apostrophes are common in
// plain text ("what's").
var doubleQuotedRE = regexp.MustCompile(`"([^"]*)"`)

func doubleQuoted(text string) []string {
	var out []string
	for _, m := range doubleQuotedRE.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

func withoutDoubleQuoted(text string) string { return doubleQuotedRE.ReplaceAllString(text, " ") }
