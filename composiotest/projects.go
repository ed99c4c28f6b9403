package composiotest

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"slices"
	"strings"
)

// The organization and project the fake's keys belong to.
const (
	fakeOrgID       = "ok_acmeFakeOrg1"
	fakeOrgName     = "Acme Inc"
	fakeProjectID   = "pr_acmeDefault1"
	fakeProjectName = "default"
	fakeOwnerEmail  = "owner@acme.example"
)

// projectState holds organizations, projects and their API keys.
type projectState struct {
	orgs     []*fakeOrg
	projects []*fakeProject // creation order; deleted ones stay, flagged
	revoked  map[string]bool
}

type fakeOrg struct {
	ID, Name, Plan, CreatedAt string
	// member is true for the organizations the user key's owner belongs
	// to; the org key is the first one's.
	member bool
}

type fakeProject struct {
	ID, OrgID, Name, Email   string
	CreatedAt, UpdatedAt     string
	WebhookSecret            string
	TriggersEnabled, Deleted bool
	Consumer                 bool
	Keys                     []*fakeAPIKey
}

type fakeAPIKey struct {
	ID, Name, Key, CreatedAt string
}

func (s *projectState) seed(f *Fake) {
	const created = "2025-03-14T09:26:53.000Z"
	s.revoked = map[string]bool{}
	s.orgs = []*fakeOrg{
		{ID: fakeOrgID, Name: fakeOrgName, Plan: "GROWTH", CreatedAt: created, member: true},
		{ID: "ok_sideFakeOrg2", Name: "Side Projects", Plan: "HOBBY", CreatedAt: "2025-06-01T12:00:00.000Z", member: true},
	}
	s.projects = []*fakeProject{
		{ID: fakeProjectID, OrgID: fakeOrgID, Name: fakeProjectName, Email: fakeOwnerEmail, CreatedAt: created, UpdatedAt: created,
			WebhookSecret: "whsec_fake_default", TriggersEnabled: true,
			Keys: []*fakeAPIKey{{ID: "key_default01", Name: "default", Key: f.APIKey, CreatedAt: created}}},
		{ID: "pr_acmeStaging2", OrgID: fakeOrgID, Name: "staging", Email: fakeOwnerEmail, CreatedAt: "2025-04-02T08:00:00.000Z", UpdatedAt: "2025-04-02T08:00:00.000Z",
			TriggersEnabled: true, Keys: []*fakeAPIKey{{ID: "key_staging01", Name: "default", Key: "ak_staging_fake_key_0001", CreatedAt: "2025-04-02T08:00:00.000Z"}}},
		{ID: "pr_sideHobby003", OrgID: "ok_sideFakeOrg2", Name: "weekend-bot", Email: fakeOwnerEmail, CreatedAt: "2025-06-01T12:00:00.000Z", UpdatedAt: "2025-06-01T12:00:00.000Z"},
		{ID: "pr_acmeConsumr4", OrgID: fakeOrgID, Name: "consumer", Email: fakeOwnerEmail, CreatedAt: created, UpdatedAt: created, Consumer: true},
		{ID: "pr_sideConsumr5", OrgID: "ok_sideFakeOrg2", Name: "consumer", Email: fakeOwnerEmail, CreatedAt: created, UpdatedAt: created, Consumer: true},
	}
}

// live returns the org's projects that are not deleted, consumer projects
// excluded (the dashboard does not list them).
func (s *projectState) live(orgIDs ...string) []*fakeProject {
	var out []*fakeProject
	for _, p := range s.projects {
		if !p.Deleted && !p.Consumer && slices.Contains(orgIDs, p.OrgID) {
			out = append(out, p)
		}
	}
	return out
}

// ownProject finds a live project of the org key's organization, answering
// 404 itself.
func (f *Fake) ownProject(w http.ResponseWriter, r *http.Request) (*fakeProject, bool) {
	id := r.PathValue("nano_id")
	for _, p := range f.projects().live(fakeOrgID) {
		if p.ID == id {
			return p, true
		}
	}
	writeError(w, r, http.StatusNotFound, 404, fmt.Sprintf("Project %q not found", id), "List the organization's projects with GET /api/v3.1/org/owner/project/list.")
	return nil, false
}

// projectWire is a project; GET adds its keys, the session info its
// numeric id, nano id and organization.
type projectWire struct {
	APIKeys          *[]apiKeyWire `json:"api_keys,omitempty"` // GET of one project (a pointer: [] is written)
	AutoID           int           `json:"auto_id,omitempty"`  // session info
	CreatedAt        string        `json:"created_at"`
	Deleted          bool          `json:"deleted"`
	Email            string        `json:"email"`
	EventWebhookURL  *string       `json:"event_webhook_url"` // always null in the fake
	ID               string        `json:"id"`
	IsNewWebhook     bool          `json:"is_new_webhook"`
	LastSubscribedAt *string       `json:"last_subscribed_at"` // always null in the fake
	Name             string        `json:"name"`
	NanoID           string        `json:"nano_id,omitempty"` // session info
	Org              *orgRefWire   `json:"org,omitempty"`     // session info
	OrgID            string        `json:"org_id"`
	TriggersEnabled  bool          `json:"triggers_enabled"`
	UpdatedAt        string        `json:"updated_at"`
	WebhookSecret    *string       `json:"webhook_secret"`
	WebhookURL       *string       `json:"webhook_url"` // always null in the fake
	WebhookVersion   string        `json:"webhook_version"`
}

// apiKeyWire is a project's API key (masked in lists).
type apiKeyWire struct {
	CreatedAt string `json:"created_at"`
	ID        string `json:"id"`
	Key       string `json:"key"`
	Name      string `json:"name"`
}

type orgRefWire struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Plan string `json:"plan"`
}

// orgPageWire is the envelope of the organizations list.
type orgPageWire struct {
	CurrentPage   int       `json:"current_page"`
	NextCursor    *string   `json:"next_cursor"`
	Organizations []orgWire `json:"organizations"`
	TotalItems    int       `json:"total_items"`
	TotalPages    int       `json:"total_pages"`
}

func orgPage(p page[orgWire]) orgPageWire {
	return orgPageWire{Organizations: p.Items, NextCursor: p.NextCursor, TotalPages: p.TotalPages, CurrentPage: p.CurrentPage, TotalItems: p.TotalItems}
}

// orgWire is an organization in the list.
type orgWire struct {
	CreatedAt string `json:"created_at"`
	ID        string `json:"id"`
	Name      string `json:"name"`
	UpdatedAt string `json:"updated_at"`
}

func projectJSON(p *fakeProject) projectWire {
	return projectWire{
		ID: p.ID, OrgID: p.OrgID, Name: p.Name, Email: p.Email,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		WebhookSecret:   strOrNil(p.WebhookSecret),
		TriggersEnabled: p.TriggersEnabled, IsNewWebhook: true,
		WebhookVersion: "V3", Deleted: p.Deleted,
	}
}

// projectList lists the live projects of orgIDs as live does, each keyed
// by its position (projects are only appended; deletion marks them).
func (s *projectState) projectList(orgIDs ...string) listing[projectWire] {
	var out listing[projectWire]
	for i, p := range s.projects {
		if !p.Deleted && !p.Consumer && slices.Contains(orgIDs, p.OrgID) {
			out.add(posKey(i), projectJSON(p))
		}
	}
	return out
}

// maskKey shows a key's prefix and last four characters, as the dashboard does.
func maskKey(k string) string {
	if len(k) <= 8 {
		return strings.Repeat("*", len(k))
	}
	return k[:3] + strings.Repeat("*", 8) + k[len(k)-4:]
}

func (f *Fake) newAPIKey(name string) *fakeAPIKey {
	return &fakeAPIKey{ID: f.newID("key"), Name: name, Key: "ak_" + f.newID("") + f.newID(""), CreatedAt: f.timestamp()}
}

func (f *Fake) createProject(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name               string         `json:"name"`
		ShouldCreateAPIKey bool           `json:"should_create_api_key"`
		Config             map[string]any `json:"config"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "name", body.Name) {
		return
	}
	if body.Config != nil {
		for _, field := range []string{"is_2FA_enabled", "mask_secret_keys_in_connected_account", "log_visibility_setting"} {
			if _, ok := body.Config[field]; !ok {
				badRequest(w, r, "config."+field+" is required", "config."+field+": Required")
				return
			}
		}
		if v := body.Config["log_visibility_setting"]; v != "show_all" && v != "dont_store_data" {
			badRequest(w, r, "config.log_visibility_setting must be show_all or dont_store_data")
			return
		}
	}
	st := f.projects()
	for _, p := range st.live(fakeOrgID) {
		if strings.EqualFold(p.Name, body.Name) {
			writeError(w, r, http.StatusConflict, 1409, fmt.Sprintf("A project named %q already exists", body.Name), "Choose another name.")
			return
		}
	}
	now := f.timestamp()
	p := &fakeProject{ID: f.newID("pr"), OrgID: fakeOrgID, Name: body.Name, Email: fakeOwnerEmail, CreatedAt: now, UpdatedAt: now,
		WebhookSecret: f.newID("whsec"), TriggersEnabled: true}
	var key *string
	if body.ShouldCreateAPIKey {
		k := f.newAPIKey("default")
		p.Keys = append(p.Keys, k)
		key = &k.Key
	}
	st.projects = append(st.projects, p)
	writeJSON(w, http.StatusOK, struct {
		APIKey *string `json:"api_key"` // null unless asked for
		ID     string  `json:"id"`
		Name   string  `json:"name"`
	}{key, p.ID, p.Name})
}

func (f *Fake) listOwnerProjects(w http.ResponseWriter, r *http.Request) {
	paginateAs(w, r, f.projects().projectList(fakeOrgID), maxResourcePage, dataPage)
}

func (f *Fake) getProject(w http.ResponseWriter, r *http.Request) {
	p, ok := f.ownProject(w, r)
	if !ok {
		return
	}
	out := projectJSON(p)
	keys := []apiKeyWire{}
	for _, k := range p.Keys {
		keys = append(keys, apiKeyWire{ID: k.ID, Name: k.Name, Key: maskKey(k.Key), CreatedAt: k.CreatedAt})
	}
	out.APIKeys = &keys
	writeJSON(w, http.StatusOK, out)
}

func (f *Fake) deleteProject(w http.ResponseWriter, r *http.Request) {
	revoke, ok := revokeOnDelete(w, r)
	if !ok {
		return
	}
	p, ok := f.ownProject(w, r)
	if !ok {
		return
	}
	if p.ID == fakeProjectID {
		// The fake serves the project key's own project; deleting it would
		// leave the other resources without an owner.
		writeError(w, r, http.StatusBadRequest, 1410, "The fake's default project cannot be deleted", "Create a project and delete that one.")
		return
	}
	p.Deleted, p.UpdatedAt = true, f.timestamp()
	writeJSON(w, http.StatusOK, f.deleted(deletedWire{Status: "success"}, revoke))
}

func (f *Fake) regenerateAPIKey(w http.ResponseWriter, r *http.Request) {
	p, ok := f.ownProject(w, r)
	if !ok {
		return
	}
	if p.ID == fakeProjectID {
		// The fake's own key must keep working for the rest of the test.
		writeError(w, r, http.StatusBadRequest, 1411, "The fake's default project key cannot be regenerated", "Create a project and regenerate its key.")
		return
	}
	k := f.newAPIKey("default")
	p.Keys = []*fakeAPIKey{k}
	writeJSON(w, http.StatusOK, struct {
		APIKey  apiKeyWire `json:"api_key"`
		Message string     `json:"message"`
	}{apiKeyWire{ID: k.ID, Name: k.Name, Key: k.Key, CreatedAt: k.CreatedAt}, "API key regenerated successfully"})
}

func (f *Fake) listOrgs(w http.ResponseWriter, r *http.Request) {
	var items listing[orgWire]
	for i, o := range f.projects().orgs {
		if o.member {
			items.add(posKey(i), orgWire{ID: o.ID, Name: o.Name, CreatedAt: o.CreatedAt, UpdatedAt: o.CreatedAt})
		}
	}
	paginateAs(w, r, items, maxResourcePage, orgPage)
}

func (f *Fake) listUserProjects(w http.ResponseWriter, r *http.Request) {
	all, ok := queryBool(r, "list_all_org_projects")
	if !ok {
		badRequest(w, r, "list_all_org_projects must be true or false")
		return
	}
	st := f.projects()
	orgs := []string{fakeOrgID}
	if all != nil && *all {
		orgs = nil
		for _, o := range st.orgs {
			if o.member {
				orgs = append(orgs, o.ID)
			}
		}
	}
	paginateAs(w, r, st.projectList(orgs...), maxResourcePage, dataPage)
}

// consumerProject finds the consumer project of the x-org-id organization,
// answering the error itself.
func (f *Fake) consumerProject(w http.ResponseWriter, r *http.Request) (*fakeProject, bool) {
	orgID := r.Header.Get("x-org-id")
	if orgID == "" {
		badRequest(w, r, "x-org-id header is required", "x-org-id: Required")
		return nil, false
	}
	for _, p := range f.projects().projects {
		if p.Consumer && p.OrgID == orgID {
			return p, true
		}
	}
	writeError(w, r, http.StatusNotFound, 404, fmt.Sprintf("Organization %q has no consumer project for this user", orgID), "Check the organization id (GET /api/v3.1/org/list).")
	return nil, false
}

func (f *Fake) resolveConsumer(w http.ResponseWriter, r *http.Request) {
	p, ok := f.consumerProject(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, struct {
		ConsumerUserID string `json:"consumer_user_id"`
		OrgID          string `json:"org_id"`
		ProjectID      string `json:"project_id"`
		ProjectName    string `json:"project_name"`
		ProjectNanoID  string `json:"project_nano_id"`
		ProjectType    string `json:"project_type"`
	}{"consumer_" + strings.ToLower(p.OrgID[3:]), p.OrgID, uuidFor(p.ID), p.Name, p.ID, "CONSUMER"})
}

func (f *Fake) consumerToolkits(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.consumerProject(w, r); !ok {
		return
	}
	userID := r.URL.Query().Get("user_id")
	if !requireFields(w, r, "user_id", userID) {
		return
	}
	toolkits := []string{}
	for _, a := range f.accounts().order {
		if a.UserID == userID && a.Status == "ACTIVE" && !slices.Contains(toolkits, a.ToolkitSlug) {
			toolkits = append(toolkits, a.ToolkitSlug)
		}
	}
	writeJSON(w, http.StatusOK, struct {
		Toolkits []string `json:"toolkits"`
	}{toolkits})
}

func (f *Fake) sessionInfo(w http.ResponseWriter, r *http.Request) {
	st := f.projects()
	p, org := st.projects[0], st.orgs[0]
	project := projectJSON(p)
	project.AutoID, project.NanoID, project.ID = 1042, p.ID, uuidFor(p.ID)
	project.Org = &orgRefWire{ID: org.ID, Name: org.Name, Plan: org.Plan}
	writeJSON(w, http.StatusOK, sessionInfoWire{
		Project: project,
		APIKey: sessionKeyWire{
			AutoID: 77, ID: uuidFor(f.UserAPIKey), Name: "user key", ProjectID: p.ID,
			OrgMemberID: "om_fakeOwner01", CreatedAt: p.CreatedAt, UpdatedAt: p.CreatedAt,
			Key: maskKey(f.UserAPIKey),
		},
		OrgMember: orgMemberWire{
			ID: "om_fakeOwner01", Email: fakeOwnerEmail, Name: "Ada Owner", Role: "OWNER",
			Metadata: memberMetadataWire{OnboardingPlatform: "developer", SeenFlowDeveloper: true},
		},
	})
}

// sessionInfoWire answers GET /auth/session/info.
type sessionInfoWire struct {
	APIKey    sessionKeyWire `json:"api_key"`
	OrgMember orgMemberWire  `json:"org_member"`
	Project   projectWire    `json:"project"`
}

type sessionKeyWire struct {
	AutoID      int     `json:"auto_id"`
	CreatedAt   string  `json:"created_at"`
	Deleted     bool    `json:"deleted"`
	DeletedAt   *string `json:"deleted_at"` // always null in the fake
	ID          string  `json:"id"`
	Key         string  `json:"key"`
	Name        string  `json:"name"`
	OrgMemberID string  `json:"org_member_id"`
	ProjectID   string  `json:"project_id"`
	UpdatedAt   string  `json:"updated_at"`
}

type orgMemberWire struct {
	Email    string             `json:"email"`
	ID       string             `json:"id"`
	Metadata memberMetadataWire `json:"metadata"`
	Name     string             `json:"name"`
	Role     string             `json:"role"`
}

type memberMetadataWire struct {
	OnboardingPlatform string `json:"onboarding_platform"`
	SeenFlowDeveloper  bool   `json:"seen_flow_developer"`
}

func (f *Fake) revokeAPIKeys(w http.ResponseWriter, r *http.Request) {
	var body struct {
		APIKeys []string `json:"api_keys"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	switch {
	case len(body.APIKeys) == 0:
		badRequest(w, r, "api_keys must hold at least one key", "api_keys: Array must contain at least 1 element(s)")
		return
	case len(body.APIKeys) > 100:
		badRequest(w, r, "api_keys holds at most 100 keys", "api_keys: Array must contain at most 100 element(s)")
		return
	}
	st := f.projects()
	for _, k := range body.APIKeys {
		st.revoked[k] = true
		// A created project's key stops existing; the fake's own keys keep
		// working so one test cannot break the next.
		for _, p := range st.projects {
			if p.ID == fakeProjectID {
				continue
			}
			p.Keys = slices.DeleteFunc(p.Keys, func(key *fakeAPIKey) bool { return key.Key == k })
		}
	}
	writeJSON(w, http.StatusOK, map[string]bool{"received": true})
}

// uuidFor derives a stable UUID-shaped id from a nano id, for the fields the
// API fills with UUIDs.
func uuidFor(id string) string {
	h := fnv.New64a()
	h.Write([]byte(id))
	n := h.Sum64()
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(n>>32), uint16(n>>16), uint16(n)&0xfff, uint16(n>>4)&0xfff, n&0xffffffffffff)
}
