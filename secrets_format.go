package composio

import (
	"fmt"
	"log/slog"
	"strings"
)

// String, GoString and Format methods of the types that carry credentials.
// Each prints its fields through a method-less copy (no recursion), so the
// fields' own redacting methods apply and pointer fields print as
// addresses. Format covers every verb: %v, %+v, %s, %q, %x and %X print
// String, %#v prints GoString, and any other verb (%d, %t, ...) reports the
// bad verb around the redacted form. fmt prints a bad verb's operand
// without calling its methods, which would otherwise reach a secret
// through a pointer field.

// goSyntax is the %#v form of plain, a method-less copy of a value of the
// exported type name.
func goSyntax(name string, plain any) string {
	s := fmt.Sprintf("%#v", plain)
	if i := strings.IndexByte(s, '{'); i >= 0 {
		return name + s[i:]
	}
	return s
}

type plainConnectionState ConnectionState

// String prints the state with its secrets redacted.
func (s ConnectionState) String() string { return fmt.Sprintf("%+v", plainConnectionState(s)) }

// GoString is the Go-syntax form of String, for %#v.
func (s ConnectionState) GoString() string {
	return goSyntax("composio.ConnectionState", plainConnectionState(s))
}

// Format prints the state with its secrets redacted whatever the verb.
func (s ConnectionState) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ConnectionState", s.String, s.GoString)
}

type plainConnectedAccount ConnectedAccount

// String prints the account with its credentials redacted.
func (a ConnectedAccount) String() string { return fmt.Sprintf("%+v", plainConnectedAccount(a)) }

// GoString is the Go-syntax form of String, for %#v.
func (a ConnectedAccount) GoString() string {
	return goSyntax("composio.ConnectedAccount", plainConnectedAccount(a))
}

// Format prints the account with its credentials redacted whatever the verb.
func (a ConnectedAccount) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ConnectedAccount", a.String, a.GoString)
}

type plainConnectionRequest ConnectionRequest

// String prints the request with its credentials redacted.
func (r ConnectionRequest) String() string { return fmt.Sprintf("%+v", plainConnectionRequest(r)) }

// GoString is the Go-syntax form of String, for %#v.
func (r ConnectionRequest) GoString() string {
	return goSyntax("composio.ConnectionRequest", plainConnectionRequest(r))
}

// Format prints the request with its credentials redacted whatever the verb.
func (r ConnectionRequest) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ConnectionRequest", r.String, r.GoString)
}

type plainConnectedAccountCreateParams ConnectedAccountCreateParams

// String prints the params with their credentials redacted.
func (p ConnectedAccountCreateParams) String() string {
	return fmt.Sprintf("%+v", plainConnectedAccountCreateParams(p))
}

// GoString is the Go-syntax form of String, for %#v.
func (p ConnectedAccountCreateParams) GoString() string {
	return goSyntax("composio.ConnectedAccountCreateParams", plainConnectedAccountCreateParams(p))
}

// Format prints the params with their credentials redacted whatever the verb.
func (p ConnectedAccountCreateParams) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ConnectedAccountCreateParams", p.String, p.GoString)
}

type plainConnectedAccountLinkParams ConnectedAccountLinkParams

// String prints the params with their connection data redacted.
func (p ConnectedAccountLinkParams) String() string {
	return fmt.Sprintf("%+v", plainConnectedAccountLinkParams(p))
}

// GoString is the Go-syntax form of String, for %#v.
func (p ConnectedAccountLinkParams) GoString() string {
	return goSyntax("composio.ConnectedAccountLinkParams", plainConnectedAccountLinkParams(p))
}

// Format prints the params with their connection data redacted whatever the verb.
func (p ConnectedAccountLinkParams) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ConnectedAccountLinkParams", p.String, p.GoString)
}

type plainConnectedAccountUpdateParams ConnectedAccountUpdateParams

// String prints the params with their credentials redacted.
func (p ConnectedAccountUpdateParams) String() string {
	return fmt.Sprintf("%+v", plainConnectedAccountUpdateParams(p))
}

// GoString is the Go-syntax form of String, for %#v.
func (p ConnectedAccountUpdateParams) GoString() string {
	return goSyntax("composio.ConnectedAccountUpdateParams", plainConnectedAccountUpdateParams(p))
}

// Format prints the params with their credentials redacted whatever the verb.
func (p ConnectedAccountUpdateParams) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ConnectedAccountUpdateParams", p.String, p.GoString)
}

type plainAuthConfig AuthConfig

// String prints the config with its secrets redacted.
func (c AuthConfig) String() string { return fmt.Sprintf("%+v", plainAuthConfig(c)) }

// GoString is the Go-syntax form of String, for %#v.
func (c AuthConfig) GoString() string { return goSyntax("composio.AuthConfig", plainAuthConfig(c)) }

// Format prints the config with its secrets redacted whatever the verb.
func (c AuthConfig) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.AuthConfig", c.String, c.GoString)
}

type plainAuthConfigCreateParams AuthConfigCreateParams

// String prints the params with their credentials redacted.
func (p AuthConfigCreateParams) String() string {
	return fmt.Sprintf("%+v", plainAuthConfigCreateParams(p))
}

// GoString is the Go-syntax form of String, for %#v.
func (p AuthConfigCreateParams) GoString() string {
	return goSyntax("composio.AuthConfigCreateParams", plainAuthConfigCreateParams(p))
}

// Format prints the params with their credentials redacted whatever the verb.
func (p AuthConfigCreateParams) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.AuthConfigCreateParams", p.String, p.GoString)
}

type plainAuthConfigSpec AuthConfigSpec

// String prints the variant that is set, its credentials redacted.
func (s AuthConfigSpec) String() string { return fmt.Sprintf("%+v", plainAuthConfigSpec(s)) }

// GoString is the Go-syntax form of String, for %#v.
func (s AuthConfigSpec) GoString() string {
	return goSyntax("composio.AuthConfigSpec", plainAuthConfigSpec(s))
}

// Format prints the variant that is set, its credentials redacted whatever the verb.
func (s AuthConfigSpec) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.AuthConfigSpec", s.String, s.GoString)
}

// LogValue logs the String form, so a JSON log handler never encodes the
// secrets.
func (s AuthConfigSpec) LogValue() slog.Value { return logString(s) }

type plainComposioManagedAuthConfig ComposioManagedAuthConfig

// String prints the config with its credentials redacted.
func (c ComposioManagedAuthConfig) String() string {
	return fmt.Sprintf("%+v", plainComposioManagedAuthConfig(c))
}

// GoString is the Go-syntax form of String, for %#v.
func (c ComposioManagedAuthConfig) GoString() string {
	return goSyntax("composio.ComposioManagedAuthConfig", plainComposioManagedAuthConfig(c))
}

// Format prints the config with its credentials redacted whatever the verb.
func (c ComposioManagedAuthConfig) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.ComposioManagedAuthConfig", c.String, c.GoString)
}

// LogValue logs the String form, so a JSON log handler never encodes the
// secrets.
func (c ComposioManagedAuthConfig) LogValue() slog.Value { return logString(c) }

type plainCustomAuthConfig CustomAuthConfig

// String prints the config with its credentials redacted.
func (c CustomAuthConfig) String() string { return fmt.Sprintf("%+v", plainCustomAuthConfig(c)) }

// GoString is the Go-syntax form of String, for %#v.
func (c CustomAuthConfig) GoString() string {
	return goSyntax("composio.CustomAuthConfig", plainCustomAuthConfig(c))
}

// Format prints the config with its credentials redacted whatever the verb.
func (c CustomAuthConfig) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.CustomAuthConfig", c.String, c.GoString)
}

// LogValue logs the String form, so a JSON log handler never encodes the
// secrets.
func (c CustomAuthConfig) LogValue() slog.Value { return logString(c) }

type plainAuthConfigUpdateParams AuthConfigUpdateParams

// String prints the params with their credentials redacted.
func (p AuthConfigUpdateParams) String() string {
	return fmt.Sprintf("%+v", plainAuthConfigUpdateParams(p))
}

// GoString is the Go-syntax form of String, for %#v.
func (p AuthConfigUpdateParams) GoString() string {
	return goSyntax("composio.AuthConfigUpdateParams", plainAuthConfigUpdateParams(p))
}

// Format prints the params with their credentials redacted whatever the verb.
func (p AuthConfigUpdateParams) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.AuthConfigUpdateParams", p.String, p.GoString)
}

type plainCustomAuthConfigUpdate CustomAuthConfigUpdate

// String prints the update with its credentials redacted.
func (u CustomAuthConfigUpdate) String() string {
	return fmt.Sprintf("%+v", plainCustomAuthConfigUpdate(u))
}

// GoString is the Go-syntax form of String, for %#v.
func (u CustomAuthConfigUpdate) GoString() string {
	return goSyntax("composio.CustomAuthConfigUpdate", plainCustomAuthConfigUpdate(u))
}

// Format prints the update with its credentials redacted whatever the verb.
func (u CustomAuthConfigUpdate) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.CustomAuthConfigUpdate", u.String, u.GoString)
}

// LogValue logs the String form, so a JSON log handler never encodes the
// secrets.
func (u CustomAuthConfigUpdate) LogValue() slog.Value { return logString(u) }

type plainDefaultAuthConfigUpdate DefaultAuthConfigUpdate

// String prints the update with its credentials redacted.
func (u DefaultAuthConfigUpdate) String() string {
	return fmt.Sprintf("%+v", plainDefaultAuthConfigUpdate(u))
}

// GoString is the Go-syntax form of String, for %#v.
func (u DefaultAuthConfigUpdate) GoString() string {
	return goSyntax("composio.DefaultAuthConfigUpdate", plainDefaultAuthConfigUpdate(u))
}

// Format prints the update with its credentials redacted whatever the verb.
func (u DefaultAuthConfigUpdate) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.DefaultAuthConfigUpdate", u.String, u.GoString)
}

// LogValue logs the String form, so a JSON log handler never encodes the
// secrets.
func (u DefaultAuthConfigUpdate) LogValue() slog.Value { return logString(u) }

// Format prints the upload URL without its signature whatever the verb:
// fmt sends only some verbs to String and prints the fields, presigned URL
// included, under the others (%d, %t, ...).
func (u FileUploadURL) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.FileUploadURL", u.String, u.GoString)
}
