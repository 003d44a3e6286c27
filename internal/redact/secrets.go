package redact

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValueLen caps a value rendered into an error string or a log line: a
// longer one is cut (see Cap), so that a server echoing 120 KB into a
// request id cannot flood a log.
const MaxValueLen = 256

// Cap returns s when it is at most n bytes long, else its first n bytes (cut
// at a rune boundary) followed by "...(N bytes)" where N is len(s). Mask
// before capping: a cut can split a secret, and a pattern (a digit run) that
// is cut short is no longer recognised.
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

// minSecretLen is the shortest value masked by exact match: shorter ones (a
// one-letter name, metadata "1") would mask unrelated text.
const minSecretLen = 3

// Secrets is a set of values known to be secret for one call: the API key
// and the personal values the call sent. Each is masked wherever it appears
// and in every encoding it travels in: raw, percent-encoded (query and path
// style, upper- or lower-case hex), JSON-escaped, and for the key also
// base64 of "key:" and of the key (standard and URL-safe alphabets, with and
// without padding), which is what an echoed Authorization header carries.
//
// A nil *Secrets masks nothing known but still applies the patterns of Text.
// Secrets is immutable once built: With returns a copy, so one set can be
// shared by concurrent calls.
type Secrets struct {
	pairs []string // secret form, mask; in the order added
	// values are personal values added by With, kept as given: their
	// encodings and masks are worked out only when s masks something (an
	// error or a log line), never on a call that succeeds quietly.
	values []kindValue
}

type kindValue struct {
	kind  Kind
	value string
}

// NewSecrets returns a set holding the API key (which may be empty).
func NewSecrets(apiKey string) *Secrets {
	s := &Secrets{}
	s.addKey(apiKey)
	return s
}

// With returns a copy of s that also masks values of the given kind. A nil s
// is treated as empty.
func (s *Secrets) With(kind Kind, values ...string) *Secrets {
	out := &Secrets{}
	if s != nil {
		out.pairs = slices.Clip(s.pairs)
		out.values = slices.Clip(s.values)
	}
	for _, v := range values {
		if len(strings.TrimSpace(v)) >= minSecretLen {
			out.values = append(out.values, kindValue{kind, v})
		}
	}
	return out
}

// all returns every secret form and its mask, the With values expanded.
func (s *Secrets) all() []string {
	if len(s.values) == 0 {
		return s.pairs
	}
	e := &Secrets{pairs: slices.Clip(s.pairs)}
	for _, kv := range s.values {
		e.add(kv.value, Value(kv.kind, kv.value))
	}
	return e.pairs
}

// WithKey returns a copy of s that also masks another API key.
func (s *Secrets) WithKey(apiKey string) *Secrets {
	out := &Secrets{}
	if s != nil {
		out.pairs = slices.Clip(s.pairs)
		out.values = slices.Clip(s.values)
	}
	out.addKey(apiKey)
	return out
}

// Len reports how many encoded forms s masks (for tests).
func (s *Secrets) Len() int {
	if s == nil {
		return 0
	}
	return len(s.all()) / 2
}

func (s *Secrets) addKey(key string) {
	if len(strings.TrimSpace(key)) < minSecretLen {
		return
	}
	s.add(key, Redacted)
	for _, plain := range []string{key + ":", key} {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			b := enc.EncodeToString([]byte(plain))
			s.pairs = append(s.pairs, b, Redacted)
			if q := url.QueryEscape(b); q != b {
				s.pairs = append(s.pairs, q, Redacted)
			}
		}
	}
}

// add registers v and its encodings, all masked as mask.
func (s *Secrets) add(v, mask string) {
	if len(strings.TrimSpace(v)) < minSecretLen {
		return
	}
	seen := map[string]bool{}
	for _, form := range Encodings(v) {
		if !seen[form] {
			seen[form] = true
			s.pairs = append(s.pairs, form, mask)
		}
	}
}

// Encodings returns the forms a value takes on the wire and in text: raw,
// percent-encoded for a query (space as '+') and for a path (space as %20),
// each also with lower-case hex, and JSON-escaped (with and without HTML
// escaping). Tests use it to look for leaks.
func Encodings(v string) []string {
	forms := []string{v}
	for _, e := range []string{url.QueryEscape(v), url.PathEscape(v), strings.ReplaceAll(url.QueryEscape(v), "+", "%20")} {
		forms = append(forms, e, lowerHex(e))
	}
	if b, err := json.Marshal(v); err == nil {
		forms = append(forms, string(b[1:len(b)-1]))
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) == nil {
		j := strings.TrimSuffix(sb.String(), "\n")
		forms = append(forms, j[1:len(j)-1])
	}
	out := forms[:0]
	for _, f := range forms {
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// KeyEncodings returns the forms an API key takes: its Encodings plus base64
// of "key:" and of the key in the standard and URL-safe alphabets, with and
// without padding. Tests use it to look for leaks.
func KeyEncodings(key string) []string {
	out := Encodings(key)
	for _, plain := range []string{key + ":", key} {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if b := enc.EncodeToString([]byte(plain)); !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// lowerHex lower-cases the hex digits of every %XX escape.
func lowerHex(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if b[j] >= 'A' && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
			i += 2
		}
	}
	return string(b)
}

// replacer builds the replacer of s, longest secret first so that a secret
// containing another is masked whole. It is built per use: masking happens on
// error paths and log lines, never on a call that succeeds quietly.
func (s *Secrets) replacer() *strings.Replacer {
	if s == nil {
		return nil
	}
	all := s.all()
	if len(all) == 0 {
		return nil
	}
	type pair struct{ secret, mask string }
	ps := make([]pair, 0, len(all)/2)
	for i := 0; i < len(all); i += 2 {
		ps = append(ps, pair{all[i], all[i+1]})
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return len(b.secret) - len(a.secret) })
	flat := make([]string, 0, len(all))
	for _, p := range ps {
		flat = append(flat, p.secret, p.mask)
	}
	return strings.NewReplacer(flat...)
}

// Mask replaces the known secrets in t, in every encoding, and credentials
// after "Basic " or "Bearer ", and nothing else: use it on identifiers (a
// request id, an error code) that a digit or '@' pattern would corrupt.
func (s *Secrets) Mask(t string) string {
	if r := s.replacer(); r != nil {
		t = r.Replace(t)
	}
	return maskAuthTokens(t)
}

// Text masks t as free text: the known secrets (Mask), then the patterns of
// the package-level Text (account numbers, VPAs and e-mail addresses, also
// percent-encoded).
func (s *Secrets) Text(t string) string {
	return Text(s.Mask(t))
}

// Header returns a copy of h with credential headers replaced whole, the
// known secrets masked in every other value, the free-text patterns of Text
// masked too except in identifier headers (X-Request-Id and the like, which
// stay as received), and each value capped at MaxValueLen.
func (s *Secrets) Header(h http.Header) http.Header {
	out := Header(h)
	r := s.replacer()
	for k, vs := range out {
		if isCredentialHeader(k) {
			continue
		}
		id := idHeaders[strings.ToLower(k)]
		for i, v := range vs {
			if r != nil {
				v = r.Replace(v)
			}
			v = maskAuthTokens(v)
			if !id {
				v = Text(v)
			}
			vs[i] = Cap(v, MaxValueLen)
		}
	}
	return out
}

// idHeaders carry identifiers users quote to support: only known secrets are
// masked in them.
var idHeaders = map[string]bool{
	"x-request-id": true, "x-correlation-id": true, "x-trace-id": true, "request-id": true,
	"traceparent": true, "x-amzn-requestid": true, "x-amz-cf-id": true, "cf-ray": true, "etag": true,
}

// JSON is the package-level JSON with the known secrets also masked in every
// string (keys included), and free-text patterns masked in every string that
// is not an identifier (request_id, customer_account_id, error_code, ...).
// A body that is not JSON is masked with s.Text.
func (s *Secrets) JSON(body []byte) []byte { return maskJSON(s, body) }
