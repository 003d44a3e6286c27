package api_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// TestV32DocumentedSample: Juspay's documented v3.2 request (with its
// 10-character IFSC and metadata.KEY fields) gives the documented object.
func TestV32DocumentedSample(t *testing.T) {
	clk := newClock()
	e := start(t, api.WithClock(clk.Now))
	r := e.do(call{method: "POST", path: "/customers/cst_wexxxxsfdkl/bank-accounts", body: legacySample})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	got := r.json(t)
	assert.Regexp(t, `^ba_[A-Za-z0-9]{16}$`, got["id"])

	var want map[string]any
	require.NoError(t, json.Unmarshal(readSample(t, "createBankAccount.200.json"), &want))
	for _, k := range []string{"id", "date_created"} {
		delete(want, k)
		delete(got, k)
	}
	assert.Equal(t, want, got)
}

// TestV32Lifecycle: create, validate, list and get in the v3.2 shape; the
// same account in the customer-accounts family; delete removes it from both.
func TestV32Lifecycle(t *testing.T) {
	clk := newClock()
	e := start(t, api.WithClock(clk.Now), api.WithValidationDelay(delay))
	const c = "/customers/c9"
	ba := e.do(call{method: "POST", path: c + "/bank-accounts", body: "bank_code=JP_SBI&ifsc=SBIN0001234&account_number=123456780002&command=validate"}).json(t)
	id := ba["id"].(string)
	assert.Equal(t, "PENDING", ba["validation_status"])
	assert.Equal(t, "SBI", ba["bank_name"])
	assert.NotContains(t, ba, "metadata", "no metadata sent, none returned")

	vpa := createNew(t, e, "c9", "vpa=carol@upi")["customer_account_id"].(string)
	banh := createNew(t, e, "c9", bankForm)["customer_account_id"].(string)

	clk.Advance(delay)
	got := e.do(call{method: "GET", path: c + "/bank-accounts/" + id}).json(t)
	assert.Equal(t, "FAILURE", got["validation_status"], "account number ending 0002")
	assert.Equal(t, "2026-11-23T10:00:10Z", got["last_validated"])

	// The v3.2 family sees bank accounts of both families, not VPAs.
	l := e.do(call{method: "GET", path: c + "/bank-accounts/list"}).json(t)
	assert.EqualValues(t, 2, l["total"])
	assert.Equal(t, []any{id, banh}, pluck(l, "id"))
	// The customer-accounts family sees all three, in creation order.
	l = e.do(call{method: "GET", path: c + "/customer-accounts/list"}).json(t)
	assert.Equal(t, []any{id, vpa, banh}, pluck(l, "customer_account_id"))

	// v3.2 validate of a banh_ bank account works on the same record.
	v := e.do(call{method: "POST", path: c + "/bank-accounts/" + banh + "/validate"}).json(t)
	assert.Equal(t, "PENDING", v["validation_status"])
	n, _ := e.api.Validations("c9", banh)
	assert.Equal(t, 1, n)

	// Delete: gone from both lists and both gets.
	d := e.do(call{method: "POST", path: c + "/bank-accounts/" + id, body: "command=delete"})
	require.Equal(t, http.StatusOK, d.status, "%s", d.body)
	assert.Equal(t, map[string]any{"bank_account_id": id, "bank_account_status": "deleted"}, d.json(t))
	l = e.do(call{method: "GET", path: c + "/customer-accounts/list"}).json(t)
	assert.Equal(t, []any{vpa, banh}, pluck(l, "customer_account_id"))
	l = e.do(call{method: "GET", path: c + "/bank-accounts/list"}).json(t)
	assert.Equal(t, []any{banh}, pluck(l, "id"))
	assert.Equal(t, 404, e.do(call{method: "GET", path: c + "/bank-accounts/" + id}).status)
	assert.Equal(t, 404, e.do(call{method: "GET", path: c + "/customer-accounts/" + id}).status)
	_, ok := e.api.Validations("c9", id)
	assert.False(t, ok)

	// Deleting everything leaves the customer, with an empty list.
	require.Equal(t, 200, e.do(call{method: "POST", path: c + "/bank-accounts/" + banh, body: "command=delete"}).status)
	l = e.do(call{method: "GET", path: c + "/bank-accounts/list"}).json(t)
	assert.Equal(t, []any{}, l["list"])
}

// TestV32MetadataRoundTrip: metadata.KEY fields pass kin-openapi's form
// validation (additionalProperties: string) and come back as an object.
func TestV32MetadataRoundTrip(t *testing.T) {
	e := start(t)
	body := "bank_code=JP_HDFC&ifsc=HDFC0001234&account_number=40002323422&metadata.param1=value1&metadata.order.id=o-1&metadata.note=a+b%26c"
	r := e.do(call{method: "POST", path: "/customers/c1/bank-accounts", body: body})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	want := map[string]any{"param1": "value1", "order.id": "o-1", "note": "a b&c"}
	assert.Equal(t, want, r.json(t)["metadata"])
	got := e.do(call{method: "GET", path: "/customers/c1/bank-accounts/" + r.json(t)["id"].(string)}).json(t)
	assert.Equal(t, want, got["metadata"])
}

// TestSpecServed: GET /openapi.yaml serves the embedded spec, without auth.
func TestSpecServed(t *testing.T) {
	e := start(t)
	r := e.do(call{method: "GET", path: api.SpecPath, auth: "-", noRoutingID: true})
	require.Equal(t, http.StatusOK, r.status)
	assert.Contains(t, string(r.body), "operationId: createCustomerAccounts")
	h := e.do(call{method: "HEAD", path: api.SpecPath})
	assert.Equal(t, http.StatusOK, h.status)
	assert.Empty(t, h.body)
}

// TestListen: the loopback helper sets every timeout and serves.
func TestListen(t *testing.T) {
	hs, ln, err := api.Listen("", api.New())
	require.NoError(t, err)
	assert.Equal(t, api.ReadHeaderTimeout, hs.ReadHeaderTimeout)
	assert.Equal(t, api.ReadTimeout, hs.ReadTimeout)
	assert.Equal(t, api.WriteTimeout, hs.WriteTimeout)
	assert.Equal(t, api.IdleTimeout, hs.IdleTimeout)
	assert.Equal(t, api.MaxHeaderBytes, hs.MaxHeaderBytes)
	assert.Contains(t, ln.Addr().String(), "127.0.0.1:")
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get("http://" + ln.Addr().String() + api.SpecPath)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

func pluck(list map[string]any, key string) []any {
	out := []any{}
	for _, item := range list["list"].([]any) {
		out = append(out, item.(map[string]any)[key])
	}
	return out
}
