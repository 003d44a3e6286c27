package form

import (
	"math/big"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// FuzzEncodeRoundTrip: decoding what Encode wrote gives the input back, byte
// for byte, whatever the keys and values (spaces, '&', '=', '+', '%', dots,
// non-ASCII, invalid UTF-8); keys come out sorted and Encode is deterministic.
//
//	go test -run '^$' -fuzz '^FuzzEncodeRoundTrip$' -fuzztime 30s ./internal/form/
func FuzzEncodeRoundTrip(f *testing.F) {
	f.Add("bank_code", "JP_HDFC", "beneficiary_name", "Asha Rao", "param1", "value1")
	f.Add("a&b", "c=d", "e+f", "g%20h", "x.y", "")
	f.Add("", "", "ü", "\xff\x00", "k", "v&w=x")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2, mk, mv string) {
		v := New()
		v.Set(k1, v1)
		v.SetIfNotEmpty(k2, v2)
		err := v.SetMap("metadata", map[string]string{mk: mv})
		if mk == "" {
			if err == nil {
				t.Fatal("SetMap accepted an empty key")
			}
		} else if err != nil {
			t.Fatalf("SetMap(%q): %v", mk, err)
		}
		if v2 == "" {
			if _, ok := v[k2]; ok && k2 != k1 && k2 != "metadata."+mk {
				t.Fatalf("SetIfNotEmpty set %q to an empty value", k2)
			}
		}

		enc := v.Encode()
		if enc != v.Encode() {
			t.Fatal("Encode is not deterministic")
		}
		got, err := url.ParseQuery(enc)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", enc, err)
		}
		if len(got) != len(v) {
			t.Fatalf("decoded %d keys, want %d: %q", len(got), len(v), enc)
		}
		for k, want := range v {
			if vs := got[k]; len(vs) != 1 || vs[0] != want {
				t.Fatalf("key %q decoded as %q, want [%q] (encoded %q)", k, vs, want, enc)
			}
		}
		var keys []string
		for _, pair := range strings.Split(enc, "&") {
			k, _, _ := strings.Cut(pair, "=")
			uk, err := url.QueryUnescape(k)
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, uk)
		}
		if !sort.StringsAreSorted(keys) {
			t.Fatalf("keys not sorted: %q", keys)
		}
	})
}

// plainDecimal is what Decimal promises to write: no exponent, no leading
// zeros, no trailing fractional zeros, no "-0".
var plainDecimal = regexp.MustCompile(`^(0|-?[1-9][0-9]*|-?0\.[0-9]*[1-9]|-?[1-9][0-9]*\.[0-9]*[1-9])$`)

// FuzzDecimalExact: whenever Decimal accepts a number it writes it as a plain
// decimal of exactly the same value (compared as big.Rat, never a float).
//
//	go test -run '^$' -fuzz '^FuzzDecimalExact$' -fuzztime 30s ./internal/form/
func FuzzDecimalExact(f *testing.F) {
	for _, s := range []string{"1", "0.50", "1e6", "2.5E-1", "-0", "12345678.9", "1e64", "1e-64", "007", "1.", ".5", "1e+2", "-1.000e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Decimal(s)
		if err != nil {
			return
		}
		if !plainDecimal.MatchString(out) {
			t.Fatalf("Decimal(%q) = %q, not a plain decimal", s, out)
		}
		in, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("Decimal accepted %q, which is not a number", s)
		}
		got, ok := new(big.Rat).SetString(out)
		if !ok || got.Cmp(in) != 0 {
			t.Fatalf("Decimal(%q) = %q: value changed", s, out)
		}
	})
}
