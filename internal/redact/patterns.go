package redact

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
)

var (
	digitRun = regexp.MustCompile(`[0-9]{9,}`)             // Indian account numbers have 9 to 18 digits, mobile numbers 10
	blanks   = regexp.MustCompile(`^(?:[ \t]|%20)+`)       // after an auth scheme
	token    = regexp.MustCompile(`^[0-9A-Za-z+/=_.~%-]+`) // base64, percent-encoding, token68
)

// patterns masks the personal data free text may hold without knowing it:
// the credential after "Basic " or "Bearer " is replaced, every word@handle
// (a VPA or an e-mail address, also with the '@' written as %40 or an HTML
// entity) keeps only its handle, and every run of nine or more digits (an
// account or mobile number, also after a country code or inside a handle)
// is masked as an account number. Names cannot be told from other words:
// Masker.With makes them known.
func patterns(t string) string {
	t = maskAuthTokens(t)
	var b strings.Builder
	last := 0
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		j := i + 1 // a word runs on over word bytes and '@' in any of its forms
		for j < len(t) {
			if isWordByte(t[j]) {
				j++
			} else if n := atLen(t[j:]); n > 0 {
				j += n
			} else {
				break
			}
		}
		if w := maskWord(t[i:j]); w != t[i:j] {
			b.WriteString(t[last:i])
			b.WriteString(w)
			last = j
		}
		i = j
	}
	return b.String() + t[last:]
}

// maskWord masks a word: a VPA-like word keeps only its handle, and every
// long digit run left (also one inside the handle) is masked.
func maskWord(w string) string {
	for at := 1; at < len(w); at++ {
		if n := atLen(w[at:]); n > 0 {
			if at+n < len(w) {
				w = "****" + w[at:]
			}
			break
		}
	}
	if len(w) < 9 { // too short for digitRun
		return w
	}
	return digitRun.ReplaceAllStringFunc(w, func(d string) string { return Value(AccountNumberKind, d) })
}

// atForms are the ways an '@' is written: itself, percent-encoded, and as
// HTML entities.
var atForms = []string{"@", "%40", "&#64;", "&#x40;", "&commat;"}

// atLen is the length of the '@' s starts with, in any of atForms
// (case-insensitively), or 0.
func atLen(s string) int {
	for _, f := range atForms {
		if len(s) >= len(f) && strings.EqualFold(s[:len(f)], f) {
			return len(f)
		}
	}
	return 0
}

// isWordByte: ASCII letters and digits, ".", "_", "-", "+", and '*' so that a
// handle patterns already masked ("****@0@0") reads back whole: patterns is
// idempotent.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("._-+*", c) >= 0
}

// maskAuthTokens replaces the credential after "Basic" (when it decodes as
// base64 to "user:password") or "Bearer" (any token of 8 or more
// characters) and blanks (spaces, tabs, %20), the scheme matched
// case-insensitively and not inside a token.
func maskAuthTokens(t string) string {
	lower := asciiLower(t)
	var b strings.Builder
	last := 0
	for i := 0; i < len(t); i++ {
		n := 0
		if strings.HasPrefix(lower[i:], "basic") {
			n = 5
		} else if strings.HasPrefix(lower[i:], "bearer") {
			n = 6
		} else {
			continue
		}
		sep := i + n + len(blanks.FindString(t[i+n:]))
		tok := token.FindString(t[sep:])
		if sep == i+n || i > 0 && token.MatchString(t[i-1:i]) || tok == "" || n == 5 && !isBasicCredential(tok) || n == 6 && len(tok) < 8 {
			continue
		}
		b.WriteString(t[last:sep])
		b.WriteString(Redacted)
		last = sep + len(tok)
		i = last - 1
	}
	return b.String() + t[last:]
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
