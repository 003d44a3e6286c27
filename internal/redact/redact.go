// Package redact masks the API key and the personal data this API carries
// (account numbers, VPAs, names) wherever the SDK writes them out: log lines,
// error strings and recorded cassettes. One home for the rules, so the wrapper
// and the conformance recorder cannot drift apart.
package redact

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Redacted replaces a secret whole.
const Redacted = "[REDACTED]"

// Kind says how a field's value is masked.
type Kind int

const (
	// None: the value is not sensitive and is kept.
	None Kind = iota
	// AccountNumberKind: only the last four digits are kept.
	AccountNumberKind
	// VPAKind: the handle before '@' is masked, the provider after it kept.
	VPAKind
	// NameKind: only the first letter is kept.
	NameKind
	// SecretKind: the value is replaced whole.
	SecretKind
)

// sensitive lists the JSON and form field names whose values are masked.
// Keys are lower case; metadata values are masked whole because merchants
// put anything in them.
var sensitive = map[string]Kind{
	"account":          AccountNumberKind,
	"account_number":   AccountNumberKind,
	"vpa":              VPAKind,
	"name":             NameKind,
	"beneficiary_name": NameKind,
	"api_key":          SecretKind,
	"authorization":    SecretKind,
}

// KindOf returns how the value of a field with this name is masked. Form keys
// with dots ("metadata.param1") are judged by their first and last segment.
func KindOf(field string) Kind {
	f := strings.ToLower(field)
	if k, ok := sensitive[f]; ok {
		return k
	}
	if strings.HasPrefix(f, "metadata.") {
		return SecretKind
	}
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		return sensitive[f[i+1:]]
	}
	return None
}

// Value masks v as a value of the given kind.
func Value(k Kind, v string) string {
	switch k {
	case AccountNumberKind:
		return AccountNumber(v)
	case VPAKind:
		return VPA(v)
	case NameKind:
		return Name(v)
	case SecretKind:
		if v == "" {
			return ""
		}
		return Redacted
	default:
		return v
	}
}

// Field masks value according to the field name it is sent or received under.
func Field(name, value string) string { return Value(KindOf(name), value) }

// AccountNumber keeps only the last four characters: "026291800001191" -> "XXXXXXXXXXX1191".
// Values of four characters or fewer are masked whole.
func AccountNumber(s string) string {
	r := []rune(s)
	if len(r) <= 4 {
		return strings.Repeat("X", len(r))
	}
	return strings.Repeat("X", len(r)-4) + string(r[len(r)-4:])
}

// VPA masks the handle and keeps the provider: "4225246777@yesg" -> "****@yesg".
// A value without '@' is masked whole.
func VPA(s string) string {
	if s == "" {
		return ""
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return "****"
	}
	return "****" + s[at:]
}

// Name keeps the first letter: "Asha Rao" -> "A***".
func Name(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + "***"
}

// Header returns a copy of h with Authorization (and any other credential
// header) replaced.
func Header(h http.Header) http.Header {
	out := h.Clone()
	for k := range out {
		if isCredentialHeader(k) {
			out[k] = []string{Redacted}
		}
	}
	return out
}

func isCredentialHeader(k string) bool {
	switch strings.ToLower(k) {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key":
		return true
	}
	return false
}

// Form masks the sensitive values of an application/x-www-form-urlencoded
// body and re-encodes it with sorted keys. A body that does not parse is
// replaced whole: it cannot be masked safely.
func Form(body string) string {
	vals, err := url.ParseQuery(body)
	if err != nil {
		return Redacted
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range vals[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(Field(k, v)))
		}
	}
	return b.String()
}

// JSON masks the values of sensitive fields anywhere in a JSON document
// (objects nested at any depth, and arrays) and every value under a
// "metadata" object, and masks account numbers, VPAs and e-mail addresses in
// the free text of every other string that is not an identifier (see
// identifiers). It keeps the document's structure, so a redacted body still
// validates against the schema. A body that is not JSON (an HTML error page,
// say) is masked as free text with Text.
func JSON(body []byte) []byte { return maskJSON(nil, body) }

// identifiers are the fields whose values users need intact (to quote to
// support, to call the API again): only known secrets are masked in them,
// never a pattern.
var identifiers = map[string]bool{
	"request_id": true, "customer_account_id": true, "customer_id": true, "bank_account_id": true,
	"id": true, "object": true, "status": true, "error_code": true, "code": true, "category": true,
	"validation_status": true, "bank_account_status": true, "href": true, "field_name": true,
	"currency": true,
}

func maskJSON(s *Secrets, body []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return []byte(s.Text(string(body)))
	}
	w := walker{r: s.replacer()}
	v = w.walk("", v)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return []byte(Redacted)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// walker masks a decoded JSON value; r replaces the known secrets (nil: none).
type walker struct{ r *strings.Replacer }

func (w walker) known(s string) string {
	if w.r != nil {
		s = w.r.Replace(s)
	}
	return maskAuthTokens(s)
}

func (w walker) walk(key string, v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, child := range t {
			mk := Text(w.known(k))
			if strings.EqualFold(key, "metadata") {
				if s, ok := child.(string); ok {
					out[mk] = Value(SecretKind, s)
					continue
				}
			}
			out[mk] = w.walk(k, child)
		}
		return out
	case []any:
		for i, child := range t {
			t[i] = w.walk(key, child)
		}
		return t
	case string:
		if k := KindOf(key); k != None {
			return Value(k, t)
		}
		if identifiers[strings.ToLower(key)] {
			return w.known(t)
		}
		return Text(w.known(t))
	case json.Number:
		if k := KindOf(key); k != None {
			return Value(k, t.String())
		}
		return t
	default:
		return v
	}
}
