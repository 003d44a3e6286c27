package wrapper

import (
	"slices"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// scrubber masks secrets in text the wrapper writes into error strings: the
// API key and the personal values a call sent (replaced wherever they occur,
// even inside an echo of the request in Juspay's message), then any remaining
// run of nine or more digits (an account number) and any word@handle (a VPA)
// with redact.Text.
type scrubber struct {
	// pairs holds secret, mask pairs in the order they were added. The
	// replacer is built only when text is called (an error or a log line), so
	// a call that succeeds pays for no sorting.
	pairs []string
}

// minSecretLen is the shortest value replaced by exact match: shorter ones
// (a one-letter name, metadata "1") would mask unrelated text.
const minSecretLen = 3

func newScrubber(apiKey string) *scrubber {
	s := &scrubber{}
	s.add(apiKey, redact.Redacted)
	return s
}

// with returns a copy of s that also masks the given kind of values.
func (s *scrubber) with(kind redact.Kind, values ...string) *scrubber {
	out := &scrubber{pairs: make([]string, len(s.pairs), len(s.pairs)+2*len(values))}
	copy(out.pairs, s.pairs)
	for _, v := range values {
		out.add(v, redact.Value(kind, v))
	}
	return out
}

func (s *scrubber) add(secret, mask string) {
	if len(strings.TrimSpace(secret)) >= minSecretLen {
		s.pairs = append(s.pairs, secret, mask)
	}
}

// text masks t: the call's secrets first, longest first so a secret that
// contains another is masked whole, then redact.Text's patterns.
func (s *scrubber) text(t string) string {
	if s != nil && len(s.pairs) > 0 {
		type pair struct{ secret, mask string }
		ps := make([]pair, 0, len(s.pairs)/2)
		for i := 0; i < len(s.pairs); i += 2 {
			ps = append(ps, pair{s.pairs[i], s.pairs[i+1]})
		}
		slices.SortStableFunc(ps, func(a, b pair) int { return len(b.secret) - len(a.secret) })
		flat := make([]string, 0, len(s.pairs))
		for _, p := range ps {
			flat = append(flat, p.secret, p.mask)
		}
		t = strings.NewReplacer(flat...).Replace(t)
	}
	return redact.Text(t)
}
