// Package wrapper is the Go client for Juspay's Customer Accounts API: register
// a customer's bank accounts and UPI VPAs and validate them by penny drop.
//
//	client, err := wrapper.New(os.Getenv("JUSPAY_API_KEY")) // Sandbox; WithEnvironment(Production) for live
//
// Every operation, field, header and error body is described in docs/API.md,
// generated from openapi.yaml.
//
// # The flow
//
//  1. [Client.CreateCustomerAccounts] registers a bank account or a VPA
//     ([AccountInput]); its status is CREATED.
//  2. [Client.ValidateCustomerAccount] sends the penny drop; the status turns
//     PENDING. [Client.CreateAndValidateCustomerAccounts] does both at once.
//  3. [Client.AwaitValidation] polls [Client.GetCustomerAccount] until the
//     status is ACTIVE or FAILURE. Juspay documents no webhook and no
//     idempotency key: never validate again to learn the outcome, as that
//     may pay a second penny.
//  4. [Client.ListCustomerAccounts] returns one page of a customer's accounts;
//     [Client.AllCustomerAccounts] iterates over all of them.
//
// # What the wrapper adds to the generated client
//
// Requests come from gen's builders and responses decode into gen's models,
// re-exported here as aliases. The wrapper adds Basic auth with an empty
// password, x-routing-id defaulting to the customer id, input checked
// against openapi.yaml's rules before any byte is sent, forms with Juspay's
// dot keys, typed errors, retries of reads only ([RetryPolicy]: a write is
// retried only when it provably never left, and nothing below the wrapper
// can send it twice: net/http cannot replay it and redirects are never
// followed), a timeout per call ([WithTimeout]), masked slog logging
// ([WithLogger]) and [Middleware]. One [Option] type configures the client
// ([New]) and each call (after a method's arguments).
//
// # Errors
//
// Use errors.As and errors.Is: [*APIError] (a non-2xx; errors.Is matches
// [ErrNotFound], [ErrUnauthorized], [ErrInvalidInput], [ErrRateLimited] and
// any gen.ErrorCode), [*InputError] (refused before sending), [*DecodeError]
// (a 2xx that did not decode: check with a get before creating or validating
// again), [*TransportError] (no response; a [*TimeoutError] names the
// timeout), [*AwaitError] and [*PagingError]. Error strings never show the
// API key or a personal value a call sent, in any case or encoding; control
// characters of server text are made visible; request ids and codes are
// fields that masking never rewrites.
//
// # The generated client and testing
//
// [NewGenClient] returns the generated client with this package's layers on
// the wire. In a Go test, juspaytest.NewServer(t) gives an emulator on
// loopback with a ready Client; by hand, httptest.NewServer(api.New()) with
// [WithBaseURL] and api.DefaultTestKey. Account numbers ending in 0002 and
// VPAs starting with "fail" fail their penny drop, those ending in 0003 or
// starting with "pending" stay PENDING. Code that takes an [API] can be
// handed a fake. The deprecated v3.2 calls are under [Client.BankAccountsV32].
package wrapper
