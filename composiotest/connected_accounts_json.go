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

// stateJSON is {"authScheme": ..., "val": {"status": ..., ...}}.
func (f *Fake) stateJSON(a *connectedAccount) map[string]any {
	return map[string]any{"authScheme": f.schemeOf(a), "val": valJSON(a)}
}

func valJSON(a *connectedAccount) map[string]any {
	val := make(map[string]any, len(a.Val)+1)
	for k, v := range a.Val {
		val[k] = v
	}
	val["status"] = a.Status
	return val
}

func sharingJSON(a *connectedAccount) map[string]any {
	out := map[string]any{"account_type": or(a.AccountType, "PRIVATE")}
	if a.ACL != nil {
		acl := map[string]any{"allow_all_users": false, "allowed_user_ids": []any{}, "not_allowed_user_ids": []any{}}
		for k, v := range a.ACL {
			acl[k] = v
		}
		out["acl_config_for_shared"] = acl
	}
	return out
}

// accountJSON renders a as lists (detail false) and GET (detail true)
// answer it. The caller holds f.mu.
func (f *Fake) accountJSON(a *connectedAccount, detail bool) map[string]any {
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

func (v *accountView) json(detail bool) map[string]any {
	a := &v.connectedAccount
	out := map[string]any{
		"id": a.ID, "word_id": nilIfEmpty(a.WordID), "alias": nilIfEmpty(a.Alias), "user_id": a.UserID, "status": a.Status,
		"toolkit":     map[string]any{"slug": a.ToolkitSlug},
		"auth_config": map[string]any{"id": a.AuthConfigID, "auth_scheme": v.scheme, "is_composio_managed": v.managed, "is_disabled": v.configDisabled},
		"state":       map[string]any{"authScheme": v.scheme, "val": valJSON(a)}, "data": valJSON(a),
		"status_reason": nilIfEmpty(a.StatusReason), "is_disabled": a.Disabled,
		"created_at": a.CreatedAt, "updated_at": a.UpdatedAt,
		"experimental": sharingJSON(a),
	}
	if detail {
		out["params"] = valJSON(a)
		if strings.Contains(v.scheme, "OAUTH") {
			out["requested_scopes"] = nonNil(a.Scopes)
		}
	}
	return out
}

// wordList makes word ids such as "github_red-castle".
var wordList = []string{"red", "blue", "amber", "pine", "castle", "river", "stone", "cloud", "maple", "harbor", "violet", "falcon"}

func (f *Fake) words() string {
	return wordList[f.rng.IntN(len(wordList))] + "-" + wordList[f.rng.IntN(len(wordList))]
}
