// Package conformance holds HTTP exchanges with Juspay's Customer Accounts API
// to openapi.yaml (described in docs/API.md) with kin-openapi: a [Validator]
// reports every problem of an exchange at once as a [Report]; a [Transport]
// validates live traffic (in staging, say) without altering it; a [Recorder]
// writes redacted [Cassette]s that [NewReplayServer] serves back in tests;
// [Coverage] tabulates which (operation, status) pairs a doc sample, a
// cassette, the emulator or a live run backs.
//
// kin-openapi is imported here and never by the wrapper package, so the
// client's users pay its start-up cost only if they opt in.
package conformance
