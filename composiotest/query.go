package composiotest

import (
	"net/http"
	"strconv"
	"strings"
)

// queryList reads an array parameter in every form clients send: the
// bracket form (user_ids[]=a&user_ids[]=b), repeated keys, and the
// comma-joined form the official TypeScript client uses (user_ids=a,b).
func queryList(r *http.Request, name string) []string {
	q := r.URL.Query()
	var out []string
	for _, key := range []string{name + "[]", name} {
		for _, v := range q[key] {
			for _, part := range strings.Split(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
	}
	return out
}

// queryBool reads a boolean filter: nil when absent, else its value.
// ok is false when the value is not a boolean; the caller answers 400.
func queryBool(r *http.Request, name string) (v *bool, ok bool) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return nil, true
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, false
	}
	return &b, true
}

// queryMap reads an object parameter name[key]=value into a map.
func queryMap(r *http.Request, name string) map[string]string {
	var out map[string]string
	for key, values := range r.URL.Query() {
		if !strings.HasPrefix(key, name+"[") || !strings.HasSuffix(key, "]") || len(values) == 0 {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[key[len(name)+1:len(key)-1]] = values[0]
	}
	return out
}

// contains reports whether list is empty (no filter) or holds v, ignoring case.
func matches(list []string, v string) bool {
	if len(list) == 0 {
		return true
	}
	for _, item := range list {
		if strings.EqualFold(item, v) {
			return true
		}
	}
	return false
}
