package wrapper

import (
	"net/http"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// scrubber masks, by meaning, what the wrapper writes into error strings and
// log lines. It knows the call's secrets (the API key and the personal values
// the call sent) and masks them in every encoding (raw, percent-encoded,
// JSON-escaped, and the key as base64 of "key:" in an echoed Authorization
// header). Identifiers users need intact (request ids, error codes, account
// ids) get only that exact-match masking; free text (Juspay's messages,
// bodies) also gets redact.Text's patterns for personal data the call did
// not send. Every rendered value is capped at redact.MaxValueLen bytes.
//
// A nil *scrubber masks no known secret but still applies the patterns.
type scrubber struct {
	secrets *redact.Secrets
}

func newScrubber(apiKey string) *scrubber {
	return &scrubber{secrets: redact.NewSecrets(apiKey)}
}

// with returns a copy of s that also masks the given kind of values.
func (s *scrubber) with(kind redact.Kind, values ...string) *scrubber {
	return &scrubber{secrets: s.get().With(kind, values...)}
}

func (s *scrubber) get() *redact.Secrets {
	if s == nil {
		return nil
	}
	return s.secrets
}

// text masks free text: known secrets, then the personal-data patterns; capped.
func (s *scrubber) text(t string) string {
	return redact.Cap(s.get().Text(t), redact.MaxValueLen)
}

// id masks an identifier: known secrets only, never a pattern; capped.
func (s *scrubber) id(t string) string {
	return redact.Cap(s.get().Mask(t), redact.MaxValueLen)
}

// json masks a body: sensitive fields by name, known secrets everywhere,
// patterns in every string that is not an identifier.
func (s *scrubber) json(b []byte) []byte { return s.get().JSON(b) }

// header copies h with credentials replaced and known secrets masked.
func (s *scrubber) header(h http.Header) http.Header { return s.get().Header(h) }
