package composio

import (
	"fmt"
	"strings"
)

//go:generate go run ./internal/cmd/secretfmt

// String, GoString, Format and LogValue methods of the types that carry
// credentials are generated into secrets_format_gen.go for every exported
// type that holds a CredentialMap or a SecretString (or a type that redacts
// itself by hand), unless it prints itself by hand; TestSecretHoldersRedact
// checks that none is missed. Each prints its fields through a
// method-less copy (no recursion), so the fields' own redacting methods
// apply and pointer fields print as addresses. Format covers every verb: %v, %+v, %s, %q, %x and %X print
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

// Format prints the upload URL without its signature whatever the verb:
// fmt sends only some verbs to String and prints the fields, presigned URL
// included, under the others (%d, %t, ...).
func (u FileUploadURL) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, "composio.FileUploadURL", u.String, u.GoString)
}
