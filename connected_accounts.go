package composio

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ConnectedAccountsService calls the Composio API's connected accounts
// operations: a user's authenticated connection to a toolkit (their GitHub,
// their Gmail), which tools run as. Use it through [Client].ConnectedAccounts.
//
// To connect a user: [ConnectedAccountsService.Link] (or Create) returns a
// redirect URL for the user; [ConnectedAccountsService.WaitForConnection]
// waits until the account is ACTIVE.
type ConnectedAccountsService service

// List returns one page of connected accounts matching params.
//
// API: GET /connected_accounts
func (s *ConnectedAccountsService) List(ctx context.Context, params ConnectedAccountListParams, opts ...RequestOption) (*Page[ConnectedAccount], error) {
	return do[Page[ConnectedAccount]](ctx, s.client, request{op: ops.ConnectedAccountsList, query: params}, opts)
}

// ListAll iterates over every connected account matching params, fetching
// pages as the loop advances.
//
// The loop may delete the accounts it has read, or change them so that they
// leave the filter, on a server whose cursors mark the last item served (the
// fake's do). Changing the field the list is ordered by moves an account, and
// the API does not document its cursors under writes: to change accounts
// with certainty, gather them first ([Collect], or their IDs) and change them
// after the loop.
//
// API: GET /connected_accounts
func (s *ConnectedAccountsService) ListAll(ctx context.Context, params ConnectedAccountListParams, opts ...RequestOption) iter.Seq2[ConnectedAccount, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[ConnectedAccount], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// Create starts a connection for a user under an auth config. For OAuth the
// answer is INITIATED with a redirect URL the user must visit; with
// credentials in params.State (an API key, imported tokens) the account is
// usually ACTIVE at once. Prefer [ConnectedAccountsService.Link] for
// redirect-based flows: Composio is retiring this endpoint for them.
//
// API: POST /connected_accounts
func (s *ConnectedAccountsService) Create(ctx context.Context, params ConnectedAccountCreateParams, opts ...RequestOption) (*ConnectionRequest, error) {
	if strings.TrimSpace(params.AuthConfigID) == "" {
		return nil, invalidParam("auth_config.id", "must not be empty")
	}
	if params.State != nil && params.State.AuthScheme == "" {
		return nil, invalidParam("connection.state.authScheme", "must not be empty when a state is given")
	}
	return do[ConnectionRequest](ctx, s.client, request{op: ops.ConnectedAccountsCreate, body: params}, opts)
}

// Link creates a Composio Connect link: a hosted page where the user signs
// in to the toolkit (or enters their key). Send the user to RedirectURL,
// then wait with [ConnectedAccountsService.WaitForConnection] on
// ConnectedAccountID.
//
// API: POST /connected_accounts/link
func (s *ConnectedAccountsService) Link(ctx context.Context, params ConnectedAccountLinkParams, opts ...RequestOption) (*ConnectionLink, error) {
	if strings.TrimSpace(params.AuthConfigID) == "" {
		return nil, invalidParam("auth_config_id", "must not be empty")
	}
	if strings.TrimSpace(params.UserID) == "" {
		return nil, invalidParam("user_id", "must not be empty")
	}
	return do[ConnectionLink](ctx, s.client, request{op: ops.LinkCreate, body: params}, opts)
}

// Enable enables a disabled connected account.
//
// API: PATCH /connected_accounts/{nanoId}/status
func (s *ConnectedAccountsService) Enable(ctx context.Context, id string, opts ...RequestOption) error {
	return s.setEnabled(ctx, id, true, opts)
}

// Disable disables a connected account: tools can no longer run as it
// until it is enabled again. Its status becomes INACTIVE.
//
// API: PATCH /connected_accounts/{nanoId}/status
func (s *ConnectedAccountsService) Disable(ctx context.Context, id string, opts ...RequestOption) error {
	return s.setEnabled(ctx, id, false, opts)
}

// Get returns a connected account with its state and connection parameters.
//
// API: GET /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) Get(ctx context.Context, id string, opts ...RequestOption) (*ConnectedAccount, error) {
	return do[ConnectedAccount](ctx, s.client, request{op: ops.ConnectedAccountsRetrieve, pathArgs: []string{id}}, opts)
}

// Update changes a connected account's alias, credentials or sharing. Only
// the fields set in params change.
//
// API: PATCH /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) Update(ctx context.Context, id string, params ConnectedAccountUpdateParams, opts ...RequestOption) (*ConnectedAccountUpdated, error) {
	if params.Credentials != nil && params.Credentials.AuthScheme == "" {
		return nil, invalidParam("connection.state.authScheme", "must be the connection's auth scheme")
	}
	return do[ConnectedAccountUpdated](ctx, s.client, request{op: ops.ConnectedAccountsPatch, pathArgs: []string{id}, body: params}, opts)
}

// Delete deletes a connected account. With params.RevokeOnDelete the
// provider credentials are revoked too, in a background job.
//
// API: DELETE /connected_accounts/{nanoid}
func (s *ConnectedAccountsService) Delete(ctx context.Context, id string, params ConnectedAccountDeleteParams, opts ...RequestOption) (*ConnectedAccountDeleted, error) {
	return do[ConnectedAccountDeleted](ctx, s.client, request{op: ops.ConnectedAccountsDelete, pathArgs: []string{id}, query: params}, opts)
}

// Refresh re-authenticates a connected account: for OAuth the answer is
// INITIATED with a new redirect URL for the user.
//
// API: POST /connected_accounts/{nanoid}/refresh
func (s *ConnectedAccountsService) Refresh(ctx context.Context, id string, params ConnectedAccountRefreshParams, opts ...RequestOption) (*ConnectedAccountRefreshed, error) {
	return do[ConnectedAccountRefreshed](ctx, s.client, request{op: ops.ConnectedAccountsRefresh, pathArgs: []string{id}, query: params, body: params}, opts)
}

// Revoke revokes the account's credentials at the provider; its status
// becomes REVOKED. It is irreversible.
//
// API: POST /connected_accounts/{nanoid}/revoke
func (s *ConnectedAccountsService) Revoke(ctx context.Context, id string, opts ...RequestOption) (*ConnectedAccountRevoked, error) {
	return do[ConnectedAccountRevoked](ctx, s.client, request{op: ops.ConnectedAccountsRevoke, pathArgs: []string{id}}, opts)
}

func (s *ConnectedAccountsService) setEnabled(ctx context.Context, id string, enabled bool, opts []RequestOption) error {
	var out struct {
		Success bool `json:"success"`
	}
	body := struct {
		Enabled bool `json:"enabled"`
	}{enabled}
	if err := s.client.call(ctx, request{op: ops.ConnectedAccountsUpdateStatus, pathArgs: []string{id}, body: body}, opts, &out); err != nil {
		return err
	}
	if !out.Success {
		return fmt.Errorf("composio: PATCH /connected_accounts/%s/status: the API reported success: false", id)
	}
	return nil
}
