package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValue(t *testing.T) {
	cases := []struct {
		kind     Kind
		in, want string
	}{
		{AccountNumberKind, "026291800001191", "XXXXXXXXXXX1191"},
		{AccountNumberKind, "1191", "XXXX"},
		{AccountNumberKind, "", ""},
		{AccountNumberKind, "१२३४५६", "XX३४५६"},
		{VPAKind, "4225246777@yesg", "****@yesg"},
		{VPAKind, "4225246777", "****"},
		{VPAKind, "", ""},
		{NameKind, "Asha Rao", "A***"},
		{NameKind, "Ásha", "Á***"},
		{NameKind, "  ", ""},
		{SecretKind, "value1", Redacted},
		{SecretKind, "", ""},
		{TextKind, "pay 026291800001191 now", "pay XXXXXXXXXXX1191 now"},
		{None, "HDFC092343", "HDFC092343"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Value(c.kind, c.in), "%d %q", c.kind, c.in)
	}
}

func TestEscape(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text, ünïcode ✓", "plain text, ünïcode ✓"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"\x1b[2J\x1b[31mred", `\x1b[2J\x1b[31mred`},
		{"ok\r\nFAKE: juspay-accounts: ok", `ok\r\nFAKE: juspay-accounts: ok`},
		{"a\tb\x00c\x7fd", `a\tb\x00c\x7fd`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bidi \u202eevil\u202c \u2066x\u2069", `bidi \u202eevil\u202c \u2066x\u2069`},
		{"bad \xff\x9b utf8", `bad \xff\x9b utf8`},
		{`already \x1b escaped`, `already \x1b escaped`},
	}
	for _, c := range cases {
		got := Escape(c.in)
		assert.Equal(t, c.want, got, "%q", c.in)
		assert.Equal(t, got, Escape(got), "idempotent: %q", c.in)
	}
}

func TestCap(t *testing.T) {
	assert.Equal(t, "abc", Cap("abc", 3))
	assert.Equal(t, "ab...(3 bytes)", Cap("abc", 2))
	long := strings.Repeat("r", 120<<10)
	assert.Equal(t, strings.Repeat("r", MaxValueLen)+"...(122880 bytes)", Cap(long, MaxValueLen))
	assert.Equal(t, "é...(4 bytes)", Cap("éé", 3), "cut at a rune boundary")
}

// TestText: the free-text masker, with the cases of issue 17 sections 2-3.
func TestText(t *testing.T) {
	const key = "sk_test+key/with=odd_chars"
	m := New(key).
		With(NameKind, "Xanthippe Rao", "dec").
		With(AccountNumberKind, "026291800001191", "40002323422").
		With(VPAKind, "asha rao@okhdfc").
		With(SecretKind, "123", "invalid", "batch-77")
	cases := []struct{ name, in, want string }{
		{"no personal data", "nothing personal here", "nothing personal here"},
		{"upper-cased name", "name mismatch: XANTHIPPE RAO", "name mismatch: X***"},
		{"name in JSON-escaped text", `holder \"Xanthippe Rao\"`, `holder \"X***\"`},
		{"short name kept in an id", "req 9a123b0c-7dec-4e1f", "req 9a123b0c-7dec-4e1f"},
		{"short metadata kept in an id", "request 9a123b0c", "request 9a123b0c"},
		{"value never inside an id", "code invalid_request", "code invalid_request"},
		{"value as a word", "kind invalid given", "kind [REDACTED] given"},
		{"value at the edge", "batch-77", Redacted},
		{"account as a float", "account 4.0002323422e+10 echoed", "account XXXXXXX3422 echoed"},
		{"account without its leading zero", "acct 26291800001191", "acct XXXXXXXXXXX1191"},
		{"account raw", "acct 40002323422.", "acct XXXXXXX3422."},
		{"vpa percent-encoded", "vpa=asha+rao%40okhdfc&x=1", "vpa=****@okhdfc&x=1"},
		{"vpa double-encoded", "v=asha%2Brao%2540okhdfc", "v=****@okhdfc"},
		{"vpa path-encoded, lower hex", "/v/asha%20rao%40OKHDFC", "/v/****@okhdfc"},
		{"key raw", "key " + key, "key " + Redacted},
		{"key base64", "Authorization: Basic c2tfdGVzdCtrZXkvd2l0aD1vZGRfY2hhcnM6", "Authorization: Basic " + Redacted},
		{"key inside a word", "x" + key + "y", "x" + Redacted + "y"},
		{"pattern account", "account 026291800001192 failed", "account XXXXXXXXXXX1192 failed"},
		{"pattern digits kept under 9", "ref 12345678 kept", "ref 12345678 kept"},
		{"pattern vpa", "pay ravi.k@okaxis now", "pay ****@okaxis now"},
		{"pattern mobile", "mobile +919876543210", "mobile +XXXXXXXX3210"},
		{"pattern bearer", "Bearer sk_live_abcdefgh done", "Bearer " + Redacted + " done"},
		{"escape", "bad\x1b]0;title\x07\r\nFAKE: ok", `bad\x1b]0;title\x07\r\nFAKE: ok`},
		{"redacted kept", "[REDACTED] and REDACTED", "[REDACTED] and REDACTED"},
	}
	for _, c := range cases {
		got := m.Text(c.in)
		assert.Equal(t, c.want, got, c.name)
		assert.Equal(t, got, m.Text(got), "idempotent: %s", c.name)
	}
	long := m.Text(strings.Repeat("x", 1000))
	assert.True(t, strings.HasSuffix(long, "...(1000 bytes)"), "capped: %s", long)
	var none *Masker
	assert.Equal(t, "XXXXXXX3422 XANTHIPPE", none.Text("40002323422 XANTHIPPE"), "nil: patterns only")
	assert.Equal(t, "req_12345678901234567890@edge", m.Known("req_12345678901234567890@edge"), "Known: no pattern")
}

func TestTextMasksDigitRunsAfterAt(t *testing.T) {
	digitsAfterAt := regexp.MustCompile(`@[0-9A-Za-z._+@-]*[0-9]{9}`)
	for _, in := range []string{"x@40002323422", "0@000000000", "refund to ravi@40002323422 failed"} {
		out := patterns(in)
		assert.False(t, digitsAfterAt.MatchString(out), "%q -> %q", in, out)
		assert.Equal(t, out, patterns(out), "idempotent")
	}
}

// TestJSON: by structure. Declared identifiers are byte for byte whatever
// the known values; personal fields are masked even as numbers; text fields
// and undeclared fields are free text.
func TestJSON(t *testing.T) {
	const key = "k3y_for_json_test"
	m := New(key).With(NameKind, "Xanthippe", "dec").With(SecretKind, "123", "invalid")
	body := `{"status":"invalid_request_error","error_code":"invalid_request","error_message":"name mismatch: XANTHIPPE, account 026291800001191, vpa x%40okaxis, key ` + key + `",
"error_info":{"request_id":"9a123b0c-7dec-4e1f-a554-de6e435ffc36","code":"INVALID_INPUT","developer_message":"Basic a2V5Og==","fields":[{"field_name":"account_number","reason":"XANTHIPPE is wrong"}]},
"customer_account_id":"banh_1234567890","account_number":40002323422,"beneficiary_name":"Xanthippe",
"metadata":{"batch":"123","nested":{"k":7}},"list":[{"account_details":{"vpa":"4225246777@yesg","bank_account":{"account":"026291800001191","name":"dec","ifsc":"AABF0008032"}},"validation_amount":1}],
"undeclared":"ravi@okicici","acct_no":26291800001191,"echo":"invalid",
"date_created":"mail ravi@okicici 9422748014","last_validated":"2023-06-06T13:29:53Z","total":"5986490152436113x","offset":12,"id":7,"customer_id":"9876543210"}`
	out := m.JSON([]byte(body))
	require.True(t, json.Valid(out), "%s", out)
	var got map[string]any
	require.NoError(t, json.Unmarshal(out, &got))
	info := got["error_info"].(map[string]any)
	kept := map[string]any{
		"status": "invalid_request_error", "error_code": "invalid_request", "customer_account_id": "banh_1234567890",
	}
	for k, v := range kept {
		assert.Equal(t, v, got[k], k)
	}
	assert.Equal(t, "9a123b0c-7dec-4e1f-a554-de6e435ffc36", info["request_id"])
	assert.Equal(t, "INVALID_INPUT", info["code"])
	assert.Equal(t, "name mismatch: X***, account XXXXXXXXXXX1191, vpa ****%40okaxis, key "+Redacted, got["error_message"])
	assert.Equal(t, "Basic "+Redacted, info["developer_message"])
	assert.Equal(t, "X*** is wrong", info["fields"].([]any)[0].(map[string]any)["reason"])
	assert.Equal(t, "account_number", info["fields"].([]any)[0].(map[string]any)["field_name"])
	assert.Equal(t, "XXXXXXX3422", got["account_number"], "an account number sent as a JSON number")
	assert.Equal(t, "X***", got["beneficiary_name"])
	assert.Equal(t, map[string]any{"batch": Redacted, "nested": map[string]any{"k": Redacted}}, got["metadata"])
	details := got["list"].([]any)[0].(map[string]any)["account_details"].(map[string]any)
	assert.Equal(t, "****@yesg", details["vpa"])
	assert.Equal(t, map[string]any{"account": "XXXXXXXXXXX1191", "name": "d***", "ifsc": "AABF0008032"}, details["bank_account"])
	assert.Equal(t, "1", jsonNumber(t, out, "validation_amount"), "a plain number kept as a number")
	assert.Equal(t, "****@okicici", got["undeclared"])
	assert.Equal(t, "XXXXXXXXXX1191", got["acct_no"], "an undeclared number holding a known account number")
	assert.Equal(t, Redacted, got["echo"], "an undeclared field is free text")
	assert.Equal(t, "mail ****@okicici XXXXXX8014", got["date_created"], "text in a date-time field is free text")
	assert.Equal(t, "2023-06-06T13:29:53Z", got["last_validated"])
	assert.Equal(t, "XXXXXXXXXXXX6113x", got["total"], "a string that is no number in a number field is free text")
	assert.Equal(t, "12", jsonNumber(t, out, "offset"))
	assert.Equal(t, "7", jsonNumber(t, out, "id"), "a number in a string field: nothing to mask")
	assert.Equal(t, "9876543210", got["customer_id"], "an id is never rewritten by a pattern")
	assert.Equal(t, out, m.JSON(out), "idempotent")

	assert.Equal(t, `key [REDACTED] \x1b[2J`, string(m.JSON([]byte("key "+key+" \x1b[2J"))), "not JSON: free text, escaped")
	assert.Equal(t, `{
  "error_message": "\u001b[2J\u202eevil\u0085",
  "request_id": "rq-\u202e"
}`, string(m.JSON([]byte("{\"request_id\":\"rq-\u202e\",\"error_message\":\"\\u001b[2J\u202eevil\u0085\"}"))), "JSON: bidi and C1 as \\u escapes too")
	assert.Equal(t, "<html>bad gateway</html>", string(m.JSON([]byte("<html>bad gateway</html>"))))
	assert.Equal(t, "{\n  \"beneficiary_name\": \"Z***\"\n}", string(m.JSON([]byte("{\"beneficiary_name\":\"Zed\tx\"}"))),
		"JSON but for a raw control character: masked field by field, a name the call never sent included")
}

// jsonNumber returns the raw text of the first number under name in doc.
func jsonNumber(t *testing.T, doc []byte, name string) string {
	t.Helper()
	m := regexp.MustCompile(`"` + name + `": ([0-9.eE+-]+)`).FindSubmatch(doc)
	require.NotNil(t, m, "%s in %s", name, doc)
	return string(m[1])
}

func TestForm(t *testing.T) {
	m := New("sk_form_key").With(NameKind, "Xanthippe")
	cases := []struct{ name, in, want string }{
		{"declared", "bank_code=JP_HDFC&command=create&ifsc=HDFC092343&account_number=40002323422&beneficiary_name=test&vpa=abc%40upi",
			"account_number=XXXXXXX3422&bank_code=JP_HDFC&beneficiary_name=t%2A%2A%2A&command=create&ifsc=HDFC092343&vpa=%2A%2A%2A%2A%40upi"},
		{"metadata", "metadata.param1=value1&metadata.x=", "metadata.param1=%5BREDACTED%5D&metadata.x="},
		{"undeclared names", "account_numbr=40002323422&vpa_=abc%40upi&api_key=sk_form_key", "account_numbr=%5BREDACTED%5D&api_key=%5BREDACTED%5D&vpa_=%5BREDACTED%5D"},
		{"undeclared name holding a vpa", "ravi%40okaxis=1", "%2A%2A%2A%2A%40okaxis=%5BREDACTED%5D"},
		{"query", "offset=10&count=5", "count=5&offset=10"},
		{"nested last segment", "bank_account.account=026291800001191", "bank_account.account=XXXXXXXXXXX1191"},
		{"does not parse", "a=%zz", Redacted},
		{"empty", "", ""},
	}
	for _, c := range cases {
		got := m.Form(c.in)
		assert.Equal(t, c.want, got, c.name)
		assert.Equal(t, got, m.Form(got), "idempotent: %s", c.name)
	}
}

func TestWithForm(t *testing.T) {
	m := New("").WithForm("account_number=40002323422&beneficiary_name=Xanthippe&vpa=asha%40okhdfc&metadata.k=order-secret&account_numbr=991&nm=Perpetua&ifsc=HDFC0001234")
	got := m.Text("XANTHIPPE 40002323422 asha@okhdfc order-secret Perpetua HDFC0001234")
	assert.Equal(t, "X*** XXXXXXX3422 ****@okhdfc [REDACTED] [REDACTED] HDFC0001234", got)
}

func TestHeader(t *testing.T) {
	const key = "hdr_key_123"
	m := New(key).With(VPAKind, "asha rao@okhdfc")
	h := http.Header{
		"Authorization":    {"Basic x"},
		"Set-Cookie":       {"s=1"},
		"X-Request-Id":     {"9a123b0c-" + key + "-" + strings.Repeat("9", 300)},
		"X-Correlation-Id": {"req_1234567890123"},
		"X-Echo":           {"Basic aGRyX2tleV8xMjM6"},
		"X-Double":         {"v=" + url.QueryEscape(url.QueryEscape("asha rao@okhdfc"))},
		"X-Triple":         {url.PathEscape(url.PathEscape(url.PathEscape("asha rao@okhdfc")))},
		"X-Upper":          {"ASHA RAO@OKHDFC"},
		"X-Ctl":            {"a\x1b[2Jb"},
		"Content-Type":     {"application/json; charset=utf-8"},
	}
	got := m.Header(h)
	assert.Equal(t, Redacted, got.Get("Authorization"))
	assert.Equal(t, Redacted, got.Get("Set-Cookie"))
	assert.True(t, strings.HasPrefix(got.Get("X-Request-Id"), "9a123b0c-"+Redacted+"-999"), got.Get("X-Request-Id"))
	assert.Contains(t, got.Get("X-Request-Id"), "...(320 bytes)")
	assert.Equal(t, "req_1234567890123", got.Get("X-Correlation-Id"), "identifier kept byte for byte")
	assert.Equal(t, "Basic "+Redacted, got.Get("X-Echo"))
	assert.Equal(t, "v=****@okhdfc", got.Get("X-Double"))
	assert.Equal(t, "****@okhdfc", got.Get("X-Triple"))
	assert.Equal(t, "****@okhdfc", got.Get("X-Upper"))
	assert.Equal(t, `a\x1b[2Jb`, got.Get("X-Ctl"))
	assert.Equal(t, "application/json; charset=utf-8", got.Get("Content-Type"))
	assert.Equal(t, "Basic x", h.Get("Authorization"), "the input is not modified")
	assert.Nil(t, m.Header(nil))
}

// TestFieldsFromSpec: every property openapi.yaml marks x-sensitive is in
// the generated table with its kind, read here from the YAML text without
// the generator (fieldsgen's own test checks that fields.gen.go is what it
// writes from the spec today).
func TestFieldsFromSpec(t *testing.T) {
	b, err := os.ReadFile("../../openapi.yaml")
	require.NoError(t, err)
	kinds := map[string]Kind{"account_number": AccountNumberKind, "vpa": VPAKind, "name": NameKind, "secret": SecretKind, "text": TextKind}
	lines := strings.Split(string(b), "\n")
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	var marks int
	for i, l := range lines {
		v, ok := strings.CutPrefix(strings.TrimSpace(l), "x-sensitive:")
		if v2, ok2 := strings.CutPrefix(strings.TrimSpace(l), "x-additional-sensitive:"); ok2 {
			marks++ // CreateBankAccountForm's metadata.KEY fields
			assert.Equal(t, kinds[strings.TrimSpace(v2)], fields["metadata"].kind, "openapi.yaml:%d: metadata", i+1)
			continue
		}
		if !ok {
			continue
		}
		marks++
		kind, known := kinds[strings.TrimSpace(v)]
		require.True(t, known, "openapi.yaml:%d: x-sensitive %q", i+1, v)
		j := i - 1
		for j >= 0 && indent(lines[j]) >= indent(l) {
			j--
		}
		prop := strings.TrimSuffix(strings.TrimSpace(lines[j]), ":")
		assert.Equal(t, kind, fields[prop].kind, "openapi.yaml:%d: %s", i+1, prop)
	}
	assert.GreaterOrEqual(t, marks, 16)
	for name, f := range fields {
		if f.kind != None {
			assert.Contains(t, string(b), "        "+name+":\n", "%s is in the table but not declared", name)
		}
	}
}

// TestMaskerShared: one Masker serves concurrent calls (its matcher is
// built once, on first use); With leaves the original as it was.
func TestMaskerShared(t *testing.T) {
	base := New("sk_shared_key_1")
	m := base.With(NameKind, "Xanthippe")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			assert.Equal(t, "X*** [REDACTED]", m.Text("XANTHIPPE sk_shared_key_1"))
		})
	}
	wg.Wait()
	assert.Equal(t, "XANTHIPPE [REDACTED]", base.Text("XANTHIPPE sk_shared_key_1"), "the original does not know the name")
}

func TestJSONCutShort(t *testing.T) {
	m := New("")
	tests := []struct{ body, want string }{
		{`{"beneficiary_name":"Zed`, `{"beneficiary_name":"Z***"}`},
		{`{"list":[{"account_number":"026291800001191","name":"Zed"},{"vpa":"asha@ok`, `{"list":[{"account_number":"XXXXXXXXXXX1191","name":"Z***"},{"vpa":"****@ok"}]}`},
		{`{"account_number":4000232342`, `{"account_number":null}`},
		{`{"metadata":{"batch":"12`, `{"metadata":{"batch":"[REDACTED]"}}`},
		{`{"status":"ok","beneficiary_na`, `{"beneficiary_na":null,"status":"ok"}`},
		{`{"status":"ok",`, `{"status":"ok"}`},
		{`{"status":`, `{"status":null}`},
		{`{"status"`, `{"status":null}`},
		{`[{"name":"A\u00`, `[{"name":"A***"}]`},
		{`{"name":"A\`, `{"name":"A***"}`},
		{`[1, tr`, `[1,null]`},
		{`{"name":"Zed"} trailing`, "{\n  \"name\": \"Z***\"\n} trailing"}, // a document, then text
		{`"Zed`, `"Zed`},
		{`{"a":1]`, `{"a":1]`},
	}
	for _, tt := range tests {
		got := m.JSON([]byte(tt.body))
		var compact bytes.Buffer
		if json.Compact(&compact, got) == nil {
			got = compact.Bytes()
		}
		assert.Equal(t, tt.want, string(got), tt.body)
	}
}

// TestTextMasksOtherEncodings: a name's words in another order and case,
// every byte percent-encoded, '@' as an HTML entity, the key inside base64
// at any byte offset, and a JSON document followed by more.
func TestTextMasksOtherEncodings(t *testing.T) {
	const key = "sk_live_abcdefgh1234"
	m := New(key).With(NameKind, "Xanthippe Quill").With(AccountNumberKind, "026291800001191")
	for in, want := range map[string]string{
		"name mismatch: QUILL, XANTHIPPE":                            "name mismatch: Q***, X***",
		"%30%32%36%32%39%31%38%30%30%30%30%31%31%39%31":              "XXXXXXXXXXX1191",
		"vpa asha.rao&#64;okhdfc x&#X40;ybl y&commat;ybl":            "vpa ****&#64;okhdfc ****&#X40;ybl ****&commat;ybl",
		base64.StdEncoding.EncodeToString([]byte("x" + key + ":")):   "eHNr" + Redacted + "MjM0Og==",
		base64.StdEncoding.EncodeToString([]byte("xy" + key)):        "eHlz" + Redacted + "IzNA==",
		base64.RawURLEncoding.EncodeToString([]byte("Basic " + key)): "QmFzaWMg" + Redacted,
	} {
		assert.Equal(t, want, m.Text(in), in)
	}
	assert.Equal(t, "{\n  \"error_message\": \"x\"\n}\n{\n  \"error_message\": \"****@okhdfc\"\n}",
		string(m.JSON([]byte(`{"error_message":"x"}`+"\n"+`{"error_message":"\u0061sha.rao@okhdfc"}`))))
}

// TestJSONOutputGrowsWithItsInput: a deep document (indenting it would grow
// with the square of its depth), one cut short, and many documents in a row
// come out about as long as they went in.
func TestJSONOutputGrowsWithItsInput(t *testing.T) {
	m := New("sk_test_key_1234")
	for _, body := range []string{
		strings.Repeat("[", 9000) + "1" + strings.Repeat("]", 9000),
		strings.Repeat("[", 9000) + "1" + strings.Repeat("]", 9000) + " x",
		strings.Repeat(`{"a":[`, 3000),
		strings.Repeat("{}", 32000),
	} {
		out := m.JSON([]byte(body))
		assert.Less(t, len(out), 2*len(body), "%.20s...: %d bytes in, %d out", body, len(body), len(out))
	}
	assert.Equal(t, "{\n  \"a\": [\n    1\n  ]\n}", string(m.JSON([]byte(`{"a":[1]}`))), "a shallow document stays indented")
}
