package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

const (
	keyA = "sk_merchant_a_0001"
	keyB = "sk_merchant_b_0002"
)

// wantNotFound asserts Juspay's documented 404 for an unknown customer or account.
func wantNotFound(t *testing.T, r response, what string) {
	t.Helper()
	if !assert.Equal(t, http.StatusNotFound, r.status, "%s: %s", what, r.body) {
		return
	}
	m := r.json(t)
	assert.Equal(t, "object_not_found", m["error_code"], what)
	assert.Equal(t, "RESOURCE_NOT_FOUND", m["error_info"].(map[string]any)["code"], what)
}

// TestMerchantsAreIsolated: every account belongs to the key that created it;
// any other key gets the documented 404 for get, validate, delete and list,
// in both API families, whether or not it has a customer of the same id.
func TestMerchantsAreIsolated(t *testing.T) {
	e := start(t, api.WithKeys(api.DefaultTestKey, keyA, keyB))
	a, b := basic(keyA, ""), basic(keyB, "")
	const cust = "/customers/cst_shared"

	r := e.do(call{method: "POST", path: cust + "/accounts", body: "vpa=asha@okhdfc", auth: a})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	caID := r.json(t)["customer_account_id"].(string)
	r = e.do(call{method: "POST", path: cust + "/bank-accounts", body: "bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC0000123", auth: a})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	baID := r.json(t)["id"].(string)

	// Another merchant, with no customer of that id, and the default key.
	for _, other := range []string{b, ""} {
		wantNotFound(t, e.do(call{method: "GET", path: cust + "/customer-accounts/" + caID, auth: other}), "get")
		wantNotFound(t, e.do(call{method: "POST", path: cust + "/customer-accounts/" + caID + "/validate", auth: other}), "validate")
		wantNotFound(t, e.do(call{method: "GET", path: cust + "/customer-accounts/list", auth: other}), "list")
		wantNotFound(t, e.do(call{method: "GET", path: cust + "/bank-accounts/" + baID, auth: other}), "v3.2 get")
		wantNotFound(t, e.do(call{method: "POST", path: cust + "/bank-accounts/" + baID + "/validate", auth: other}), "v3.2 validate")
		wantNotFound(t, e.do(call{method: "POST", path: cust + "/bank-accounts/" + baID, body: "command=delete", auth: other}), "v3.2 delete")
		wantNotFound(t, e.do(call{method: "GET", path: cust + "/bank-accounts/list", auth: other}), "v3.2 list")
	}

	// B creates its own customer of the same id: it sees only its own account.
	r = e.do(call{method: "POST", path: cust + "/accounts", body: "vpa=ravi@okaxis", auth: b})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	bID := r.json(t)["customer_account_id"].(string)
	r = e.do(call{method: "GET", path: cust + "/customer-accounts/list", auth: b})
	require.Equal(t, http.StatusOK, r.status)
	list := r.json(t)["list"].([]any)
	require.Len(t, list, 1)
	assert.Equal(t, bID, list[0].(map[string]any)["customer_account_id"])
	wantNotFound(t, e.do(call{method: "GET", path: cust + "/customer-accounts/" + caID, auth: b}), "get with a customer of the same id")
	wantNotFound(t, e.do(call{method: "POST", path: cust + "/bank-accounts/" + baID, body: "command=delete", auth: b}), "delete with a customer of the same id")

	// A still has everything, untouched by B's attempts.
	r = e.do(call{method: "GET", path: cust + "/customer-accounts/list", auth: a})
	require.Equal(t, http.StatusOK, r.status)
	assert.Len(t, r.json(t)["list"].([]any), 2, "A's VPA and bank account")
	n, ok := e.api.Validations("cst_shared", caID)
	assert.True(t, ok)
	assert.Zero(t, n, "B's validate sent no penny")
	r = e.do(call{method: "GET", path: cust + "/bank-accounts/" + baID, auth: a})
	assert.Equal(t, http.StatusOK, r.status, "B's delete removed nothing")
}

// TestPreSeededCustomersExistForEveryKey: WithCustomers seeds an empty
// customer for each merchant, still isolated.
func TestPreSeededCustomersExistForEveryKey(t *testing.T) {
	e := start(t, api.WithKeys(keyA, keyB), api.WithCustomers("cst_seed"))
	a, b := basic(keyA, ""), basic(keyB, "")
	for _, k := range []string{a, b} {
		r := e.do(call{method: "GET", path: "/customers/cst_seed/customer-accounts/list", auth: k})
		assert.Equal(t, http.StatusOK, r.status)
		assert.Empty(t, r.json(t)["list"])
	}
	r := e.do(call{method: "POST", path: "/customers/cst_seed/accounts", body: "vpa=asha@okhdfc", auth: a})
	require.Equal(t, http.StatusOK, r.status)
	r = e.do(call{method: "GET", path: "/customers/cst_seed/customer-accounts/list", auth: b})
	assert.Empty(t, r.json(t)["list"], "B's customer stays empty")
}

// TestRoutingIDIsPinnedPerCustomer: Juspay's pages say a different
// x-routing-id for the same customer "could lead to issues with API
// functionality" and that "it's crucial that you use the same x-routing-id
// for all requests tied to the same customer". The emulator makes such a
// mistake visible: the customer's first account pins the value, and any later
// call for that customer with another one is a 400 INVALID_INPUT naming
// x-routing-id (never repeating either value). Another merchant's customer of
// the same id has its own pin.
func TestRoutingIDIsPinnedPerCustomer(t *testing.T) {
	e := start(t, api.WithKeys(api.DefaultTestKey, keyB))
	const cust = "/customers/cst_route"
	hdr := func(rid string) map[string]string { return map[string]string{"x-routing-id": rid} }

	// Reads before the first account pin nothing: an unknown customer is a 404.
	wantNotFound(t, e.do(call{method: "GET", path: cust + "/customer-accounts/list", header: hdr("first_guess")}), "list before any account")

	r := e.do(call{method: "POST", path: cust + "/accounts", body: "vpa=asha@okhdfc", header: hdr("cart_77")})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	id := r.json(t)["customer_account_id"].(string)

	for name, c := range map[string]call{
		"list":          {method: "GET", path: cust + "/customer-accounts/list"},
		"get":           {method: "GET", path: cust + "/customer-accounts/" + id},
		"validate":      {method: "POST", path: cust + "/customer-accounts/" + id + "/validate"},
		"create":        {method: "POST", path: cust + "/accounts", body: "vpa=ravi@okaxis"},
		"v3.2 list":     {method: "GET", path: cust + "/bank-accounts/list"},
		"v3.2 create":   {method: "POST", path: cust + "/bank-accounts", body: "bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC0000123"},
		"v3.2 get":      {method: "GET", path: cust + "/bank-accounts/ba_x"},
		"v3.2 validate": {method: "POST", path: cust + "/bank-accounts/ba_x/validate"},
		"v3.2 delete":   {method: "POST", path: cust + "/bank-accounts/ba_x", body: "command=delete"},
	} {
		c.header = hdr("cst_route") // the customer id: not what the customer was created with
		r := e.do(c)
		if assert.Equal(t, http.StatusBadRequest, r.status, "%s: %s", name, r.body) {
			info := r.json(t)["error_info"].(map[string]any)
			assert.Equal(t, "INVALID_INPUT", info["code"], name)
			fields := info["fields"].([]any)
			assert.Equal(t, "x-routing-id", fields[0].(map[string]any)["field_name"], name)
			assert.NotContains(t, string(r.body), "cart_77", name)
		}
	}
	n, _ := e.api.Validations("cst_route", id)
	assert.Zero(t, n, "the refused validate sent no penny")

	// The same value works for every call; another merchant has its own pin.
	r = e.do(call{method: "GET", path: cust + "/customer-accounts/" + id, header: hdr("cart_77")})
	assert.Equal(t, http.StatusOK, r.status)
	r = e.do(call{method: "POST", path: cust + "/accounts", body: "vpa=ravi@okaxis", header: hdr("other"), auth: basic(keyB, "")})
	assert.Equal(t, http.StatusOK, r.status, string(r.body))
}
