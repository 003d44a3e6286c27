package redact

import (
	"encoding/base64"
	"net/url"
	"strings"
)

// minDigitRun is the shortest digit run patterns masks as an account number:
// Indian account numbers have 9 to 18 digits, mobile numbers 10.
const minDigitRun = 9

// patterns masks the personal data free text may hold without knowing it:
// every run of nine or more digits (an account or mobile number, also after
// a country code) is masked as an account number, every word@handle (a VPA or
// an e-mail address, also with the '@' percent-encoded as %40) keeps only its
// handle, and the credential after "Basic " or "Bearer " is replaced. Names
// cannot be told from other words: Masker.With makes them known.
func patterns(t string) string {
	t = maskAuthTokens(t)
	var b strings.Builder
	changed := false
	i := 0
	for i < len(t) {
		// '*' belongs to a word so that a handle this function already
		// masked ("****@0@0") is read back whole and kept: patterns is idempotent.
		if isWordByte(t[i]) || t[i] == '*' {
			j := i
			for j < len(t) {
				if isWordByte(t[j]) || t[j] == '@' || t[j] == '*' {
					j++
				} else if isEncodedAt(t, j) {
					j += 3
				} else {
					break
				}
			}
			w := t[i:j]
			if m := maskWord(w); m != w {
				if !changed {
					b.Grow(len(t))
					b.WriteString(t[:i])
					changed = true
				}
				b.WriteString(m)
			} else if changed {
				b.WriteString(w)
			}
			i = j
			continue
		}
		if changed {
			b.WriteByte(t[i])
		}
		i++
	}
	if !changed {
		return t
	}
	return b.String()
}

// isEncodedAt reports whether t[j:] starts with "%40", a percent-encoded '@'.
func isEncodedAt(t string, j int) bool {
	return j+2 < len(t) && t[j] == '%' && t[j+1] == '4' && t[j+2] == '0'
}

// maskWord masks a word: a VPA-like word keeps only its handle, and every
// long digit run left (also one inside the handle) is masked.
func maskWord(w string) string {
	if at, n := firstAt(w); at > 0 && at+n < len(w) {
		w = "****" + w[at:]
	}
	// Mask each long digit run inside the word.
	var b strings.Builder
	changed := false
	for i := 0; i < len(w); {
		if w[i] >= '0' && w[i] <= '9' {
			j := i
			for j < len(w) && w[j] >= '0' && w[j] <= '9' {
				j++
			}
			if j-i >= minDigitRun {
				if !changed {
					b.WriteString(w[:i])
					changed = true
				}
				b.WriteString(Value(AccountNumberKind, w[i:j]))
			} else if changed {
				b.WriteString(w[i:j])
			}
			i = j
			continue
		}
		if changed {
			b.WriteByte(w[i])
		}
		i++
	}
	if !changed {
		return w
	}
	return b.String()
}

// firstAt returns the index of the first '@' or "%40" in w and its length
// (1 or 3), or -1.
func firstAt(w string) (int, int) {
	for i := 0; i < len(w); i++ {
		if w[i] == '@' {
			return i, 1
		}
		if isEncodedAt(w, i) {
			return i, 3
		}
	}
	return -1, 0
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' || c == '-' || c == '+'
}

// maskAuthTokens replaces the credential after "Basic " (when it decodes as
// base64 to "user:password") or "Bearer " (any token of 8 or more
// characters), matched case-insensitively, with a space, a tab or a
// percent-encoded space (%20) between the scheme and the credential.
func maskAuthTokens(t string) string {
	lower := ""
	var b strings.Builder
	last := 0
	for i := 0; i < len(t); i++ {
		c := t[i] | 0x20
		if c != 'b' {
			continue
		}
		if lower == "" {
			lower = strings.ToLower(t)
		}
		var n int
		switch {
		case strings.HasPrefix(lower[i:], "basic"):
			n = 5
		case strings.HasPrefix(lower[i:], "bearer"):
			n = 6
		default:
			continue
		}
		if i > 0 && isTokenByte(t[i-1]) {
			continue // inside a word
		}
		j := i + n
		sep := j
		for sep < len(t) {
			if t[sep] == ' ' || t[sep] == '\t' {
				sep++
			} else if strings.HasPrefix(t[sep:], "%20") {
				sep += 3
			} else {
				break
			}
		}
		if sep == j {
			continue
		}
		k := sep
		for k < len(t) && isTokenByte(t[k]) {
			k++
		}
		tok := t[sep:k]
		if tok == "" || tok == Redacted {
			continue
		}
		if n == 5 && !isBasicCredential(tok) {
			continue
		}
		if n == 6 && len(tok) < 8 {
			continue
		}
		if last == 0 {
			b.Grow(len(t))
		}
		b.WriteString(t[last:sep])
		b.WriteString(Redacted)
		last = k
		i = k - 1
	}
	if last == 0 {
		return t
	}
	b.WriteString(t[last:])
	return b.String()
}

// isTokenByte: base64 (both alphabets), percent-encoding and token68 bytes.
func isTokenByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
		strings.IndexByte("+/=-_.~%", c) >= 0
}

// isBasicCredential reports whether tok is base64 (either alphabet, padded
// or not, padding possibly percent-encoded) of a text with a ':'.
func isBasicCredential(tok string) bool {
	if u, err := url.PathUnescape(tok); err == nil {
		tok = u
	}
	tok = strings.TrimRight(tok, "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(tok); err == nil && strings.IndexByte(string(b), ':') >= 0 {
			return true
		}
	}
	return false
}
