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
//		err := payees.Register(ctx, srv.Client, srv.AwaitOptions(), "cst_1", "asha@okhdfc") // your code
//		...
//		req := srv.LastRequest(gen.OperationIDCreateCustomerAccounts)
//		if req.RoutingID() != "cst_1" { t.Errorf(...) }
//	}
//
// What a Server gives:
//
//   - Client, a *wrapper.Client, and Gen, a generated client with the same
//     Basic auth and x-routing-id; or URL and Key, for code that builds its
//     own client;
//   - forced outcomes: ForceOutcome and ForceValidation decide how the next
//     penny drops end (ACTIVE, FAILURE, or PENDING that lasts); FailNext and
//     InjectFault make the next calls of an operation answer an error status
//     with Juspay's error body, wait, or lose their connection;
//   - Seed creates accounts in a given state before the test runs;
//   - Requests and LastRequest show what the server received: method, path,
//     operation, headers (with the key masked), the decoded form, and the
//     answer's status and request id.
//
// Servers are independent (their own emulator, port, rules and records), so
// tests using them can run with t.Parallel() and the race detector. Each
// server is closed when its test ends.
//
// # PENDING first, as at Juspay
//
// A penny drop (validate, or create with validate) answers PENDING, as
// Juspay's does, and settles DefaultValidationDelay (a few milliseconds)
// later, to ACTIVE or to the forced outcome. So code that forgets to await
// fails its tests, not production. Await with the server's AwaitOptions,
// which poll every millisecond or two: a create, validate and await flow
// takes a few milliseconds.
//
//	acct, err := srv.Client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
//	// acct.ValidationStatus is PENDING
//	final, err := srv.Client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, srv.AwaitOptions())
//	// final.ValidationStatus is ACTIVE (or the forced outcome)
//
// WithValidationDelay(0) is the explicit opt-in to instant outcomes;
// WithValidationDelay(d) sets a longer wait.
//
// The same forcing is available to users of `juspay-accounts serve --control`
// over HTTP (see api.ControlPrefix) and from the command line
// (`juspay-accounts control`).
package juspaytest
