package redact

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
)

var (
	// word is a run of word bytes, '@' and "%40" (a percent-encoded '@')
	// that starts with a word byte. '*' belongs to a word so that a handle
	// patterns already masked ("****@0@0") reads back whole: patterns is
	// idempotent.
	word     = regexp.MustCompile(`[0-9A-Za-z._+*-](?:[0-9A-Za-z._+*@-]|%40)*`)
	at       = regexp.MustCompile(`@|%40`)
	digitRun = regexp.MustCompile(`[0-9]{9,}`) // Indian account numbers have 9 to 18 digits, mobile numbers 10
	// authScheme is "Basic" or "Bearer" and the blanks after it (also %20);
	// token is the credential that follows (base64 of either alphabet,
	// percent-encoding, token68).
	authScheme = regexp.MustCompile(`(?i)(?:(basic)|bearer)(?:[ \t]|%20)+`)
	token      = regexp.MustCompile(`^[0-9A-Za-z+/=_.~%-]+`)
)

// patterns masks the personal data free text may hold without knowing it:
// the credential after "Basic " or "Bearer " is replaced, every word@handle
// (a VPA or an e-mail address, also with the '@' percent-encoded as %40)
// keeps only its handle, and every run of nine or more digits (an account
// or mobile number, also after a country code or inside a handle) is masked
// as an account number. Names cannot be told from other words:
// Masker.With makes them known.
func patterns(t string) string {
	t = word.ReplaceAllStringFunc(maskAuthTokens(t), func(w string) string {
		if loc := at.FindStringIndex(w); loc != nil && loc[0] > 0 && loc[1] < len(w) {
			return "****" + w[loc[0]:]
		}
		return w
	})
	return digitRun.ReplaceAllStringFunc(t, func(d string) string { return Value(AccountNumberKind, d) })
}

// maskAuthTokens replaces the credential after "Basic " (when it decodes as
// base64 to "user:password") or "Bearer " (any token of 8 or more
// characters), the scheme matched case-insensitively and not inside a token.
func maskAuthTokens(t string) string {
	var b strings.Builder
	last := 0
	for _, loc := range authScheme.FindAllStringSubmatchIndex(t, -1) {
		if loc[0] < last || loc[0] > 0 && token.MatchString(t[loc[0]-1:loc[0]]) {
			continue
		}
		tok := token.FindString(t[loc[1]:])
		if basic := loc[2] >= 0; tok == "" || basic && !isBasicCredential(tok) || !basic && len(tok) < 8 {
			continue
		}
		b.WriteString(t[last:loc[1]])
		b.WriteString(Redacted)
		last = loc[1] + len(tok)
	}
	if last == 0 {
		return t
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
