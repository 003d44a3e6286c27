// Package conformance holds HTTP exchanges with Juspay's Customer Accounts API
// to openapi.yaml, the SDK's single source of truth, using kin-openapi (the
// operations, fields and error bodies are described in docs/API.md):
//
//   - [Validator] checks one exchange against the embedded spec and reports
//     every problem at once as a [Report] of [Violation]s, each naming the
//     operation, status and location.
//   - [Transport] is an [net/http.RoundTripper] that validates every live
//     exchange (retries and polls included) and reports violations to a
//     callback or a [log/slog.Logger], never altering the exchange. Plug it
//     into the wrapper's HTTP client in staging to learn when Juspay drifts
//     from the spec; the example of [NewTransport] runs create -> validate ->
//     await -> list against the emulator.
//   - [Recorder] records exchanges into redacted [Cassette] files and
//     [NewReplayServer] serves them back on loopback in tests.
//   - [Coverage] tabulates which (operation, status) pairs are backed by a
//     doc sample, a cassette, the emulator or a live run.
//
// The package's tests are the project's contract suite: every wrapper method,
// and calls that provoke 400, 401 and 404, run against the emulator through a
// Transport, and Juspay's documented samples and the cassettes are held to
// the spec. kin-openapi is imported here and never by the wrapper package, so
// the client's users do not pay its start-up cost unless they opt in.
package conformance
