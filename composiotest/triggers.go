package composiotest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// triggerState holds the trigger type catalog and the project's trigger
// instances.
type triggerState struct {
	types     map[string]*fakeTriggerType // by upper-case slug
	typeOrder []*fakeTriggerType
	byID      map[string]*triggerInstance
	order     []*triggerInstance // creation order, for listing
}

// triggerInstance is the fake's record of one trigger instance.
type triggerInstance struct {
	ID, UUID, Slug, Toolkit, Version string
	AccountID, UserID, AuthConfigID  string
	Config                           map[string]any
	CreatedAt, UpdatedAt             string
	DisabledAt                       string // empty while enabled
	seq                              uint64 // creation order, for list keys
}

func (s *triggerState) seed(*Fake) {
	s.types = map[string]*fakeTriggerType{}
	s.byID = map[string]*triggerInstance{}
	for _, t := range seedTriggerTypes() {
		s.types[t.Slug] = t
		s.typeOrder = append(s.typeOrder, t)
	}
}

// triggerType finds a trigger type by slug, in any case. The caller holds
// f.mu.
func (f *Fake) triggerType(slug string) (*fakeTriggerType, bool) {
	t, ok := f.triggers().types[strings.ToUpper(strings.TrimSpace(slug))]
	return t, ok
}

// triggerVersions is a request's toolkit_versions: one version for every
// toolkit, or one per toolkit slug.
type triggerVersions struct {
	all        string
	perToolkit map[string]string
}

func triggerQueryVersions(r *http.Request) triggerVersions {
	return triggerVersions{all: r.URL.Query().Get("toolkit_versions"), perToolkit: queryMap(r, "toolkit_versions")}
}

// triggerBodyVersions reads toolkit_versions from a JSON body: a string, an
// object of strings, or null.
func triggerBodyVersions(raw json.RawMessage) (triggerVersions, bool) {
	var v triggerVersions
	if len(raw) == 0 || string(raw) == "null" {
		return v, true
	}
	if json.Unmarshal(raw, &v.all) == nil {
		return v, true
	}
	return v, json.Unmarshal(raw, &v.perToolkit) == nil
}

// resolve returns the version of toolkit the request asks for, answering
// 400 itself when the toolkit has no such version.
func (v triggerVersions) resolve(w http.ResponseWriter, r *http.Request, tk *fakeToolkit) (string, bool) {
	want := v.all
	for slug, pv := range v.perToolkit {
		if strings.EqualFold(slug, tk.Slug) {
			want = pv
		}
	}
	if want == "" || want == "latest" {
		return tk.latest(), true
	}
	if !slices.Contains(tk.Versions, want) {
		writeError(w, r, http.StatusBadRequest, 1401, "Version "+want+" of toolkit "+tk.Slug+" not found", "Use one of: "+strings.Join(tk.Versions, ", "))
		return "", false
	}
	return want, true
}

func (f *Fake) triggerTypeJSON(t *fakeTriggerType, version string) triggerTypeWire {
	return triggerTypeWire{
		Slug: t.Slug, Name: t.Name, Description: t.Description, Instructions: t.Instructions, Type: t.Kind,
		Toolkit: toolkitRefWire{Slug: t.Toolkit, Name: t.Toolkit, Logo: "https://logos.composio.dev/api/" + t.Toolkit},
		Config:  t.Config, Payload: t.Payload, Version: version,
		RequiresWebhookEndpointSetup: t.NeedsEndpoint,
	}
}

// triggerTypeWire is a trigger type as GET and lists answer it.
type triggerTypeWire struct {
	Config                       map[string]any `json:"config"` // a JSON Schema
	Description                  string         `json:"description"`
	Instructions                 string         `json:"instructions"`
	Name                         string         `json:"name"`
	Payload                      map[string]any `json:"payload"` // a JSON Schema
	RequiresWebhookEndpointSetup bool           `json:"requires_webhook_endpoint_setup,omitempty"`
	Slug                         string         `json:"slug"`
	Toolkit                      toolkitRefWire `json:"toolkit"`
	Type                         string         `json:"type"`
	Version                      string         `json:"version"`
}

// toolkitRefWire names a toolkit inside another resource.
type toolkitRefWire struct {
	Logo string `json:"logo"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

func (f *Fake) listTriggerTypes(w http.ResponseWriter, r *http.Request) {
	after, size, ok := queryPage(w, r, maxResourcePage)
	if !ok {
		return
	}
	slugs := queryList(r, "toolkit_slugs")
	versions := triggerQueryVersions(r)
	var items listing[triggerTypeWire]
	for i, t := range f.triggers().typeOrder { // the catalog: positions never shift
		if !matches(slugs, t.Toolkit) {
			continue
		}
		tk, _ := f.toolkit(t.Toolkit)
		version, ok := versions.resolve(w, r, tk)
		if !ok {
			return
		}
		items.add(posKey(i), f.triggerTypeJSON(t, version))
	}
	writeJSON(w, http.StatusOK, pageOf(items, after, size))
}

func (f *Fake) triggerTypeEnum(w http.ResponseWriter, r *http.Request) {
	slugs := []string{}
	for _, t := range f.triggers().typeOrder {
		slugs = append(slugs, t.Slug)
	}
	writeJSON(w, http.StatusOK, slugs)
}

func (f *Fake) getTriggerType(w http.ResponseWriter, r *http.Request) {
	t, ok := find(w, r, resTriggerType, r.PathValue("slug"), f.triggerType)
	if !ok {
		return
	}
	tk, _ := f.toolkit(t.Toolkit)
	version, ok := triggerQueryVersions(r).resolve(w, r, tk)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, f.triggerTypeJSON(t, version))
}

// legacyUUIDOf derives a stable UUID-shaped legacy id from a nano id, for the
// fields the API still reports as UUIDs.
func legacyUUIDOf(id string) string {
	if id == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}
