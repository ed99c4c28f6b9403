package composiotest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

// initiationWindow is how long an INITIATED connection waits for the user
// before it expires, as on the real API.
const initiationWindow = 10 * time.Minute

var accountStatuses = []string{"INITIALIZING", "INITIATED", "ACTIVE", "FAILED", "EXPIRED", "INACTIVE", "REVOKED"}

// updatableSchemes are the schemes whose credentials PATCH may change.
var updatableSchemes = []string{"BEARER_TOKEN", "API_KEY", "BASIC", "BASIC_WITH_JWT", "GOOGLE_SERVICE_ACCOUNT", "SERVICE_ACCOUNT"}

// sharingBody is the experimental block of create and link bodies.
type sharingBody struct {
	AccountType string         `json:"account_type"`
	ACL         map[string]any `json:"acl_config_for_shared"`
}

// usableAuthConfig finds an enabled auth config, answering w itself when
// there is none.
func (f *Fake) usableAuthConfig(w http.ResponseWriter, r *http.Request, id string) (*fakeAuthConfig, bool) {
	c, ok := lookup(w, r, resAuthConfigToUse, f.authConfigs().byID, id)
	if ok && !c.Enabled {
		writeError(w, r, http.StatusBadRequest, 1503, "Auth config "+id+" is disabled", "Enable it with PATCH /api/v3.1/auth_configs/"+id+"/ENABLED.")
		return nil, false
	}
	return c, ok
}

// newAccount starts an account under c, checking the alias and sharing.
func (f *Fake) newAccount(w http.ResponseWriter, r *http.Request, c *fakeAuthConfig, userID, alias string, sharing *sharingBody) (*connectedAccount, bool) {
	if userID == "" {
		userID = "default"
	}
	accounts := f.accounts()
	if alias != "" {
		for _, other := range accounts.order {
			if other.Alias == alias && other.UserID == userID && other.ToolkitSlug == c.ToolkitSlug {
				writeError(w, r, http.StatusConflict, 1812, "Alias "+alias+" is already used by connected account "+other.ID,
					"Aliases are unique per user and toolkit; choose another.")
				return nil, false
			}
		}
	}
	now := f.timestamp()
	a := &connectedAccount{ID: f.newID("ca"), UserID: userID, ToolkitSlug: c.ToolkitSlug, AuthConfigID: c.ID, Alias: alias,
		AuthScheme: c.AuthScheme, Val: map[string]any{}, CreatedAt: now, UpdatedAt: now, AccountType: "PRIVATE",
		WordID: c.ToolkitSlug + "_" + f.words()}
	if sharing != nil {
		if sharing.AccountType != "" && sharing.AccountType != "PRIVATE" && sharing.AccountType != "SHARED" {
			badRequest(w, r, "experimental.account_type must be PRIVATE or SHARED")
			return nil, false
		}
		if sharing.ACL != nil && sharing.AccountType != "SHARED" {
			badRequest(w, r, "acl_config_for_shared is only valid on SHARED connections")
			return nil, false
		}
		a.AccountType = cmp.Or(sharing.AccountType, "PRIVATE")
		a.ACL = sharing.ACL
	}
	if t, ok := f.toolkit(c.ToolkitSlug); ok && strings.Contains(a.AuthScheme, "OAUTH") {
		if scopes, ok := c.Credentials["scopes"].([]any); ok {
			for _, s := range scopes {
				a.Scopes = append(a.Scopes, credString(s))
			}
		} else {
			a.Scopes = slices.Clone(t.Scopes)
		}
	}
	return a, true
}

// initiate puts a into INITIATED with the fake's connect page as its
// redirect URL.
func (f *Fake) initiate(r *http.Request, a *connectedAccount, callback string) string {
	a.Status, a.StatusReason = "INITIATED", ""
	a.CallbackURL = callback
	link := origin(r) + "/fake/connect/" + a.ID
	a.Val["redirectUrl"] = link
	if callback != "" {
		a.Val["callback_url"] = callback
	}
	a.UpdatedAt = f.timestamp()
	return link
}

func (f *Fake) createConnectedAccount(w http.ResponseWriter, r *http.Request) {
	var body struct {
		AuthConfig *struct {
			ID string `json:"id"`
		} `json:"auth_config"`
		Connection *struct {
			State *struct {
				AuthScheme string         `json:"authScheme"`
				Val        map[string]any `json:"val"`
			} `json:"state"`
			Data         map[string]any `json:"data"`
			UserID       string         `json:"user_id"`
			Alias        string         `json:"alias"`
			CallbackURL  string         `json:"callback_url"`
			RedirectURI  string         `json:"redirect_uri"`
			Experimental *sharingBody   `json:"experimental"`
		} `json:"connection"`
		ValidateCredentials bool `json:"validate_credentials"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	switch {
	case body.AuthConfig == nil:
		badRequest(w, r, "auth_config is required", "auth_config: Required")
		return
	case body.Connection == nil:
		badRequest(w, r, "connection is required", "connection: Required")
		return
	case !requireFields(w, r, "auth_config.id", body.AuthConfig.ID):
		return
	}
	c, ok := f.usableAuthConfig(w, r, body.AuthConfig.ID)
	if !ok {
		return
	}
	conn := body.Connection
	a, ok := f.newAccount(w, r, c, conn.UserID, conn.Alias, conn.Experimental)
	if !ok {
		return
	}
	callback := cmp.Or(conn.CallbackURL, conn.RedirectURI)
	val := conn.Data
	if st := conn.State; st != nil {
		if st.AuthScheme != c.AuthScheme {
			badRequest(w, r, "connection.state.authScheme "+st.AuthScheme+" does not match the auth config's scheme "+c.AuthScheme)
			return
		}
		val = st.Val
	}
	status := credString(val["status"])
	for k, v := range val {
		if k != "status" {
			a.Val[k] = v
		}
	}
	switch {
	case c.AuthScheme == "NO_AUTH":
		a.Status = "ACTIVE"
	case status == "ACTIVE":
		if missing := missingCredential(c.AuthScheme, a.Val); missing != "" {
			badRequest(w, r, "connection.state.val."+missing+" is required for an ACTIVE "+c.AuthScheme+" connection", "connection.state.val."+missing+": Required")
			return
		}
		a.Status = "ACTIVE"
	case status == "" || status == "INITIALIZING" || status == "INITIATED":
		f.initiate(r, a, callback)
	default:
		badRequest(w, r, "connection.state.val.status must be INITIALIZING, INITIATED or ACTIVE when creating a connection")
		return
	}
	f.accounts().add(a)
	var redirect any
	if a.Status == "INITIATED" {
		redirect = a.Val["redirectUrl"]
	}
	out := initiatedWire{ID: a.ID, ConnectionData: f.stateJSON(a), Status: a.Status, RedirectURL: redirect, RedirectURI: redirect}
	if conn.Experimental != nil {
		sharing := sharingJSON(a)
		out.Experimental = &sharing
	}
	writeJSON(w, http.StatusCreated, out)
}

// missingCredential names the credential an ACTIVE connection of scheme
// lacks, or returns "".
func missingCredential(scheme string, val map[string]any) string {
	need := map[string][]string{
		"API_KEY":      {"api_key", "generic_api_key", "bearer_token", "basic_encoded"},
		"BEARER_TOKEN": {"token"},
		"BASIC":        {"username"},
		"OAUTH2":       {"access_token"},
		"DCR_OAUTH":    {"access_token"},
		"S2S_OAUTH2":   {"access_token"},
		"OAUTH1":       {"oauth_token"},
	}[scheme]
	for _, k := range need {
		if credString(val[k]) != "" {
			return ""
		}
	}
	if len(need) == 0 {
		return ""
	}
	return need[0]
}

func (f *Fake) linkConnectedAccount(w http.ResponseWriter, r *http.Request) {
	var body struct {
		AuthConfigID   string         `json:"auth_config_id"`
		UserID         string         `json:"user_id"`
		Alias          string         `json:"alias"`
		CallbackURL    string         `json:"callback_url"`
		ConnectionData map[string]any `json:"connection_data"`
		Experimental   *sharingBody   `json:"experimental"`
	}
	if !decodeBody(w, r, &body) || !requireFields(w, r, "auth_config_id", body.AuthConfigID, "user_id", body.UserID) {
		return
	}
	c, ok := f.usableAuthConfig(w, r, body.AuthConfigID)
	if !ok {
		return
	}
	a, ok := f.newAccount(w, r, c, body.UserID, body.Alias, body.Experimental)
	if !ok {
		return
	}
	for k, v := range body.ConnectionData {
		if k != "status" {
			a.Val[k] = v
		}
	}
	link := f.initiate(r, a, body.CallbackURL)
	f.accounts().add(a)
	out := linkWire{
		LinkToken: f.newID("lt"), RedirectURL: link, ConnectedAccountID: a.ID,
		ExpiresAt: f.now().Add(initiationWindow).UTC().Format(time.RFC3339Nano),
	}
	if body.Experimental != nil {
		sharing := sharingJSON(a)
		out.Experimental = &sharing
	}
	writeJSON(w, http.StatusCreated, out)
}

// accountOf finds the account of the path parameter param, answering 404 itself
// when there is none. An INITIATED account past its window expires here.
func (f *Fake) accountOf(w http.ResponseWriter, r *http.Request, param string) (*connectedAccount, bool) {
	a, ok := lookupPath(w, r, resAccount, f.accounts().byID, param)
	if !ok {
		return nil, false
	}
	if a.Val == nil { // records made by other resources carry no state
		a.Val = map[string]any{}
	}
	f.expireStale(a)
	return a, true
}

// expireStale expires an INITIATED account the user never completed.
func (f *Fake) expireStale(a *connectedAccount) {
	if a.Status != "INITIATED" {
		return
	}
	since, err := time.Parse(time.RFC3339Nano, a.UpdatedAt)
	if err != nil || f.now().Sub(since) < initiationWindow {
		return
	}
	if a.Val == nil {
		a.Val = map[string]any{}
	}
	a.Status, a.StatusReason = "EXPIRED", "Connection initiation did not complete within 10 minutes"
	a.Val["expired_at"] = f.timestamp()
	a.UpdatedAt = f.timestamp()
}

func (f *Fake) getConnectedAccount(w http.ResponseWriter, r *http.Request) {
	if a, ok := f.accountOf(w, r, "nanoid"); ok {
		writeJSON(w, http.StatusOK, f.accountJSON(a, true))
	}
}
