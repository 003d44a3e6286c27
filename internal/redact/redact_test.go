package redact

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMaskers(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"account", AccountNumber("026291800001191"), "XXXXXXXXXXX1191"},
		{"short account", AccountNumber("1191"), "XXXX"},
		{"empty account", AccountNumber(""), ""},
		{"unicode account", AccountNumber("१२३४५६"), "XX३४५६"},
		{"vpa", VPA("4225246777@yesg"), "****@yesg"},
		{"vpa without at", VPA("4225246777"), "****"},
		{"empty vpa", VPA(""), ""},
		{"name", Name("Asha Rao"), "A***"},
		{"unicode name", Name("Ásha"), "Á***"},
		{"empty name", Name("  "), ""},
		{"field account_number", Field("account_number", "40002323422"), "XXXXXXX3422"},
		{"field nested", Field("bank_account.account", "40002323422"), "XXXXXXX3422"},
		{"field metadata", Field("metadata.param1", "value1"), Redacted},
		{"field ifsc kept", Field("ifsc", "HDFC092343"), "HDFC092343"},
		{"field case", Field("Beneficiary_Name", "test"), "t***"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.got, c.name)
	}
}

func TestForm(t *testing.T) {
	in := "bank_code=JP_HDFC&command=create&ifsc=HDFC092343&account_number=40002323422&beneficiary_name=test&metadata.param1=value1&vpa=abc%40upi"
	got := Form(in)
	assert.Equal(t, "account_number=XXXXXXX3422&bank_code=JP_HDFC&beneficiary_name=t%2A%2A%2A&command=create&ifsc=HDFC092343&metadata.param1=%5BREDACTED%5D&vpa=%2A%2A%2A%2A%40upi", got)
	assert.Equal(t, Redacted, Form("a=%zz"))
}

func TestJSON(t *testing.T) {
	body := `{"list":[{"account_details":{"vpa":"4225246777@yesg","bank_account":{"account":"026291800001191","name":"Asha","ifsc":"AABF0008032"}},"validation_amount":1,"customer_id":"cst_1"}],"metadata":{"k":"secret"},"account_number":40002323422}`
	got := string(JSON([]byte(body)))
	for _, secret := range []string{"4225246777", "026291800001191", "Asha", "secret", "40002323422"} {
		assert.NotContains(t, got, secret)
	}
	for _, kept := range []string{"@yesg", "1191", "AABF0008032", "cst_1", `"validation_amount": 1`} {
		assert.Contains(t, got, kept)
	}
	assert.Equal(t, "<html>bad gateway</html>", string(JSON([]byte("<html>bad gateway</html>"))))
	assert.Equal(t, "account XXXXXXXXXXX1191 is wrong", string(JSON([]byte("account 026291800001191 is wrong"))))
	assert.Equal(t, "vpa ****@okhdfc, ref 12345678", string(JSON([]byte("vpa asha.rao@okhdfc, ref 12345678"))))
}

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"nothing personal here", "nothing personal here"},
		{"account 026291800001191 failed", "account XXXXXXXXXXX1191 failed"},
		{"acct:026291800001191.", "acct:XXXXXXXXXXX1191."},
		{"ref 12345678 kept (8 digits)", "ref 12345678 kept (8 digits)"},
		{"pay asha.rao@okhdfc now", "pay ****@okhdfc now"},
		{"<td>4225246777@yesg</td>", "<td>****@yesg</td>"},
		{"trailing @ alone", "trailing @ alone"},
		{"ABC026291800001191XYZ", "ABCXXXXXXXXXXX1191XYZ"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Text(c.in), c.in)
	}
}

func TestHeader(t *testing.T) {
	h := http.Header{"Authorization": {"Basic a2V5Og=="}, "X-Routing-Id": {"cst_1"}}
	got := Header(h)
	assert.Equal(t, Redacted, got.Get("Authorization"))
	assert.Equal(t, "cst_1", got.Get("X-Routing-Id"))
	assert.Equal(t, "Basic a2V5Og==", h.Get("Authorization"), "the input is not modified")
	assert.False(t, strings.Contains(strings.Join(got.Values("Authorization"), ""), "a2V5"))
}

func TestTextPercentEncodedAndAuth(t *testing.T) {
	cases := []struct{ in, want string }{
		{"vpa=asha.rao%40okhdfc&x=1", "vpa=****%40okhdfc&x=1"},
		{"mail asha.rao@gmail.com now", "mail ****@gmail.com now"},
		{"mobile +919876543210", "mobile +XXXXXXXX3210"},
		{"Authorization: Basic a2V5Og==", "Authorization: Basic " + Redacted},
		{"authorization: basic%20a2V5Og%3D%3D", "authorization: basic%20" + Redacted},
		{"Bearer sk_live_abcdefgh done", "Bearer " + Redacted + " done"},
		{"basic validation failed", "basic validation failed"},
		{"Basic " + Redacted, "Basic " + Redacted},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Text(c.in), c.in)
		assert.Equal(t, Text(c.in), Text(Text(c.in)), "idempotent: %s", c.in)
	}
}

func TestCap(t *testing.T) {
	assert.Equal(t, "abc", Cap("abc", 3))
	assert.Equal(t, "ab...(3 bytes)", Cap("abc", 2))
	long := strings.Repeat("r", 120<<10)
	got := Cap(long, MaxValueLen)
	assert.Equal(t, strings.Repeat("r", MaxValueLen)+"...(122880 bytes)", got)
	assert.Equal(t, "é...(4 bytes)", Cap("éé", 3), "cut at a rune boundary")
}

func TestSecretsMaskEveryEncoding(t *testing.T) {
	const key = "sk_test+key/with=odd_chars"
	s := NewSecrets(key).With(VPAKind, "asha rao@okhdfc").With(NameKind, "Asha Rao").With(AccountNumberKind, "026291800001191")
	for _, secret := range append(KeyEncodings(key), "Basic "+KeyEncodings(key)[0]) {
		got := s.Mask("x " + secret + " y")
		assert.NotContains(t, got, secret)
		assert.NotContains(t, got, key)
	}
	for _, v := range []string{"asha rao@okhdfc", "Asha Rao", "026291800001191"} {
		for _, enc := range Encodings(v) {
			got := s.Text("echo: " + enc + ".")
			assert.NotContains(t, got, enc, "%q in %q", v, enc)
		}
	}
	// Identifiers stay intact under Mask: no digit or '@' pattern.
	assert.Equal(t, "req_12345678901234567890@edge", s.Mask("req_12345678901234567890@edge"))
	var none *Secrets
	assert.Equal(t, "XXXXXXX3422", none.Text("40002323422"))
	assert.Equal(t, 0, none.Len())
}

func TestSecretsJSON(t *testing.T) {
	const key = "k3y_for_json_test"
	s := NewSecrets(key).With(NameKind, "Asha Rao")
	body := `{"status":"error","error_code":"bad","error_message":"holder Asha Rao, account 026291800001191, vpa x%40okaxis, key ` + key + `","error_info":{"request_id":"req_123456789012","developer_message":"Basic a2V5Og=="},"customer_account_id":"banh_1234567890"}`
	got := string(s.JSON([]byte(body)))
	for _, leak := range []string{"Asha Rao", "026291800001191", "x%40okaxis", key, "a2V5Og=="} {
		assert.NotContains(t, got, leak)
	}
	for _, kept := range []string{`"req_123456789012"`, `"banh_1234567890"`, `"bad"`, `"error"`, "XXXXXXXXXXX1191", "A***", "****%40okaxis"} {
		assert.Contains(t, got, kept)
	}
	assert.Equal(t, "key "+Redacted, string(s.JSON([]byte("key "+key))), "not JSON: free text")
}

func TestSecretsHeader(t *testing.T) {
	s := NewSecrets("hdr_key_123")
	h := http.Header{"Authorization": {"Basic x"}, "X-Request-Id": {"hdr_key_123-" + strings.Repeat("9", 300)}, "X-Echo": {"Basic aGRyX2tleV8xMjM6"}}
	got := s.Header(h)
	assert.Equal(t, Redacted, got.Get("Authorization"))
	assert.True(t, strings.HasPrefix(got.Get("X-Request-Id"), Redacted+"-999"), got.Get("X-Request-Id"))
	assert.Contains(t, got.Get("X-Request-Id"), "...(311 bytes)")
	assert.Equal(t, "Basic "+Redacted, got.Get("X-Echo"))
}
