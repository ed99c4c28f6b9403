package main

import (
	"bytes"
	"os"
	"testing"
)

// TestTableIsGenerated fails while table.go is not what go generate writes
// from testdata/operations.json: after a refresh of the contract file, run
// go generate ./internal/ops.
func TestTableIsGenerated(t *testing.T) {
	raw, err := os.ReadFile("../../../testdata/operations.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/ops/table.go is stale: run go generate ./internal/ops")
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"toolRouter.session":  "ToolRouterSession",
		"createPresignedURL":  "CreatePresignedURL",
		"mcp.generate":        "MCPGenerate",
		"url":                 "URL",
		"regenerateAPIKey":    "RegenerateAPIKey",
		"org.owner.project":   "OrgOwnerProject",
		"apiKeyRevocation":    "APIKeyRevocation",
		"cli.realtime":        "CLIRealtime",
		"retrieveToolkitInfo": "RetrieveToolkitInfo",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGenerateRefusesBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"not v3.1":     `[{"resource":"a","method_name":"b","http_method":"GET","path":"/api/v3/x","auth":["x-api-key"]}]`,
		"unknown auth": `[{"resource":"a","method_name":"b","http_method":"GET","path":"/api/v3.1/x","auth":["bearer"]}]`,
		"same name":    `[{"resource":"a","method_name":"b","http_method":"GET","path":"/api/v3.1/x","auth":["x-api-key"]},{"resource":"a","method_name":"b","http_method":"GET","path":"/api/v3.1/y","auth":["x-api-key"]}]`,
		"not json":     `{`,
	} {
		if _, err := Generate([]byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
