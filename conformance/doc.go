// Package conformance holds HTTP exchanges with Juspay's Customer Accounts API
// to openapi.yaml, the SDK's single source of truth, using kin-openapi. The
// operations, fields and error bodies the spec declares are described in
// docs/API.md (https://github.com/pennydrop/juspay-accounts/blob/main/docs/API.md).
//
// It is both a library and the project's contract test suite:
//
//   - [Validator] checks one exchange (request and response) against the
//     embedded spec and reports every problem at once as a [Report] of
//     [Violation]s, each naming the operation, status and location.
//   - [Transport] is an [net/http.RoundTripper] that validates every live
//     exchange and reports violations to a callback or a [log/slog.Logger],
//     never altering the exchange. Plug it into the wrapper's HTTP client in
//     staging to learn when Juspay's behaviour drifts from the spec.
//   - [Recorder] records exchanges into redacted [Cassette] files and
//     [NewReplayServer] serves them back on loopback in tests.
//   - [Coverage] tabulates which (operation, status) pairs are backed by a
//     doc sample, a cassette, the emulator or a live run.
//
// # The flow
//
// An account's life, create -> validate -> await -> list, is four kinds of
// exchange, and each is held to its operation of the spec: the create
// (createCustomerAccounts, a form body; command=validate also starts the
// penny drop), the validate (validateCustomerAccount), the await, which is
// any number of gets (getCustomerAccount) polled until the status is ACTIVE
// or FAILURE, and the list (listCustomerAccounts, paged by offset and count).
// A [Transport] under a wrapper.Client sees each of them, retries and polls
// included, and reports each with its operationId; the example of
// [NewTransport] runs the flow against the emulator (package api) and prints
// one report per exchange. The contract tests run every wrapper method, and
// calls that provoke 400, 401 and 404, against the emulator the same way,
// and hold Juspay's documented samples and the recorded cassettes to the
// spec.
//
// kin-openapi is imported here and never by the wrapper package, so the
// client's users do not pay its start-up cost unless they opt in.
package conformance
