package form

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncodeSortedAndDotKeys(t *testing.T) {
	v := New()
	v.Set("ifsc", "HDFC092343")
	v.Set("command", "create")
	v.Set("bank_code", "JP_HDFC")
	v.Set("account_number", "40002323422")
	v.Set("beneficiary_name", "test")
	require.NoError(t, v.SetMap("metadata", map[string]string{"param2": "value2", "param1": "value1"}))
	// The exact sample request of Juspay's v3.2 create page, keys sorted.
	assert.Equal(t,
		"account_number=40002323422&bank_code=JP_HDFC&beneficiary_name=test&command=create&ifsc=HDFC092343&metadata.param1=value1&metadata.param2=value2",
		v.Encode())
}

func TestEncodeEscaping(t *testing.T) {
	tests := []struct{ name, value, want string }{
		{"ampersand", "a&b", "k=a%26b"},
		{"equals", "a=b", "k=a%3Db"},
		{"plus", "a+b", "k=a%2Bb"},
		{"percent", "100%", "k=100%25"},
		{"space", "Asha Rao", "k=Asha+Rao"},
		{"unicode", "आशा", "k=%E0%A4%86%E0%A4%B6%E0%A4%BE"},
		{"newline", "a\nb", "k=a%0Ab"},
		{"empty", "", "k="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := New()
			v.Set("k", tt.value)
			got := v.Encode()
			assert.Equal(t, tt.want, got)
			back, err := url.ParseQuery(got)
			require.NoError(t, err)
			assert.Equal(t, tt.value, back.Get("k"), "round trip")
		})
	}
}

func TestEncodeEscapesKeys(t *testing.T) {
	v := New()
	require.NoError(t, v.SetMap("metadata", map[string]string{"a&b=c": "x y"}))
	assert.Equal(t, "metadata.a%26b%3Dc=x+y", v.Encode())
}

func TestEncodeDeterministic(t *testing.T) {
	build := func() string {
		v := New()
		for _, k := range []string{"z", "a", "m", "b", "y", "c"} {
			v.Set(k, k)
		}
		require.NoError(t, v.SetMap("metadata", map[string]string{"q": "1", "p": "2", "r": "3"}))
		return v.Encode()
	}
	first := build()
	for range 50 {
		assert.Equal(t, first, build())
	}
	assert.Equal(t, "a=a&b=b&c=c&m=m&metadata.p=2&metadata.q=1&metadata.r=3&y=y&z=z", first)
}

func TestEmptyForm(t *testing.T) {
	assert.Equal(t, "", New().Encode())
}

func TestSetIfNotEmpty(t *testing.T) {
	v := New()
	v.SetIfNotEmpty("a", "")
	v.SetIfNotEmpty("b", "1")
	assert.Equal(t, "b=1", v.Encode())
}

func TestSetMapRejectsEmptyKey(t *testing.T) {
	err := New().SetMap("metadata", map[string]string{"": "v"})
	assert.EqualError(t, err, "form: metadata has an empty key")
}

func TestSetDecimal(t *testing.T) {
	v := New()
	require.NoError(t, v.SetDecimal("validation_amount", "1e6"))
	require.NoError(t, v.SetDecimal("b", "0.5"))
	require.NoError(t, v.SetDecimal("unset", ""))
	assert.Equal(t, "b=0.5&validation_amount=1000000", v.Encode())
	err := v.SetDecimal("c", "1,5")
	assert.ErrorContains(t, err, `form: c: invalid number "1,5"`)
}

func TestDecimal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1", "1"},
		{"1000000", "1000000"},
		{"1e6", "1000000"},
		{"1E+6", "1000000"},
		{"1.5e6", "1500000"},
		{"0.5", "0.5"},
		{"5e-1", "0.5"},
		{"5E-3", "0.005"},
		{"1.50", "1.5"},
		{"1.00", "1"},
		{"0", "0"},
		{"-0", "0"},
		{"-2.5", "-2.5"},
		{"0.000", "0"},
		{"12345678.9", "12345678.9"},
		{"123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"},
		{"007", "7"},
		{"12.345e1", "123.45"},
		{"12.345e-5", "0.00012345"},
	}
	for _, tt := range tests {
		got, err := Decimal(tt.in)
		if assert.NoError(t, err, tt.in) {
			assert.Equal(t, tt.want, got, tt.in)
		}
	}
}

func TestDecimalRejects(t *testing.T) {
	for _, in := range []string{"", "-", "abc", "1.", ".5", "1e", "1e+", "1e++5", "1e--5", "0E+-0", "1e+-5", "1e-+5", "+1", "1.2.3", "1,5", "NaN", "Inf", "0x10", "1e65", "1e-65", "1 ", " 1", "1_000"} {
		_, err := Decimal(in)
		assert.Error(t, err, "%q", in)
	}
}

func FuzzDecimalNeverPanics(f *testing.F) {
	for _, s := range []string{"1", "1e6", "0.5", "-2.5E-3", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Decimal(s)
		if err != nil {
			return
		}
		// A plain decimal has no exponent and round-trips to itself.
		again, err := Decimal(out)
		if err != nil || again != out {
			t.Fatalf("Decimal(%q) = %q, not a fixed point (%q, %v)", s, out, again, err)
		}
	})
}
