// Package wrapper is the Go client for Juspay's Customer Accounts API: register
// a customer's bank accounts and UPI VPAs and validate them by penny drop.
//
//	client, err := wrapper.New(os.Getenv("JUSPAY_API_KEY")) // Sandbox; WithEnvironment(Production) for live
//
// Every operation, field, header and error body is described in the API
// reference generated from openapi.yaml, docs/API.md
// (https://github.com/pennydrop/juspay-accounts/blob/main/docs/API.md).
//
// # The flow
//
// An account goes create -> validate -> await -> list:
//
//  1. Create: [Client.CreateCustomerAccounts] registers a bank account or a
//     VPA ([AccountInput]) for a customer; its status is CREATED.
//  2. Validate: [Client.ValidateCustomerAccount] sends the penny drop (1 INR
//     unless [ValidateInput] says otherwise); the status turns PENDING.
//     [Client.CreateAndValidateCustomerAccounts] does steps 1 and 2 in one
//     call.
//  3. Await: [Client.AwaitValidation] polls [Client.GetCustomerAccount] until
//     the status is ACTIVE or FAILURE (a FAILURE is an outcome, not an
//     error). Juspay documents no webhook and no idempotency key: never
//     validate again to learn the outcome, as that may pay a second penny.
//  4. List: [Client.ListCustomerAccounts] returns one page of a customer's
//     accounts; [Client.AllCustomerAccounts] iterates over all of them, one
//     page per request.
//
// The package example runs this flow against the offline emulator.
//
// # What the wrapper adds to the generated client
//
// It is a thin layer over the generated package gen/: every request comes
// from gen's request builders (gen.New<Op>Request, with the generated params,
// so paths and header names come from openapi.yaml) and every response is
// decoded into gen's models, re-exported here as aliases ([CustomerAccount],
// [CustomerAccountList], ...). What the spec cannot say is added here:
//
//   - Basic auth with the API key and an empty password, an x-routing-id
//     header that defaults to the customer id, optional x-merchantid and
//     version headers, and a User-Agent naming the SDK and Go versions;
//   - inputs checked before any byte is sent, ids that would leave their
//     path segment ("." and "..", which gen's URL resolution removes)
//     refused;
//   - deterministic form bodies (sorted keys, metadata.KEY dot keys, amounts
//     as exact plain decimals), which gen's form encoder cannot write;
//   - typed errors (see Errors below);
//   - retries for reads only ([RetryPolicy]): a write (a POST: create,
//     validate, the v3.2 delete) is retried only when it provably never left
//     the machine (dial or DNS failure), because a validate moves money, and
//     nothing below the wrapper can send it twice: net/http cannot replay
//     it and redirects are never followed; [WithTimeout] bounds each whole
//     call, retries included;
//   - AwaitValidation (polling a penny drop to its outcome) and
//     AllCustomerAccounts (an iterator over every page of a list that ends
//     even when the server's paging misbehaves);
//   - optional slog logging ([WithLogger]) that never shows the API key and
//     masks account numbers, VPAs and names, and [Middleware] hooks, which
//     see the operation id and attempt number, for tracing and metrics
//     ([WithMiddleware]).
//
// One [Option] type configures the client (passed to [New]) and each call
// (passed after a method's arguments, overriding the client's setting for
// that call): the routing id ([WithRoutingID]), a header ([WithHeader]),
// the timeout and retry policy ([WithTimeout], [WithRetryPolicy]), the raw
// response for an audit log ([WithRawResponse]), and so on.
//
// # Errors
//
// Every error can be told apart with errors.As and errors.Is:
//
//   - [*APIError]: Juspay answered with a status outside 2xx. It keeps the
//     HTTP status, Juspay's status, error_code, message and error_info
//     (with the invalid fields), the request id to quote to support, the
//     masked headers and a capped copy of the body. errors.Is matches
//     [ErrNotFound], [ErrUnauthorized], [ErrInvalidInput] and
//     [ErrRateLimited] by status or Juspay code.
//   - [*InputError]: input refused before anything was sent, naming the
//     field and the rule (errors.Is(err, ErrInvalidInput) holds).
//   - [*DecodeError]: a 2xx whose body did not decode; the call's outcome is
//     unknown, so check with a get or list before creating or validating
//     again.
//   - [*TransportError]: no response arrived (the connection failed or a
//     timeout ran out: a [*TimeoutError] names which, and after how long).
//   - [*AwaitError]: AwaitValidation stopped before an outcome (its context
//     ended, or an error polling cannot get past), with the last status seen.
//   - [*PagingError]: AllCustomerAccounts stopped because the server's pages
//     repeat accounts or never end.
//
// Error strings never show the API key, nor the account numbers, VPAs and
// names a call sent, in any case or encoding; server text has its control
// characters made visible. Request ids, codes and statuses are fields that
// masking never rewrites.
//
// # The generated client
//
// To use the generated client directly with the same behaviour on the wire,
// get it from [NewGenClient] (gen.ClientWithResponses) or [NewGenBaseClient]
// (gen.Client): both share this package's layers.
//
// # Testing
//
// The emulator in package api serves the same spec in memory. In a Go test,
// juspaytest.NewServer(t) gives the test its own emulator on loopback with a
// ready Client, forces outcomes and shows what the code under test sent (see
// package juspaytest and its examples). By hand: start it with
// httptest.NewServer(api.New()) and point a client at it with
// WithBaseURL(srv.URL) and the key api.DefaultTestKey (plain http is allowed
// to a loopback host only). Test values force a penny drop's outcome:
// account numbers ending in 0002 and VPAs whose local part starts with "fail"
// fail, those ending in 0003 or starting with "pending" stay PENDING for an
// hour, any other turns ACTIVE. The examples of this package run that way,
// on loopback. For unit tests without a server, code that takes an [API]
// can be handed a fake (see the example of API).
//
// # The v3.2 calls
//
// The deprecated v3.2 bank account calls (create, validate, list, get,
// delete) are grouped under [Client.BankAccountsV32].
package wrapper
