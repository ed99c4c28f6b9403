package composiotest

import (
	"maps"
	"slices"
	"strings"
)

// The wire shapes of connected accounts, as the v3.1 API renders them.

// schemeOf is the auth scheme of a: its own, else its auth config's, else
// the toolkit's first (records made by other resources carry none).
func (f *Fake) schemeOf(a *connectedAccount) string {
	if a.AuthScheme != "" {
		return a.AuthScheme
	}
	if c, ok := f.authConfigs().byID[a.AuthConfigID]; ok {
		return c.AuthScheme
	}
	if t, ok := f.toolkit(a.ToolkitSlug); ok && len(t.AuthSchemes) > 0 {
		return t.AuthSchemes[0]
	}
	return "NO_AUTH"
}

// accountWire is a connected account as lists (detail false) and GET
// (detail true) answer it.
type accountWire struct {
	Alias           *string               `json:"alias"`
	AuthConfig      accountAuthConfigWire `json:"auth_config"`
	CreatedAt       string                `json:"created_at"`
	Data            map[string]any        `json:"data"` // the state's val, free-form
	Experimental    sharingWire           `json:"experimental"`
	ID              string                `json:"id"`
	IsDisabled      bool                  `json:"is_disabled"`
	Params          map[string]any        `json:"params,omitempty"`           // detail only
	RequestedScopes *[]string             `json:"requested_scopes,omitempty"` // detail of an OAuth account only
	State           stateWire             `json:"state"`
	Status          string                `json:"status"`
	StatusReason    *string               `json:"status_reason"`
	Toolkit         slugWire              `json:"toolkit"`
	UpdatedAt       string                `json:"updated_at"`
	UserID          string                `json:"user_id"`
	WordID          *string               `json:"word_id"`
}

type accountAuthConfigWire struct {
	AuthScheme        string `json:"auth_scheme"`
	ID                string `json:"id"`
	IsComposioManaged bool   `json:"is_composio_managed"`
	IsDisabled        bool   `json:"is_disabled"`
}

// stateWire is {"authScheme": ..., "val": {"status": ..., ...}}.
type stateWire struct {
	AuthScheme string         `json:"authScheme"`
	Val        map[string]any `json:"val"`
}

// sharingWire is an account's "experimental" object.
type sharingWire struct {
	AccountType string         `json:"account_type"`
	ACL         map[string]any `json:"acl_config_for_shared,omitempty"` // echoes the ACL sent, over the defaults
}

// initiatedWire answers POST /connected_accounts.
type initiatedWire struct {
	ConnectionData stateWire    `json:"connectionData"`
	Experimental   *sharingWire `json:"experimental,omitempty"`
	ID             string       `json:"id"`
	RedirectURI    any          `json:"redirect_uri"` // a string, or null
	RedirectURL    any          `json:"redirect_url"`
	Status         string       `json:"status"`
}

// linkWire answers POST /connected_accounts/link.
type linkWire struct {
	ConnectedAccountID string       `json:"connected_account_id"`
	Experimental       *sharingWire `json:"experimental,omitempty"`
	ExpiresAt          string       `json:"expires_at"`
	LinkToken          string       `json:"link_token"`
	RedirectURL        string       `json:"redirect_url"`
}

// accountStatusWire answers a connected account's refresh.
type accountStatusWire struct {
	ID          string `json:"id"`
	RedirectURL any    `json:"redirect_url"`
	Status      string `json:"status"`
}

// revokedWire answers a connected account's revoke.
type revokedWire struct {
	ConnectedAccount accountRefWire `json:"connected_account"`
	RevokedTokens    any            `json:"revoked_tokens"`
}

type accountRefWire struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// stateJSON is the state of a.
func (f *Fake) stateJSON(a *connectedAccount) stateWire {
	return stateWire{AuthScheme: f.schemeOf(a), Val: valJSON(a)}
}

func valJSON(a *connectedAccount) map[string]any {
	val := make(map[string]any, len(a.Val)+1)
	for k, v := range a.Val {
		val[k] = v
	}
	val["status"] = a.Status
	return val
}

func sharingJSON(a *connectedAccount) sharingWire {
	out := sharingWire{AccountType: or(a.AccountType, "PRIVATE")}
	if a.ACL != nil {
		acl := map[string]any{"allow_all_users": false, "allowed_user_ids": []any{}, "not_allowed_user_ids": []any{}}
		for k, v := range a.ACL {
			acl[k] = v
		}
		out.ACL = acl
	}
	return out
}

// accountJSON renders a as lists (detail false) and GET (detail true)
// answer it. The caller holds f.mu.
func (f *Fake) accountJSON(a *connectedAccount, detail bool) accountWire {
	v := f.viewOf(a)
	return v.json(detail)
}

// accountView is what an account's wire shape needs: a copy of the record
// and what it reads of its auth config, so it renders without f.mu.
type accountView struct {
	connectedAccount
	scheme                  string
	managed, configDisabled bool
}

// viewOf copies a for rendering. The caller holds f.mu. The maps are
// copied one level deep: handlers replace credential values, they never
// change one in place.
func (f *Fake) viewOf(a *connectedAccount) accountView {
	v := accountView{connectedAccount: *a, scheme: f.schemeOf(a)}
	v.Val, v.ACL, v.Scopes = maps.Clone(a.Val), maps.Clone(a.ACL), slices.Clone(a.Scopes)
	if c, ok := f.authConfigs().byID[a.AuthConfigID]; ok {
		v.managed, v.configDisabled = c.Managed, !c.Enabled
	}
	return v
}

func (v *accountView) json(detail bool) accountWire {
	a := &v.connectedAccount
	out := accountWire{
		ID: a.ID, WordID: strOrNil(a.WordID), Alias: strOrNil(a.Alias), UserID: a.UserID, Status: a.Status,
		Toolkit:    slugWire{a.ToolkitSlug},
		AuthConfig: accountAuthConfigWire{ID: a.AuthConfigID, AuthScheme: v.scheme, IsComposioManaged: v.managed, IsDisabled: v.configDisabled},
		State:      stateWire{AuthScheme: v.scheme, Val: valJSON(a)}, Data: valJSON(a),
		StatusReason: strOrNil(a.StatusReason), IsDisabled: a.Disabled,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		Experimental: sharingJSON(a),
	}
	if detail {
		out.Params = valJSON(a)
		if strings.Contains(v.scheme, "OAUTH") {
			scopes := nonNil(a.Scopes)
			out.RequestedScopes = &scopes
		}
	}
	return out
}

// wordList makes word ids such as "github_red-castle".
var wordList = []string{"red", "blue", "amber", "pine", "castle", "river", "stone", "cloud", "maple", "harbor", "violet", "falcon"}

func (f *Fake) words() string {
	return wordList[f.rng.IntN(len(wordList))] + "-" + wordList[f.rng.IntN(len(wordList))]
}
