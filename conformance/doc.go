// Package conformance holds HTTP exchanges with Juspay's Customer Accounts API
// to openapi.yaml, the SDK's single source of truth, using kin-openapi.
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
// kin-openapi is imported here and never by the wrapper package, so the
// client's users do not pay its start-up cost unless they opt in.
package conformance
