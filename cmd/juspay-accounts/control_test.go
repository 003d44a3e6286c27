package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// TestControlFlagErrors: a control subcommand's flag mistake is printed
// once, on stderr, with nothing on stdout; help asked for goes to stdout; a
// stray value is not quoted (it may be personal).
func TestControlFlagErrors(t *testing.T) {
	base := emulator(t, api.WithControl())
	for _, sub := range []string{"rules", "requests", "reset", "force-validation", "fault", "seed"} {
		r := inProcess(withKey, "control", sub, "--base-url", base, "--nope")
		assert.Equal(t, exitUsage, r.code, sub)
		assert.Empty(t, r.stdout, "%s: nothing on stdout when a command fails", sub)
		assert.Equal(t, 1, strings.Count(r.stderr, "flag provided but not defined: -nope"), "%s: printed once: %s", sub, r.stderr)
		assert.Contains(t, r.stderr, "juspay-accounts control "+sub+" -h", sub)

		r = inProcess(withKey, "control", sub, "-h")
		assert.Equal(t, exitOK, r.code, sub)
		assert.Contains(t, r.stdout, "-base-url", sub)
		assert.Empty(t, r.stderr, sub)
	}
	r := inProcess(withKey, "control", "force-validation", "--base-url", base, "--outcome", "FAILURE", "asha@okhdfc")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "1 unexpected argument")
	assert.NotContains(t, r.stdout+r.stderr, "asha@okhdfc")
}

// TestControlRulesJSON: rules takes --json like requests, and prints the
// endpoint's JSON unchanged.
func TestControlRulesJSON(t *testing.T) {
	base := emulator(t, api.WithControl())
	r := inProcess(withKey, "control", "force-validation", "--base-url", base, "--value", "asha@okhdfc", "--outcome", "FAILURE")
	require.Equal(t, exitOK, r.code, r.stderr)
	r = inProcess(withKey, "control", "rules", "--base-url", base, "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.JSONEq(t, `{"validations":[{"value":"asha@okhdfc","outcome":"FAILURE","times":1}],"faults":[]}`, r.stdout)
}
