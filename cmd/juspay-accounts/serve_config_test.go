package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// parseServe parses serve's extra flags from args and env as runServe does.
func parseServe(t *testing.T, args []string, env map[string]string) (*serveConfig, error) {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("addr", "127.0.0.1:8080", "")
	c := addServeFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return c, c.finish(fs, func(k string) string { return env[k] })
}

func writeSeed(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

// TestServeConfigParsing: every flag, its environment variable (the flag
// wins), and the refusals.
func TestServeConfigParsing(t *testing.T) {
	seed := writeSeed(t, `[{"customer_id":"c1","vpa":"ravi@okaxis","status":"ACTIVE"}]`)
	c, err := parseServe(t, []string{"--accounts-per-customer", "3", "--validation-outcome", "failure", "--failure-rate", "0.25",
		"--failure-seed", "7", "--seed-file", seed, "--control", "--record", "50", "--log-level", "warn"}, nil)
	require.NoError(t, err)
	assert.Equal(t, serveConfig{accountsPerCustomer: 3, outcome: "failure", failureRate: 0.25, failureSeed: 7, seedFile: seed,
		control: true, record: 50, level: slog.LevelWarn, seed: []api.SeedAccount{{CustomerID: "c1", VPA: "ravi@okaxis", Status: "ACTIVE"}}}, *c)

	c, err = parseServe(t, []string{"--accounts-per-customer", "4"}, map[string]string{
		"JUSPAY_EMULATOR_ACCOUNTS_PER_CUSTOMER": "9", "JUSPAY_EMULATOR_VALIDATION_OUTCOME": "PENDING",
		"JUSPAY_EMULATOR_FAILURE_RATE": "1", "JUSPAY_EMULATOR_CONTROL": "true", "JUSPAY_EMULATOR_RECORD": "5",
		"JUSPAY_EMULATOR_FAILURE_SEED": "3", "JUSPAY_EMULATOR_SEED_FILE": seed, "JUSPAY_EMULATOR_LOG_LEVEL": "DEBUG",
	})
	require.NoError(t, err)
	assert.Equal(t, 4, c.accountsPerCustomer, "the flag beats the environment")
	assert.Equal(t, "PENDING", c.outcome)
	assert.Equal(t, 1.0, c.failureRate)
	assert.True(t, c.control)
	assert.Equal(t, 5, c.record)
	assert.EqualValues(t, 3, c.failureSeed)
	assert.Len(t, c.seed, 1)
	assert.Equal(t, slog.LevelDebug, c.level)

	c, err = parseServe(t, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, api.DefaultMaxAccountsPerCustomer, c.accountsPerCustomer, "the default stays 100")
	assert.Equal(t, "ACTIVE", c.outcome)
	assert.False(t, c.control)
	assert.Equal(t, slog.LevelInfo, c.level, "each request is logged by default")

	for _, bad := range []struct {
		args []string
		env  map[string]string
		says string
	}{
		{[]string{"--accounts-per-customer", "0"}, nil, "at least 1"},
		{[]string{"--validation-outcome", "DONE"}, nil, "ACTIVE, FAILURE or PENDING"},
		{[]string{"--failure-rate", "1.5"}, nil, "between 0 and 1"},
		{[]string{"--failure-rate", "NaN"}, nil, "between 0 and 1"},
		{[]string{"--record", "0"}, nil, "--record must be between 1 and 100000"},
		{[]string{"--record", "100000000"}, nil, "--record must be between 1 and 100000"},
		{nil, map[string]string{"JUSPAY_EMULATOR_RECORD": "100001"}, "--record must be between 1 and 100000"},
		{[]string{"--seed-file", filepath.Join(t.TempDir(), "none.json")}, nil, "no such file"},
		{[]string{"--seed-file", writeSeed(t, `{"customer_id":"c"}`)}, nil, "JSON array"},
		{nil, map[string]string{"JUSPAY_EMULATOR_FAILURE_RATE": "lots"}, "JUSPAY_EMULATOR_FAILURE_RATE"},
		{nil, map[string]string{"JUSPAY_EMULATOR_LOG_LEVEL": "loud"}, "JUSPAY_EMULATOR_LOG_LEVEL"},
	} {
		_, err := parseServe(t, bad.args, bad.env)
		var usage usageError
		require.True(t, errors.As(err, &usage), "%v %v: %v", bad.args, bad.env, err)
		assert.Contains(t, err.Error(), bad.says)
	}
}

// emulatorFor serves the emulator a serve configuration builds.
func emulatorFor(t *testing.T, args ...string) (*wrapper.Client, *api.Server) {
	t.Helper()
	c, err := parseServe(t, args, nil)
	require.NoError(t, err)
	emu := api.New(append([]api.Option{api.WithValidationDelay(0)}, c.options()...)...)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL), wrapper.WithHTTPClient(srv.Client()),
		wrapper.WithRetryPolicy(wrapper.NoRetries()))
	require.NoError(t, err)
	return client, emu
}

// TestServeConfigBehaviour: each flag changes what the emulator does.
func TestServeConfigBehaviour(t *testing.T) {
	ctx := context.Background()
	t.Run("accounts-per-customer", func(t *testing.T) {
		c, _ := emulatorFor(t, "--accounts-per-customer", "2")
		for range 2 {
			_, err := c.CreateCustomerAccounts(ctx, "c1", wrapper.AccountInput{VPA: "ravi@okaxis"})
			require.NoError(t, err)
		}
		_, err := c.CreateCustomerAccounts(ctx, "c1", wrapper.AccountInput{VPA: "ravi@okaxis"})
		var apiErr *wrapper.APIError
		require.True(t, errors.As(err, &apiErr), "%v", err)
		assert.Equal(t, "LIMIT_EXCEEDED", apiErr.Info.Code)
	})
	t.Run("validation-outcome", func(t *testing.T) {
		c, _ := emulatorFor(t, "--validation-outcome", "FAILURE")
		a, err := c.CreateAndValidateCustomerAccounts(ctx, "c1", wrapper.AccountInput{VPA: "ravi@okaxis"})
		require.NoError(t, err)
		assert.Equal(t, wrapper.StatusFailure, a.ValidationStatus)
	})
	t.Run("failure-rate and failure-seed", func(t *testing.T) {
		pattern := func() string {
			c, emu := emulatorFor(t, "--failure-rate", "0.5", "--failure-seed", "99")
			_, err := emu.Seed(ctx, api.SeedAccount{CustomerID: "c1", VPA: "ravi@okaxis"})
			require.NoError(t, err)
			var b strings.Builder
			for range 30 {
				if _, err := c.ListCustomerAccounts(ctx, "c1", nil); err != nil {
					assert.ErrorContains(t, err, "503")
					b.WriteByte('x')
				} else {
					b.WriteByte('.')
				}
			}
			return b.String()
		}
		p := pattern()
		assert.Equal(t, p, pattern(), "the same seed fails the same calls")
		assert.Contains(t, p, "x")
		assert.Contains(t, p, ".")
	})
	t.Run("control", func(t *testing.T) {
		_, emu := emulatorFor(t, "--control", "--record", "2")
		srv := httptest.NewServer(emu)
		t.Cleanup(srv.Close)
		req, err := http.NewRequest("GET", srv.URL+api.ControlPrefix+"rules", nil)
		require.NoError(t, err)
		req.SetBasicAuth(api.DefaultTestKey, "")
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		_, _ = emu.Seed(ctx, api.SeedAccount{CustomerID: "c1", VPA: "ravi@okaxis"})
		for range 3 {
			req, err := http.NewRequest("GET", srv.URL+"/customers/c1/customer-accounts/list", nil)
			require.NoError(t, err)
			req.SetBasicAuth(api.DefaultTestKey, "")
			req.Header.Set("x-routing-id", "c1")
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			resp.Body.Close()
		}
		assert.Len(t, emu.Requests(), 2, "--record 2 keeps the last two")
		_, off := emulatorFor(t)
		assert.Nil(t, off.Requests(), "no recording without --control")
	})
}

// startServeWith runs `juspay-accounts serve` with its own environment and
// returns its URL once it logged its configuration.
func startServeWith(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0", "--delay", "0s"}, args...)...)
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	var base string
	for lines.Scan() {
		if m := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)`).FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
		if strings.Contains(lines.Text(), "emulator configuration") {
			break
		}
	}
	require.NotEmpty(t, base, "serve did not log its URL")
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	return base
}

// TestServeSeedFileAndControlCLI: serve seeds accounts from a file (set by
// its environment variable) and, with --control, the control command forces
// a FAILURE, a fault, shows the requests and resets.
func TestServeSeedFileAndControlCLI(t *testing.T) {
	seed := writeSeed(t, `[{"customer_id":"cst_seed","vpa":"ravi@okaxis","status":"ACTIVE"},
	  {"customer_id":"cst_seed","account_number":"026291800001191","ifsc":"HDFC0000123","beneficiary_name":"Asha Rao"}]`)
	base := startServeWith(t, []string{"JUSPAY_EMULATOR_SEED_FILE=" + seed, "JUSPAY_EMULATOR_CONTROL=1"})
	common := []string{"--base-url", base}

	r := cli(t, withKey, "list", "--base-url", base, "--customer", "cst_seed")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "ACTIVE")
	assert.Contains(t, r.stdout, "CREATED")
	assert.Contains(t, r.stdout, "(2 of 2)")

	more := writeSeed(t, `[{"customer_id":"cst_more","vpa":"pending.kim@okaxis","status":"PENDING"}]`)
	r = cli(t, withKey, append([]string{"control", "seed", "--file", more}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `^banh_\w{16}\n$`, r.stdout, "one id per line")
	r = cli(t, withKey, "get", "--base-url", base, "--customer", "cst_more", "--account", strings.TrimSpace(r.stdout))
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "PENDING")

	r = cli(t, withKey, append([]string{"control", "force-validation", "--value", "asha@okhdfc", "--outcome", "failure"}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "pending: 1 validation rule(s), 0 fault(s)")
	r = cli(t, withKey, "create", "--validate", "--base-url", base, "--customer", "cst_cli", "--vpa", "asha@okhdfc", "--routing-id", "order_9")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "FAILURE")

	r = cli(t, withKey, append([]string{"control", "fault", "--operation", "listCustomerAccounts", "--status", "503", "--header", "Retry-After=0"}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	r = cli(t, withKey, "list", "--base-url", base, "--customer", "cst_cli", "--routing-id", "order_9")
	assert.Equal(t, exitOK, r.code, "the wrapper retried the forced 503: %s", r.stderr)

	r = cli(t, withKey, append([]string{"control", "requests", "--customer", "cst_cli"}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `POST\s+/customers/cst_cli/accounts\s+createCustomerAccounts\s+200\s+order_9\s+command=validate&vpa=\*\*\*\*@okhdfc\n`, r.stdout)
	assert.Regexp(t, `listCustomerAccounts\s+503 \(forced\)`, r.stdout)
	assert.NotContains(t, r.stdout, "asha@okhdfc", "the table masks the VPA")
	assert.NotContains(t, r.stdout+r.stderr, api.DefaultTestKey)
	r = cli(t, withKey, append([]string{"control", "requests", "--json", "--operation", "createCustomerAccounts"}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"X-Routing-Id":["order_9"]`)

	r = cli(t, withKey, append([]string{"control", "reset", "--requests"}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	r = cli(t, withKey, append([]string{"control", "rules", "--json"}, common...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.JSONEq(t, `{"validations":[],"faults":[]}`, r.stdout)

	for _, c := range []struct {
		env  []string
		args []string
		code int
		says string
	}{
		{withKey, []string{"control"}, exitUsage, "name a command"},
		{withKey, []string{"control", "frob"}, exitUsage, `unknown command "frob"`},
		{nil, []string{"control", "rules", "--base-url", base}, exitUsage, "JUSPAY_API_KEY"},
		{withKey, []string{"control", "force-validation", "--base-url", base}, exitUsage, "--outcome"},
		{withKey, []string{"control", "fault", "--base-url", base, "--status", "700"}, exitRejected, "want 200 to 599"},
		{withKey, []string{"control", "rules", "--base-url", "http://example.com"}, exitUsage, "loopback"},
		{[]string{"JUSPAY_API_KEY=wrong_key"}, []string{"control", "rules", "--base-url", base}, exitRejected, "access_denied"},
	} {
		r := cli(t, c.env, c.args...)
		assert.Equal(t, c.code, r.code, "%v: %s %s", c.args, r.stdout, r.stderr)
		assert.Contains(t, r.stderr, c.says, "%v", c.args)
	}

	plain := startServeWith(t, nil)
	r = cli(t, withKey, "control", "rules", "--base-url", plain)
	assert.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.stderr, "--control", "the hint says how to turn the endpoint on")
}

// TestServeEnvForBaseFlags: --addr, --keys and --delay take their values from
// the environment when the command line does not give them.
func TestServeEnvForBaseFlags(t *testing.T) {
	cmd := exec.Command(binary, "serve")
	cmd.Env = []string{"JUSPAY_EMULATOR_ADDR=127.0.0.1:0", "JUSPAY_EMULATOR_KEYS=k_env_1,k_env_2", "JUSPAY_EMULATOR_DELAY=0s"}
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	var first string
	for lines.Scan() {
		if first = lines.Text(); strings.Contains(first, "emulator listening") {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	m := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)`).FindStringSubmatch(first)
	require.NotNil(t, m, "serve listens on the address of JUSPAY_EMULATOR_ADDR: %s", first)
	assert.Contains(t, first, "keys=2")
	assert.Contains(t, first, "validation_delay=0s")
	r := cli(t, []string{"JUSPAY_API_KEY=k_env_2"}, "create", "--validate", "--base-url", m[1], "--customer", "c1", "--vpa", "ravi@okaxis")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "ACTIVE", "a delay of 0s resolves at once")
}
