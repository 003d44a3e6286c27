package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// marker is a value no message of the emulator contains by itself: wherever
// a client puts it, an error must not repeat it.
const marker = "zqxMARK"

// TestErrorsNeverRepeatWhatWasSent sends the marker in every field, header,
// parameter and field name of every operation, in forms that break each
// rule, and checks that no error body or header repeats it (or the digits
// and VPAs of personal data sent alongside). Messages name the field and the
// rule only.
func TestErrorsNeverRepeatWhatWasSent(t *testing.T) {
	e := start(t)
	r := e.do(call{method: "POST", path: "/customers/cst_echo/accounts", body: "vpa=asha@okhdfc"})
	require.Equal(t, http.StatusOK, r.status)
	id := r.json(t)["customer_account_id"].(string)

	const (
		cust   = "/customers/cst_echo"
		acct   = "40002323422" + marker
		vpa    = marker + "@okhdfc"
		amount = "1e99999999"
	)
	forms := []string{
		"vpa=" + url.QueryEscape(vpa),
		"vpa=ab" + marker + "@up1",
		"account_number=" + acct + "&ifsc=" + marker,
		"account_number=026291800001191&ifsc=HDFC0000123&beneficiary_name=" + marker + "%00",
		"account_number=026291800001191&ifsc=HDFC0000123&bank_code=" + marker,
		"vpa=asha@okhdfc&gateway_id=" + marker + "!&gateway_reference_id=" + marker + "!",
		"vpa=asha@okhdfc&command=" + marker,
		"vpa=asha@okhdfc&" + marker + "=1",
		"vpa=asha@okhdfc&" + marker + "_a=1&" + marker + "_b=2&" + marker + "_c=3&" + marker + "_d=4",
		"vpa=asha@okhdfc&x%00" + marker + "=1",
		"vpa=asha@okhdfc&metadata." + marker + "=1",
		"vpa=asha@okhdfc&vpa=" + marker + "@okhdfc",
		"bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC0000123&metadata." + marker + "=1&metadata." + marker + "=2",
		"validation_amount=" + amount,
		"validation_amount=" + marker,
		"validation_amount=1.005&gateway_id=" + marker + "%20",
		"bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC0000123&metadata.bad%20" + marker + "=1",
		"bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC0000123&metadata.k=" + strings.Repeat(marker, 50),
		"command=" + marker,
		marker + "%zz",
	}
	paths := []struct{ method, path string }{
		{"POST", cust + "/accounts"},
		{"POST", cust + "/customer-accounts/" + id + "/validate"},
		{"POST", cust + "/bank-accounts"},
		{"POST", cust + "/bank-accounts/ba_x/validate"},
		{"POST", cust + "/bank-accounts/ba_x"},
	}
	var sent int
	check := func(c call) {
		t.Helper()
		r := e.do(c)
		sent++
		if r.status < 300 {
			return
		}
		for _, leak := range []string{marker, strings.ToLower(marker), "40002323422", "026291800001191"} {
			assert.NotContains(t, string(r.body), leak, "%s %s %q -> %d", c.method, c.path, c.body, r.status)
			for k, vs := range r.header {
				assert.NotContains(t, strings.Join(vs, " "), leak, "header %s", k)
			}
		}
	}
	for _, p := range paths {
		for _, f := range forms {
			check(call{method: p.method, path: p.path, body: f})
		}
		check(call{method: p.method, path: p.path, body: "vpa=asha@okhdfc", contentType: "text/" + marker})
	}
	for _, c := range []call{
		{method: "GET", path: cust + "/customer-accounts/list?count=" + marker},
		{method: "GET", path: cust + "/customer-accounts/list?offset=" + marker + "&count=-" + marker},
		{method: "GET", path: cust + "/customer-accounts/list", header: map[string]string{"version": marker}},
		{method: "GET", path: cust + "/customer-accounts/list", header: map[string]string{"x-routing-id": marker}},
		{method: "GET", path: "/customers/" + marker + "%00/customer-accounts/list"},
		{method: "GET", path: "/customers/" + strings.Repeat(marker, 40) + "/customer-accounts/list"},
		{method: "GET", path: "/customers/" + marker + "/nowhere"},
		{method: marker, path: cust + "/customer-accounts/list"},
		{method: "DELETE", path: cust + "/customer-accounts/" + marker},
		{method: "GET", path: cust + "/customer-accounts/" + marker},
		{method: "GET", path: cust + "/customer-accounts/list", auth: basic(marker, "")},
		{method: "GET", path: cust + "/customer-accounts/list", auth: "Basic " + marker},
	} {
		check(c)
	}
	assert.Greater(t, sent, 100)
}

// TestUnknownFieldsAreCountedNotEchoed: an unknown field is named only when it
// is a field of this API (of another operation, or "metadata" sent whole);
// any name a client made up is counted, never repeated.
func TestUnknownFieldsAreCountedNotEchoed(t *testing.T) {
	e := start(t)
	r := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=asha@okhdfc&metadata=map%5Bk%3Av%5D&validation_amount=1&foo=1&zed=4&9876543210=x&a%40b.com=y&" + url.QueryEscape(strings.Repeat("n", 300)) + "=z"})
	require.Equal(t, http.StatusBadRequest, r.status)
	info := r.json(t)["error_info"].(map[string]any)
	var names, reasons []string
	for _, f := range info["fields"].([]any) {
		names = append(names, f.(map[string]any)["field_name"].(string))
		reasons = append(reasons, f.(map[string]any)["reason"].(string))
	}
	assert.Equal(t, []string{"metadata", "validation_amount", "body"}, names)
	assert.Equal(t, "has 5 fields this operation does not have (not named: they are no fields of this API)", reasons[2])
	body := string(r.body)
	for _, leak := range []string{"foo", "zed", "9876543210", "a@b.com", "nnnnnnnn", "map["} {
		assert.NotContains(t, body, leak)
	}

	// A misspelt field is not repeated; the field it resembles is named.
	r = e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=asha@okhdfc&gatway_idd=g1"})
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "did you mean gateway_id?")
	assert.NotContains(t, string(r.body), "gatway_idd")
}
