// Package api is an in-process, stateful emulator of Juspay's Customer Accounts
// API, built on the same openapi.yaml as the SDK: the server the SDK's tests
// and examples, and `juspay-accounts serve`, talk to. docs/API.md describes
// its operations, fields and error bodies.
//
// Create leaves an account CREATED; validate (or create with
// command=validate) sends a penny drop: the account is PENDING until the
// validation delay has passed ([WithValidationDelay], [WithClock]), then
// ACTIVE or FAILURE with last_validated set. A validate while a penny drop is
// PENDING is refused (400 DUPLICATE_REQUEST), so [Server.Validations] counts
// exactly the pennies a client asked for. Test values ([FailingAccountSuffix]
// and its siblings), [Server.ForceValidation] and [WithValidationOutcome]
// decide the outcome. No goroutine or timer runs: the state is computed from
// the clock.
//
// Package juspaytest does the set-up for a Go test in one call. By hand:
//
//	srv := httptest.NewServer(api.New(api.WithValidationDelay(10 * time.Millisecond)))
//	t.Cleanup(srv.Close)
//	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
//
// Any HTTP client works: Basic auth with [DefaultTestKey] (or a key of
// [WithKeys]) as the user name and an empty password, and the x-routing-id
// header. Tests and `serve --control` users can force outcomes and faults,
// seed accounts and read the requests received: see [Server.InjectFault],
// [Server.Seed], [WithRecording] and [WithControl].
//
// kin-openapi holds every request to the spec before a handler runs; the
// handlers add what the spec cannot state (unknown and repeated form fields,
// a VPA and a bank account in one create, name and metadata limits). Errors
// have Juspay's documented shapes and name the field and the rule, never the
// value sent. Every key is a merchant of its own ([WithKeys]); a customer's
// first account pins its x-routing-id, and a later call with another value is
// refused. The deprecated v3.2 family works on the same store and does not see
// UPI VPAs.
//
// As a long-running server (the spec is served at [SpecPath]), give it the
// timeouts such a server needs:
//
//	hs, ln, err := api.Listen("127.0.0.1:8080", api.New(api.WithLogger(slog.Default())))
//	if err != nil { ... }
//	go hs.Serve(ln)
package api
