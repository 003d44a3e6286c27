package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/internal/loopback"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// binary is the juspay-accounts command built once for the subprocess tests.
var binary string

func TestMain(m *testing.M) {
	guardDefaultTransport()
	dir, err := os.MkdirTemp("", "juspay-accounts-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "juspay-accounts")
	build := exec.Command("go", "build", "-race", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building the command: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// cli runs the built command with exactly the given environment: never the
// developer's (a JUSPAY_API_KEY in the shell must not change a test).
func cli(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a hang guard, not a target
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append([]string{}, env...) // non-nil: an empty environment, not the inherited one
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{code, out.String(), errOut.String()}
}

// emulator starts an in-process emulator and returns its URL.
func emulator(t *testing.T, opts ...api.Option) string {
	t.Helper()
	srv := httptest.NewServer(api.New(opts...))
	t.Cleanup(srv.Close)
	return srv.URL
}

var withKey = []string{"JUSPAY_API_KEY=" + api.DefaultTestKey}

func TestDemo(t *testing.T) {
	r := cli(t, nil, "demo", "--delay", "150ms")
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, want := range []string{
		"CreateCustomerAccounts (bank account)", "CREATED",
		"AwaitValidation", "ACTIVE", "FAILURE",
		"BankAccountsV32().Delete", "deleted",
		"error 404 object_not_found",
		"error 400 invalid_request (ifsc:",
		"XXXXXXXXXXX1191", "****@okhdfc",
	} {
		assert.Contains(t, r.stdout, want)
	}
	for _, secret := range []string{"026291800001191", "asha.rao@okhdfc", "Asha Rao", api.DefaultTestKey} {
		assert.NotContains(t, r.stdout+r.stderr, secret, "the demo prints personal data or the key unmasked")
	}
}

func TestLifecycleAgainstEmulator(t *testing.T) {
	base := emulator(t, api.WithValidationDelay(100*time.Millisecond))
	common := []string{"--base-url", base, "--customer", "cst_cli_1"}
	args := func(cmd string, extra ...string) []string { return append(append([]string{cmd}, common...), extra...) }

	r := cli(t, withKey, args("create", "--vpa", "ravi@okaxis", "--json")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var created wrapper.CustomerAccount
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &created))
	assert.Equal(t, wrapper.StatusCreated, created.ValidationStatus)
	assert.Equal(t, "ravi@okaxis", created.AccountDetails.VPA, "--json prints the API's data unchanged")

	r = cli(t, withKey, args("validate", "--account", created.CustomerAccountID)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "PENDING")
	assert.Contains(t, r.stdout, "****@okaxis")
	assert.NotContains(t, r.stdout, "ravi@okaxis")

	r = cli(t, withKey, args("await", "--account", created.CustomerAccountID, "--wait", "20s")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "ACTIVE")
	assert.NotContains(t, r.stdout, "polling", "progress goes to stderr: stdout is the result only")

	r = cli(t, withKey, args("get", "--account", created.CustomerAccountID)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, regexp.MustCompile(created.CustomerAccountID+`\s+ACTIVE\s+upi`), r.stdout)

	r = cli(t, withKey, args("list", "--json")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var list wrapper.CustomerAccountList
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &list))
	require.Len(t, list.List, 1)

	// The failing test value: the await ends in FAILURE with its own exit code.
	r = cli(t, withKey, args("create", "--validate", "--bank-code", "JP_SBI", "--account-number", "30000000000002", "--ifsc", "SBIN0001234", "--json")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var failing wrapper.CustomerAccount
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &failing))
	r = cli(t, withKey, args("await", "--account", failing.CustomerAccountID)...)
	assert.Equal(t, exitValidationFailed, r.code, r.stderr)
	assert.Contains(t, r.stdout, "FAILURE")
	assert.NotContains(t, r.stdout, "30000000000002")
}

func TestLegacyCommands(t *testing.T) {
	base := emulator(t)
	common := []string{"--base-url", base, "--customer", "cst_cli_v32"}
	args := func(cmd string, extra ...string) []string {
		return append(append([]string{"v32", cmd}, common...), extra...)
	}
	r := cli(t, withKey, args("create", "--bank-code", "JP_HDFC", "--account-number", "40002323422", "--ifsc", "HDFC0000456", "--name", "test", "--metadata", "param1=value1", "--json")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var ba wrapper.V32BankAccount
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &ba))
	require.NotNil(t, ba.Metadata)
	assert.Equal(t, "value1", ba.Metadata["param1"])

	r = cli(t, withKey, args("list")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, ba.ID)
	assert.Contains(t, r.stdout, "XXXXXXX3422")

	r = cli(t, withKey, args("delete", "--account", ba.ID)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "deleted")

	r = cli(t, withKey, args("get", "--account", ba.ID)...)
	assert.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.stderr, "object_not_found")
}

func TestErrorsAndExitCodes(t *testing.T) {
	base := emulator(t, api.WithValidationDelay(time.Hour))
	closed := loopback.RefusedURL(t)
	const wrongKey = "wrong_key_must_not_leak_123"
	cases := []struct {
		name      string
		env       []string
		args      []string
		code      int
		stderrHas string
	}{
		{"no command", withKey, nil, exitUsage, "juspay-accounts"},
		{"unknown command", withKey, []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"unknown v32 command", withKey, []string{"v32", "frob"}, exitUsage, `unknown subcommand "frob"`},
		{"bad flag", withKey, []string{"list", "--nope"}, exitUsage, "flag provided but not defined: -nope"},
		{"missing customer", withKey, []string{"list", "--base-url", base}, exitUsage, "--customer is required"},
		{"missing account", withKey, []string{"get", "--base-url", base, "--customer", "c"}, exitUsage, "--account is required"},
		{"no key", nil, []string{"list", "--base-url", base, "--customer", "c"}, exitUsage, "JUSPAY_API_KEY is not set"},
		{"bad env", withKey, []string{"list", "--env", "staging", "--customer", "c"}, exitUsage, `--env "staging"`},
		{"plain http to a remote host", withKey, []string{"list", "--base-url", "http://example.com", "--customer", "c"}, exitUsage, "http"},
		{"input rejected before sending", withKey, []string{"create", "--base-url", closed, "--customer", "c"}, exitInput, "vpa"},
		{"unknown customer", withKey, []string{"list", "--base-url", base, "--customer", "cst_nobody"}, exitRejected, "object_not_found"},
		{"wrong key", []string{"JUSPAY_API_KEY=" + wrongKey}, []string{"list", "--base-url", base, "--customer", "c"}, exitRejected, "access_denied"},
		{"server down", withKey, []string{"list", "--base-url", closed, "--customer", "c", "--timeout", "2s"}, exitUnavailable, "connect"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, c.env, c.args...)
			assert.Equal(t, c.code, r.code, "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, c.stderrHas)
			assert.Empty(t, r.stdout, "nothing on stdout when a command fails")
			assert.NotContains(t, r.stdout+r.stderr, wrongKey)
			assert.NotContains(t, r.stdout+r.stderr, api.DefaultTestKey)
		})
	}
}

func TestAwaitTimesOut(t *testing.T) {
	base := emulator(t)
	env := withKey
	r := cli(t, env, "create", "--validate", "--base-url", base, "--customer", "cst_slow", "--vpa", "pending.user@okicici", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var acc wrapper.CustomerAccount
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &acc))
	// --wait leaves ample time for the first poll even on a loaded machine,
	// so that the error can say the last status seen.
	r = cli(t, env, "await", "--base-url", base, "--customer", "cst_slow", "--account", acc.CustomerAccountID, "--wait", "5s")
	assert.Equal(t, exitTimeout, r.code, r.stderr)
	assert.Contains(t, r.stderr, "PENDING", "the error says the last status seen")
	assert.Empty(t, r.stdout)
	// It said it was waiting, on stderr, a dot per poll, and the error
	// starts a line of its own.
	assert.Regexp(t, `^juspay-accounts: await: `+acc.CustomerAccountID+` is PENDING; polling until ACTIVE or FAILURE \(at most 5s, a dot per poll\) \.+\njuspay-accounts: `, r.stderr)
}

// TestHelp: help asked for (-h, --help, help) goes to stdout and exits 0, on
// every command and subcommand; usage shown because of a mistake goes to
// stderr with exit 2 and nothing on stdout.
func TestHelp(t *testing.T) {
	r := cli(t, nil, "help")
	assert.Equal(t, exitOK, r.code)
	for _, name := range []string{"demo", "serve", "list", "get", "create", "validate", "await", "v32", "version", "Exit codes", "130"} {
		assert.Contains(t, r.stdout, name)
	}
	var every [][]string
	for _, h := range []string{"-h", "--help", "-help"} {
		every = append(every, []string{h}, []string{"v32", h}, []string{"demo", h}, []string{"serve", h}, []string{"version", h})
		for n := range commands {
			every = append(every, []string{n, h})
		}
		for n := range legacyCommands {
			every = append(every, []string{"v32", n, h})
		}
	}
	every = append(every, []string{"help", "list"}, []string{"help", "v32"}, []string{"help", "v32", "delete"}, []string{"help", "serve"})
	for _, args := range every {
		r := inProcess(nil, args...)
		assert.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
		assert.NotEmpty(t, r.stdout, "%v prints its help on stdout", args)
		assert.Empty(t, r.stderr, "%v", args)
	}
	r = cli(t, nil, "list", "-h")
	assert.Contains(t, r.stdout, "-customer string")
	assert.Contains(t, r.stdout, "Exit codes")
	r = cli(t, nil, "v32", "-h")
	for n := range legacyCommands {
		assert.Contains(t, r.stdout, n)
	}

	for _, args := range [][]string{nil, {"v32"}, {"list", "--nope"}, {"help", "nothing"}, {"demo", "--nope"}, {"version", "extra"}} {
		r := inProcess(nil, args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		assert.Empty(t, r.stdout, "%v: usage after a mistake goes to stderr", args)
		assert.NotEmpty(t, r.stderr, "%v", args)
	}
}

// inProcess runs the command line in this process with exactly the given
// environment (KEY=VALUE pairs), for tests that need no signal or exit.
func inProcess(env []string, args ...string) result {
	vars := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut, func(k string) string { return vars[k] })
	return result{code, out.String(), errOut.String()}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version", "-version"} {
		r := cli(t, nil, arg)
		assert.Equal(t, exitOK, r.code, r.stderr)
		assert.Regexp(t, `^juspay-accounts \S+\nmodule github.com/pennydrop/juspay-accounts\ncommit \S+.*\ngo go1\.\d+`, r.stdout)
		assert.Contains(t, r.stdout, "sdk "+wrapper.Version)
		assert.Empty(t, r.stderr)
	}
}

func TestServeStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--delay", "50ms")
			cmd.Env = []string{} // never the developer's environment
			stderr, err := cmd.StderrPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			t.Cleanup(func() { _ = cmd.Process.Kill() })

			lines := bufio.NewScanner(stderr)
			var url string
			for url == "" && lines.Scan() {
				if m := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)`).FindStringSubmatch(lines.Text()); m != nil {
					url = m[1]
				}
			}
			require.NotEmpty(t, url, "serve did not log its URL")

			r := cli(t, withKey, "create", "--base-url", url, "--customer", "cst_serve", "--vpa", "asha@okhdfc")
			require.Equal(t, exitOK, r.code, r.stderr)

			require.NoError(t, cmd.Process.Signal(sig))
			var rest strings.Builder
			for lines.Scan() {
				rest.WriteString(lines.Text() + "\n")
			}
			require.NoError(t, cmd.Wait(), "serve exits 0 on %s", sig)
			assert.Contains(t, rest.String(), "stopped")
			assert.Contains(t, rest.String(), "/customers/cst_serve/accounts", "serve logs each request")
		})
	}
}

// TestJSONIsTheBodyAsReceived: --json prints the server's bytes unchanged
// (unknown fields, nulls, key order, spacing), except the API key should the
// server echo it.
func TestJSONIsTheBodyAsReceived(t *testing.T) {
	const key = "sk_json_key_for_cli_1"
	body := `{"zz_new_field": {"a": [1, 2]}, "object":"customer_account","customer_account_id":"banh_1",` +
		`"customer_id":"c1","validation_status":"ACTIVE","last_validated":null,` +
		`"account_details":{"vpa":"ravi@okaxis"},"echo":"` + key + `"}` + "\n\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	r := inProcess([]string{"JUSPAY_API_KEY=" + key}, "get", "--base-url", srv.URL, "--customer", "c1", "--account", "banh_1", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, strings.ReplaceAll(body, key, "[REDACTED]"), r.stdout)

	// Without --json, a table; the echoed key is masked there too.
	r = inProcess([]string{"JUSPAY_API_KEY=" + key}, "get", "--base-url", srv.URL, "--customer", "c1", "--account", "banh_1")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "banh_1")
	assert.Contains(t, r.stdout, "****@okaxis")
	assert.NotContains(t, r.stdout, key)
}

// TestAwaitOnCreatedAccount: nothing will ever end a penny drop that was
// never started: await says so at once (exit 8) instead of polling until --wait.
func TestAwaitOnCreatedAccount(t *testing.T) {
	base := emulator(t)
	r := inProcess(withKey, "create", "--base-url", base, "--customer", "cst_created", "--vpa", "ravi@okaxis", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var acc wrapper.CustomerAccount
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &acc))
	r = inProcess(withKey, "await", "--base-url", base, "--customer", "cst_created", "--account", acc.CustomerAccountID, "--wait", "1h")
	assert.Equal(t, exitNotValidated, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "CREATED")
	assert.Contains(t, r.stderr, "juspay-accounts validate --customer cst_created --account "+acc.CustomerAccountID)
}

// TestSignalsCancelInFlightWork: SIGINT and SIGTERM during an await end the
// command at once with 128+signal, nothing on stdout, and say why on stderr.
func TestSignalsCancelInFlightWork(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{{syscall.SIGINT, "SIGINT", 130}, {syscall.SIGTERM, "SIGTERM", 143}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			emu := api.New()
			polled := make(chan struct{}, 100)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				emu.ServeHTTP(w, r)
				if r.Method == http.MethodGet {
					polled <- struct{}{}
				}
			}))
			t.Cleanup(srv.Close)
			r := inProcess(withKey, "create", "--validate", "--base-url", srv.URL, "--customer", "cst_sig", "--vpa", "pending.user@okicici", "--json")
			require.Equal(t, exitOK, r.code, r.stderr)
			var acc wrapper.CustomerAccount
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &acc))

			cmd := exec.Command(binary, "await", "--base-url", srv.URL, "--customer", "cst_sig", "--account", acc.CustomerAccountID, "--wait", "1h")
			cmd.Env = append([]string{}, withKey...)
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			require.NoError(t, cmd.Start())
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			<-polled // the await is in flight: the account is PENDING for an hour
			require.NoError(t, cmd.Process.Signal(tt.sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, tt.code, ee.ExitCode())
			assert.Empty(t, out.String())
			assert.Contains(t, errOut.String(), "interrupted by "+tt.name)
		})
	}
}
