package wrapper

import (
	"net/http"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// scrubber masks what the wrapper writes into error strings and log lines
// with the call's redact.Masker (the API key and the personal values the
// call sent, in every encoding). Identifiers users need intact (request ids,
// error codes, account ids) get only a known credential masked (Masker.ID),
// escaped and capped; free text
// (Juspay's messages, bodies) is masked (redact.Masker.Text).
//
// A nil *scrubber masks no known secret but still applies the patterns.
type scrubber struct {
	m *redact.Masker
}

func newScrubber(apiKey string) *scrubber {
	return &scrubber{m: redact.New(apiKey)}
}

// with returns a copy of s that also masks the given kind of values.
func (s *scrubber) with(kind redact.Kind, values ...string) *scrubber {
	return &scrubber{m: s.get().With(kind, values...)}
}

func (s *scrubber) get() *redact.Masker {
	if s == nil {
		return nil
	}
	return s.m
}

// text masks free text: known secrets, then the personal-data patterns; escaped and capped.
func (s *scrubber) text(t string) string { return s.get().Text(t) }

// id renders an identifier: only a known credential masked; escaped and capped.
func (s *scrubber) id(t string) string { return s.get().ID(t) }

// json masks a body field by field (see redact.Masker.JSON).
func (s *scrubber) json(b []byte) []byte { return s.get().JSON(b) }

// header copies h with credentials replaced and known secrets masked.
func (s *scrubber) header(h http.Header) http.Header { return s.get().Header(h) }
