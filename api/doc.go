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
// # Requests and errors
//
// kin-openapi holds every request to the spec before a handler runs; the
// handlers add what the spec cannot state: form fields an operation does not
// have and repeated fields are refused, a create gets a VPA or a bank account
// but not both, and names and metadata have limits. Errors have Juspay's
// documented shapes and a fresh request id (also the X-Request-Id header),
// and name the field and the rule, never the value sent.
//
// # Merchants, customers and x-routing-id
//
// Every accepted API key is a merchant of its own: what one key creates, any
// other key gets 404 object_not_found for. A customer exists once an account
// was created for it, or when pre-seeded with [WithCustomers]. Its first
// account pins the x-routing-id it was created with (Juspay asks for the same
// value on every call for a customer), and a later call for the customer with
// another one is refused with 400 INVALID_INPUT naming x-routing-id.
//
// The deprecated v3.2 bank-account family works on the same store: both
// families read every bank account by its id (banh_... or ba_...) in their
// own shape, the v3.2 family does not see UPI VPAs, and a v3.2 delete removes
// the account from both.
//
// # Serving
//
// The emulator serves the spec at [SpecPath]. As a long-running server, give
// it the timeouts such a server needs:
//
//	hs, ln, err := api.Listen("127.0.0.1:8080", api.New(api.WithLogger(slog.Default())))
//	if err != nil { ... }
//	go hs.Serve(ln)
package api
