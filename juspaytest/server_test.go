package juspaytest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/juspaytest"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestServersAreIsolated runs many servers in parallel, each forcing its own
// outcome for the same VPA and customer: none sees another's accounts, rules
// or requests.
func TestServersAreIsolated(t *testing.T) {
	t.Parallel()
	outcomes := []api.Outcome{api.OutcomeActive, api.OutcomeFailure}
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			srv := juspaytest.NewServer(t)
			want := outcomes[i%2]
			srv.ForceOutcome("same@upi", want)
			ctx := context.Background()
			for range i + 1 {
				_, err := srv.Client.CreateCustomerAccounts(ctx, "cst_same", wrapper.AccountInput{VPA: "other@upi"})
				require.NoError(t, err)
			}
			a, err := srv.Client.CreateAndValidateCustomerAccounts(ctx, "cst_same", wrapper.AccountInput{VPA: "same@upi"})
			require.NoError(t, err)
			a, err = srv.Client.AwaitValidation(ctx, "cst_same", a.CustomerAccountID, srv.AwaitOptions())
			require.NoError(t, err)
			assert.Equal(t, string(want), string(a.ValidationStatus))
			list, err := srv.Client.ListCustomerAccounts(ctx, "cst_same", nil)
			require.NoError(t, err)
			assert.Len(t, list.List, i+2, "only this server's accounts")
			assert.Len(t, srv.RequestsOf("createCustomerAccounts"), i+2, "only this server's requests")
			assert.Equal(t, 1, srv.Validations("cst_same", a.CustomerAccountID))
		})
	}
}

// TestGenClientSendsAuthAndRoutingID: the generated client authenticates
// with the server's key and defaults x-routing-id to the path's customer,
// unless the call sets one.
func TestGenClientSendsAuthAndRoutingID(t *testing.T) {
	t.Parallel()
	srv := juspaytest.NewServer(t, juspaytest.WithKey("sk_kit_test"))
	ctx := context.Background()
	id := srv.Seed(api.SeedAccount{CustomerID: "cst/1", VPA: "ravi@okaxis"})[0]
	resp, err := srv.Gen.GetCustomerAccountWithResponse(ctx, "cst/1", id, &gen.GetCustomerAccountParams{})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode(), string(resp.Body))
	req := srv.LastRequest("getCustomerAccount")
	assert.Equal(t, "cst/1", req.RoutingID())
	assert.True(t, req.Authorized)
	assert.Equal(t, "[REDACTED]", req.Header.Get("Authorization"))

	srv.Seed(api.SeedAccount{CustomerID: "cst_2", VPA: "ravi@okaxis", RoutingID: "order_77"})
	list, err := srv.Gen.ListCustomerAccountsWithResponse(ctx, "cst_2", &gen.ListCustomerAccountsParams{XRoutingID: "order_77"})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, list.StatusCode())
	assert.Equal(t, "order_77", srv.LastRequest("").RoutingID(), "a routing id the call sets is kept")
}

// TestFailNextIsRetriedByTheWrapper: a 503 on a read is retried by the
// wrapper; the server saw both attempts, the first one forced.
func TestFailNextIsRetriedByTheWrapper(t *testing.T) {
	t.Parallel()
	srv := juspaytest.NewServer(t)
	id := srv.Seed(api.SeedAccount{CustomerID: "cst_1", VPA: "ravi@okaxis", Status: "ACTIVE"})[0]
	srv.FailNext("getCustomerAccount", 1, http.StatusServiceUnavailable)
	a, err := srv.Client.GetCustomerAccount(context.Background(), "cst_1", id)
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusActive, a.ValidationStatus)
	gets := srv.RequestsOf("getCustomerAccount")
	require.Len(t, gets, 2)
	assert.True(t, gets[0].Forced)
	assert.Equal(t, http.StatusServiceUnavailable, gets[0].Status)
	assert.False(t, gets[1].Forced)
}

// TestPendingOutcomeAndDelay: a forced PENDING lasts past the caller's
// patience; WithValidationDelay makes validations start PENDING.
func TestPendingOutcomeAndDelay(t *testing.T) {
	t.Parallel()
	srv := juspaytest.NewServer(t)
	srv.ForceValidation(api.ForceValidation{CustomerID: "cst_p", Outcome: api.OutcomePending})
	ctx := context.Background()
	a, err := srv.Client.CreateAndValidateCustomerAccounts(ctx, "cst_p", wrapper.AccountInput{VPA: "slow@upi"})
	require.NoError(t, err)
	wctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	_, err = srv.Client.AwaitValidation(wctx, "cst_p", a.CustomerAccountID, &wrapper.AwaitOptions{Interval: 20 * time.Millisecond})
	var ae *wrapper.AwaitError
	require.True(t, errors.As(err, &ae), "%v", err)
	assert.Equal(t, wrapper.StatusPending, ae.LastStatus)

	slow := juspaytest.NewServer(t, juspaytest.WithValidationDelay(time.Hour))
	b, err := slow.Client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "ravi@okaxis"})
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusPending, b.ValidationStatus)
}

// TestPennyDropIsPendingFirst: by default a penny drop started through the
// kit (create with validate, or validate) answers PENDING and settles to its
// outcome, forced or not, by the time AwaitValidation with the server's
// AwaitOptions returns; WithValidationDelay(0) gives the outcome at once.
func TestPennyDropIsPendingFirst(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		opts     []juspaytest.Option
		force    api.Outcome
		validate bool // create, then validate (else create with validate)
		answered wrapper.ValidationStatus
		settled  wrapper.ValidationStatus
	}{
		{name: "create-and-validate", answered: wrapper.StatusPending, settled: wrapper.StatusActive},
		{name: "validate", validate: true, answered: wrapper.StatusPending, settled: wrapper.StatusActive},
		{name: "forced failure", force: api.OutcomeFailure, answered: wrapper.StatusPending, settled: wrapper.StatusFailure},
		{name: "forced failure, validate", force: api.OutcomeFailure, validate: true, answered: wrapper.StatusPending, settled: wrapper.StatusFailure},
		{name: "instant", opts: []juspaytest.Option{juspaytest.WithValidationDelay(0)}, answered: wrapper.StatusActive, settled: wrapper.StatusActive},
		{name: "instant failure", opts: []juspaytest.Option{juspaytest.WithValidationDelay(0)}, force: api.OutcomeFailure, answered: wrapper.StatusFailure, settled: wrapper.StatusFailure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := juspaytest.NewServer(t, tc.opts...)
			if tc.force != "" {
				srv.ForceOutcome("asha@okhdfc", tc.force)
			}
			ctx := context.Background()
			in := wrapper.AccountInput{VPA: "asha@okhdfc"}
			var a *wrapper.CustomerAccount
			var err error
			if tc.validate {
				a, err = srv.Client.CreateCustomerAccounts(ctx, "cst_1", in)
				require.NoError(t, err)
				a, err = srv.Client.ValidateCustomerAccount(ctx, "cst_1", a.CustomerAccountID, nil)
			} else {
				a, err = srv.Client.CreateAndValidateCustomerAccounts(ctx, "cst_1", in)
			}
			require.NoError(t, err)
			assert.Equal(t, tc.answered, a.ValidationStatus, "the call's answer")
			final, err := srv.Client.AwaitValidation(ctx, "cst_1", a.CustomerAccountID, srv.AwaitOptions())
			require.NoError(t, err)
			assert.Equal(t, tc.settled, final.ValidationStatus, "after AwaitValidation")
			assert.Equal(t, 1, srv.Validations("cst_1", a.CustomerAccountID))
		})
	}
}

// BenchmarkCreateValidateAwait measures the flow a test of payee
// registration runs against the kit: create with validate (PENDING), then
// AwaitValidation with the server's AwaitOptions until ACTIVE.
func BenchmarkCreateValidateAwait(b *testing.B) {
	srv := juspaytest.NewServer(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		a, err := srv.Client.CreateAndValidateCustomerAccounts(ctx, fmt.Sprint("cst_", i), wrapper.AccountInput{VPA: "ravi@okaxis"})
		if err != nil {
			b.Fatal(err)
		}
		final, err := srv.Client.AwaitValidation(ctx, a.CustomerID, a.CustomerAccountID, srv.AwaitOptions())
		if err != nil || final.ValidationStatus != wrapper.StatusActive {
			b.Fatal(final, err)
		}
	}
}

// TestOptionsReachTheEmulatorAndClient: emulator and client options apply.
func TestOptionsReachTheEmulatorAndClient(t *testing.T) {
	t.Parallel()
	srv := juspaytest.NewServer(t,
		juspaytest.WithEmulatorOptions(api.WithMaxAccountsPerCustomer(1)),
		juspaytest.WithClientOptions(wrapper.WithMerchantID("m_kit")))
	ctx := context.Background()
	_, err := srv.Client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "one@upi"})
	require.NoError(t, err)
	_, err = srv.Client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "two@upi"})
	var apiErr *wrapper.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "m_kit", srv.LastRequest("").Header.Get("X-Merchantid"))
}

// fakeT records what a helper reports instead of ending a test.
type fakeT struct {
	mu       sync.Mutex
	fatals   []string
	cleanups []func()
}

func (*fakeT) Helper()             {}
func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }

func (f *fakeT) done() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
}

// TestHelpersReportMisuse: a bad rule, a refused seed or a missing request
// end the test with a message that says what is wrong.
func TestHelpersReportMisuse(t *testing.T) {
	t.Parallel()
	ft := &fakeT{}
	srv := juspaytest.NewServer(ft)
	t.Cleanup(ft.done)
	srv.ForceOutcome("x@upi", "MAYBE")
	srv.FailNext("frob", 1, 500)
	srv.Seed(api.SeedAccount{CustomerID: "c", IFSC: "BAD", AccountNumber: "1"})
	srv.LastRequest("getCustomerAccount")
	srv.LastRequest("createCustomerAccount")
	srv.RequestsOf("getCustomerAccounts")
	require.Len(t, ft.fatals, 6)
	for i, want := range []string{"want ACTIVE, FAILURE or PENDING", "operation: want one of", "seed account 0", "no getCustomerAccount request",
		`"createCustomerAccount" is not an operation id of openapi.yaml; the operation ids are [createCustomerAccounts `,
		`"getCustomerAccounts" is not an operation id`} {
		assert.True(t, strings.Contains(ft.fatals[i], want), "%q lacks %q", ft.fatals[i], want)
	}
}
