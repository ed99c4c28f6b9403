package composiotest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// The connected account operations that change an existing account:
// update, delete, enable/disable, refresh and revoke.

func (f *Fake) updateConnectedAccount(w http.ResponseWriter, r *http.Request) {
	a, ok := f.accountOf(w, r, "nanoid")
	if !ok {
		return
	}
	var body struct {
		Alias      *string `json:"alias"`
		Connection *struct {
			State *struct {
				AuthScheme string         `json:"authScheme"`
				Val        map[string]any `json:"val"`
			} `json:"state"`
		} `json:"connection"`
		Experimental *struct {
			ACL map[string]any `json:"acl_config_for_shared"`
		} `json:"experimental"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if body.Alias != nil && *body.Alias != "" {
		for _, other := range f.accounts().order {
			if other != a && other.Alias == *body.Alias && other.UserID == a.UserID && other.ToolkitSlug == a.ToolkitSlug {
				writeError(w, r, http.StatusConflict, 1812, "Alias "+*body.Alias+" is already used by connected account "+other.ID,
					"Aliases are unique per user and toolkit; choose another.")
				return
			}
		}
	}
	if body.Connection != nil {
		st := body.Connection.State
		scheme := f.schemeOf(a)
		switch {
		case st == nil:
			badRequest(w, r, "connection.state is required", "connection.state: Required")
			return
		case !slices.Contains(updatableSchemes, st.AuthScheme):
			badRequest(w, r, "connection.state.authScheme must be one of "+strings.Join(updatableSchemes, ", "))
			return
		case st.AuthScheme != scheme:
			badRequest(w, r, "connection.state.authScheme "+st.AuthScheme+" does not match the connection's scheme "+scheme)
			return
		}
		if a.Val == nil {
			a.Val = map[string]any{}
		}
		for k, v := range st.Val {
			if v == nil {
				delete(a.Val, k)
			} else {
				a.Val[k] = v
			}
		}
	}
	if body.Experimental != nil && body.Experimental.ACL != nil {
		if a.AccountType != "SHARED" {
			badRequest(w, r, "acl_config_for_shared is only valid on SHARED connections")
			return
		}
		a.ACL = body.Experimental.ACL
	}
	if body.Alias != nil {
		a.Alias = *body.Alias
	}
	a.UpdatedAt = f.timestamp()
	writeJSON(w, http.StatusOK, successWire{Success: true, ID: a.ID, Status: a.Status})
}

func (f *Fake) deleteConnectedAccount(w http.ResponseWriter, r *http.Request) {
	a, ok := f.accountOf(w, r, "nanoid")
	if !ok {
		return
	}
	revoke, ok := revokeOnDelete(w, r)
	if !ok {
		return
	}
	f.accounts().remove(a)
	writeJSON(w, http.StatusOK, f.deleted(deletedWire{Success: true}, revoke))
}

func (f *Fake) setConnectedAccountStatus(w http.ResponseWriter, r *http.Request) {
	a, ok := f.accountOf(w, r, "nanoId") // the table spells this one {nanoId}
	if !ok {
		return
	}
	var body struct {
		Enabled *bool `json:"enabled"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if body.Enabled == nil {
		badRequest(w, r, "enabled is required", "enabled: Required")
		return
	}
	switch {
	case !*body.Enabled && !a.Disabled:
		a.Disabled, a.BeforeDisable = true, a.Status
		a.Status, a.StatusReason = "INACTIVE", "Connection status updated by user"
	case *body.Enabled && a.Disabled:
		a.Disabled = false
		a.Status, a.StatusReason = cmp.Or(a.BeforeDisable, "ACTIVE"), "Connection status updated by user"
	}
	a.UpdatedAt = f.timestamp()
	writeJSON(w, http.StatusOK, successWire{Success: true})
}

func (f *Fake) refreshConnectedAccount(w http.ResponseWriter, r *http.Request) {
	a, ok := f.accountOf(w, r, "nanoid")
	if !ok {
		return
	}
	var body struct {
		RedirectURL string `json:"redirect_url"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	if a.Disabled {
		writeError(w, r, http.StatusBadRequest, 1813, "Connected account "+a.ID+" is disabled", "Enable it before refreshing.")
		return
	}
	var redirect any
	if strings.Contains(f.schemeOf(a), "OAUTH") {
		if a.Val == nil {
			a.Val = map[string]any{}
		}
		redirect = f.initiate(r, a, cmp.Or(body.RedirectURL, r.URL.Query().Get("redirect_url"), a.CallbackURL))
	} else {
		a.UpdatedAt = f.timestamp()
	}
	writeJSON(w, http.StatusOK, accountStatusWire{ID: a.ID, Status: a.Status, RedirectURL: redirect})
}

func (f *Fake) revokeConnectedAccount(w http.ResponseWriter, r *http.Request) {
	a, ok := f.accountOf(w, r, "nanoid")
	if !ok {
		return
	}
	revoked := []string{}
	if a.Status != "REVOKED" {
		if strings.Contains(f.schemeOf(a), "OAUTH") {
			revoked = append(revoked, "access_token")
			if a.Val["refresh_token"] != nil {
				revoked = append(revoked, "refresh_token")
			}
		} else {
			revoked = append(revoked, "credential")
		}
		for k := range a.Val {
			if !publicCredentialFields[k] && k != "redirectUrl" && k != "callback_url" {
				delete(a.Val, k)
			}
		}
		a.Status, a.StatusReason, a.Disabled = "REVOKED", "Revoked via user-initiated revoke endpoint", false
		if a.Val == nil {
			a.Val = map[string]any{}
		}
		a.Val["revoked_at"] = f.timestamp()
		a.UpdatedAt = f.timestamp()
	}
	writeJSON(w, http.StatusOK, revokedWire{RevokedTokens: revoked, ConnectedAccount: accountRefWire{ID: a.ID, Status: a.Status}})
}
