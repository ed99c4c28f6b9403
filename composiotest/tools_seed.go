package composiotest

// AddConnectedAccount creates an ACTIVE connected account of toolkitSlug for
// userID, as if the user had completed the connection flow, and returns its
// id. Tools of that toolkit then run for the user:
//
//	srv.AddConnectedAccount("user_1", "github")
//	client.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{UserID: "user_1", ...})
//
// It is SeedConnectedAccount with the defaults: the toolkit's auth config
// (created if needed) and fake credentials of its scheme.
func (f *Fake) AddConnectedAccount(userID, toolkitSlug string) string {
	return f.SeedConnectedAccount(ConnectedAccountSeed{UserID: userID, ToolkitSlug: toolkitSlug})
}
