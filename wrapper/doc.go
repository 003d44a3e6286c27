// Package wrapper is the Go client for Juspay's Customer Accounts API: register
// a customer's bank accounts and UPI VPAs and validate them by penny drop.
//
// It is a thin layer over the generated package gen/: every request comes
// from gen's request builders (gen.New<Op>Request, with the generated params,
// so paths and header names come from openapi.yaml) and every response is
// decoded into gen's models. What the spec cannot say is added here:
//
//   - Basic auth with the API key and an empty password, an x-routing-id
//     header that defaults to the customer id, optional x-merchantid and
//     version headers, and a User-Agent naming the SDK and Go versions;
//   - inputs checked before any byte is sent, ids that would leave their
//     path segment ("." and "..", which gen's URL resolution removes)
//     refused;
//   - deterministic form bodies (sorted keys, metadata.KEY dot keys, amounts
//     as exact plain decimals), which gen's form encoder cannot write;
//   - typed errors: a non-2xx is an *APIError carrying Juspay's fields and a
//     capped copy of the body; errors.Is works with ErrNotFound,
//     ErrUnauthorized, ErrInvalidInput and ErrRateLimited;
//   - retries for reads only: a create or validate may move money and is
//     retried only when it provably never left the machine (dial or DNS
//     failure); WithTimeout bounds each whole call, retries included;
//   - AwaitValidation (polling a penny drop to its outcome) and
//     AllCustomerAccounts (an iterator over every page of a list);
//   - optional slog logging that never shows the API key and masks account
//     numbers, VPAs and names, and Middleware hooks for tracing and metrics.
//
// Per call, CallOptions set the routing id (WithRoutingID), an extra header
// (WithHeader), the timeout and retry policy (WithCallTimeout,
// WithCallRetryPolicy), and capture the raw response for an audit log
// (WithRawResponse).
//
// To use the generated client directly with the same behaviour on the wire,
// get it from NewGenClient (gen.ClientWithResponses) or NewGenBaseClient
// (gen.Client): both share this package's layers.
//
// The deprecated v3.2 bank account calls are grouped under
// Client.BankAccountsV32.
package wrapper
