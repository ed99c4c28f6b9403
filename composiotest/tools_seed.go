package composiotest

import "strings"

// AddConnectedAccount creates an ACTIVE connected account of toolkitSlug for
// userID, as if the user had completed the connection flow, and returns its
// id. Tools of that toolkit then run for the user:
//
//	srv.AddConnectedAccount("user_1", "github")
//	client.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{UserID: "user_1", ...})
func (f *Fake) AddConnectedAccount(userID, toolkitSlug string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	accounts := stateOf[accountState](f)
	now := f.timestamp()
	a := &connectedAccount{
		ID: f.newID("ca"), UserID: userID, ToolkitSlug: strings.ToLower(toolkitSlug),
		AuthConfigID: f.newID("ac"), Status: "ACTIVE", CreatedAt: now, UpdatedAt: now,
	}
	accounts.byID[a.ID] = a
	accounts.order = append(accounts.order, a)
	return a.ID
}
