package redact

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"
)

// digitsAfterAt matches a run of nine or more digits after an '@' in one word.
var digitsAfterAt = regexp.MustCompile(`@[0-9A-Za-z._+@-]*[0-9]{9}`)

// TestTextMasksDigitRunsAfterAt pins a bug FuzzJSON found: a word with an '@'
// was masked only by VPA, which keeps everything after the '@', so the account
// number in "x@40002323422" survived and masking twice changed the text again.
func TestTextMasksDigitRunsAfterAt(t *testing.T) {
	for _, in := range []string{"x@40002323422", "0@000000000", "refund to ravi@40002323422 failed"} {
		out := Text(in)
		if digitsAfterAt.MatchString(out) {
			t.Errorf("Text(%q) = %q: a nine-digit run is left unmasked", in, out)
		}
		if again := Text(out); again != out {
			t.Errorf("Text is not idempotent: %q -> %q -> %q", in, out, again)
		}
	}
}

// FuzzJSON: JSON never panics, keeps a JSON document a JSON document, and is
// idempotent (masking a masked body changes nothing).
//
//	go test -run '^$' -fuzz '^FuzzJSON$' -fuzztime 30s ./internal/redact/
func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"account_number":"40002323422","beneficiary_name":"Asha","metadata":{"a":"b"}}`))
	f.Add([]byte(`{"list":[{"account_details":{"vpa":"4225246777@yesg"}}]}`))
	f.Add([]byte(`<html>502</html>`))
	f.Add([]byte(`[1,"x@y",{"name":null}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		out := JSON(body)
		if json.Valid(body) && !json.Valid(out) {
			t.Fatalf("JSON(%q) = %q, not JSON", body, out)
		}
		if again := JSON(out); !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q -> %q -> %q", body, out, again)
		}
	})
}

// FuzzJSONMasksNestedFields: an account number, VPA and name are masked
// wherever they sit (top level, nested, in a list) and metadata values are
// replaced whole.
//
//	go test -run '^$' -fuzz '^FuzzJSONMasksNestedFields$' -fuzztime 30s ./internal/redact/
func FuzzJSONMasksNestedFields(f *testing.F) {
	f.Add("40002323422", "4225246777@yesg", "Asha Rao", "order_1")
	f.Add("", "@", " ", "")
	f.Add("ü1234", "a@b@c", "\x00x", "[REDACTED]")
	f.Fuzz(func(t *testing.T, account, vpa, name, meta string) {
		acct := map[string]any{"account_number": account, "vpa": vpa, "beneficiary_name": name, "metadata": map[string]any{"k": meta}}
		doc := map[string]any{"account_number": account, "bank": acct, "list": []any{acct}}
		in, err := json.Marshal(doc)
		if err != nil {
			t.Skip()
		}
		var got struct {
			AccountNumber string           `json:"account_number"`
			Bank          map[string]any   `json:"bank"`
			List          []map[string]any `json:"list"`
		}
		out := JSON(in)
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("JSON(%s) = %q: %v", in, out, err)
		}
		// json.Marshal replaced invalid UTF-8 with U+FFFD: compare with what
		// the document holds.
		var norm struct {
			A, V, N, M string
		}
		var back map[string]any
		_ = json.Unmarshal(in, &back)
		b := back["bank"].(map[string]any)
		norm.A, norm.V, norm.N = b["account_number"].(string), b["vpa"].(string), b["beneficiary_name"].(string)
		norm.M = b["metadata"].(map[string]any)["k"].(string)
		if got.AccountNumber != AccountNumber(norm.A) {
			t.Fatalf("top-level account_number %q, want %q", got.AccountNumber, AccountNumber(norm.A))
		}
		for _, a := range []map[string]any{got.Bank, got.List[0]} {
			if a["account_number"] != AccountNumber(norm.A) || a["vpa"] != VPA(norm.V) || a["beneficiary_name"] != Name(norm.N) {
				t.Fatalf("nested fields not masked: %v", a)
			}
			if m := a["metadata"].(map[string]any)["k"]; m != Value(SecretKind, norm.M) {
				t.Fatalf("metadata value %q, want %q", m, Value(SecretKind, norm.M))
			}
		}
	})
}
