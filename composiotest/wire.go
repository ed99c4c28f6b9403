package composiotest

// Answers are built from wire structs: the fake's own types (never the
// SDK's models, so that the fake stays an independent witness of how the
// SDK decodes the API), named <thing>Wire beside the resource they render.
// Structs that replaced map literals keep the map's order of keys, the
// order of their JSON names, so the answers stayed byte for byte the same.
// Free-form JSON a handler echoes (credentials, tool arguments and
// results, configs) stays map[string]any or json.RawMessage.
//
// The small shapes shared by several resources live here.

// slugWire is {"slug": ...}.
type slugWire struct {
	Slug string `json:"slug"`
}

// successWire is {"success": true}, with the id and status of the record
// when the answer names them.
type successWire struct {
	ID      string `json:"id,omitempty"`
	Status  string `json:"status,omitempty"`
	Success bool   `json:"success"`
}

// deletedWire answers a delete: {"success": true} or {"status": "success"}
// as the resource does, with the revoke_job_id of a delete asked to revoke.
type deletedWire struct {
	RevokeJobID string `json:"revoke_job_id,omitempty"`
	Status      string `json:"status,omitempty"`
	Success     bool   `json:"success,omitempty"`
}

// deleted is out, with a revoke job when the delete asked to revoke.
func (f *Fake) deleted(out deletedWire, revoke bool) deletedWire {
	if revoke {
		out.RevokeJobID = f.newID("rvk")
	}
	return out
}

// emptyWire is the answer {}.
type emptyWire struct{}

// itemsWire is {"items": [...]}, a list the API does not page.
type itemsWire[T any] struct {
	Items []T `json:"items"`
}

// strOrNil renders an empty optional string as JSON null, as the API does.
func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
