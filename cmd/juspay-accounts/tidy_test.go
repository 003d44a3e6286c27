package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// TestJSONOutputEndsWithNewline: --json prints the body as received plus a
// newline (the emulator's bodies have none), so stderr and the next prompt
// start on a line of their own.
func TestJSONOutputEndsWithNewline(t *testing.T) {
	base := emulator(t)
	for _, args := range [][]string{
		{"create", "--vpa", "nl@okaxis"},
		{"list"},
	} {
		r := inProcess(withKey, append(args, "--base-url", base, "--customer", "cst_nl", "--json")...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.True(t, strings.HasSuffix(r.stdout, "}\n"), "%v: %q", args, r.stdout)
		assert.Equal(t, 1, strings.Count(r.stdout, "\n"), "one newline, at the end")
		assert.True(t, json.Valid([]byte(r.stdout)))
	}
}

// TestJSONErrors: with --json an error is one JSON object on stderr (status,
// code, request_id, message), masked like the text; without --json it is
// one line with one prefix.
func TestJSONErrors(t *testing.T) {
	emu := api.New(api.WithRecording(0))
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	const vpa = "secret.person@okaxis"
	for _, tc := range []struct {
		name       string
		args       []string
		status     int
		code       string
		exit       int
		requestID  bool
		msgContain string
	}{
		{"not found", []string{"get", "--customer", "cst_none", "--account", "banh_x"}, 404, "object_not_found", exitRejected, true, "HTTP 404"},
		{"refused input", []string{"create", "--customer", "cst_j", "--vpa", vpa, "--account-number", "026291800001191", "--ifsc", "HDFC0000123"}, 0, "invalid_input", exitInput, false, "vpa"},
		{"usage", []string{"list", "--customer", "c", "--cout", "5"}, 0, "usage", exitUsage, false, "did you mean --count?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), "--base-url", srv.URL, "--json")
			r := inProcess(withKey, args...)
			assert.Equal(t, tc.exit, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			require.True(t, strings.HasSuffix(r.stderr, "}\n") && strings.Count(r.stderr, "\n") == 1, "one JSON line: %q", r.stderr)
			var e map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stderr), &e), r.stderr)
			if tc.status != 0 {
				assert.EqualValues(t, tc.status, e["status"])
			} else {
				assert.NotContains(t, e, "status")
			}
			assert.Equal(t, tc.code, e["code"])
			if tc.requestID {
				assert.NotEmpty(t, e["request_id"])
			}
			msg, _ := e["message"].(string)
			assert.Contains(t, msg, tc.msgContain)
			assert.NotContains(t, r.stderr, vpa, "never a personal value")
			assert.NotContains(t, r.stderr, "026291800001191")

			text := inProcess(withKey, args[:len(args)-1]...)
			requestID := regexp.MustCompile(`request_id [0-9a-f-]+`)
			assert.Equal(t, requestID.ReplaceAllString("juspay-accounts: "+msg+"\n", "request_id X"), requestID.ReplaceAllString(text.stderr, "request_id X"),
				"the same message as text, one line")
		})
	}
}

// TestOnePrefix: an error printed by the CLI carries its prefix once, not the
// libraries' ("juspay: ", "wrapper: ") after it.
func TestOnePrefix(t *testing.T) {
	base := emulator(t)
	for _, args := range [][]string{
		{"get", "--base-url", base, "--customer", "cst_none", "--account", "banh_x"},
		{"list", "--base-url", "http://10.0.0.1:8080", "--customer", "c"},
		{"list", "--base-url", base, "--customer", "c", "--api-version", "June"},
	} {
		r := inProcess(withKey, args...)
		require.NotEqual(t, exitOK, r.code)
		assert.True(t, strings.HasPrefix(r.stderr, "juspay-accounts: "), r.stderr)
		for _, p := range []string{"juspay: ", "wrapper: "} {
			assert.NotContains(t, r.stderr, p, "%v", args)
		}
	}
}

// TestServeHelpLayout: serve -h has the layout of the other commands' help,
// on stdout, exit 0.
func TestServeHelpLayout(t *testing.T) {
	r := inProcess(nil, "serve", "-h")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "Usage: juspay-accounts serve [flags]\n\n"), r.stdout)
	assert.NotContains(t, r.stdout, "Usage of serve")
	list := inProcess(nil, "list", "-h").stdout
	for _, section := range []string{"\n\nFlags:\n", "\nExit codes: "} {
		assert.Contains(t, list, section)
		assert.Contains(t, r.stdout, section)
	}
	assert.Contains(t, r.stdout, "  -tls\n")
	assert.Equal(t, r, inProcess(nil, "help", "serve"))
}

// TestDidYouMean: a mistyped command, subcommand or flag gets the nearest
// name; a word near nothing gets no guess.
func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"lst"}, "did you mean list?"},
		{[]string{"vaildate"}, "did you mean validate?"},
		{[]string{"srve"}, "did you mean serve?"},
		{[]string{"v32", "delte"}, "did you mean delete?"},
		{[]string{"list", "--customer", "c", "--cout", "5"}, "did you mean --count?"},
		{[]string{"get", "--custmer", "c"}, "did you mean --customer?"},
		{[]string{"serve", "--adr", "127.0.0.1:0"}, "did you mean --addr?"},
		{[]string{"control", "rulez"}, "did you mean rules?"},
		{[]string{"control", "rules", "--jsn"}, "did you mean --json?"},
		{[]string{"frobnicate"}, ""},
		{[]string{"list", "--zzzzzz"}, ""},
	} {
		r := inProcess(withKey, tc.args...)
		assert.Equal(t, exitUsage, r.code, "%v", tc.args)
		if tc.want == "" {
			assert.NotContains(t, r.stderr, "did you mean", "%v", tc.args)
		} else {
			assert.Contains(t, r.stderr, tc.want, "%v", tc.args)
		}
	}
}

// TestTimeoutSaysWhichAndHowLong: a call that outlives --timeout, and an
// await that outlives --wait, say which ran out and its length.
func TestTimeoutSaysWhichAndHowLong(t *testing.T) {
	emu := api.New(api.WithValidationDelay(time.Hour))
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	ids, err := emu.Seed(t.Context(), api.SeedAccount{CustomerID: "cst_t", VPA: "slow@okaxis", Status: "PENDING"})
	require.NoError(t, err)
	require.NoError(t, emu.InjectFault(api.Fault{Operation: "listCustomerAccounts", Delay: api.Duration(2 * time.Second), Times: -1}))

	r := inProcess(withKey, "list", "--base-url", srv.URL, "--customer", "cst_t", "--timeout", "100ms")
	assert.Equal(t, exitTimeout, r.code, r.stderr)
	assert.Contains(t, r.stderr, "timed out: --timeout 100ms (each call, retries included) ran out: GET /customers/cst_t/customer-accounts/list (attempts: ")
	assert.NotContains(t, r.stderr, "WithTimeout", "the command's flag is named, not the SDK's option")

	r = inProcess(withKey, "await", "--base-url", srv.URL, "--customer", "cst_t", "--account", ids[0], "--wait", "300ms")
	assert.Equal(t, exitTimeout, r.code, r.stderr)
	assert.Contains(t, r.stderr, "timed out: --wait 300ms ran out")
}

// TestServeSeedsTheDocsExamples: with the demo key, serve seeds the
// customer, routing id and account ids the /docs forms pre-fill; with other
// keys only, nothing.
func TestServeSeedsTheDocsExamples(t *testing.T) {
	for _, tc := range []struct {
		args []string
		key  string
		want int
	}{
		{nil, api.DefaultTestKey, http.StatusOK},
		{[]string{"--keys", "sk_other"}, "sk_other", http.StatusNotFound},
	} {
		base, _ := serveInProcess(t, tc.args...)
		for _, path := range []string{
			"/customers/cst_weoridsfdkl/customer-accounts/bank_woeriusdfk",
			"/customers/cst_weoridsfdkl/bank-accounts/ba_1d85C5cQuninwyie",
		} {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, base+path, nil)
			require.NoError(t, err)
			req.SetBasicAuth(tc.key, "")
			req.Header.Set("x-routing-id", "customer_1122")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tc.want, resp.StatusCode, "%v %s", tc.args, path)
		}
	}
}
