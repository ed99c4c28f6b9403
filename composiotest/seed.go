package composiotest

import (
	"fmt"
	"slices"
	"strings"
)

// Seeding: the Fake's methods that add records directly, without the
// flows a client goes through, all named Seed… and all here. The admin
// API's seeding endpoints (POST /fake/users, /fake/connected_accounts,
// /fake/auth_configs) call the same unexported helpers, which return
// errors instead of panicking.

// SeedActiveAccount creates an ACTIVE connected account of toolkitSlug for
// userID, as if the user had completed the connection flow, and returns its
// id. Tools of that toolkit then run for the user:
//
//	srv.SeedActiveAccount("user_1", "github")
//	client.Tools.Execute(ctx, "GITHUB_GET_THE_AUTHENTICATED_USER", composio.ToolExecuteParams{UserID: "user_1", ...})
//
// It is SeedConnectedAccount with the defaults: the toolkit's auth config
// (created if needed) and fake credentials of its scheme.
func (f *Fake) SeedActiveAccount(userID, toolkitSlug string) string {
	return f.SeedConnectedAccount(ConnectedAccountSeed{UserID: userID, ToolkitSlug: toolkitSlug})
}

// AddConnectedAccount is SeedActiveAccount.
//
// Deprecated: use [Fake.SeedActiveAccount], named like the other seeding
// methods.
func (f *Fake) AddConnectedAccount(userID, toolkitSlug string) string {
	return f.SeedActiveAccount(userID, toolkitSlug)
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
