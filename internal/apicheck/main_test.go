package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGateFailsOnAnUnnamedBreakingChange runs the gate on a temporary copy of
// the root package: its snapshot is written, OpenAPISpec is renamed, and the
// gate must fail naming juspayaccounts.OpenAPISpec unless the Unreleased
// section's Breaking subsection names it.
func TestGateFailsOnAnUnnamedBreakingChange(t *testing.T) {
	if testing.Short() {
		t.Skip("runs apidiff")
	}
	tools, err := filepath.Abs("../../tools/apidiff/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []string{"generate.go", "openapi.yaml"} {
		b, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(t, dir, "go.mod", "module example.com/gate\n\ngo 1.26\n")
	write(t, dir, "CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-23\n")
	if err := run(dir, "api.export", "CHANGELOG.md", tools, true); err != nil {
		t.Fatal(err)
	}
	if err := run(dir, "api.export", "CHANGELOG.md", tools, false); err != nil {
		t.Fatalf("unchanged API: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "generate.go"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "generate.go", strings.ReplaceAll(string(src), "func OpenAPISpec()", "func Spec()"))

	for _, tc := range []struct {
		name, changelog string
		pass            bool
	}{
		{"no Breaking subsection", "## [Unreleased]\n\n### Added\n\n- `juspayaccounts.Spec`.\n", false},
		{"named in Breaking", "## [Unreleased]\n\n### Breaking\n\n- `juspayaccounts.OpenAPISpec` is now `Spec`.\n\n### Added\n\n- x\n", true},
		{"named in Breaking, plain text at the end of a sentence", "## [Unreleased]\n### Breaking\n- renamed juspayaccounts.OpenAPISpec.\n", true},
		{"named under Added only", "## [Unreleased]\n\n### Breaking\n\n- other.Thing\n\n### Added\n\n- juspayaccounts.OpenAPISpec\n", false},
		{"named in a released section only", "## [Unreleased]\n\n## [0.1.0]\n\n### Breaking\n\n- juspayaccounts.OpenAPISpec\n", false},
		{"a longer identifier is not the name", "## [Unreleased]\n\n### Breaking\n\n- juspayaccounts.OpenAPISpecs\n", false},
		{"unqualified is not the name", "## [Unreleased]\n\n### Breaking\n\n- OpenAPISpec\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			write(t, dir, "CHANGELOG.md", "# Changelog\n\n"+tc.changelog)
			err := run(dir, "api.export", "CHANGELOG.md", tools, false)
			if tc.pass && err != nil {
				t.Fatalf("gate failed: %v", err)
			}
			if !tc.pass && (err == nil || !strings.Contains(err.Error(), "juspayaccounts.OpenAPISpec (OpenAPISpec: removed)")) {
				t.Fatalf("gate: got %v, want a failure naming juspayaccounts.OpenAPISpec", err)
			}
		})
	}
}

func TestIdentifier(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{"OpenAPISpec: removed", "juspayaccounts.OpenAPISpec"},
		{"./wrapper.(*Client).Do: removed", "wrapper.Client.Do"},
		{"./gen.CustomerAccount.CustomerAccountId: removed", "gen.CustomerAccount.CustomerAccountId"},
		{"./api/docsui.Handler: changed from func() to func(int)", "api/docsui.Handler"},
		{"./wrapper.API, method set of *T: removed", "wrapper.API"},
		{"package example.com/m/faults: removed", "faults"},
	} {
		if got := identifier(tc.msg, "example.com/m", "juspayaccounts"); got != tc.want {
			t.Errorf("identifier(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}

func TestNamedCoversMembersByTheirType(t *testing.T) {
	for _, tc := range []struct {
		text, id string
		want     bool
	}{
		{"- `gen.CustomerAccount`: fields renamed", "gen.CustomerAccount.CustomerAccountId", true},
		{"- gen.CustomerAccount.Other renamed", "gen.CustomerAccount.CustomerAccountId", false},
		{"- gen.CustomerAccountForm renamed", "gen.CustomerAccount.CustomerAccountId", false},
		{"- xgen.CustomerAccount", "gen.CustomerAccount", false},
	} {
		if got := named(tc.text, tc.id); got != tc.want {
			t.Errorf("named(%q, %q) = %v, want %v", tc.text, tc.id, got, tc.want)
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
