package main

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/internal/loopback"
)

// TestBaseURLVariable: JUSPAY_BASE_URL is the default of --base-url for the
// API commands and for control; --base-url (and, for the API commands, an
// explicit --env) win over it. No case sends traffic off loopback.
func TestBaseURLVariable(t *testing.T) {
	base := emulator(t, api.WithControl())
	closed := loopback.RefusedURL(t)
	key := "JUSPAY_API_KEY=" + api.DefaultTestKey
	cases := []struct {
		name string
		env  []string
		args []string
		code int
		says string // on stderr
	}{
		{"API command reads the variable", []string{key, "JUSPAY_BASE_URL=" + base},
			[]string{"list", "--customer", "cst_nobody"}, exitRejected, "object_not_found"},
		{"--base-url wins over the variable", []string{key, "JUSPAY_BASE_URL=" + closed},
			[]string{"list", "--customer", "cst_nobody", "--base-url", base}, exitRejected, "object_not_found"},
		{"an explicit --env wins over the variable", []string{key, "JUSPAY_BASE_URL=" + base},
			[]string{"list", "--customer", "c", "--env", "staging"}, exitUsage, `--env "staging"`},
		{"the old variable is not read", []string{key, "JUSPAY_EMULATOR_URL=" + base, "JUSPAY_BASE_URL=http://example.com"},
			[]string{"list", "--customer", "c"}, exitUsage, "http"},
		{"control reads the variable", []string{key, "JUSPAY_BASE_URL=" + base},
			[]string{"control", "rules"}, exitOK, ""},
		{"control: --base-url wins over the variable", []string{key, "JUSPAY_BASE_URL=http://example.com"},
			[]string{"control", "rules", "--base-url", base}, exitOK, ""},
		{"control: the variable is used when no flag", []string{key, "JUSPAY_BASE_URL=http://example.com"},
			[]string{"control", "rules"}, exitUsage, "loopback"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := inProcess(c.env, c.args...)
			assert.Equal(t, c.code, r.code, "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, c.says)
		})
	}
}

// TestHelpNamesTheBaseURLVariable: every --help that takes --base-url says
// where a call goes when neither the flag nor JUSPAY_BASE_URL is set.
func TestHelpNamesTheBaseURLVariable(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"list", "-h"}, {"v32", "get", "-h"}, {"control", "-h"}, {"control", "rules", "-h"}} {
		r := inProcess(nil, args...)
		assert.Equal(t, exitOK, r.code, "%v", args)
		assert.Contains(t, r.stdout, "JUSPAY_BASE_URL", "%v", args)
		assert.NotContains(t, r.stdout, "JUSPAY_EMULATOR_URL", "%v", args)
	}
	assert.Contains(t, inProcess(nil, "list", "-h").stdout, "sandbox")
	assert.Contains(t, inProcess(nil, "control", "rules", "-h").stdout, defaultControlURL)
}

// TestCallFlagsHelpApplies: the help line naming the shared call flags says
// which commands take them, every one of those commands does, and the help
// of demo and serve does not list them.
func TestCallFlagsHelpApplies(t *testing.T) {
	names := regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(callFlagsHelp, -1)
	require.NotEmpty(t, names)
	each := map[string]command{}
	for n, c := range commands {
		each[n] = c
	}
	for n, c := range legacyCommands {
		each["v32 "+n] = c
	}
	for n, c := range each {
		fs := flagSet(n, c, &callArgs{})
		for _, m := range names {
			assert.NotNil(t, fs.Lookup(m[1]), "%s takes --%s", n, m[1])
		}
	}
	r := inProcess(nil, "help")
	assert.NotContains(t, r.stdout, "Common flags:", "an unqualified list reads as if demo and serve took them")
	assert.Contains(t, r.stdout, callFlagsHelp)
	assert.Contains(t, inProcess(nil, "v32", "-h").stdout, callFlagsHelp)
	for _, cmd := range []string{"demo", "serve"} {
		r := inProcess(nil, cmd, "-h")
		assert.Equal(t, exitOK, r.code)
		assert.NotRegexp(t, `(?m)^\s+-(customer|routing-id|json)\b`, r.stdout, cmd)
		assert.NotContains(t, r.stdout, callFlagsHelp, cmd)
	}
}
