package loadtest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/loadtest"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// startEmulator serves the emulator with instant outcomes on loopback and
// returns its URL.
func startEmulator(tb testing.TB) string {
	srv := httptest.NewServer(api.New(api.WithValidationDelay(0)))
	tb.Cleanup(srv.Close)
	return srv.URL
}

func checker(t *testing.T, base string) *wrapper.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(base), wrapper.WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	return c
}

// TestRunLosesNoAccount hammers the emulator over loopback HTTP through the
// wrapper from 16 clients sharing 64 customers (creates, gets and lists
// interleaved), then checks that every call succeeded and that every
// account a create returned is listed exactly once, with nothing extra. No
// timing is asserted: figures come from `make bench`.
func TestRunLosesNoAccount(t *testing.T) {
	base := startEmulator(t)
	res, err := loadtest.Run(context.Background(), loadtest.Config{BaseURL: base, APIKey: api.DefaultTestKey, Clients: 16, Requests: 2000, CreateEvery: 4, Duration: 30 * time.Minute}) // Duration: never the limit, even on a loaded machine
	require.NoError(t, err)
	t.Log(res)
	assert.Zero(t, res.Errors, "%v", res.FirstErrors)
	assert.EqualValues(t, 2000, res.Requests)
	assert.Equal(t, res.Requests, res.Creates+res.Gets+res.Lists)
	assert.Positive(t, res.Creates)
	assert.Positive(t, res.Gets)
	assert.Positive(t, res.Lists)
	assert.GreaterOrEqual(t, len(res.Heap), 2)
	assert.Positive(t, res.P99)
	assert.GreaterOrEqual(t, res.P999, res.P99)
	assert.Positive(t, res.CPUShare, "the process's CPU time is sampled")

	created := 0
	for _, ids := range res.Created {
		created += len(ids)
	}
	assert.EqualValues(t, int64(created), res.Creates+64, "every create (and the 64 seeds) is recorded")
	require.NoError(t, loadtest.CheckAccounts(context.Background(), checker(t, base), res.Created))
}

// TestCheckAccountsFindsProblems is the negative control of CheckAccounts:
// a lost account, a duplicated id and an account nobody created are each
// reported.
func TestCheckAccountsFindsProblems(t *testing.T) {
	base := startEmulator(t)
	c := checker(t, base)
	ctx := context.Background()
	a, err := c.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "one@upi"})
	require.NoError(t, err)
	b, err := c.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "two@upi"})
	require.NoError(t, err)

	require.NoError(t, loadtest.CheckAccounts(ctx, c, map[string][]string{"cst_1": {a.CustomerAccountID, b.CustomerAccountID}}))

	err = loadtest.CheckAccounts(ctx, c, map[string][]string{"cst_1": {a.CustomerAccountID, b.CustomerAccountID, "banh_lost"}})
	assert.ErrorContains(t, err, "banh_lost was created but is not listed")
	err = loadtest.CheckAccounts(ctx, c, map[string][]string{"cst_1": {a.CustomerAccountID}})
	assert.ErrorContains(t, err, b.CustomerAccountID+" is listed but was never created")
	err = loadtest.CheckAccounts(ctx, c, map[string][]string{"cst_1": {a.CustomerAccountID, a.CustomerAccountID, b.CustomerAccountID}})
	assert.ErrorContains(t, err, "returned id "+a.CustomerAccountID+" twice")
}

// TestRunRefusesNonLoopback: the generator sends nothing off the machine.
func TestRunRefusesNonLoopback(t *testing.T) {
	for _, u := range []string{"https://sandbox.juspay.in", "http://10.0.0.1:8080", "http://127.0.0.1.example.com", "ftp://127.0.0.1"} {
		_, err := loadtest.Run(context.Background(), loadtest.Config{BaseURL: u, APIKey: "k", Requests: 1})
		assert.ErrorContains(t, err, "only a loopback", u)
	}
}
