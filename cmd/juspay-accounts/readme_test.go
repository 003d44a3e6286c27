package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cliSection is the README's "The command-line tool" section.
func cliSection(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(b), "\n## The command-line tool\n")
	require.True(t, ok, "README has a section \"The command-line tool\"")
	section, _, _ := strings.Cut(rest, "\n## ")
	return section
}

// TestREADMECLIClaims: the README's claims about the command line hold as
// written: the exception to "nothing on stdout when a command fails" is
// stated, error messages quote harmless values it names (and no absolute
// "never quote a flag's value"), and one or two dashes work alike.
func TestREADMECLIClaims(t *testing.T) {
	readme := cliSection(t)
	assert.NotContains(t, readme, "error messages never quote a flag's value")
	assert.Contains(t, readme, "`await` ending in FAILURE (exit 6) prints the FAILED account on stdout")
	assert.Contains(t, readme, "never quote a personal value (account number, VPA, name, metadata) or the key")
	assert.Contains(t, readme, "`--count 5` and `-count 5` are the same")

	base := emulator(t)
	// The harmless values the README says may be quoted are quoted.
	r := inProcess(withKey, "list", "--customer", "c", "--env", "staging")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `--env "staging"`)
	r = inProcess(withKey, "list", "--customer", "c", "--base-url", base, "--timeout", "-1s")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-1s")

	// One dash or two: the same call.
	for _, vpa := range []string{"a1@okaxis", "a2@okaxis"} {
		r := inProcess(withKey, "create", "--base-url", base, "--customer", "cst_dash", "--vpa", vpa)
		require.Equal(t, exitOK, r.code, r.stderr)
	}
	one := inProcess(withKey, "list", "-base-url", base, "-customer", "cst_dash", "-count", "1")
	two := inProcess(withKey, "list", "--base-url", base, "--customer", "cst_dash", "--count", "1")
	require.Equal(t, exitOK, one.code, one.stderr)
	assert.Equal(t, two, one)
	assert.Contains(t, one.stdout, "(1 of 2)")
}
