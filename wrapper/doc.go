// Package wrapper is the Go client for Juspay's Customer Accounts API: register
// a customer's bank accounts and UPI VPAs and validate them by penny drop.
//
// It is a thin layer over the generated models in gen/ that adds what a
// payments client needs:
//
//   - Basic auth with the API key and an empty password, an x-routing-id
//     header that defaults to the customer id, optional x-merchantid and
//     version headers, and a User-Agent naming the SDK and Go versions;
//   - inputs checked before any byte is sent, path ids escaped so no id can
//     reach another path;
//   - deterministic form bodies (sorted keys, metadata.KEY dot keys, amounts
//     as exact plain decimals);
//   - every response decoded here: a non-2xx is an *APIError carrying
//     Juspay's fields and a capped copy of the body; errors.Is works with
//     ErrNotFound, ErrUnauthorized, ErrInvalidInput and ErrRateLimited;
//   - retries for reads only: a create or validate may move money and is
//     retried only when it provably never left the machine (dial or DNS
//     failure);
//   - optional slog logging that never shows the API key and masks account
//     numbers, VPAs and names.
//
// The deprecated v3.2 bank account calls are grouped under
// Client.BankAccountsV32.
package wrapper
