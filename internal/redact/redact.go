// Package redact is the one home of masking: the API key and the personal
// data this API carries (account numbers, VPAs, names) are masked here
// wherever the SDK writes them out (errors, logs, cassettes, the emulator's
// recorded traffic, the CLI), and server text is made safe to print (Escape).
//
// Masking goes by structure first: openapi.yaml marks every personal field
// with x-sensitive, and fields.gen.go (generated from it) says how to mask
// each declared field; an unmarked one (request_id, error_code, ids, dates,
// amounts) is kept byte for byte. Free text (Juspay's messages, transport
// errors, undeclared fields) goes through one masker: the values a Masker
// knows, case-insensitively and in every encoding, then the patterns of
// personal data (VPAs, e-mail addresses, long digit runs, credentials after
// Basic or Bearer).
package redact

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Redacted replaces a secret whole.
const Redacted = "[REDACTED]"

// MaxValueLen caps a value rendered into an error string or a log line (see
// Cap), so that a server echoing 120 KB into a request id cannot flood a log.
const MaxValueLen = 256

// Kind says how a field's value is masked (openapi.yaml's x-sensitive).
type Kind int

const (
	// None: the value is not sensitive and is kept byte for byte.
	None Kind = iota
	// AccountNumberKind (x-sensitive: account_number): only the last four
	// characters are kept.
	AccountNumberKind
	// VPAKind (x-sensitive: vpa): the handle before '@' is masked, the
	// provider after it kept.
	VPAKind
	// NameKind (x-sensitive: name): only the first letter is kept.
	NameKind
	// SecretKind (x-sensitive: secret): the value is replaced whole.
	SecretKind
	// TextKind (x-sensitive: text): free text, masked for the known values
	// and the patterns of personal data it may quote.
	TextKind
)

// personal reports whether k masks a value as a whole (not as free text).
func (k Kind) personal() bool { return k >= AccountNumberKind && k <= SecretKind }

// Value masks v as a value of kind k: "026291800001191" as an account number
// gives "XXXXXXXXXXX1191", "4225246777@yesg" as a VPA "****@yesg", "Asha Rao"
// as a name "A***"; free text gets the patterns of Masker.Text.
func Value(k Kind, v string) string {
	if v == "" {
		return ""
	}
	switch k {
	case AccountNumberKind:
		r := []rune(v)
		if len(r) <= 4 {
			return strings.Repeat("X", len(r))
		}
		return strings.Repeat("X", len(r)-4) + string(r[len(r)-4:])
	case VPAKind:
		if at := strings.LastIndexByte(v, '@'); at >= 0 {
			return "****" + v[at:]
		}
		return "****"
	case NameKind:
		r := []rune(strings.TrimSpace(v))
		if len(r) == 0 {
			return ""
		}
		return string(r[0]) + "***"
	case SecretKind:
		return Redacted
	case TextKind:
		return patterns(v)
	default:
		return v
	}
}

// field is what openapi.yaml declares of a field name.
type field struct {
	kind  Kind
	shape shape
}

// shape is the shape of a declared field's values; a value of another shape
// (free text in a date) is masked as free text.
type shape uint8

const (
	anyString shape = iota // a string: an id, a code, a bank's name
	dateTime               // an RFC 3339 date-time
	number                 // a JSON number or a string of digits
	container              // an object or an array
)

// lookup returns how the spec declares the field name (exact, else lower
// case) and whether it declares it at all.
func lookup(name string) (field, bool) {
	if f, ok := fields[name]; ok {
		return f, true
	}
	f, ok := fields[strings.ToLower(name)]
	return f, ok
}

// fits reports whether v (a string or a json.Number) has the shape sh.
func (sh shape) fits(v any) bool {
	s, isString := v.(string)
	switch sh {
	case anyString:
		return isString
	case dateTime:
		_, err := time.Parse(time.RFC3339Nano, s)
		return isString && err == nil
	case number:
		if n, ok := v.(json.Number); ok {
			s = n.String()
		}
		_, err := strconv.ParseFloat(s, 64)
		return err == nil && strings.Trim(s, "0123456789.") == ""
	}
	return false
}

// formKindOf is the Kind of a form or query key, whose nested keys use dots
// ("metadata.param1", "bank_account.account"): a key under a personal first
// segment takes its kind, any other dotted key the kind of its last segment.
func formKindOf(name string) (Kind, bool) {
	f, ok := lookup(name)
	first, _, dotted := strings.Cut(name, ".")
	if ok || !dotted {
		return f.kind, ok
	}
	if f, ok := lookup(first); ok && f.kind.personal() {
		return f.kind, true
	}
	f, ok = lookup(name[strings.LastIndexByte(name, '.')+1:])
	return f.kind, ok
}

// Cap returns s cut to n bytes at a rune boundary and followed by
// "...(N bytes)", N being len(s), if it is longer. Mask before capping.
func Cap(s string, n int) string {
	if len(s) <= n {
		return s
	}
	k := n
	for k > 0 && !utf8.RuneStart(s[k]) {
		k--
	}
	return s[:k] + "...(" + strconv.Itoa(len(s)) + " bytes)"
}

// Escape makes the control characters of s visible, masking nothing: C0
// controls, DEL, C1 controls, the bidirectional overrides and isolates
// (U+202A-U+202E, U+2066-U+2069) and bytes that are not UTF-8 become \x1b,
// \r, \n, \u202e and the like, so that server text cannot retitle, clear,
// colour or reorder a terminal, or forge a line in it or in a log.
func Escape(s string) string {
	if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteString(strconv.Quote(string(r))[1:3]) // \n, \r, \t
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether Escape writes r as an escape.
func needsEscape(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
