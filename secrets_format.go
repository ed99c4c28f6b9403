package composio

import "fmt"

// String methods of the types that carry credentials. Each prints the
// fields in the %+v form through a method-less copy (no recursion), so the
// fields' own redacting String methods apply and pointer fields print
// redacted or as addresses: no verb (%v, %+v, %s) can reach a secret.

// String prints the state with its secrets redacted.
func (s ConnectionState) String() string {
	type plain ConnectionState
	return fmt.Sprintf("%+v", plain(s))
}

// String prints the account with its credentials redacted.
func (a ConnectedAccount) String() string {
	type plain ConnectedAccount
	return fmt.Sprintf("%+v", plain(a))
}

// String prints the request with its credentials redacted.
func (r ConnectionRequest) String() string {
	type plain ConnectionRequest
	return fmt.Sprintf("%+v", plain(r))
}

// String prints the params with their credentials redacted.
func (p ConnectedAccountCreateParams) String() string {
	type plain ConnectedAccountCreateParams
	return fmt.Sprintf("%+v", plain(p))
}

// String prints the params with their credentials redacted.
func (p ConnectedAccountUpdateParams) String() string {
	type plain ConnectedAccountUpdateParams
	return fmt.Sprintf("%+v", plain(p))
}

// String prints the config with its secrets redacted.
func (c AuthConfig) String() string {
	type plain AuthConfig
	return fmt.Sprintf("%+v", plain(c))
}

// String prints the params with their credentials redacted.
func (p AuthConfigCreateParams) String() string {
	type plain AuthConfigCreateParams
	return fmt.Sprintf("%+v", plain(p))
}

// String prints the variant that is set, its credentials redacted.
func (s AuthConfigSpec) String() string {
	type plain AuthConfigSpec
	return fmt.Sprintf("%+v", plain(s))
}

// String prints the config with its credentials redacted.
func (c ComposioManagedAuthConfig) String() string {
	type plain ComposioManagedAuthConfig
	return fmt.Sprintf("%+v", plain(c))
}

// String prints the config with its credentials redacted.
func (c CustomAuthConfig) String() string {
	type plain CustomAuthConfig
	return fmt.Sprintf("%+v", plain(c))
}

// String prints the params with their credentials redacted.
func (p AuthConfigUpdateParams) String() string {
	type plain AuthConfigUpdateParams
	return fmt.Sprintf("%+v", plain(p))
}

// String prints the update with its credentials redacted.
func (u CustomAuthConfigUpdate) String() string {
	type plain CustomAuthConfigUpdate
	return fmt.Sprintf("%+v", plain(u))
}

// String prints the update with its credentials redacted.
func (u DefaultAuthConfigUpdate) String() string {
	type plain DefaultAuthConfigUpdate
	return fmt.Sprintf("%+v", plain(u))
}
