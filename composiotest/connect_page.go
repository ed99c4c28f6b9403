package composiotest

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// connectPage is the page the fake's redirect URLs point at, standing in
// for the provider's consent screen and Composio's connect page: visiting
// it (GET) completes an INITIATED connection and redirects (302) to the
// callback URL given at creation, with status and connected_account_id
// query parameters. ?outcome=failed makes the connection FAILED instead, as
// a user refusing consent would. Credentials a link page would collect can
// be passed as ?api_key=, ?token=, ?username=, ?password=.
func (f *Fake) connectPage(w http.ResponseWriter, r *http.Request) {
	a, ok := f.accountOf(w, r, "nanoid")
	if !ok {
		return
	}
	q := r.URL.Query()
	switch a.Status {
	case "INITIATED":
		if o := q.Get("outcome"); o == "failed" || o == "denied" {
			a.Status, a.StatusReason = "FAILED", "OAuth callback failed during token exchange"
			a.Val["error"], a.Val["error_description"] = "access_denied", "The user denied access."
			delete(a.Val, "redirectUrl")
		} else {
			f.complete(a, q)
		}
		a.UpdatedAt = f.timestamp()
	case "ACTIVE": // a second visit changes nothing
	default:
		writeError(w, r, http.StatusGone, 1814, fmt.Sprintf("Connected account %s is %s; this link no longer works", a.ID, a.Status),
			"Start a new connection (POST /api/v3.1/connected_accounts/link) or refresh this one.")
		return
	}
	status := "success"
	if a.Status != "ACTIVE" {
		status = "failed"
	}
	if a.CallbackURL != "" {
		if u, err := url.Parse(a.CallbackURL); err == nil && u.IsAbs() {
			cq := u.Query()
			cq.Set("status", status)
			cq.Set("connected_account_id", a.ID)
			u.RawQuery = cq.Encode()
			http.Redirect(w, r, u.String(), http.StatusFound)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Composio (fake)</title><p>Connection %s of %s for user %s: %s. You can close this window.</p>\n",
		html.EscapeString(a.ID), html.EscapeString(a.ToolkitSlug), html.EscapeString(a.UserID), status)
}

// complete makes a ACTIVE with fake credentials of its scheme, or those
// given in q.
func (f *Fake) complete(a *connectedAccount, q url.Values) {
	scheme := f.schemeOf(a)
	pick := func(name, fallback string) string { return or(q.Get(name), fallback) }
	delete(a.Val, "redirectUrl")
	switch {
	case scheme == "OAUTH1":
		a.Val["oauth_token"], a.Val["oauth_token_secret"] = "fake-oauth-token-"+a.ID, "fake-oauth-secret-"+a.ID
	case strings.Contains(scheme, "OAUTH"):
		a.Val["access_token"], a.Val["refresh_token"] = "fake-access-"+a.ID, "fake-refresh-"+a.ID
		a.Val["token_type"], a.Val["expires_in"] = "Bearer", 3600
		a.Val["scope"] = strings.Join(a.Scopes, " ")
	case scheme == "API_KEY":
		a.Val["api_key"] = pick("api_key", "fake-key-"+a.ID)
	case scheme == "BEARER_TOKEN":
		a.Val["token"] = pick("token", "fake-token-"+a.ID)
	case scheme == "BASIC", scheme == "BASIC_WITH_JWT":
		a.Val["username"], a.Val["password"] = pick("username", a.UserID), pick("password", "fake-password-"+a.ID)
	}
	a.Status, a.StatusReason = "ACTIVE", ""
}

// ConnectedAccountSeed describes a connected account for
// [Fake.SeedConnectedAccount].
type ConnectedAccountSeed struct {
	UserID      string // default "default"
	ToolkitSlug string // required: a toolkit of the catalog
	// AuthConfigID is the auth config; empty uses the toolkit's first
	// enabled one, created (Composio-managed when possible) if needed.
	AuthConfigID string
	Status       string // default ACTIVE
	Alias        string
	// Credentials are the state's fields; an ACTIVE account without them
	// gets fake credentials of its scheme.
	Credentials map[string]any
}

// SeedConnectedAccount adds a connected account directly, without the
// connection flow, and returns its id. It panics on an unknown toolkit,
// auth config or status: a test seeding wrong data should stop at once.
func (f *Fake) SeedConnectedAccount(s ConnectedAccountSeed) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, err := f.seedConnectedAccount(s)
	if err != nil {
		panic("composiotest: SeedConnectedAccount: " + err.Error())
	}
	return id
}

// seedConnectedAccount is SeedConnectedAccount with errors, which name
// the JSON fields of the seeding endpoint. The caller holds f.mu.
func (f *Fake) seedConnectedAccount(s ConnectedAccountSeed) (string, error) {
	if s.Status != "" && !slices.Contains(accountStatuses, s.Status) {
		return "", fmt.Errorf("status must be one of %s, got %q", strings.Join(accountStatuses, ", "), s.Status)
	}
	var c *fakeAuthConfig
	if s.AuthConfigID != "" {
		var ok bool
		if c, ok = f.authConfigs().byID[s.AuthConfigID]; !ok {
			return "", fmt.Errorf("auth_config_id: no auth config %s", s.AuthConfigID)
		}
	} else {
		var err error
		if c, err = f.seedAuthConfigErr(s.ToolkitSlug); err != nil {
			return "", err
		}
	}
	now := f.timestamp()
	a := &connectedAccount{ID: f.newID("ca"), UserID: or(s.UserID, "default"), ToolkitSlug: c.ToolkitSlug, AuthConfigID: c.ID,
		Status: or(s.Status, "ACTIVE"), Alias: s.Alias, AuthScheme: c.AuthScheme, Val: map[string]any{}, CreatedAt: now, UpdatedAt: now,
		AccountType: "PRIVATE", WordID: c.ToolkitSlug + "_" + f.words()}
	for k, v := range s.Credentials {
		a.Val[k] = v
	}
	if t, ok := f.toolkit(c.ToolkitSlug); ok && strings.Contains(a.AuthScheme, "OAUTH") {
		a.Scopes = t.Scopes
	}
	if a.Status == "ACTIVE" && len(s.Credentials) == 0 {
		f.complete(a, nil)
	}
	f.accounts().add(a)
	return a.ID, nil
}

// SeedAuthConfig returns the id of an enabled auth config for the toolkit,
// creating one (Composio-managed when the toolkit allows it) if needed. It
// panics on an unknown toolkit.
func (f *Fake) SeedAuthConfig(toolkitSlug string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.seedAuthConfig(toolkitSlug).ID
}

// seedAuthConfig is seedAuthConfigErr for the Go seeding methods, which
// panic on an unknown toolkit. The caller holds f.mu.
func (f *Fake) seedAuthConfig(toolkitSlug string) *fakeAuthConfig {
	c, err := f.seedAuthConfigErr(toolkitSlug)
	if err != nil {
		panic("composiotest: " + err.Error())
	}
	return c
}

// seedAuthConfigErr finds or creates an enabled auth config of the toolkit.
// The caller holds f.mu.
func (f *Fake) seedAuthConfigErr(toolkitSlug string) (*fakeAuthConfig, error) {
	t, ok := f.toolkit(toolkitSlug)
	if !ok {
		return nil, fmt.Errorf("toolkit: no toolkit %q in the fake's catalog", toolkitSlug)
	}
	s := f.authConfigs()
	for _, c := range s.order {
		if c.ToolkitSlug == t.Slug && c.Enabled {
			return c, nil
		}
	}
	now := f.timestamp()
	c := &fakeAuthConfig{ID: f.newID("ac"), UUID: f.newID(""), Name: t.Name + " auth config", ToolkitSlug: t.Slug, Enabled: true,
		AuthScheme: "NO_AUTH", CreatedAt: now, UpdatedAt: now}
	switch {
	case len(t.ManagedSchemes) > 0:
		c.Managed, c.AuthScheme = true, t.ManagedSchemes[0]
	case len(t.AuthSchemes) > 0:
		c.AuthScheme = t.AuthSchemes[0]
	}
	s.add(c)
	return c, nil
}
