// Package api is an in-process, stateful emulator of Juspay's Customer Accounts
// API, built on the same openapi.yaml as the SDK: the server the SDK's tests
// and examples, and `juspay-accounts serve`, talk to. docs/API.md describes
// its operations, fields and error bodies.
//
// Create leaves an account CREATED; validate (or create with
// command=validate) sends a penny drop: the account is PENDING until the
// validation delay has passed ([WithValidationDelay], [WithClock]), then
// ACTIVE or FAILURE. A validate while one is PENDING gets 400
// DUPLICATE_REQUEST, so [Server.Validations] counts exactly the pennies a
// client asked for. Test values ([FailingAccountSuffix] and its siblings),
// [Server.ForceValidation] and [WithValidationOutcome] decide the outcome.
// No goroutine or timer runs: the state is computed from the clock.
//
// Package juspaytest does the set-up for a Go test in one call. By hand:
//
//	srv := httptest.NewServer(api.New(api.WithValidationDelay(10 * time.Millisecond)))
//	t.Cleanup(srv.Close)
//	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
//
// kin-openapi holds every request to the spec before a handler runs; handlers
// add what the spec cannot state. Errors have Juspay's documented shapes and
// name the field and the rule, never the value sent. Every key is a merchant
// of its own ([WithKeys]); a customer's first account pins its x-routing-id.
// The deprecated v3.2 family works on the same store and does not see UPI
// VPAs. Tests and `serve --control` users can force outcomes and faults, seed
// accounts and read the requests received ([Server.InjectFault],
// [Server.Seed], [WithRecording], [WithControl]). As a long-running server,
// use [Listen], which sets the timeouts such a server needs.
package api
