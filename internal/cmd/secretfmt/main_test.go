package main

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestGeneratedFileIsFresh fails while secrets_format_gen.go is not what
// go generate writes: run go generate at the root after adding a type that
// holds a secret.
func TestGeneratedFileIsFresh(t *testing.T) {
	want, err := Generate("../../..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../../" + Output)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error(Output + " is stale: run go generate at the module root")
	}
}

func TestHoldersAndGeneration(t *testing.T) {
	p, err := Read("testdata/pkg")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Holders(), []string{"Holder", "Nested", "ByHand"}; !slices.Equal(got, want) {
		t.Errorf("Holders() = %v, want %v", got, want)
	}
	src, err := Generate("testdata/pkg")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{"func (v Holder) String()", "func (v Nested) Format(", "func (v Nested) LogValue()", `goSyntax("composio.Holder"`} {
		if !strings.Contains(s, want) {
			t.Errorf("generated source lacks %q", want)
		}
	}
	for _, not := range []string{"ByHand", "Plain", "quiet"} {
		if strings.Contains(s, not) {
			t.Errorf("generated source covers %s", not)
		}
	}
}
