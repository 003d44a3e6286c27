package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// controlCall sends a control request with the default key (auth "-" for
// none) and returns the status and the decoded JSON body (nil when empty).
func controlCall(t *testing.T, e *emu, method, path, body, auth string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	switch auth {
	case "":
		req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
	case "-":
	default:
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var m map[string]any
	if len(b) > 0 {
		require.NoError(t, json.Unmarshal(b, &m), "%s", b)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, m
}

// TestControlEndpoint drives every control route over HTTP: seeding, forcing
// a validation and a fault, reading and clearing the rules and the recorded
// requests; and its refusals (no key, bad JSON, wrong method, unknown route).
func TestControlEndpoint(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithControl(), api.WithValidationDelay(0))

	status, m := controlCall(t, e, "GET", "/_emulator/", "", "")
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, m["routes"], 7)

	status, m = controlCall(t, e, "POST", "/_emulator/accounts", `[{"customer_id":"c1","routing_id":"rid","vpa":"asha@okhdfc"}]`, "")
	require.Equal(t, http.StatusCreated, status, "%v", m)
	id := m["ids"].([]any)[0].(string)

	status, m = controlCall(t, e, "POST", "/_emulator/validations", `{"account_id":"`+id+`","outcome":"FAILURE","delay":"0s"}`, "")
	require.Equal(t, http.StatusCreated, status, "%v", m)
	assert.Len(t, m["validations"], 1)
	status, m = controlCall(t, e, "POST", "/_emulator/faults", `{"operation":"listCustomerAccounts","status":503,"times":1}`, "")
	require.Equal(t, http.StatusCreated, status, "%v", m)
	status, m = controlCall(t, e, "GET", "/_emulator/rules", "", "")
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, m["faults"], 1)

	assert.Equal(t, "FAILURE", validateNew(t, e, "c1", id, "")["validation_status"])
	assert.Equal(t, http.StatusServiceUnavailable, e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).status)

	status, m = controlCall(t, e, "GET", "/_emulator/requests?operation=validateCustomerAccount", "", "")
	require.Equal(t, http.StatusOK, status)
	reqs := m["requests"].([]any)
	require.Len(t, reqs, 1, "seeding is not recorded; the filter keeps one operation")
	got := reqs[0].(map[string]any)
	assert.Equal(t, "rid", got["header"].(map[string]any)["X-Routing-Id"].([]any)[0])
	status, m = controlCall(t, e, "GET", "/_emulator/requests?customer_id=c1", "", "")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, m["requests"], 2)
	assert.Equal(t, true, m["requests"].([]any)[1].(map[string]any)["forced"])

	status, _ = controlCall(t, e, "DELETE", "/_emulator/requests", "", "")
	assert.Equal(t, http.StatusNoContent, status)
	status, _ = controlCall(t, e, "DELETE", "/_emulator/rules", "", "")
	assert.Equal(t, http.StatusNoContent, status)
	_, m = controlCall(t, e, "GET", "/_emulator/requests", "", "")
	assert.Empty(t, m["requests"])
	_, m = controlCall(t, e, "GET", "/_emulator/rules", "", "")
	assert.Empty(t, m["validations"])

	for _, c := range []struct {
		method, path, body, auth string
		status                   int
		says                     string
	}{
		{"GET", "/_emulator/rules", "", "-", http.StatusUnauthorized, "access_denied"},
		{"GET", "/_emulator/rules", "", basic("other", ""), http.StatusUnauthorized, "access_denied"},
		{"POST", "/_emulator/validations", `{"outcome":"MAYBE"}`, "", http.StatusBadRequest, "want ACTIVE, FAILURE or PENDING"},
		{"POST", "/_emulator/validations", `{"outcome":"ACTIVE","colour":1}`, "", http.StatusBadRequest, "unknown field"},
		{"POST", "/_emulator/validations", `{"outcome":"ACTIVE"} {}`, "", http.StatusBadRequest, "trailing data"},
		{"POST", "/_emulator/faults", `{"status":503,"delay":"forever"}`, "", http.StatusBadRequest, "duration"},
		{"POST", "/_emulator/accounts", `[{"customer_id":"c9","ifsc":"BAD","account_number":"1"}]`, "", http.StatusBadRequest, "seed account 0"},
		{"PUT", "/_emulator/rules", "", "", http.StatusMethodNotAllowed, "not allowed"},
		{"GET", "/_emulator/nope", "", "", http.StatusNotFound, "control route"},
	} {
		status, m := controlCall(t, e, c.method, c.path, c.body, c.auth)
		assert.Equal(t, c.status, status, "%s %s %s", c.method, c.path, c.body)
		b, _ := json.Marshal(m)
		assert.Contains(t, string(b), c.says, "%s %s %s", c.method, c.path, c.body)
	}

	off := start(t)
	status, _ = controlCall(t, off, "GET", "/_emulator/rules", "", "")
	assert.Equal(t, http.StatusNotFound, status, "no control endpoint unless WithControl")
}

// TestControlActsOnlyOnItsMerchant: with keys A and B on one emulator, B
// tries every control route against A's data: B reads none of A's recorded
// requests or rules, its deletes leave A's untouched, its seeds land in its
// own customers, and its forced outcomes and faults never reach A's calls
// (while they do reach B's own). A still sees its own requests, masked
// unless it asks for the raw view.
func TestControlActsOnlyOnItsMerchant(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithKeys(keyA, keyB), api.WithControl(), api.WithValidationDelay(0))
	a, b := basic(keyA, ""), basic(keyB, "")
	const cust = "/customers/cst_ctl"

	// A's data: a seeded account, a recorded create with personal values and
	// a key in the query, and two rules that A's own calls below never use.
	status, m := controlCall(t, e, "POST", "/_emulator/accounts", `[{"customer_id":"cst_ctl","routing_id":"rid","vpa":"asha@okhdfc"}]`, a)
	require.Equal(t, http.StatusCreated, status, "%v", m)
	seeded := m["ids"].([]any)[0].(string)
	r := e.do(call{method: "POST", path: cust + "/bank-accounts?api_key=" + keyA, auth: a,
		body: "bank_code=JP_HDFC&account_number=026291800001191&ifsc=HDFC0000123&beneficiary_name=Asha+Rao&metadata.note=private"})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	baID := r.json(t)["id"].(string)
	status, _ = controlCall(t, e, "POST", "/_emulator/validations", `{"value":"999999999999","outcome":"FAILURE"}`, a)
	require.Equal(t, http.StatusCreated, status)
	status, _ = controlCall(t, e, "POST", "/_emulator/faults", `{"customer_id":"cst_unused","status":500}`, a)
	require.Equal(t, http.StatusCreated, status)
	aRules := func() map[string]any {
		status, m := controlCall(t, e, "GET", "/_emulator/rules", "", a)
		require.Equal(t, http.StatusOK, status)
		return m
	}
	aRequests := func(query string) []any {
		status, m := controlCall(t, e, "GET", "/_emulator/requests"+query, "", a)
		require.Equal(t, http.StatusOK, status)
		return m["requests"].([]any)
	}
	require.Len(t, aRequests(""), 1)

	// B reads nothing of A's.
	for _, q := range []string{"", "?raw=1", "?customer_id=cst_ctl", "?operation=createBankAccount&raw=1"} {
		status, m := controlCall(t, e, "GET", "/_emulator/requests"+q, "", b)
		require.Equal(t, http.StatusOK, status)
		assert.Empty(t, m["requests"], "B reads A's requests with %q", q)
	}
	status, m = controlCall(t, e, "GET", "/_emulator/rules", "", b)
	require.Equal(t, http.StatusOK, status)
	assert.Empty(t, m["validations"], "B reads A's rules")
	assert.Empty(t, m["faults"], "B reads A's rules")

	// B's deletes leave A's rules and recordings.
	for _, p := range []string{"/_emulator/rules", "/_emulator/requests"} {
		status, _ = controlCall(t, e, "DELETE", p, "", b)
		assert.Equal(t, http.StatusNoContent, status)
	}
	assert.Len(t, aRules()["validations"], 1, "B deleted A's rules")
	assert.Len(t, aRules()["faults"], 1, "B deleted A's rules")
	assert.Len(t, aRequests(""), 1, "B deleted A's recordings")

	// B's seed cannot use A's key, and lands in B's own customer of that id.
	status, m = controlCall(t, e, "POST", "/_emulator/accounts", `[{"customer_id":"cst_ctl","key":"`+keyA+`","vpa":"ravi@okaxis"}]`, b)
	assert.Equal(t, http.StatusBadRequest, status, "B seeds with A's key")
	body, _ := json.Marshal(m)
	assert.NotContains(t, string(body), keyA)
	status, m = controlCall(t, e, "POST", "/_emulator/accounts", `[{"customer_id":"cst_ctl","routing_id":"rid","vpa":"ravi@okaxis","status":"ACTIVE"}]`, b)
	require.Equal(t, http.StatusCreated, status, "%v", m)
	list := e.do(call{method: "GET", path: cust + "/customer-accounts/list", auth: a}).json(t)["list"].([]any)
	require.Len(t, list, 2, "B's seed reached A's customer")
	assert.Equal(t, []any{seeded, baID}, []any{list[0].(map[string]any)["customer_account_id"], list[1].(map[string]any)["customer_account_id"]})

	// B's forced outcome and fault for "cst_ctl" apply to B's calls only.
	status, _ = controlCall(t, e, "POST", "/_emulator/validations", `{"customer_id":"cst_ctl","outcome":"FAILURE","times":-1}`, b)
	require.Equal(t, http.StatusCreated, status)
	status, _ = controlCall(t, e, "POST", "/_emulator/faults", `{"customer_id":"cst_ctl","operation":"getBankAccount","status":503,"times":-1}`, b)
	require.Equal(t, http.StatusCreated, status)
	r = e.do(call{method: "POST", path: cust + "/customer-accounts/" + seeded + "/validate", auth: a})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	assert.Equal(t, "ACTIVE", r.json(t)["validation_status"], "B forced A's penny drop")
	assert.Equal(t, http.StatusOK, e.do(call{method: "GET", path: cust + "/bank-accounts/" + baID, auth: a}).status, "B's fault reached A")
	r = e.do(call{method: "POST", path: cust + "/bank-accounts", auth: b, body: "bank_code=JP_HDFC&account_number=026291800001191&ifsc=HDFC0000123"})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	bID := r.json(t)["id"].(string)
	assert.Equal(t, http.StatusServiceUnavailable, e.do(call{method: "GET", path: cust + "/bank-accounts/" + bID, auth: b}).status, "B's own fault")
	r = e.do(call{method: "POST", path: cust + "/bank-accounts/" + bID + "/validate", auth: b})
	assert.Equal(t, "FAILURE", r.json(t)["validation_status"], "B's own forced outcome")

	// A sees its own requests, masked by default and raw when it asks.
	reqs := aRequests("?operation=createBankAccount")
	require.Len(t, reqs, 1)
	masked, _ := json.Marshal(reqs[0])
	for _, secret := range []string{keyA, "026291800001191", "Asha", "private"} {
		assert.NotContains(t, string(masked), secret)
	}
	form := reqs[0].(map[string]any)["form"].(map[string]any)
	assert.Equal(t, []any{"XXXXXXXXXXX1191"}, form["account_number"])
	assert.Equal(t, []any{"HDFC0000123"}, form["ifsc"], "what is not personal stays")
	raw := aRequests("?operation=createBankAccount&raw=1")
	require.Len(t, raw, 1)
	assert.Equal(t, []any{"026291800001191"}, raw[0].(map[string]any)["form"].(map[string]any)["account_number"])
	assert.Len(t, aRequests(""), 4, "A's create, list, validate and get; none of B's")
}

// TestMerchantsNeverShareCustomers: a customer id holding a control
// character, escaped in the path (1%00cust) or raw in a seed, is refused, and
// the store keys of two merchants never collide, so one key can never name
// another key's customer.
func TestMerchantsNeverShareCustomers(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithKeys(keyA, keyB), api.WithControl(), api.WithValidationDelay(0))
	a, b := basic(keyA, ""), basic(keyB, "")
	r := e.do(call{method: "POST", path: "/customers/cust/accounts", auth: b, body: "vpa=asha.rao%40okhdfc"})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	for _, id := range []string{"1%00cust", "0%00cust", "%00", "cust%0A", "cust%7F"} {
		r := e.do(call{method: "GET", path: "/customers/" + id + "/customer-accounts/list", auth: a})
		assert.Equal(t, http.StatusBadRequest, r.status, "%s: %s", id, r.body)
		assert.NotContains(t, string(r.body), "okhdfc", id)
	}
	status, m := controlCall(t, e, "POST", "/_emulator/accounts", `[{"customer_id":"1\u0000cust","routing_id":"rid","vpa":"evil@okaxis","status":"ACTIVE"}]`, a)
	assert.NotEqual(t, http.StatusCreated, status, "%v", m)
	r = e.do(call{method: "GET", path: "/customers/cust/customer-accounts/list", auth: b})
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	assert.Len(t, r.json(t)["list"], 1, "B's customer holds B's account only")
}
