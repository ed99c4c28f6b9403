package composiotest

import (
	"net/http"
	"slices"
)

// accountState holds the connected accounts. Other resources read it (tool
// execution, triggers, sessions) through activeAccount.
type accountState struct {
	byID  map[string]*connectedAccount
	order []*connectedAccount // creation order, for listing
}

// connectedAccount is the fake's record of one connected account.
type connectedAccount struct {
	// The fields a list reads of every account come first, so that a walk
	// over thousands of them touches little memory.
	Status      string // INITIALIZING, INITIATED, ACTIVE, FAILED, EXPIRED, INACTIVE, REVOKED
	AccountType string // PRIVATE (default) or SHARED
	seq         uint64 // creation order: ties of the list order
	created     uint64 // CreatedAt as sortableTime, which never changes; 0 until listed
	updated     parsedTime

	ID           string
	UserID       string
	ToolkitSlug  string
	AuthConfigID string
	Alias        string
	CreatedAt    string
	UpdatedAt    string

	// The fields below are the connected accounts resource's own; records
	// made by other resources leave them zero and get defaults.
	AuthScheme   string         // "" means the toolkit's first scheme
	Val          map[string]any // the state's fields besides status
	CallbackURL  string         // where the fake connect page sends the user
	StatusReason string
	Disabled     bool
	// BeforeDisable is the status a disabled account returns to.
	BeforeDisable string
	WordID        string
	ACL           map[string]any // acl_config_for_shared
	Scopes        []string       // requested_scopes
}

func (s *accountState) seed(*Fake) { s.byID = map[string]*connectedAccount{} }

// add records a new account.
func (s *accountState) add(a *connectedAccount) {
	a.seq = nextSeq()
	s.byID[a.ID] = a
	s.order = append(s.order, a)
}

// remove forgets an account (deletion).
func (s *accountState) remove(a *connectedAccount) {
	delete(s.byID, a.ID)
	s.order = slices.DeleteFunc(s.order, func(x *connectedAccount) bool { return x == a })
}

// activeAccount finds the account a call for toolkit runs as: accountID when
// given (it must belong to toolkit, and to userID when that is given), else
// the user's first ACTIVE account of toolkit. On failure it answers w itself.
// The caller holds f.mu.
func (f *Fake) activeAccount(w http.ResponseWriter, r *http.Request, toolkit, userID, accountID string) (*connectedAccount, bool) {
	accounts := f.accounts()
	if accountID != "" {
		a, ok := lookup(w, r, resAccountAny, accounts.byID, accountID)
		if !ok {
			return nil, false
		}
		if a.ToolkitSlug != toolkit || (userID != "" && a.UserID != userID) {
			badRequest(w, r, "Connected account "+accountID+" does not belong to this toolkit and user")
			return nil, false
		}
		if a.Status != "ACTIVE" {
			writeError(w, r, http.StatusBadRequest, 1810, "Connected account "+accountID+" is "+a.Status+", not ACTIVE", "Reconnect the account, or enable it.")
			return nil, false
		}
		return a, true
	}
	if userID == "" {
		badRequest(w, r, "user_id or connected_account_id is required for a toolkit that needs authentication")
		return nil, false
	}
	for _, a := range accounts.order {
		if a.UserID == userID && a.ToolkitSlug == toolkit && a.Status == "ACTIVE" {
			return a, true
		}
	}
	writeError(w, r, http.StatusBadRequest, 1811, "No ACTIVE connected account for user "+userID+" and toolkit "+toolkit,
		"Connect an account first (POST /api/v3.1/connected_accounts or /connected_accounts/link).")
	return nil, false
}
