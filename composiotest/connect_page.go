package composiotest

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
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
