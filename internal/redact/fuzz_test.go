package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode"
)

// FuzzJSON: JSON never panics, keeps a JSON document a JSON document, and is
// idempotent (masking a masked body changes nothing).
//
//	go test -run '^$' -fuzz '^FuzzJSON$' -fuzztime 30s ./internal/redact/
func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"account_number":"40002323422","beneficiary_name":"Asha","metadata":{"a":"b"}}`))
	f.Add([]byte(`{"list":[{"account_details":{"vpa":"4225246777@yesg"}}]}`))
	f.Add([]byte(`<html>502</html>`))
	f.Add([]byte(`{"list":[{"name":"Asha R","account_details":{"vpa":"42\u00`)) // cut short
	f.Add([]byte(`[1,"x@y",{"name":null}]`))
	m := New("sk_fuzz_key_1").With(NameKind, "Asha Rao").With(AccountNumberKind, "40002323422")
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, m := range []*Masker{nil, m} {
			out := m.JSON(body)
			if json.Valid(body) && !json.Valid(out) {
				t.Fatalf("JSON(%q) = %q, not JSON", body, out)
			}
			if again := m.JSON(out); !bytes.Equal(again, out) {
				t.Fatalf("not idempotent: %q -> %q -> %q", body, out, again)
			}
		}
	})
}

// FuzzNoLeak is the leak property: whatever the key and the personal values
// (>= 4 bytes), no encoding of any of them survives Text, JSON, Form or
// Header (the value upper-cased, percent-encoded up to three times,
// JSON-escaped, an account number as a JSON number or a float); Text is
// idempotent; and the identifiers (request_id, error_code, X-Request-Id) are
// byte for byte what the server sent.
//
//	go test -run '^$' -fuzz '^FuzzNoLeak$' -fuzztime 30s ./internal/redact/
func FuzzNoLeak(f *testing.F) {
	f.Add("k3yS3cr3t", uint64(40002323422), "asha.rao", "okhdfc", "xanthippe", "batch7", "9a123b0c-7dec-4e1f-batch")
	f.Add("AbCdEfGh+/=", uint64(26291800001191), "ravikumar", "ybl", "Perpetua", "order-77", "req_1-invalid_request")
	f.Fuzz(func(t *testing.T, keyIn string, acct uint64, handle, provider, nameIn, metaIn, idIn string) {
		key := "sk_" + keep(keyIn, func(r rune) bool {
			return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("+/=_-", r))
		})
		account := fmt.Sprintf("%011d", acct%1e15)
		vpa := keep(handle, isLetterOrDot) + "@" + keep(provider, unicode.IsLetter)
		name := keep(nameIn, unicode.IsLetter)
		meta := keep(metaIn, func(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) })
		id := "req_" + keep(idIn, func(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') })
		values := map[string]string{"key": key, "account": account, "vpa": vpa, "name": name, "meta": meta}
		masks := Value(AccountNumberKind, account) + " " + Value(VPAKind, vpa) + " " + Value(NameKind, name)
		const noise = "[redacted] **** xxxx msg echo basic error invalid_request account_number beneficiary_name vpa metadata bytes"
		for what, v := range values {
			lv := strings.ToLower(v)
			if len(v) < 6 || strings.Contains(noise, lv) || strings.Contains(strings.ToLower(id), lv) || strings.Contains(strings.ToLower(masks), lv) {
				t.Skip()
			}
			for other, o := range values {
				if other != what && strings.Contains(strings.ToLower(o), lv) {
					t.Skip()
				}
			}
		}
		m := New(key).With(AccountNumberKind, account).With(VPAKind, vpa).With(NameKind, name).With(SecretKind, meta)
		var echoes, personal []string
		for what, v := range values {
			if what == "key" {
				echoes = append(echoes, KeyEncodings(v)...)
				continue
			}
			personal = append(append(personal, Encodings(v)...), strings.ToUpper(v))
		}
		echoes = append(echoes, personal...)
		encodings := map[string][]string{} // each value's, worked out once
		for what, v := range values {
			encodings[what] = Encodings(v)
			if what == "key" {
				encodings[what] = KeyEncodings(v)
			}
		}
		leak := func(where, out string) {
			t.Helper()
			lo := strings.ToLower(out)
			for what, v := range values {
				for _, e := range encodings[what] {
					if len(e) >= minKnownLen && strings.Contains(lo, strings.ToLower(e)) {
						t.Fatalf("%s: the %s %q leaks as %q in %q", where, what, v, e, out)
					}
				}
			}
		}
		for _, e := range echoes {
			out := m.Text("echo " + e + ".")
			leak("Text", out)
			if again := m.Text(out); again != out {
				t.Fatalf("Text not idempotent: %q -> %q", out, again)
			}
			h := m.Header(http.Header{"X-Echo": {e}, "X-Request-Id": {id}})
			leak("Header", strings.Join(h["X-Echo"], ""))
			if h.Get("X-Request-Id") != id {
				t.Fatalf("X-Request-Id %q, want %q", h.Get("X-Request-Id"), id)
			}
		}
		body, _ := json.Marshal(map[string]any{
			"status": "error", "error_code": "invalid_request", "error_message": strings.Join(echoes, " "),
			"error_info":     map[string]any{"request_id": id, "developer_message": strings.ToUpper(name)},
			"account_number": json.Number(strings.TrimLeft(account, "0")), "beneficiary_name": name,
			"metadata": map[string]any{"k": meta}, "unknown": vpa,
		})
		out := m.JSON(body)
		leak("JSON", string(out))
		var got struct {
			ErrorCode string `json:"error_code"`
			Info      struct {
				RequestID string `json:"request_id"`
			} `json:"error_info"`
		}
		if err := json.Unmarshal(out, &got); err != nil || got.ErrorCode != "invalid_request" || got.Info.RequestID != id {
			t.Fatalf("identifiers rewritten: %s (%v)", out, err)
		}
		form := url.Values{"account_number": {account}, "beneficiary_name": {name}, "vpa": {vpa}, "metadata.k": {meta},
			"account_numbr": {account}, "vpa_": {vpa}, "nm": {name}}.Encode()
		leak("Form", m.Form(form))
		delete(values, "key")
		fm := New("").WithForm(form)
		for _, e := range personal {
			leak("WithForm", fm.Text("echo "+e+"."))
		}
	})
}

func isLetterOrDot(r rune) bool { return r == '.' || unicode.IsLetter(r) }

func keep(s string, ok func(rune) bool) string {
	return strings.Map(func(r rune) rune {
		if ok(r) {
			return r
		}
		return -1
	}, s)
}

// FuzzText: Text never lets a control character through (nothing that
// Escape would change is left), and is idempotent below the cap.
//
//	go test -run '^$' -fuzz '^FuzzText$' -fuzztime 30s ./internal/redact/
func FuzzText(f *testing.F) {
	f.Add("\x1b]0;title\x07 name mismatch: XANTHIPPE \xff@0 4.0002323422e+10\r\nFAKE")
	m := New("sk_fuzz_key_1").With(NameKind, "Xanthippe").With(AccountNumberKind, "40002323422")
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []*Masker{nil, m} {
			out := m.Text(s)
			if Escape(out) != out {
				t.Fatalf("Text(%q) = %q holds a control character", s, out)
			}
			if again := m.Text(out); len(out) <= MaxValueLen && again != out {
				t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
			}
		}
	})
}
