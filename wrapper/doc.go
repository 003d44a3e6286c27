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
//  2. [Client.ValidateCustomerAccount] sends the penny drop (1 INR unless
//     [ValidateInput] says otherwise); the status turns PENDING.
//     [Client.CreateAndValidateCustomerAccounts] does steps 1 and 2 at once.
//  3. [Client.AwaitValidation] polls [Client.GetCustomerAccount] until the
//     status is ACTIVE or FAILURE. Juspay documents no webhook and no
//     idempotency key: never validate again to learn the outcome, as that
//     may pay a second penny.
//  4. [Client.ListCustomerAccounts] returns one page of a customer's accounts;
//     [Client.AllCustomerAccounts] iterates over all of them.
//
// # What the wrapper adds to the generated client
//
// Every request comes from gen's builders (gen.New<Op>Request) and every
// response is decoded into gen's models, re-exported here as aliases. The
// wrapper adds what the spec cannot say: Basic auth with an empty password,
// x-routing-id defaulting to the customer id, input checked before any byte
// is sent (the rules of openapi.yaml, generated into Go; ids that would leave
// their path segment refused), form bodies with Juspay's dot keys, typed
// errors, retries of reads only ([RetryPolicy]; a write is retried only when
// it provably never left, and nothing below the wrapper can send it twice:
// net/http cannot replay it and redirects are never followed), a timeout per
// whole call ([WithTimeout]), masked slog logging ([WithLogger]) and
// [Middleware] that sees the operation id and attempt number.
//
// One [Option] type configures the client (given to [New]) and each call
// (given after a method's arguments, overriding the client's setting).
//
// # Errors
//
// Tell them apart with errors.As and errors.Is: [*APIError] (a non-2xx: the
// status, Juspay's codes and message, error_info, the request id, masked
// headers and a capped body; errors.Is matches [ErrNotFound],
// [ErrUnauthorized], [ErrInvalidInput], [ErrRateLimited] and any
// gen.ErrorCode), [*InputError] (refused before sending), [*DecodeError] (a
// 2xx that did not decode: check with a get before creating or validating
// again), [*TransportError] (no response; a [*TimeoutError] names which
// timeout ran out), [*AwaitError] and [*PagingError]. Error strings never
// show the API key or a personal value a call sent, in any case or encoding;
// control characters of server text are made visible; request ids and codes
// are fields that masking never rewrites.
//
// # The generated client and testing
//
// [NewGenClient] and [NewGenBaseClient] return the generated clients with
// this package's layers on the wire. In a Go test, juspaytest.NewServer(t)
// gives an emulator on loopback with a ready Client (see package
// juspaytest); by hand, httptest.NewServer(api.New()) with [WithBaseURL] and
// api.DefaultTestKey. Account numbers ending in 0002 and VPAs starting with
// "fail" fail their penny drop, those ending in 0003 or starting with
// "pending" stay PENDING. Code that takes an [API] can be handed a fake.
//
// The deprecated v3.2 calls are under [Client.BankAccountsV32].
package wrapper
