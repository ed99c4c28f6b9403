package composio_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConnectionStateDecodesEverySchemeVariant decodes a state of each auth
// scheme the API documents (and one it may add), with the non-string
// fields it allows, then checks nothing secret prints.
func TestConnectionStateDecodesEverySchemeVariant(t *testing.T) {
	var states []composio.ConnectionState
	require.NoError(t, json.Unmarshal([]byte(readTestdata(t, "connected_accounts/states.json")), &states))
	require.Len(t, states, 16)
	wantStatus := []composio.ConnectedAccountStatus{"INITIATED", "INITIALIZING", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "INACTIVE",
		"ACTIVE", "ACTIVE", "ACTIVE", "FAILED", "EXPIRED", "ACTIVE", "REVOKED", "ACTIVE"}
	for i, st := range states {
		assert.NotEmpty(t, st.AuthScheme, i)
		assert.Equal(t, wantStatus[i], st.Status(), "state %d (%s)", i, st.AuthScheme)
		for _, out := range []string{fmt.Sprint(st), fmt.Sprintf("%#v", st), fmt.Sprintf("%d", st)} {
			assert.NotContains(t, out, "SECRET", "state %d prints a secret: %s", i, out)
		}
	}
	assert.Equal(t, "https://connect.composio.dev/link/lk_1", states[0].RedirectURL())
	assert.Equal(t, true, states[1].Val["long_redirect_url"])
	assert.InDelta(t, 3599, states[2].Val["expires_in"], 0)
	assert.Equal(t, "SECRETnested", states[2].Val["authed_user"].(map[string]any)["access_token"], "the value stays readable")
	assert.Contains(t, fmt.Sprint(states[2]), "scope:chat:write", "public fields of nested objects stay visible")
	assert.Equal(t, "alice", states[6].Val["username"])
	assert.Contains(t, fmt.Sprint(states[11]), "access_denied")
	// Every variant encodes back to the same wire shape.
	for i, st := range states {
		data, err := json.Marshal(st)
		require.NoError(t, err)
		var raw []json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(readTestdata(t, "connected_accounts/states.json")), &raw))
		assert.JSONEq(t, string(raw[i]), string(data), i)
	}
}

// TestConnectedAccountAnswersDecode decodes realistic answers of the
// operations whose wire tests do not look at the result.
func TestConnectedAccountAnswersDecode(t *testing.T) {
	ctx := context.Background()
	t.Run("link", func(t *testing.T) {
		w := newWire(t, http.StatusCreated, `{"link_token":"lt_9f8e","redirect_url":"https://connect.composio.dev/link/lk_9f8e",
			"expires_at":"2025-09-06T10:10:00.000Z","connected_account_id":"ca_new","experimental":{"account_type":"SHARED",
			"acl_config_for_shared":{"allow_all_users":false,"allowed_user_ids":["u2"],"not_allowed_user_ids":[]}}}`)
		l, err := w.client().ConnectedAccounts.Link(ctx, composio.ConnectedAccountLinkParams{AuthConfigID: "ac_1", UserID: "u1"})
		require.NoError(t, err)
		assert.Equal(t, "lt_9f8e", l.LinkToken)
		assert.Equal(t, "https://connect.composio.dev/link/lk_9f8e", l.RedirectURL)
		assert.Equal(t, time.Date(2025, 9, 6, 10, 10, 0, 0, time.UTC), l.ExpiresAt.Time)
		assert.Equal(t, "ca_new", l.ConnectedAccountID)
		require.NotNil(t, l.Experimental)
		assert.Equal(t, composio.AccountTypeShared, l.Experimental.AccountType)
		assert.Equal(t, &composio.SharedACL{AllowedUserIDs: []string{"u2"}, NotAllowedUserIDs: []string{}}, l.Experimental.ACLConfigForShared)
	})
	t.Run("update", func(t *testing.T) {
		w := newWire(t, http.StatusOK, `{"success":true,"id":"ca_1","status":"ACTIVE"}`)
		u, err := w.client().ConnectedAccounts.Update(ctx, "ca_1", composio.ConnectedAccountUpdateParams{Alias: composio.Ptr("x")})
		require.NoError(t, err)
		assert.Equal(t, &composio.ConnectedAccountUpdated{Success: true, ID: "ca_1", Status: composio.StatusActive}, u)
	})
	t.Run("delete", func(t *testing.T) {
		w := newWire(t, http.StatusOK, `{"success":true,"revoke_job_id":"rvk_1"}`)
		d, err := w.client().ConnectedAccounts.Delete(ctx, "ca_1", composio.ConnectedAccountDeleteParams{RevokeOnDelete: composio.Ptr(true)})
		require.NoError(t, err)
		assert.Equal(t, &composio.ConnectedAccountDeleted{Success: true, RevokeJobID: "rvk_1"}, d)
	})
	t.Run("refresh without redirect", func(t *testing.T) {
		w := newWire(t, http.StatusOK, `{"id":"ca_1","status":"ACTIVE","redirect_url":null}`)
		r, err := w.client().ConnectedAccounts.Refresh(ctx, "ca_1", composio.ConnectedAccountRefreshParams{})
		require.NoError(t, err)
		assert.Equal(t, &composio.ConnectedAccountRefreshed{ID: "ca_1", Status: composio.StatusActive}, r)
	})
	t.Run("revoke", func(t *testing.T) {
		w := newWire(t, http.StatusOK, `{"revoked_tokens":["access_token","refresh_token"],"connected_account":{"id":"ca_1","status":"REVOKED"}}`)
		r, err := w.client().ConnectedAccounts.Revoke(ctx, "ca_1")
		require.NoError(t, err)
		assert.Equal(t, []string{"access_token", "refresh_token"}, r.RevokedTokens)
		assert.Equal(t, "ca_1", r.ConnectedAccount.ID)
		assert.Equal(t, composio.StatusRevoked, r.ConnectedAccount.Status)
	})
}

// TestAuthConfigAnswersDecode decodes realistic answers of create, list
// (with the nulls and absences the API allows) and delete.
func TestAuthConfigAnswersDecode(t *testing.T) {
	ctx := context.Background()
	t.Run("create", func(t *testing.T) {
		w := newWire(t, http.StatusCreated, `{"toolkit":{"slug":"github"},"auth_config":{"id":"ac_1","auth_scheme":"OAUTH2","is_composio_managed":true,"restrict_to_following_tools":["GITHUB_LIST_REPOS"]}}`)
		c, err := w.client().AuthConfigs.Create(ctx, composio.AuthConfigCreateParams{ToolkitSlug: "github"})
		require.NoError(t, err)
		assert.Equal(t, "github", c.Toolkit.Slug)
		assert.Equal(t, "ac_1", c.AuthConfig.ID)
		assert.Equal(t, composio.AuthSchemeOAuth2, c.AuthConfig.AuthScheme)
		assert.True(t, c.AuthConfig.IsComposioManaged)
		assert.Equal(t, []string{"GITHUB_LIST_REPOS"}, c.AuthConfig.RestrictToFollowingTools)
	})
	t.Run("list", func(t *testing.T) {
		w := newWire(t, http.StatusOK, `{"items":[
			{"id":"ac_1","uuid":"u-1","type":"default","toolkit":{"slug":"gmail","logo":"https://logos.composio.dev/api/gmail","auth_guide_url":null,"auth_hint_url":null},
			 "name":"Gmail","auth_scheme":"OAUTH2","is_composio_managed":true,"credentials":{"scopes":"https://mail.google.com/"},"proxy_config":null,
			 "status":"DISABLED","no_of_connections":0,"tool_access_config":{}},
			{"id":"ac_2","uuid":"u-2","type":"custom","toolkit":{"slug":"stripe","logo":""},"name":"Stripe","status":"ENABLED","no_of_connections":3,
			 "tool_access_config":{"tools_available_for_execution":["STRIPE_LIST"]},"expected_input_fields":[{"name":"api_key","type":"string","required":true}]}],
			"next_cursor":null,"total_pages":1,"current_page":1,"total_items":2}`)
		page, err := w.client().AuthConfigs.List(ctx, composio.AuthConfigListParams{})
		require.NoError(t, err)
		require.Len(t, page.Items, 2)
		a, b := page.Items[0], page.Items[1]
		assert.Equal(t, composio.AuthConfigTypeDefault, a.Type)
		assert.Equal(t, composio.AuthConfigDisabled, a.Status)
		assert.Nil(t, a.ProxyConfig)
		assert.Empty(t, a.Toolkit.AuthGuideURL)
		assert.True(t, a.CreatedAt.IsZero(), "created_at may be absent")
		assert.Equal(t, "https://mail.google.com/", a.Credentials["scopes"])
		assert.Equal(t, composio.AuthConfigTypeCustom, b.Type)
		assert.Empty(t, b.AuthScheme, "auth_scheme may be absent")
		assert.Equal(t, 3, b.NoOfConnections)
		assert.Equal(t, []string{"STRIPE_LIST"}, b.ToolAccessConfig.ToolsAvailableForExecution)
		assert.Empty(t, page.NextCursor)
	})
	t.Run("delete", func(t *testing.T) {
		w := newWire(t, http.StatusOK, `{"revoke_job_id":"rvk_2"}`)
		d, err := w.client().AuthConfigs.Delete(ctx, "ac_1", composio.AuthConfigDeleteParams{RevokeOnDelete: composio.Ptr(true)})
		require.NoError(t, err)
		assert.Equal(t, "rvk_2", d.RevokeJobID)
	})
}
