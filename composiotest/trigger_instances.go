package composiotest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
)

func (f *Fake) upsertTrigger(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ConnectedAccountID string          `json:"connected_account_id"`
		LegacyAccountID    string          `json:"connectedAuthId"`
		UserID             string          `json:"user_id"`
		TriggerConfig      map[string]any  `json:"trigger_config"`
		LegacyConfig       map[string]any  `json:"triggerConfig"`
		Version            string          `json:"version"`
		ToolkitVersions    json.RawMessage `json:"toolkit_versions"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	t, ok := find(w, r, resTriggerType, r.PathValue("slug"), f.triggerType)
	if !ok {
		return
	}
	versions, ok := triggerBodyVersions(body.ToolkitVersions)
	if !ok {
		badRequest(w, r, "toolkit_versions must be a string or an object of strings", "toolkit_versions: Expected string or record")
		return
	}
	if versions.all == "" && len(versions.perToolkit) == 0 {
		versions.all = body.Version
	}
	tk, _ := f.toolkit(t.Toolkit)
	version, ok := versions.resolve(w, r, tk)
	if !ok {
		return
	}
	accountID := cmp.Or(body.ConnectedAccountID, body.LegacyAccountID)
	userID := body.UserID
	if accountID != "" {
		userID = "" // the owner is checked only for projects with 2FA, which the fake has not
	}
	account, ok := f.activeAccount(w, r, t.Toolkit, userID, accountID)
	if !ok {
		return
	}
	config, problems := triggerConfig(t.Config, triggerConfigOr(body.TriggerConfig, body.LegacyConfig))
	if len(problems) > 0 {
		badRequest(w, r, "Invalid trigger configuration for "+t.Slug, problems...)
		return
	}

	s := f.triggers()
	now := f.timestamp()
	for _, ti := range s.order {
		if ti.Slug == t.Slug && ti.AccountID == account.ID && reflect.DeepEqual(ti.Config, config) {
			// Upserting an existing trigger switches it back on.
			ti.DisabledAt, ti.UpdatedAt, ti.Version = "", now, version
			writeJSON(w, http.StatusOK, triggerIDWire{ti.ID})
			return
		}
	}
	ti := &triggerInstance{
		ID: f.newID("ti"), Slug: t.Slug, Toolkit: t.Toolkit, Version: version,
		AccountID: account.ID, UserID: account.UserID, AuthConfigID: account.AuthConfigID,
		Config: config, CreatedAt: now, UpdatedAt: now,
	}
	ti.UUID, ti.seq = legacyUUIDOf(ti.ID), nextSeq()
	s.byID[ti.ID] = ti
	s.order = append(s.order, ti)
	writeJSON(w, http.StatusCreated, triggerIDWire{ti.ID})
}

func triggerConfigOr(a, b map[string]any) map[string]any {
	if a != nil {
		return a
	}
	return b
}

// triggerConfig checks config against a trigger type's config schema (the
// required properties, their JSON types, no unknown properties) and fills
// in defaults. The result is in canonical JSON form, so equal
// configurations compare equal.
func triggerConfig(schema, config map[string]any) (map[string]any, []string) {
	props, _ := schema["properties"].(map[string]any)
	out := map[string]any{}
	var problems []string
	for name, v := range config {
		p, ok := props[name].(map[string]any)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: unknown property", name))
			continue
		}
		if want, _ := p["type"].(string); !jsonTypeIs(v, want) {
			problems = append(problems, fmt.Sprintf("%s: expected %s", name, want))
			continue
		}
		out[name] = v
	}
	required, _ := schema["required"].([]any)
	for _, name := range required {
		if _, ok := out[name.(string)]; !ok {
			problems = append(problems, fmt.Sprintf("%s: Required", name))
		}
	}
	for name, p := range props {
		if def, ok := p.(map[string]any)["default"]; ok {
			if _, set := out[name]; !set {
				out[name] = def
			}
		}
	}
	slices.Sort(problems)
	b, _ := json.Marshal(out)
	var canonical map[string]any
	_ = json.Unmarshal(b, &canonical)
	return canonical, problems
}

func jsonTypeIs(v any, typ string) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		n, ok := v.(float64)
		return ok && n == float64(int64(n))
	case "number":
		_, ok := v.(float64)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return true
}

func (f *Fake) listActiveTriggers(w http.ResponseWriter, r *http.Request) {
	after, size, ok := queryPage(w, r, maxResourcePage)
	if !ok {
		return
	}
	showDisabled, ok := queryBool(r, "show_disabled")
	legacyShow, ok2 := queryBool(r, "showDisabled")
	if !ok || !ok2 {
		badRequest(w, r, "show_disabled must be true or false")
		return
	}
	if showDisabled == nil {
		showDisabled = legacyShow
	}
	both := func(name, legacy string) []string { return append(queryList(r, name), queryList(r, legacy)...) }
	users := queryList(r, "user_ids")
	accounts := both("connected_account_ids", "connectedAccountIds")
	authConfigs := both("auth_config_ids", "authConfigIds")
	ids := both("trigger_ids", "triggerIds")
	names := both("trigger_names", "triggerNames")
	accountUUIDs := queryList(r, "deprecatedConnectedAccountUuids")
	authConfigUUIDs := queryList(r, "deprecatedAuthConfigUuids")

	var items listing[triggerInstanceWire]
	for _, ti := range f.triggers().order {
		switch {
		case ti.DisabledAt != "" && (showDisabled == nil || !*showDisabled),
			!matches(users, ti.UserID) || !matches(accounts, ti.AccountID) || !matches(authConfigs, ti.AuthConfigID),
			!matches(ids, ti.ID) || !matches(names, ti.Slug),
			!matches(accountUUIDs, legacyUUIDOf(ti.AccountID)) || !matches(authConfigUUIDs, legacyUUIDOf(ti.AuthConfigID)):
			continue
		}
		items.add(seqKey(ti.seq), triggerInstanceJSON(ti))
	}
	writeJSON(w, http.StatusOK, pageOf(items, after, size))
}

// triggerInstanceJSON renders an instance as the API does, with the
// camelCase duplicates old clients read.
func triggerInstanceJSON(ti *triggerInstance) triggerInstanceWire {
	disabledAt := strOrNil(ti.DisabledAt)
	return triggerInstanceWire{
		UUID: ti.UUID, ID: ti.ID, TriggerName: ti.Slug,
		ConnectedAccountID: ti.AccountID, ConnectedAccountUUID: legacyUUIDOf(ti.AccountID),
		UserID: ti.UserID, TriggerData: "", Version: ti.Version,
		TriggerConfig: ti.Config, State: emptyWire{},
		UpdatedAt: ti.UpdatedAt, DisabledAt: disabledAt,
		LegacyDisabledAt: disabledAt, LegacyConnectedAccountID: ti.AccountID, LegacyTriggerName: ti.Slug,
		LegacyUpdatedAt: ti.UpdatedAt, LegacyTriggerConfig: ti.Config,
		Deprecated: createdAtWire{ti.CreatedAt},
	}
}

// triggerInstanceWire is a trigger instance; the camelCase fields are the
// duplicates old clients read. (encoding/json sorted the map this was
// byte-wise, capitals before "_": the fields keep that order.)
type triggerInstanceWire struct {
	LegacyConnectedAccountID string         `json:"connectedAccountId"`
	ConnectedAccountID       string         `json:"connected_account_id"`
	ConnectedAccountUUID     string         `json:"connected_account_uuid"`
	Deprecated               createdAtWire  `json:"deprecated"`
	LegacyDisabledAt         *string        `json:"disabledAt"`
	DisabledAt               *string        `json:"disabled_at"` // null while enabled
	ID                       string         `json:"id"`
	State                    emptyWire      `json:"state"`
	LegacyTriggerConfig      map[string]any `json:"triggerConfig"`
	LegacyTriggerName        string         `json:"triggerName"`
	TriggerConfig            map[string]any `json:"trigger_config"` // free-form, as the trigger type's schema allows
	TriggerData              string         `json:"trigger_data"`
	TriggerName              string         `json:"trigger_name"`
	LegacyUpdatedAt          string         `json:"updatedAt"`
	UpdatedAt                string         `json:"updated_at"`
	UserID                   string         `json:"user_id"`
	UUID                     string         `json:"uuid"`
	Version                  string         `json:"version"`
}

// triggerIDWire answers an upsert and a delete: {"trigger_id": ...}.
type triggerIDWire struct {
	TriggerID string `json:"trigger_id"`
}

type createdAtWire struct {
	CreatedAt string `json:"createdAt"`
}

func (f *Fake) triggerInstance(w http.ResponseWriter, r *http.Request) (*triggerInstance, bool) {
	return lookupPath(w, r, resTrigger, f.triggers().byID, "triggerId")
}

func (f *Fake) manageTrigger(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status string `json:"status"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "status", body.Status) || !oneOf(w, r, "status", body.Status, "enable", "disable") {
		return
	}
	ti, ok := f.triggerInstance(w, r)
	if !ok {
		return
	}
	now := f.timestamp()
	switch {
	case body.Status == "enable":
		ti.DisabledAt = ""
	case ti.DisabledAt == "":
		ti.DisabledAt = now
	}
	ti.UpdatedAt = now
	writeJSON(w, http.StatusOK, deletedWire{Status: "success"})
}

func (f *Fake) deleteTrigger(w http.ResponseWriter, r *http.Request) {
	ti, ok := f.triggerInstance(w, r)
	if !ok {
		return
	}
	s := f.triggers()
	delete(s.byID, ti.ID)
	s.order = slices.DeleteFunc(s.order, func(x *triggerInstance) bool { return x == ti })
	writeJSON(w, http.StatusOK, triggerIDWire{ti.ID})
}
