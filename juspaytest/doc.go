// Package juspaytest runs the Customer Accounts emulator (package api) for
// the tests of code that uses this SDK: one call gives each test its own
// server on loopback, a ready client, and the means to force what Juspay
// answers and to see what the code under test sent.
//
//	func TestPayeeFailsValidation(t *testing.T) {
//		t.Parallel()
//		srv := juspaytest.NewServer(t)
//		srv.ForceOutcome("asha@okhdfc", api.OutcomeFailure) // the next penny drop of this VPA fails
//
//		status, err := payees.Register(ctx, srv.Client, srv.AwaitOptions(), "cst_1", "asha@okhdfc") // your code
//		...
//		req := srv.LastRequest(gen.OperationIDCreateCustomerAccounts)
//		if req.RoutingID() != "cst_1" { t.Errorf(...) }
//	}
//
// A Server gives a *wrapper.Client and a generated client (or URL and Key);
// forced outcomes of penny drops (ForceOutcome, ForceValidation) and forced
// errors, delays or lost connections (FailNext, InjectFault); accounts seeded
// in a given state (Seed); and the requests it received, with the key masked
// (Requests, LastRequest). Servers are independent (their own emulator, port,
// rules and records), so tests using them can run with t.Parallel() and the
// race detector. Each server is closed when its test ends.
//
// # PENDING first, as at Juspay
//
// A penny drop (validate, or create with validate) answers PENDING, as
// Juspay's does, and settles DefaultValidationDelay later to ACTIVE or the
// forced outcome, so code that forgets to await fails its tests, not
// production. Await with the server's AwaitOptions (polls of a millisecond):
//
//	acct, err := srv.Client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
//	// acct.ValidationStatus is PENDING
//	final, err := srv.Client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, srv.AwaitOptions())
//	// final.ValidationStatus is ACTIVE (or the forced outcome)
//
// WithValidationDelay(0) is the explicit opt-in to instant outcomes;
// WithValidationDelay(d) sets a longer wait. The same forcing is available
// over HTTP from `juspay-accounts serve --control` (see api.ControlPrefix)
// and from the command line (`juspay-accounts control`).
package juspaytest
