// Package api is an in-process, stateful emulator of Juspay's Customer Accounts
// API, built on the same openapi.yaml as the SDK: the server the SDK's tests
// and examples, and `juspay-accounts serve`, talk to. Every operation it
// serves, with its fields and error bodies, is described in docs/API.md
// (https://github.com/pennydrop/juspay-accounts/blob/main/docs/API.md).
//
// # The flow
//
// The emulator plays an account's life, create -> validate -> await -> list,
// as Juspay documents it:
//
//  1. Create (createCustomerAccounts, command=create): the account is
//     CREATED, with last_validated null.
//  2. Validate (validateCustomerAccount, or create with command=validate):
//     the penny drop is sent and the account is PENDING. [Server.Validations]
//     counts the penny drops each account was sent.
//  3. Await (getCustomerAccount, polled): the account stays PENDING until
//     the validation delay has passed ([WithValidationDelay], default
//     [DefaultValidationDelay]; [WithClock] lets a test move time), then
//     reads ACTIVE or FAILURE with last_validated set. Test values
//     (below), [Server.ForceValidation] and [WithValidationOutcome] decide
//     the outcome.
//  4. List (listCustomerAccounts): the customer's accounts in creation order
//     with their current status, paged by offset and count, with the total.
//
// # Testing against the emulator
//
// For Go tests, package juspaytest does the set-up below in one call per
// test (juspaytest.NewServer(t): its own emulator on loopback, a ready
// client, forced outcomes and the requests received); its examples show a
// test forcing a FAILURE and checking what the code sent.
//
// By hand, start the emulator on loopback and point the client at it:
//
//	srv := httptest.NewServer(api.New(api.WithValidationDelay(10 * time.Millisecond)))
//	t.Cleanup(srv.Close)
//	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
//
// Any HTTP client works: send Basic auth with [DefaultTestKey] (or a key of
// [WithKeys]) as the user name and an empty password, and the x-routing-id
// header. The package example runs the whole flow this way; the example of
// [WithClock] moves time instead of waiting.
//
// Tests and `serve --control` users can force outcomes and faults, seed
// accounts and read the requests received: see [Server.ForceValidation],
// [Server.InjectFault], [Server.Seed], [WithRecording] and [WithControl]
// (the control endpoint, [ControlPrefix]).
//
// # Requests and errors
//
// A *Server is an http.Handler. Every request is held to the spec before a
// handler sees it (HTTP Basic with an accepted key and an empty password, the
// x-routing-id header, parameter and form schemas) by kin-openapi, with the
// router and options built once, so every error is its verdict. The input
// formats are patterns of the spec and part of that check (IFSC, bank code,
// VPA, and validation_amount: more than 0, at most 2 decimals, at most 100
// rupees, the rule the wrapper checks too). The request is then
// answered from an in-memory store that is safe for concurrent use. Errors
// have Juspay's documented shapes: 401 access_denied, 404 object_not_found,
// 400 with error_info.code MISSING_MANDATORY_PARAMETER or INVALID_INPUT and
// error_info.fields naming the field, each with a fresh error_info.request_id
// (also sent as the X-Request-Id header).
//
// # Merchants, customers and x-routing-id
//
// Merchants: every accepted API key (WithKeys) is a merchant of its own.
// Customers and accounts belong to the key that created them; any other key
// gets the documented 404 object_not_found for them (get, validate, list and
// the v3.2 delete alike), even when it has a customer of the same id, exactly
// as if they did not exist.
//
// Customers: a customer exists, for one merchant, once an account was created
// for it (by either API family) or when it was pre-seeded with WithCustomers
// (for every merchant); it stays after its accounts are deleted. Get, list and
// validate for an unknown customer answer 404 object_not_found.
//
// x-routing-id: Juspay asks for "the same x-routing-id for all requests tied
// to the same customer" and warns that another value "could lead to issues
// with API functionality", without saying which. The emulator makes the
// mistake visible: a customer's first account pins the x-routing-id it was
// created with, and any later call for that customer (either family, read or
// write) with a different value is refused with 400 INVALID_INPUT naming
// x-routing-id; nothing is changed and no penny drop is sent. Calls before
// the first account (on a pre-seeded or unknown customer) pin nothing, and a
// call without the header (where the spec allows it) is not checked.
//
// # Penny drops and test values
//
// The penny drop is simulated without goroutines or timers: the state of an
// account is computed from timestamps of the injected clock. Create gives
// CREATED; validate gives PENDING, which turns into ACTIVE (or FAILURE) once
// the validation delay has passed, and last_validated is set when the outcome
// is known. Test values force an outcome (see FailingAccountSuffix and its
// siblings, and README.md): account numbers ending in 0002 and VPAs whose
// local part starts with "fail" fail; account numbers ending in 0003 and VPAs
// starting with "pending" stay PENDING for LongPending. A validate while the
// previous penny drop is PENDING is refused (400 DUPLICATE_REQUEST), so
// Validations counts exactly the pennies a client asked for.
//
// # Input
//
// The emulator is stricter than the spec in one way: form fields an operation
// does not have, and repeated fields, are rejected (400 INVALID_INPUT), so
// that encoding mistakes surface instead of being dropped.
//
// Error messages name the field and the rule, never the value sent: reasons
// are written from the spec's schema (pattern, enum, limits), not from the
// request nor from kin-openapi's messages. An unknown form field is named
// only when it is a field of this API (of another operation, or "metadata"
// sent whole); any other name is counted ("has 2 fields this operation does
// not have"), with the operation's field it looks like a misspelling of, if
// any. Metadata errors name "metadata", never the key.
// The new create requires a real IFSC (^[A-Z]{4}0[A-Z0-9]{6}$); the v3.2
// create also admits the 10-character form of Juspay's documented sample
// request (HDFC092343).
//
// # The v3.2 calls
//
// The deprecated v3.2 bank-account family works on the same store: an account
// has one id (banh_... when created by createCustomerAccounts, ba_... when
// created by createBankAccount), both families read every bank account by its
// id in their own shape, the v3.2 family does not see UPI VPAs, and a v3.2
// delete removes the account from both families' lists and gets.
//
// # Serving
//
// The emulator serves the spec itself at [SpecPath]. As a long-running
// server, give it the timeouts such a server needs:
//
//	hs, ln, err := api.Listen("127.0.0.1:8080", api.New(api.WithLogger(slog.Default())))
//	if err != nil { ... }
//	go hs.Serve(ln)
package api
