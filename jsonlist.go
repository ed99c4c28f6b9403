package composio

import (
	"bytes"
	"encoding/json"
)

// stringList decodes the enum answers (GET /tools/enum, GET
// /triggers_types/list/enum): a JSON array of strings, as the API's type
// says, or that array encoded in a JSON string, as its description ("JSON
// string containing all ... enum values") allows. Any other shape is a
// decode error.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '"' {
		var inner string
		if err := json.Unmarshal(t, &inner); err != nil {
			return err
		}
		b = []byte(inner)
	}
	return json.Unmarshal(b, (*[]string)(l))
}
