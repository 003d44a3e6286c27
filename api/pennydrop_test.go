package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

const delay = 10 * time.Second

func createNew(t *testing.T, e *emu, customer, body string) map[string]any {
	t.Helper()
	r := e.do(call{method: "POST", path: "/customers/" + customer + "/accounts", body: body})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	return r.json(t)
}

func getNew(t *testing.T, e *emu, customer, id string) map[string]any {
	t.Helper()
	r := e.do(call{method: "GET", path: "/customers/" + customer + "/customer-accounts/" + id})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	return r.json(t)
}

func validateNew(t *testing.T, e *emu, customer, id, body string) map[string]any {
	t.Helper()
	r := e.do(call{method: "POST", path: "/customers/" + customer + "/customer-accounts/" + id + "/validate", body: body})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	return r.json(t)
}

// TestPennyDropLifecycle: CREATED, then PENDING with last_validated null,
// then ACTIVE with last_validated set once the delay has passed.
func TestPennyDropLifecycle(t *testing.T) {
	clk := newClock()
	e := start(t, api.WithClock(clk.Now), api.WithValidationDelay(delay))
	created := createNew(t, e, "cst_1", bankForm)
	id := created["customer_account_id"].(string)
	assert.Regexp(t, `^banh_[A-Za-z0-9]{16}$`, id)
	assert.Equal(t, "CREATED", created["validation_status"])
	assert.Nil(t, created["last_validated"])
	assert.Contains(t, created, "last_validated", "last_validated is null, not omitted")
	assert.Equal(t, "2026-11-23T10:00:00Z", created["date_created"])
	assert.Equal(t, map[string]any{"bank_account": map[string]any{
		"account": "026291800001191", "name": "test", "ifsc": "AABF0008032",
		"juspay_bank_code": "JP_HDFC", "bank_name": "AU Small Finance Bank",
	}}, created["account_details"])
	assert.EqualValues(t, 1, created["validation_amount"])
	assert.Equal(t, "INR", created["currency"])

	clk.Advance(time.Minute)
	v := validateNew(t, e, "cst_1", id, "gateway_id=23&validation_amount=2.50")
	assert.Equal(t, "PENDING", v["validation_status"])
	assert.Nil(t, v["last_validated"])
	assert.EqualValues(t, 2.5, v["validation_amount"])

	clk.Advance(delay - time.Second)
	assert.Equal(t, "PENDING", getNew(t, e, "cst_1", id)["validation_status"])
	clk.Advance(time.Second)
	got := getNew(t, e, "cst_1", id)
	assert.Equal(t, "ACTIVE", got["validation_status"])
	assert.Equal(t, "2026-11-23T10:01:10Z", got["last_validated"])
	n, ok := e.api.Validations("cst_1", id)
	assert.True(t, ok)
	assert.Equal(t, 1, n)

	// A second validation: PENDING again, keeping the previous last_validated.
	clk.Advance(time.Hour)
	v = validateNew(t, e, "cst_1", id, "")
	assert.Equal(t, "PENDING", v["validation_status"])
	assert.Equal(t, "2026-11-23T10:01:10Z", v["last_validated"])
	assert.EqualValues(t, 1, v["validation_amount"], "the default amount is 1 INR")
	n, _ = e.api.Validations("cst_1", id)
	assert.Equal(t, 2, n)
}

// TestTestValues: the documented test values force FAILURE or a long PENDING,
// for bank accounts and VPAs, in both create-and-validate and validate.
func TestTestValues(t *testing.T) {
	cases := []struct {
		name, body string
		final      string
		long       bool
	}{
		{"bank ok", "ifsc=HDFC0000001&account_number=123456780001", "ACTIVE", false},
		{"bank 0002 fails", "ifsc=HDFC0000001&account_number=123456780002", "FAILURE", false},
		{"bank 0003 stays pending", "ifsc=HDFC0000001&account_number=123456780003", "ACTIVE", true},
		{"vpa ok", "vpa=alice@okaxis", "ACTIVE", false},
		{"vpa fail", "vpa=fail@upi", "FAILURE", false},
		{"vpa fail prefix, upper case", "vpa=FAIL.2@upi", "FAILURE", false},
		{"vpa pending", "vpa=pending@upi", "ACTIVE", true},
	}
	for _, c := range cases {
		for _, viaCreate := range []bool{true, false} {
			clk := newClock()
			e := start(t, api.WithClock(clk.Now), api.WithValidationDelay(delay))
			var first map[string]any
			var id string
			if viaCreate {
				first = createNew(t, e, "c", c.body+"&command=validate")
				id = first["customer_account_id"].(string)
			} else {
				id = createNew(t, e, "c", c.body)["customer_account_id"].(string)
				first = validateNew(t, e, "c", id, "")
			}
			assert.Equal(t, "PENDING", first["validation_status"], c.name)
			clk.Advance(delay)
			got := getNew(t, e, "c", id)
			if c.long {
				assert.Equal(t, "PENDING", got["validation_status"], c.name)
				assert.Nil(t, got["last_validated"], c.name)
				clk.Advance(api.LongPending - delay)
				got = getNew(t, e, "c", id)
			}
			assert.Equal(t, c.final, got["validation_status"], c.name)
			assert.NotNil(t, got["last_validated"], c.name)
		}
	}
}

// TestZeroDelay: with no delay the outcome is known in the validate response.
func TestZeroDelay(t *testing.T) {
	e := start(t, api.WithValidationDelay(0))
	a := createNew(t, e, "c", "vpa=bob@ybl&command=validate")
	assert.Equal(t, "ACTIVE", a["validation_status"])
	assert.NotNil(t, a["last_validated"])
	b := createNew(t, e, "c", "vpa=fail@ybl")
	v := validateNew(t, e, "c", b["customer_account_id"].(string), "")
	assert.Equal(t, "FAILURE", v["validation_status"])
	// A resolved account may be validated again (it is not PENDING).
	v = validateNew(t, e, "c", b["customer_account_id"].(string), "validation_amount=7.5")
	assert.Equal(t, "FAILURE", v["validation_status"])
	assert.Equal(t, `7.5`, string(jsonField(t, v, "validation_amount")), "the amount as sent")
}

// TestListPaging: creation order, offset and count, total.
func TestListPaging(t *testing.T) {
	e := start(t, api.WithCustomers("seeded"))
	r := e.do(call{method: "GET", path: "/customers/seeded/customer-accounts/list"})
	require.Equal(t, 200, r.status, "%s", r.body)
	assert.Equal(t, map[string]any{"object": "list", "list": []any{}, "offset": 0.0, "count": 0.0, "total": 0.0}, r.json(t))
	var ids []string
	for _, vpa := range []string{"a1@upi", "a2@upi", "a3@upi", "a4@upi", "a5@upi"} {
		ids = append(ids, createNew(t, e, "seeded", "vpa="+vpa)["customer_account_id"].(string))
	}
	page := e.do(call{method: "GET", path: "/customers/seeded/customer-accounts/list?offset=1&count=2"}).json(t)
	assert.EqualValues(t, 1, page["offset"])
	assert.EqualValues(t, 2, page["count"])
	assert.EqualValues(t, 5, page["total"])
	list := page["list"].([]any)
	require.Len(t, list, 2)
	assert.Equal(t, ids[1], list[0].(map[string]any)["customer_account_id"])
	assert.Equal(t, ids[2], list[1].(map[string]any)["customer_account_id"])
	beyond := e.do(call{method: "GET", path: "/customers/seeded/customer-accounts/list?offset=9"}).json(t)
	assert.Empty(t, beyond["list"])
	assert.EqualValues(t, 5, beyond["total"])
}
