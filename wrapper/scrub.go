package wrapper

import (
	"sort"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// scrubber masks secrets in text the wrapper writes into error strings: the
// API key and the personal values a call sent (replaced wherever they occur,
// even inside an echo of the request in Juspay's message), then any remaining
// run of nine or more digits (an account number) and any word@handle (a VPA)
// with redact.Text.
type scrubber struct {
	// pairs holds secret, mask pairs, longest secret first.
	pairs []string
}

// minSecretLen is the shortest value replaced by exact match: shorter ones
// (a one-letter name, metadata "1") would mask unrelated text.
const minSecretLen = 3

// minDigitRun is the shortest digit run masked as an account number: Indian
// account numbers have 9 to 18 digits.
const minDigitRun = 9

func newScrubber(apiKey string) *scrubber {
	s := &scrubber{}
	s.add(apiKey, redact.Redacted)
	return s
}

// with returns a copy of s that also masks the given kind of values.
func (s *scrubber) with(kind redact.Kind, values ...string) *scrubber {
	out := &scrubber{pairs: append([]string(nil), s.pairs...)}
	for _, v := range values {
		out.add(v, redact.Value(kind, v))
	}
	return out
}

func (s *scrubber) add(secret, mask string) {
	if len(strings.TrimSpace(secret)) < minSecretLen {
		return
	}
	s.pairs = append(s.pairs, secret, mask)
	// Longest first, so a secret containing another is masked whole.
	type pair struct{ k, v string }
	ps := make([]pair, 0, len(s.pairs)/2)
	for i := 0; i < len(s.pairs); i += 2 {
		ps = append(ps, pair{s.pairs[i], s.pairs[i+1]})
	}
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].k) > len(ps[j].k) })
	for i, p := range ps {
		s.pairs[2*i], s.pairs[2*i+1] = p.k, p.v
	}
}

// text masks t.
func (s *scrubber) text(t string) string {
	if s != nil && len(s.pairs) > 0 {
		t = strings.NewReplacer(s.pairs...).Replace(t)
	}
	return redact.Text(t)
}
