package conformance

//lint:file-ignore SA1019 the live run holds the deprecated v3.2 calls to the spec too.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

const liveHelp = "live tests skipped: set JUSPAY_API_KEY (a sandbox key) and JUSPAY_CUSTOMER_ID (a sandbox customer) and run " +
	"`make conformance-live`. JUSPAY_LIVE_WRITE=1 (with JUSPAY_TEST_VPA) also creates and validates an account (a sandbox penny drop); " +
	"JUSPAY_RECORD=1 saves redacted cassettes to conformance/testdata/cassettes; JUSPAY_BASE_URL overrides the sandbox URL; " +
	"JUSPAY_MERCHANT_ID sends x-merchantid."

// liveEnv is the configuration of the live tests, from the environment.
type liveEnv struct {
	key, customer, baseURL, merchant string
	write, record                    bool
}

func liveConfig(t *testing.T) liveEnv {
	t.Helper()
	e := liveEnv{
		key: os.Getenv("JUSPAY_API_KEY"), customer: os.Getenv("JUSPAY_CUSTOMER_ID"),
		baseURL: os.Getenv("JUSPAY_BASE_URL"), merchant: os.Getenv("JUSPAY_MERCHANT_ID"),
		write: os.Getenv("JUSPAY_LIVE_WRITE") == "1", record: os.Getenv("JUSPAY_RECORD") == "1",
	}
	if e.key == "" || e.customer == "" {
		t.Skip(liveHelp)
	}
	if e.baseURL == "" {
		e.baseURL = wrapper.Sandbox.BaseURL()
	}
	return e
}

// liveClient returns a wrapper client whose every exchange is validated (and
// recorded when JUSPAY_RECORD=1). At the end of the test it fails on any
// violation and saves the cassette.
func liveClient(t *testing.T, e liveEnv, key, cassette string) *wrapper.Client {
	t.Helper()
	v := newValidator(t)
	if liveCoverage == nil {
		liveCoverage = NewCoverage(v)
	}
	// Only exchanges with Juspay itself count as live; a JUSPAY_BASE_URL on
	// loopback (an emulator, say) is labelled synthetic.
	origin, src := OriginLive, SourceLive
	if !isJuspay(e.baseURL) {
		origin, src = OriginSynthetic, SourceEmulator
	}
	var base http.RoundTripper = http.DefaultTransport
	var rec *Recorder
	if e.record {
		var err error
		rec, err = NewRecorder(origin, fmt.Sprintf("Recorded by %s against %s on %s.", t.Name(), e.baseURL, time.Now().UTC().Format("2006-01-02")), base)
		require.NoError(t, err)
		base = rec
	}
	var bad collector
	tr, err := NewTransport(base, WithValidator(v), WithOnViolation(bad.add), WithOnExchange(func(r Report) {
		liveCoverage.Observe(src)(r)
		t.Logf("validated %s %d: %d violation(s)", r.Operation, r.Status, len(r.Violations))
	}))
	require.NoError(t, err)
	opts := []wrapper.Option{wrapper.WithBaseURL(e.baseURL), wrapper.WithHTTPClient(&http.Client{Transport: tr})}
	if e.merchant != "" {
		opts = append(opts, wrapper.WithMerchantID(e.merchant))
	}
	c, err := wrapper.New(key, opts...)
	require.NoError(t, err)
	t.Cleanup(func() {
		for _, r := range bad.all() {
			t.Errorf("Juspay's response breaks openapi.yaml:\n%s", r.Error())
		}
		if rec != nil && len(rec.Cassette().Interactions) > 0 {
			path := filepath.Join(cassetteDir, cassette+".json")
			if err := rec.Cassette().Save(path); err != nil {
				t.Errorf("save cassette: %v", err)
			} else {
				t.Logf("recorded %s", path)
			}
		}
	})
	return c
}

// isJuspay reports whether baseURL is one of Juspay's hosts.
func isJuspay(baseURL string) bool {
	u, err := url.Parse(baseURL)
	return err == nil && u.Scheme == "https" && (u.Hostname() == "juspay.in" || strings.HasSuffix(u.Hostname(), ".juspay.in"))
}

// liveCall runs one call: a Juspay error is fine (its body is validated all
// the same); a transport or decode failure is not.
func liveCall(t *testing.T, name string, err error) {
	t.Helper()
	var apiErr *wrapper.APIError
	switch {
	case err == nil:
		t.Logf("%s: ok", name)
	case errors.As(err, &apiErr):
		t.Logf("%s: Juspay answered %d %s", name, apiErr.StatusCode, apiErr.Code)
	default:
		t.Errorf("%s: %v", name, err)
	}
}

// TestLiveReadOnly lists and gets against the sandbox; nothing is created.
func TestLiveReadOnly(t *testing.T) {
	e := liveConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := liveClient(t, e, e.key, "live-readonly")

	list, err := c.ListCustomerAccounts(ctx, e.customer, nil)
	liveCall(t, "ListCustomerAccounts", err)
	if err == nil && len(list.List) > 0 {
		_, err := c.GetCustomerAccount(ctx, e.customer, list.List[0].CustomerAccountID)
		liveCall(t, "GetCustomerAccount", err)
	}
	_, err = c.GetCustomerAccount(ctx, e.customer, "banh_conformance_unknown")
	liveCall(t, "GetCustomerAccount (unknown id)", err)

	v32 := c.BankAccountsV32()
	banks, err := v32.List(ctx, e.customer)
	liveCall(t, "v32.List", err)
	if err == nil && len(banks.List) > 0 {
		_, err := v32.Get(ctx, e.customer, banks.List[0].ID)
		liveCall(t, "v32.Get", err)
	}

	wrong := liveClient(t, e, "conformance_invalid_key", "live-unauthorized")
	_, err = wrong.ListCustomerAccounts(ctx, e.customer, nil)
	liveCall(t, "ListCustomerAccounts (invalid key)", err)
}

// TestLiveWrite creates a VPA account, validates it once (a sandbox penny
// drop, never retried) and reads it back. Needs JUSPAY_LIVE_WRITE=1 and JUSPAY_TEST_VPA.
func TestLiveWrite(t *testing.T) {
	e := liveConfig(t)
	vpa := os.Getenv("JUSPAY_TEST_VPA")
	if !e.write || vpa == "" {
		t.Skip("live write tests skipped: set JUSPAY_LIVE_WRITE=1 and JUSPAY_TEST_VPA (a sandbox test VPA) as well. " + liveHelp)
	}
	if !strings.Contains(e.baseURL, "sandbox") {
		t.Skipf("live write tests run against a sandbox only, not %s", e.baseURL)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := liveClient(t, e, e.key, "live-write")
	a, err := c.CreateCustomerAccounts(ctx, e.customer, wrapper.AccountInput{VPA: vpa})
	liveCall(t, "CreateCustomerAccounts", err)
	if err != nil {
		return
	}
	_, err = c.ValidateCustomerAccount(ctx, e.customer, a.CustomerAccountID, nil)
	liveCall(t, "ValidateCustomerAccount", err)
	_, err = c.GetCustomerAccount(ctx, e.customer, a.CustomerAccountID)
	liveCall(t, "GetCustomerAccount", err)
}

func TestIsJuspay(t *testing.T) {
	for u, want := range map[string]bool{
		wrapper.Sandbox.BaseURL(): true, "https://api.juspay.in": true, "https://api-ns1.juspay.in/": true,
		"http://127.0.0.1:8080": false, "https://juspay.in.example.com": false, "http://sandbox.juspay.in": false,
	} {
		if got := isJuspay(u); got != want {
			t.Errorf("isJuspay(%q) = %v, want %v", u, got, want)
		}
	}
}
