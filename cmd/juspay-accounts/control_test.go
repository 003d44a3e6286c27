package main

import (
	"encoding/json"
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
	for _, sub := range [][]string{{"requests"}, {"fault", "--status", "503"}} {
		r := inProcess(withKey, append(append([]string{"control"}, sub...), "--base-url", base, "--operation", "createCustomerAccount")...)
		assert.Equal(t, exitUsage, r.code, sub)
		assert.Empty(t, r.stdout, sub)
		assert.Contains(t, r.stderr, "--operation: not an operation id of openapi.yaml; did you mean createCustomerAccounts?\nwant one of: createCustomerAccounts, ", sub)
		assert.Contains(t, r.stderr, ", validateCustomerAccount\n", sub, "the whole list, not capped")
		r = inProcess(withKey, append(append([]string{"control"}, sub...), "--base-url", base, "--operation", "bogus", "--json")...)
		var e map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stderr), &e), "--json: the error is JSON: %s", r.stderr)
		assert.Equal(t, "usage", e["code"], sub)
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

// TestControlOutputIsMasked: the rules table masks the value a rule matches
// (VPA or account number) and the requests table shows each form value
// decoded and masked; --json stays the endpoint's JSON.
func TestControlOutputIsMasked(t *testing.T) {
	base := emulator(t, api.WithControl(), api.WithRecording(100))
	for _, args := range [][]string{
		{"force-validation", "--value", "asha@okhdfc", "--outcome", "FAILURE", "--delay", "0s"},
		{"force-validation", "--value", "026291800001191", "--outcome", "ACTIVE", "--times", "-1"},
		{"fault", "--operation", "getCustomerAccount", "--status", "503", "--header", "Retry-After=1"},
	} {
		r := inProcess(withKey, append(append([]string{"control"}, args...), "--base-url", base)...)
		require.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
	}
	r := inProcess(withKey, "control", "rules", "--base-url", base)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `1\s+-\s+-\s+\*\*\*\*@okhdfc\s+FAILURE\s+0s\s+1\n`, r.stdout)
	assert.Regexp(t, `2\s+-\s+-\s+XXXXXXXXXXX1191\s+ACTIVE\s+-\s+every\n`, r.stdout)
	assert.Regexp(t, `1\s+getCustomerAccount\s+-\s+503\s+-\s+0s\s+false\s+Retry-After=1\s+1\n`, r.stdout)
	assert.NotContains(t, r.stdout, "asha@okhdfc")
	assert.NotContains(t, r.stdout, "026291800001191")

	r = inProcess(withKey, "control", "reset", "--base-url", base)
	require.Equal(t, exitOK, r.code, r.stderr)
	r = inProcess(withKey, "create", "--base-url", base, "--customer", "cst_mask", "--account-number", "026291800001191",
		"--ifsc", "HDFC0000123", "--name", "Asha Rao")
	require.Equal(t, exitOK, r.code, r.stderr)
	r = inProcess(withKey, "create", "--base-url", base, "--customer", "cst_mask", "--vpa", "asha@okhdfc")
	require.Equal(t, exitOK, r.code, r.stderr)
	r = inProcess(withKey, "control", "requests", "--base-url", base, "--customer", "cst_mask")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "vpa=****@okhdfc")
	assert.Contains(t, r.stdout, "account_number=XXXXXXXXXXX1191")
	assert.NotContains(t, r.stdout, "%2A", "values are shown decoded")
	for _, secret := range []string{"asha@okhdfc", "026291800001191", "Asha Rao", "Asha+Rao", api.DefaultTestKey} {
		assert.NotContains(t, r.stdout+r.stderr, secret)
	}
}
