// Package api is an in-process, stateful emulator of Juspay's Customer Accounts
// API, built on the same openapi.yaml as the SDK.
//
// A *Server is an http.Handler. Every request is held to the spec before a
// handler sees it (HTTP Basic with an accepted key and an empty password, the
// x-routing-id header, parameter and form schemas): a fast path compiled from
// the spec accepts what kin-openapi would accept without its allocations, and
// kin-openapi judges everything else, so every error is its verdict. The
// request is then checked like Juspay checks input (IFSC, account number, VPA,
// and validation_amount: more than 0, at most 2 decimals, at most 100 rupees,
// the same ceiling as wrapper.MaxValidationAmount), and
// answered from an in-memory store that is safe for concurrent use. Errors
// have Juspay's documented shapes: 401 access_denied, 404 object_not_found,
// 400 with error_info.code MISSING_MANDATORY_PARAMETER or INVALID_INPUT and
// error_info.fields naming the field, each with a fresh error_info.request_id
// (also sent as the X-Request-Id header).
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
// The deprecated v3.2 bank-account family works on the same store: an account
// has one id (banh_... when created by createCustomerAccounts, ba_... when
// created by createBankAccount), both families read every bank account by its
// id in their own shape, the v3.2 family does not see UPI VPAs, and a v3.2
// delete removes the account from both families' lists and gets.
//
// Tests and `serve --control` users can force outcomes and faults, seed
// accounts and read the requests received: see ForceValidation, InjectFault,
// Seed, WithRecording and WithControl (the control endpoint, ControlPrefix),
// and package juspaytest, which wraps them for Go tests.
//
// Minimal use:
//
//	srv := httptest.NewServer(api.New())
//	defer srv.Close()
//	// call srv.URL with Basic auth api.DefaultTestKey + ":" (empty password)
//
// or, with the timeouts a long-running server needs:
//
//	hs, ln, err := api.Listen("127.0.0.1:8080", api.New(api.WithLogger(slog.Default())))
//	if err != nil { ... }
//	go hs.Serve(ln)
package api
