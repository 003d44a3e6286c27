package redact

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

const (
	// maxEncodedLen is the longest value matched in all its encodings; a
	// longer one only raw and percent-encoded once, so masking stays fast.
	maxEncodedLen = 1024
	// minKnownLen is the shortest known value matched in free text, where
	// "123" would rewrite unrelated words (it is masked in its own field).
	minKnownLen = 4
	// minIDLen is the shortest known value masked inside an identifier:
	// long enough not to occur in one by chance.
	minIDLen = 8
)

// Masker masks one exchange's secrets, the credentials (New, WithKey) and
// the personal values it sent (With, WithForm), in every encoding a server
// may echo them in, beside the spec's structural rules; a nil *Masker applies
// only those and the patterns. A Masker is immutable (With and the like
// return copies) and safe for concurrent use.
type Masker struct {
	keys   []string
	values []kindValue

	once  sync.Once
	known matcher // credentials anywhere, personal values as whole words
}

type kindValue struct {
	kind  Kind
	value string
}

// New returns a Masker that knows the API key (none when empty) in every
// encoding KeyEncodings lists.
func New(apiKey string) *Masker { return (*Masker)(nil).WithKey(apiKey) }

func (m *Masker) clone() *Masker {
	out := &Masker{}
	if m != nil {
		out.keys, out.values = slices.Clip(m.keys), slices.Clip(m.values)
	}
	return out
}

// With returns a copy of m that also knows the values, each masked as
// Value(kind, value) wherever it is found (in free text, from four bytes);
// a name's words are known one by one too, so that "QUILL, XANTHIPPE" is
// masked when "Xanthippe Quill" was sent.
func (m *Masker) With(kind Kind, values ...string) *Masker {
	out := m.clone()
	for _, v := range values {
		parts := []string{v}
		if kind == NameKind {
			parts = append(parts, strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })...)
		}
		for _, p := range parts {
			if len(strings.TrimSpace(p)) >= minKnownLen && !slices.Contains(out.values, kindValue{kind, p}) {
				out.values = append(out.values, kindValue{kind, p})
			}
		}
	}
	return out
}

// WithKey returns a copy of m that also knows another credential (a key, a
// password, a token), masked whole in every encoding KeyEncodings lists.
func (m *Masker) WithKey(secret string) *Masker {
	out := m.clone()
	if len(strings.TrimSpace(secret)) >= minKnownLen {
		out.keys = append(out.keys, secret)
	}
	return out
}

// WithForm returns a copy of m that also knows the values of the sensitive
// fields of a form body or query string (by the spec's x-sensitive marks;
// metadata values and the values of undeclared fields as secrets).
func (m *Masker) WithForm(body string) *Masker {
	vals, _ := url.ParseQuery(body) // a bad pair is skipped, the others kept
	out := m.clone()
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		if kind, declared := formKindOf(k); !declared {
			out = out.With(SecretKind, vals[k]...)
		} else if kind.personal() {
			out = out.With(kind, vals[k]...)
		}
	}
	return out
}

// Known masks the values m knows in s, in every encoding, and nothing else:
// no pattern, no escape, no cap. A credential matches anywhere; a personal
// value matches case-insensitively and only as a whole word, never inside a
// longer word or an id (letters, digits and '_' make words).
func (m *Masker) Known(s string) string { return m.matcher().replace(s, 0) }

// Text masks s as free text: the known values (Known), the patterns of
// personal data (VPAs and e-mail addresses, also with %40; digit runs of
// nine or more; the credential after Basic or Bearer), then Escape, capped
// at MaxValueLen.
func (m *Masker) Text(s string) string { return Cap(m.escapedText(s), MaxValueLen) }

// Clean reports whether Text would mask nothing in s (control characters
// aside), all of s however long, not only what Text keeps.
func (m *Masker) Clean(s string) bool { return m.escapedText(s) == Escape(s) }

// freeText is free text in a JSON string (the encoder escapes it).
func (m *Masker) freeText(s string) string { return patterns(m.Known(s)) }

// escapedText is free text for a line: escaped before the patterns, so that
// an escape ("\xff@0") cannot make a pattern of a second pass.
func (m *Masker) escapedText(s string) string { return patterns(Escape(m.Known(s))) }

// ID renders an identifier (a request id, an error code, a status, a path)
// for an error string or a log line, escaped and capped at MaxValueLen: only
// a known value of eight bytes or more that it holds whole is masked, never
// a pattern ("9a123b0c-7dec-..." stays as it is when "7dec" is known).
func (m *Masker) ID(s string) string {
	return Cap(Escape(m.matcher().replace(s, minIDLen)), MaxValueLen)
}

// JSON masks a JSON document field by field, keeping its structure so that a
// masked body still validates: a field marked x-sensitive is masked by its
// kind (every value inside, numbers included), an unmarked declared field
// holding a value of its declared shape as in ID, any other value or key (a
// text field, an undeclared field, text in a date) as free text. DEL, C1
// controls and bidi overrides come out as \u escapes; a document nested more
// than 32 levels deep is not indented. An object or array followed by more
// is masked part by part. A body that is JSON once its control characters
// are escaped, or once closeTruncated completes it (a capped or broken
// body), is masked as that JSON; any other body whole as free text (escaped,
// not capped).
func (m *Masker) JSON(body []byte) []byte {
	var out []byte
	for {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		err := dec.Decode(&v)
		if end := dec.InputOffset(); err == nil && dec.More() && strings.ContainsAny(string(bytes.TrimSpace(body)[:1]), "{[") {
			// An object or array followed by more: each part masked as what
			// it is, the blanks between them kept.
			rest := body[end:]
			body = bytes.TrimLeft(rest, " \t\r\n")
			out = append(append(out, m.encode(v)...), rest[:len(rest)-len(body)]...)
			continue
		} else if err != nil || dec.More() {
			text := []byte(m.escapedText(string(body)))
			if json.Valid(text) { // a raw control character was all that made it invalid
				return append(out, m.JSON(text)...)
			}
			if closed, ok := closeTruncated(text); ok && json.Valid(closed) {
				return append(out, m.JSON(closed)...)
			}
			return append(out, text...)
		}
		return append(out, m.encode(v)...)
	}
}

// maxIndentDepth is the deepest document encode indents: indenting a deeper
// one would make its size grow with the square of its depth.
const maxIndentDepth = 32

// encode masks a decoded document and encodes it, indented unless deep.
func (m *Masker) encode(v any) []byte {
	v = m.walk("", None, v)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if depth(v) <= maxIndentDepth {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return []byte(Redacted)
	}
	return escapeJSON(bytes.TrimRight(buf.Bytes(), "\n"))
}

// depth is how deeply arrays and objects nest in v.
func depth(v any) int {
	d := 0
	switch t := v.(type) {
	case map[string]any:
		for _, c := range t {
			d = max(d, depth(c))
		}
	case []any:
		for _, c := range t {
			d = max(d, depth(c))
		}
	default:
		return 0
	}
	return d + 1
}

// escapeJSON writes the characters encoding/json leaves raw that Escape
// would escape as \u escapes: the same document, safe to print.
func escapeJSON(b []byte) []byte {
	if bytes.IndexFunc(b, func(r rune) bool { return r >= 0x7f && needsEscape(r) }) < 0 {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if r >= 0x7f && needsEscape(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}

// walk masks v, the value of field key; inherited is the personal kind of
// an enclosing field (metadata), which every value inside takes.
func (m *Masker) walk(key string, inherited Kind, v any) any {
	f, declared := lookup(key)
	if inherited.personal() {
		f, declared = field{kind: inherited}, true
	}
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, child := range t {
			name := k
			if _, ok := lookup(k); !ok {
				name = m.freeText(k)
			}
			out[name] = m.walk(k, f.kind, child) // only a personal kind is inherited
		}
		return out
	case []any:
		for i, child := range t {
			t[i] = m.walk(key, inherited, child)
		}
		return t
	case string:
		return m.scalar(f, declared, t, t)
	case json.Number:
		return m.scalar(f, declared, t.String(), t)
	}
	return v
}

// scalar masks s, the text of v (a string or a json.Number), the value of a
// field declared as f: a number that needs no mask stays a number.
func (m *Masker) scalar(f field, declared bool, s string, v any) any {
	switch {
	case f.kind.personal():
		return Value(f.kind, s)
	case declared && f.kind == None && f.shape.fits(v):
		if _, isString := v.(string); isString {
			return m.matcher().replace(s, minIDLen) // as in ID
		}
		return v
	}
	if masked := m.freeText(s); masked != s {
		return masked
	}
	return v
}

// Form masks a form body or query string, re-encoded with sorted keys: a
// field marked x-sensitive by its kind (metadata.* whole), an undeclared
// field's value whole and its name as free text, any other field kept; a
// body that does not parse is replaced whole.
func (m *Masker) Form(body string) string {
	vals, err := url.ParseQuery(body)
	if err != nil || body == Redacted {
		return Redacted
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		kind, declared := formKindOf(k)
		name := k
		if !declared {
			kind, name = SecretKind, m.freeText(k)
		}
		for _, v := range vals[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(name))
			b.WriteByte('=')
			if kind == TextKind {
				v, kind = m.freeText(v), None
			}
			b.WriteString(url.QueryEscape(Value(kind, v)))
		}
	}
	return b.String()
}

// Header returns a copy of h (nil when h is empty): credential headers
// (Authorization, Cookie, X-Api-Key and the like) read [REDACTED],
// identifier headers (X-Request-Id, X-Routing-Id and the like) go through
// ID, every other value through Text.
func (m *Masker) Header(h http.Header) http.Header {
	if len(h) == 0 {
		return nil
	}
	out := h.Clone()
	for k, vs := range out {
		lk := strings.ToLower(k)
		if credentialHeaders[lk] {
			out[k] = []string{Redacted}
			continue
		}
		mask := m.Text
		if idHeaders[lk] {
			mask = m.ID
		}
		for i, v := range vs {
			vs[i] = mask(v)
		}
	}
	return out
}

var credentialHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "cookie": true, "set-cookie": true, "x-api-key": true,
}

// idHeaders carry identifiers: ids users quote to support, and the routing
// and merchant ids openapi.yaml declares as headers.
var idHeaders = map[string]bool{
	"x-request-id": true, "x-correlation-id": true, "x-trace-id": true, "request-id": true,
	"traceparent": true, "x-amzn-requestid": true, "x-amz-cf-id": true, "cf-ray": true, "etag": true,
	"x-routing-id": true, "x-merchantid": true,
}

// Encodings returns the forms a personal value is matched in: itself
// (trimmed; also upper- and lower-cased), for digits also as a JSON number
// (leading zeros dropped, and as a float: 4.0002323422e+10), each
// percent-encoded up to three times, and JSON-escaped. Leak tests use it.
func Encodings(v string) []string {
	v = strings.TrimSpace(v)
	bases := []string{v, strings.ToUpper(v), strings.ToLower(v)}
	if d := strings.TrimLeft(v, "0"); d != "" && strings.Trim(d, "0123456789") == "" {
		bases = append(bases, d, d+".0")
		if f, err := strconv.ParseFloat(d, 64); err == nil {
			e := strconv.FormatFloat(f, 'e', -1, 64)
			bases = append(bases, e, strings.Replace(e, "e+", "e", 1), strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return forms(v, bases)
}

// KeyEncodings returns the forms a credential is matched in: itself, base64
// of "key:" and of the key (standard and URL-safe alphabets, with and
// without padding), each also percent-encoded (once, twice, three times)
// and JSON-escaped. Leak tests use it.
func KeyEncodings(key string) []string {
	bases := []string{key}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		for _, plain := range []string{key + ":", key} {
			bases = append(bases, enc.EncodeToString([]byte(plain)))
		}
		// The key inside a longer base64 text, at any of the 3 byte offsets:
		// the characters that only its bytes decide (a partial group at
		// either end is dropped).
		for off := range 3 {
			s := enc.EncodeToString([]byte(strings.Repeat("\x00", off) + key))
			s = strings.TrimRight(s, "=")
			if lo, hi := 4*min(off, 1), len(s)-4; hi-lo >= 8 {
				bases = append(bases, s[lo:hi])
			}
		}
	}
	return forms(key, bases)
}

// forms returns the bases percent-encoded and v JSON-escaped; a v longer
// than maxEncodedLen only raw and percent-encoded once.
func forms(v string, bases []string) []string {
	if len(v) > maxEncodedLen {
		return dedupe([]string{v, url.QueryEscape(v), url.PathEscape(v)})
	}
	return dedupe(append(percentForms(bases), append(jsonForms(v), everyBytePercent(v))...))
}

// everyBytePercent is v with every byte percent-encoded ("%61%73"); the
// matching of personal values ignores case, so "%6A" and "%6a" are one.
func everyBytePercent(v string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, 3*len(v))
	for i := range len(v) {
		b = append(b, '%', hex[v[i]>>4], hex[v[i]&15])
	}
	return string(b)
}

// percentForms returns each base and its percent-encodings, as a query
// (space as '+' and as %20) and as a path, applied up to three times.
func percentForms(bases []string) []string {
	out := slices.Clone(bases)
	level := bases
	for range 3 {
		var next []string
		for _, s := range level {
			q := url.QueryEscape(s)
			next = append(next, q, url.PathEscape(s), strings.ReplaceAll(q, "+", "%20"))
		}
		level = dedupe(next)
		out = append(out, level...)
	}
	return dedupe(out)
}

// jsonForms returns v JSON-escaped, without the quotes: with and without
// HTML escaping, and with every non-ASCII character as \uXXXX (as
// JavaScript servers write it).
func jsonForms(v string) []string {
	var out []string
	for _, html := range []bool{true, false} {
		var sb strings.Builder
		enc := json.NewEncoder(&sb)
		enc.SetEscapeHTML(html)
		_ = enc.Encode(v) // a string always encodes
		j := strings.TrimSuffix(sb.String(), "\n")
		out = append(out, j[1:len(j)-1])
	}
	q := strconv.QuoteToASCII(v)
	return append(out, q[1:len(q)-1])
}

func dedupe(forms []string) []string {
	out := forms[:0:0]
	for _, f := range forms {
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// matcher returns m's matcher of known values, built on first use.
func (m *Masker) matcher() matcher {
	if m == nil {
		return nil
	}
	m.once.Do(func() {
		var es []entry
		for _, k := range m.keys {
			for _, f := range KeyEncodings(k) {
				es = append(es, entry{form: f, mask: Redacted})
			}
		}
		for _, kv := range m.values {
			mask := Value(kv.kind, kv.value)
			for _, f := range Encodings(kv.value) {
				if len(f) >= minKnownLen {
					es = append(es, entry{form: f, mask: mask, bounded: true})
				}
			}
		}
		m.known = newMatcher(es)
	})
	return m.known
}

// entry is one form of a known value and its mask; a bounded form matches
// only as a whole word: head (tail) is set when it starts (ends) with a
// word rune, which must then not follow (precede) one in the text.
type entry struct {
	form, mask string
	bounded    bool
	head, tail bool
}

// matcher finds the known forms in a text, ASCII letters in either case,
// with one strings.Index scan per form: no input can make it slow. Its
// forms are ASCII-lower-cased, deduplicated, longest first.
type matcher []entry

func newMatcher(es []entry) matcher {
	seen := map[string]bool{}
	out := es[:0]
	for _, e := range es {
		if e.form = asciiLower(e.form); !seen[e.form] {
			seen[e.form] = true
			first, _ := utf8.DecodeRuneInString(e.form)
			last, _ := utf8.DecodeLastRuneInString(e.form)
			e.head, e.tail = e.bounded && isWord(first), e.bounded && isWord(last)
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b entry) int { return len(b.form) - len(a.form) })
	return out
}

// replace masks every match in s of a form of minLen bytes or more, the
// leftmost first and the longest of those. A match that is not a whole word
// (for a bounded form) or that lies in a [REDACTED] already there is not one.
func (mt matcher) replace(s string, minLen int) string {
	type hit struct {
		a, z int
		mask string
	}
	var hits []hit
	fs := asciiLower(s)
	for _, e := range mt {
		if len(e.form) < minLen {
			break // the entries are sorted longest first
		}
		for off := 0; off < len(fs); {
			i := strings.Index(fs[off:], e.form)
			if i < 0 {
				break
			}
			a, z := off+i, off+i+len(e.form)
			if !(e.head && wordBefore(s, a) || e.tail && wordAfter(s, z)) && !inRedacted(s, a, z) {
				hits = append(hits, hit{a, z, e.mask})
			}
			off = a + 1
		}
	}
	slices.SortStableFunc(hits, func(x, y hit) int { return cmp.Or(x.a-y.a, y.z-x.z) })
	var b strings.Builder
	last := 0
	for _, h := range hits {
		if h.a < last {
			continue
		}
		b.WriteString(s[last:h.a])
		b.WriteString(h.mask)
		last = h.z
	}
	b.WriteString(s[last:])
	return b.String()
}

// asciiLower lower-cases the ASCII letters of s, keeping its length.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// wordBefore reports whether a word rune ends at s[a]; an escape that ends
// there (%3D, the double-encoded %253D, \n, \u0022) is not one, so that an
// encoded value is found in an encoded text ("name%3DAsha").
func wordBefore(s string, a int) bool {
	if a >= 3 && s[a-3] == '%' && isHex(s[a-2]) && isHex(s[a-1]) ||
		a >= 5 && s[a-5] == '%' && s[a-4:a-2] == "25" && isHex(s[a-2]) && isHex(s[a-1]) ||
		a >= 2 && s[a-2] == '\\' || a >= 6 && s[a-6] == '\\' && s[a-5] == 'u' {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:a])
	return a > 0 && isWord(r)
}

func wordAfter(s string, z int) bool {
	r, _ := utf8.DecodeRuneInString(s[z:])
	return z < len(s) && isWord(r)
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isWord: letters, digits and '_', which ids join words with
// (invalid_request, cst_...).
func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// inRedacted reports whether s[a:z] overlaps a [REDACTED] already in s.
func inRedacted(s string, a, z int) bool {
	for i := max(0, a-len(Redacted)+1); i < z; i++ {
		if strings.HasPrefix(s[i:], Redacted) {
			return true
		}
	}
	return false
}

// closeTruncated completes b, an object or array cut short: a cut string is
// closed (a cut \u escape dropped), a cut number or literal and a key
// without its value become null, a trailing comma goes, and the open arrays
// and objects are closed. ok is false when b is not such a prefix.
func closeTruncated(b []byte) (out []byte, ok bool) {
	var open []byte // the unclosed '{' and '['
	inString, escaped, isKey := false, false, false
	literal := -1   // where the number or literal being read starts
	last := byte(0) // '{', '[', ':', ',', 'k' after a key, 'v' after a value
	for i, c := range b {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString, last = false, 'v'
				if isKey {
					last = 'k'
				}
			}
			continue
		}
		if literal >= 0 && (c == '.' || c == '+' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			continue
		}
		literal = -1
		if len(open) == 0 && (last != 0 || c != '{' && c != '[') && !isSpace(c) {
			return nil, false // not an object or array, or a whole one followed by more
		}
		switch c {
		case '{', '[':
			open, last = append(open, c), c
		case '}', ']':
			if open[len(open)-1] != c-2 { // '{'+2 == '}', '['+2 == ']'
				return nil, false
			}
			open, last = open[:len(open)-1], 'v'
		case ':', ',':
			last = c
		case '"':
			inString, isKey = true, open[len(open)-1] == '{' && (last == '{' || last == ',')
		default:
			if !isSpace(c) {
				literal, last = i, 'v'
			}
		}
	}
	if len(open) == 0 {
		return nil, false
	}
	out = bytes.Clone(b)
	switch {
	case inString:
		if escaped {
			out = out[:len(out)-1]
		} else if i := bytes.LastIndex(out, []byte(`\u`)); i >= 0 && len(out)-i < 6 && (i == 0 || out[i-1] != '\\') {
			out = out[:i]
		}
		out = append(out, '"')
		if isKey {
			out = append(out, ":null"...)
		}
	case literal >= 0:
		out = append(out[:literal], "null"...)
	case last == ':':
		out = append(out, "null"...)
	case last == 'k':
		out = append(out, ":null"...)
	case last == ',':
		out = bytes.TrimRightFunc(out, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
		out = out[:len(out)-1]
	}
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, open[i]+2)
	}
	return out, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
