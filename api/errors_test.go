package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// errBody is the part of an error response the table checks.
type errBody struct {
	Status       string `json:"status"`
	ErrorCode    string `json:"error_code"`
	ErrorMessage string `json:"error_message"`
	ErrorInfo    struct {
		UserMessage      string `json:"user_message"`
		DeveloperMessage string `json:"developer_message"`
		Code             string `json:"code"`
		Category         string `json:"category"`
		Fields           []struct {
			FieldName string `json:"field_name"`
			Reason    string `json:"reason"`
		} `json:"fields"`
	} `json:"error_info"`
}

func decodeErr(t *testing.T, r response) errBody {
	t.Helper()
	var b errBody
	require.NoError(t, json.Unmarshal(r.body, &b), "%s", r.body)
	return b
}

func (b errBody) fieldNames() []string {
	var names []string
	for _, f := range b.ErrorInfo.Fields {
		names = append(names, f.FieldName)
	}
	return names
}

// fixture is a customer "c1" with a new-family bank account, a VPA, a v3.2
// bank account and a deleted v3.2 bank account.
type fixture struct {
	banh, vpa, ba, deleted string
}

func setupFixture(t *testing.T, e *emu) fixture {
	t.Helper()
	var fx fixture
	fx.banh = e.do(call{method: "POST", path: "/customers/c1/accounts", body: bankForm}).json(t)["customer_account_id"].(string)
	fx.vpa = e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=9164326296@upi"}).json(t)["customer_account_id"].(string)
	fx.ba = e.do(call{method: "POST", path: "/customers/c1/bank-accounts", body: legacySample}).json(t)["id"].(string)
	fx.deleted = e.do(call{method: "POST", path: "/customers/c1/bank-accounts", body: legacySample}).json(t)["id"].(string)
	r := e.do(call{method: "POST", path: "/customers/c1/bank-accounts/" + fx.deleted, body: "command=delete"})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	return fx
}

const (
	bankForm     = "bank_code=JP_HDFC&ifsc=AABF0008032&account_number=026291800001191&beneficiary_name=test"
	legacySample = "bank_code=JP_HDFC&command=create&ifsc=HDFC092343&account_number=40002323422&beneficiary_name=test&metadata.param1=value1&metadata.param2=value2"
)

func (fx fixture) expand(s string) string {
	return strings.NewReplacer("{banh}", fx.banh, "{vpa}", fx.vpa, "{ba}", fx.ba, "{deleted}", fx.deleted).Replace(s)
}

// TestErrorPaths covers every error the emulator answers, each response held
// to the spec by do (see checkResponse).
func TestErrorPaths(t *testing.T) {
	e := start(t, api.WithMaxBodyBytes(2048))
	fx := setupFixture(t, e)
	const (
		create   = "/customers/c1/accounts"
		create32 = "/customers/c1/bank-accounts"
		list     = "/customers/c1/customer-accounts/list"
	)
	validate := func(amount string) call {
		return call{method: "POST", path: "/customers/c1/customer-accounts/{banh}/validate", body: "validation_amount=" + amount}
	}
	type want struct {
		status          int
		errorCode, code string
		fields          []string
	}
	unauthorized := want{401, "access_denied", "UNAUTHORIZED", nil}
	notFound := want{404, "object_not_found", "RESOURCE_NOT_FOUND", nil}
	invalid := func(fields ...string) want { return want{400, "invalid_request", "INVALID_INPUT", fields} }
	missing := func(fields ...string) want {
		return want{400, "invalid_request", "MISSING_MANDATORY_PARAMETER", fields}
	}
	cases := []struct {
		name string
		call call
		want want
	}{
		// Authentication (checked before anything else).
		{"no key", call{method: "GET", path: list, auth: "-"}, unauthorized},
		{"wrong key", call{method: "GET", path: list, auth: basic("sk_wrong", "")}, unauthorized},
		{"password set", call{method: "GET", path: list, auth: basic(api.DefaultTestKey, "secret")}, unauthorized},
		{"bearer scheme", call{method: "GET", path: list, auth: "Bearer " + api.DefaultTestKey}, unauthorized},
		{"not base64", call{method: "GET", path: list, auth: "Basic !!!"}, unauthorized},
		{"no key and no routing id", call{method: "GET", path: list, auth: "-", noRoutingID: true}, unauthorized},
		{"no key on create", call{method: "POST", path: create, body: bankForm, auth: "-"}, unauthorized},
		// Headers and parameters.
		{"missing x-routing-id", call{method: "GET", path: list, noRoutingID: true}, missing("x-routing-id")},
		{"missing x-routing-id on create", call{method: "POST", path: create, body: bankForm, noRoutingID: true}, missing("x-routing-id")},
		{"empty x-routing-id", call{method: "GET", path: list, noRoutingID: true, extra: http.Header{"X-Routing-Id": {""}}}, missing("x-routing-id")},
		{"repeated x-routing-id", call{method: "GET", path: list, noRoutingID: true, extra: http.Header{"X-Routing-Id": {"a", "b"}}}, invalid("x-routing-id")},
		{"bad version header", call{method: "GET", path: list, header: map[string]string{"version": "June 2023"}}, invalid("version")},
		{"count zero", call{method: "GET", path: list + "?count=0"}, invalid("count")},
		{"count not a number", call{method: "GET", path: list + "?count=abc"}, invalid("count")},
		{"negative offset", call{method: "GET", path: list + "?offset=-1"}, invalid("offset")},
		{"customer id too long", call{method: "GET", path: "/customers/" + strings.Repeat("c", 129) + "/customer-accounts/list"}, invalid("customer_id")},
		// createCustomerAccounts input.
		{"bad IFSC", call{method: "POST", path: create, body: "ifsc=HDFC1234567&account_number=026291800001191"}, invalid("ifsc")},
		{"lower-case IFSC", call{method: "POST", path: create, body: "ifsc=aabf0008032&account_number=026291800001191"}, invalid("ifsc")},
		{"legacy 10-char IFSC on the new create", call{method: "POST", path: create, body: "ifsc=HDFC092343&account_number=40002323422"}, invalid("ifsc")},
		{"empty account number", call{method: "POST", path: create, body: "ifsc=AABF0008032&account_number="}, invalid("account_number")},
		{"bad IFSC and bank code", call{method: "POST", path: create, body: "ifsc=X&account_number=1&bank_code=jp%20hdfc"}, invalid("bank_code", "ifsc")},
		{"bad bank code", call{method: "POST", path: create, body: bankForm + "&bank_code=jp_hdfc"}, invalid("bank_code")},
		{"control character in name", call{method: "POST", path: create, body: "ifsc=AABF0008032&account_number=026291800001191&beneficiary_name=a%00b"}, invalid("beneficiary_name")},
		{"name too long", call{method: "POST", path: create, body: "ifsc=AABF0008032&account_number=026291800001191&beneficiary_name=" + strings.Repeat("n", 101)}, invalid("beneficiary_name")},
		{"VPA without @", call{method: "POST", path: create, body: "vpa=9164326296upi"}, invalid("vpa")},
		{"VPA with two @", call{method: "POST", path: create, body: "vpa=a@b@upi"}, invalid("vpa")},
		{"VPA with space", call{method: "POST", path: create, body: "vpa=ab+cd@upi"}, invalid("vpa")},
		{"VPA and bank account", call{method: "POST", path: create, body: "vpa=ab@upi&" + bankForm}, invalid("vpa")},
		{"unknown command", call{method: "POST", path: create, body: "command=remove&vpa=ab@upi"}, invalid("command")},
		{"neither VPA nor bank account", call{method: "POST", path: create, body: "command=create"}, missing("account_number", "ifsc", "vpa")},
		{"account number without IFSC", call{method: "POST", path: create, body: "account_number=026291800001191"}, missing("ifsc")},
		{"unknown field", call{method: "POST", path: create, body: "vpa=ab@upi&acount_number=1"}, invalid("body")},
		{"repeated field", call{method: "POST", path: create, body: "vpa=ab@upi&vpa=cd@upi"}, invalid("vpa")},
		{"malformed form", call{method: "POST", path: create, body: "vpa=%zz"}, invalid("body")},
		{"JSON body", call{method: "POST", path: create, body: `{"vpa":"ab@upi"}`, contentType: "application/json"}, invalid("Content-Type")},
		{"empty body", call{method: "POST", path: create}, missing("body")},
		// validateCustomerAccount input.
		{"zero amount", validate("0"), invalid("validation_amount")},
		{"zero amount with decimals", validate("0.00"), invalid("validation_amount")},
		{"negative amount", validate("-1"), invalid("validation_amount")},
		{"amount in exponent form", validate("1e2"), invalid("validation_amount")},
		{"amount with 3 decimals", validate("1.005"), invalid("validation_amount")},
		{"amount above 100", validate("100.01"), invalid("validation_amount")},
		{"amount with a huge exponent", validate("1e99999999"), invalid("validation_amount")},
		{"amount NaN", validate("NaN"), invalid("validation_amount")},
		{"amount Inf", validate("Inf"), invalid("validation_amount")},
		{"amount 101", validate("101"), invalid("validation_amount")},
		{"amount with leading zeros", validate("007"), invalid("validation_amount")},
		{"amount with a trailing dot", validate("1."), invalid("validation_amount")},
		{"amount of 40 digits", validate(strings.Repeat("9", 40)), invalid("validation_amount")},
		{"unknown validate field", call{method: "POST", path: "/customers/c1/customer-accounts/{banh}/validate", body: "amount=1"}, invalid("body")},
		// v3.2 input.
		{"v3.2 missing bank_code", call{method: "POST", path: create32, body: "ifsc=HDFC092343&account_number=40002323422"}, missing("bank_code")},
		{"v3.2 bad IFSC", call{method: "POST", path: create32, body: "bank_code=JP_HDFC&ifsc=HDFC09234&account_number=40002323422"}, invalid("ifsc")},
		{"v3.2 empty account number", call{method: "POST", path: create32, body: "bank_code=JP_HDFC&ifsc=HDFC092343&account_number="}, invalid("account_number")},
		{"v3.2 unknown command", call{method: "POST", path: create32, body: legacySample + "&command=delete"}, invalid("command")},
		{"v3.2 metadata as one field", call{method: "POST", path: create32, body: "bank_code=JP_HDFC&ifsc=HDFC092343&account_number=40002323422&metadata=map%5Bk%3Av%5D"}, invalid("metadata")},
		{"v3.2 empty metadata key", call{method: "POST", path: create32, body: "bank_code=JP_HDFC&ifsc=HDFC092343&account_number=40002323422&metadata.=v"}, invalid("metadata")},
		{"v3.2 metadata value too long", call{method: "POST", path: create32, body: "bank_code=JP_HDFC&ifsc=HDFC092343&account_number=40002323422&metadata.k=" + strings.Repeat("v", 257)}, invalid("metadata")},
		{"v3.2 validate with a field", call{method: "POST", path: "/customers/c1/bank-accounts/{ba}/validate", body: "validation_amount=1"}, invalid("validation_amount")},
		{"v3.2 validate with a JSON body", call{method: "POST", path: "/customers/c1/bank-accounts/{ba}/validate", body: `{"a":1}`, contentType: "application/json"}, invalid("Content-Type")},
		{"v3.2 delete without command", call{method: "POST", path: "/customers/c1/bank-accounts/{ba}", body: "x=1"}, missing("command")},
		{"v3.2 delete with empty body", call{method: "POST", path: "/customers/c1/bank-accounts/{ba}"}, missing("body")},
		{"v3.2 delete with another command", call{method: "POST", path: "/customers/c1/bank-accounts/{ba}", body: "command=remove"}, invalid("command")},
		// Unknown customers and accounts.
		{"list unknown customer", call{method: "GET", path: "/customers/nobody/customer-accounts/list"}, notFound},
		{"get, unknown customer", call{method: "GET", path: "/customers/nobody/customer-accounts/{banh}"}, notFound},
		{"validate, unknown customer", call{method: "POST", path: "/customers/nobody/customer-accounts/{banh}/validate"}, notFound},
		{"get unknown account", call{method: "GET", path: "/customers/c1/customer-accounts/banh_unknown"}, notFound},
		{"validate unknown account", call{method: "POST", path: "/customers/c1/customer-accounts/banh_unknown/validate"}, notFound},
		{"another customer's account", call{method: "GET", path: "/customers/c2/customer-accounts/{banh}"}, notFound},
		{"v3.2 list unknown customer", call{method: "GET", path: "/customers/nobody/bank-accounts/list"}, notFound},
		{"v3.2 get unknown account", call{method: "GET", path: "/customers/c1/bank-accounts/ba_unknown"}, notFound},
		{"v3.2 validate unknown account", call{method: "POST", path: "/customers/c1/bank-accounts/ba_unknown/validate"}, notFound},
		{"v3.2 delete unknown account", call{method: "POST", path: "/customers/c1/bank-accounts/ba_unknown", body: "command=delete"}, notFound},
		{"v3.2 get of a VPA", call{method: "GET", path: "/customers/c1/bank-accounts/{vpa}"}, notFound},
		{"v3.2 delete of a VPA", call{method: "POST", path: "/customers/c1/bank-accounts/{vpa}", body: "command=delete"}, notFound},
		{"deleted account: get", call{method: "GET", path: "/customers/c1/customer-accounts/{deleted}"}, notFound},
		{"deleted account: v3.2 get", call{method: "GET", path: "/customers/c1/bank-accounts/{deleted}"}, notFound},
		{"deleted account: validate", call{method: "POST", path: "/customers/c1/customer-accounts/{deleted}/validate"}, notFound},
		{"deleted account: v3.2 validate", call{method: "POST", path: "/customers/c1/bank-accounts/{deleted}/validate"}, notFound},
		{"deleted account: delete again", call{method: "POST", path: "/customers/c1/bank-accounts/{deleted}", body: "command=delete"}, notFound},
		// Routing.
		{"wrong method", call{method: "DELETE", path: list}, want{405, "invalid_request", "METHOD_NOT_ALLOWED", nil}},
		{"PUT on create", call{method: "PUT", path: create, body: bankForm}, want{405, "invalid_request", "METHOD_NOT_ALLOWED", nil}},
		{"POST on the spec", call{method: "POST", path: api.SpecPath, body: "x=1"}, want{405, "invalid_request", "METHOD_NOT_ALLOWED", nil}},
		{"unknown path", call{method: "GET", path: "/customers/c1/cards"}, want{404, "invalid_request", "RESOURCE_NOT_FOUND", nil}},
		{"root", call{method: "GET", path: "/"}, want{404, "invalid_request", "RESOURCE_NOT_FOUND", nil}},
		{"trailing slash", call{method: "GET", path: list + "/"}, want{404, "invalid_request", "RESOURCE_NOT_FOUND", nil}},
		// Size.
		{"body too big", call{method: "POST", path: create, body: "vpa=ab@upi&gateway_id=" + strings.Repeat("g", 3000)}, want{413, "invalid_request", "PAYLOAD_TOO_LARGE", []string{"body"}}},
		{"chunked body too big", call{method: "POST", path: create, chunked: true, body: "vpa=ab@upi&gateway_id=" + strings.Repeat("g", 3000)}, want{413, "invalid_request", "PAYLOAD_TOO_LARGE", []string{"body"}}},
		{"chunked v3.2 body too big", call{method: "POST", path: create32, chunked: true, body: legacySample + "&metadata.k=" + strings.Repeat("g", 3000)}, want{413, "invalid_request", "PAYLOAD_TOO_LARGE", []string{"body"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.call.path = fx.expand(c.call.path)
			r := e.do(c.call)
			require.Equal(t, c.want.status, r.status, "%s", r.body)
			b := decodeErr(t, r)
			assert.Equal(t, c.want.errorCode, b.ErrorCode)
			assert.Equal(t, c.want.code, b.ErrorInfo.Code)
			assert.Equal(t, c.want.fields, b.fieldNames(), "%s", r.body)
			for _, f := range b.ErrorInfo.Fields {
				assert.NotEmpty(t, f.Reason, "reason of %s", f.FieldName)
			}
			assert.NotEmpty(t, b.ErrorInfo.DeveloperMessage)
			assert.NotEmpty(t, b.ErrorInfo.UserMessage)
		})
	}
	// Nothing above changed the store: the failed creates stored nothing.
	r := e.do(call{method: "GET", path: list})
	assert.EqualValues(t, 3, r.json(t)["total"], "%s", r.body)
}

// TestDocumentedErrorBodies pins the 401 and 404 bodies to Juspay's samples,
// apart from the request id, which is fresh on every error.
func TestDocumentedErrorBodies(t *testing.T) {
	e := start(t)
	samples := map[int]string{401: "listCustomerAccounts.401.json", 404: "listCustomerAccounts.404.json"}
	calls := map[int]call{
		401: {method: "GET", path: "/customers/c1/customer-accounts/list", auth: "-"},
		404: {method: "GET", path: "/customers/c1/customer-accounts/list"},
	}
	for status, file := range samples {
		var want map[string]any
		raw := readSample(t, file)
		require.NoError(t, json.Unmarshal(raw, &want))
		first := e.do(calls[status]).json(t)
		second := e.do(calls[status]).json(t)
		id1 := first["error_info"].(map[string]any)["request_id"]
		id2 := second["error_info"].(map[string]any)["request_id"]
		assert.NotEqual(t, id1, id2, "request ids must be fresh")
		for _, m := range []map[string]any{want, first} {
			delete(m["error_info"].(map[string]any), "request_id")
		}
		assert.Equal(t, want, first, file)
	}
}

// TestCaps covers the per-customer and the total account caps.
func TestCaps(t *testing.T) {
	e := start(t, api.WithMaxAccountsPerCustomer(2), api.WithMaxAccounts(3))
	for i := 0; i < 2; i++ {
		r := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=abc@upi"})
		require.Equal(t, 200, r.status, "%s", r.body)
	}
	r := e.do(call{method: "POST", path: "/customers/c1/bank-accounts", body: legacySample})
	require.Equal(t, 400, r.status, "%s", r.body)
	b := decodeErr(t, r)
	assert.Equal(t, "LIMIT_EXCEEDED", b.ErrorInfo.Code)
	assert.Equal(t, []string{"customer_id"}, b.fieldNames())

	r = e.do(call{method: "POST", path: "/customers/c2/accounts", body: "vpa=abc@upi"})
	require.Equal(t, 200, r.status, "%s", r.body)
	r = e.do(call{method: "POST", path: "/customers/c3/accounts", body: "vpa=abc@upi"})
	require.Equal(t, 503, r.status, "%s", r.body)
	assert.Equal(t, "CAPACITY_EXCEEDED", decodeErr(t, r).ErrorInfo.Code)
	assert.EqualValues(t, 2, e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).json(t)["total"])
}

// TestDuplicateValidation: a validate while the previous penny drop is
// PENDING is refused and does not send a second penny.
func TestDuplicateValidation(t *testing.T) {
	clk := newClock()
	e := start(t, api.WithClock(clk.Now), api.WithValidationDelay(time.Minute))
	id := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=abc@upi&command=validate"}).json(t)["customer_account_id"].(string)
	r := e.do(call{method: "POST", path: "/customers/c1/customer-accounts/" + id + "/validate"})
	require.Equal(t, 400, r.status, "%s", r.body)
	b := decodeErr(t, r)
	assert.Equal(t, "DUPLICATE_REQUEST", b.ErrorInfo.Code)
	assert.Equal(t, []string{"customer_account_id"}, b.fieldNames())
	n, ok := e.api.Validations("c1", id)
	assert.True(t, ok)
	assert.Equal(t, 1, n)
}

// TestPanicBecomes500: a panic inside a handler (here: in the clock) is a
// Juspay-shaped 500 and the server keeps serving.
func TestPanicBecomes500(t *testing.T) {
	var boom bool
	var mu sync.Mutex
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		if boom {
			panic("clock exploded")
		}
		return time.Now()
	}
	e := start(t, api.WithClock(clock), api.WithLogger(discardLogger()))
	mu.Lock()
	boom = true
	mu.Unlock()
	r := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=abc@upi"})
	require.Equal(t, 500, r.status, "%s", r.body)
	b := decodeErr(t, r)
	assert.Equal(t, "internal_error", b.ErrorCode)
	assert.Equal(t, "INTERNAL_SERVER_ERROR", b.ErrorInfo.Code)
	mu.Lock()
	boom = false
	mu.Unlock()
	r = e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=abc@upi"})
	assert.Equal(t, 200, r.status, "%s", r.body)
}
