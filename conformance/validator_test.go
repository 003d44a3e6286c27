package conformance

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validRequest is a documented create call, the base of the request controls.
func validRequest(t *testing.T, host string) *http.Request {
	t.Helper()
	form := "account_number=026291800001191&bank_code=JP_HDFC&beneficiary_name=test&ifsc=AABF0008032"
	req, err := http.NewRequest(http.MethodPost, host+"/customers/cst_1/accounts", strings.NewReader(form))
	require.NoError(t, err)
	req.Header.Set("Authorization", basic(testKey))
	req.Header.Set("X-Routing-Id", "cst_1")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func TestRouteFoundWhateverTheHost(t *testing.T) {
	v := newValidator(t)
	for _, host := range []string{"https://sandbox.juspay.in", "https://api.juspay.in", "https://api-ns1.juspay.in", "http://127.0.0.1:49152", "http://localhost"} {
		req := validRequest(t, host)
		assert.NoError(t, v.ValidateRequest(context.Background(), req), host)
		assert.Equal(t, "createCustomerAccounts", v.Operation(req.Method, req.URL), host)
	}
	u, _ := url.Parse("https://sandbox.juspay.in/customers/cst_1/orders")
	assert.Equal(t, "", v.Operation(http.MethodGet, u))
}

// TestRequestControls: each broken request is rejected at the right place.
func TestRequestControls(t *testing.T) {
	v := newValidator(t)
	cases := []struct {
		name     string
		edit     func(r *http.Request)
		location string
	}{
		{"no Authorization", func(r *http.Request) { r.Header.Del("Authorization") }, "header Authorization"},
		{"key with a password", func(r *http.Request) {
			r.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(testKey+":secret")))
		}, "header Authorization"},
		{"empty key", func(r *http.Request) { r.Header.Set("Authorization", basic("")) }, "header Authorization"},
		{"bearer token", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+testKey) }, "header Authorization"},
		{"no x-routing-id", func(r *http.Request) { r.Header.Del("X-Routing-Id") }, "header x-routing-id"},
		{"empty x-routing-id", func(r *http.Request) { r.Header.Set("X-Routing-Id", "") }, "header x-routing-id"},
		{"bad version header", func(r *http.Request) { r.Header.Set("Version", "June 2023") }, "header version"},
		{"unknown command", func(r *http.Request) { setBody(r, "command=nuke&vpa=a%40b") }, "body/command"},
		{"JSON body", func(r *http.Request) {
			setBody(r, `{"vpa":"a@b"}`)
			r.Header.Set("Content-Type", "application/json")
		}, "body"},
		{"no body", func(r *http.Request) { setBody(r, "") }, "body"},
		{"unknown path", func(r *http.Request) { r.URL.Path = "/customers/cst_1/wallets" }, "route"},
		{"wrong method", func(r *http.Request) { r.Method = http.MethodDelete }, "route"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := validRequest(t, "https://sandbox.juspay.in")
			c.edit(req)
			r := reportOf(t, v.ValidateRequest(context.Background(), req))
			assert.Contains(t, r.Locations(), c.location, r.Error())
			assert.NotContains(t, r.Error(), testKey, "a report must not quote the API key")
		})
	}

	t.Run("v3.2 create without its required fields", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, "https://api.juspay.in/customers/cst_1/bank-accounts", strings.NewReader("bank_code=JP_HDFC&metadata.param1=v"))
		req.Header.Set("Authorization", basic(testKey))
		req.Header.Set("X-Routing-Id", "cst_1")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r := reportOf(t, v.ValidateRequest(context.Background(), req))
		assert.ElementsMatch(t, []string{"body/account_number", "body/ifsc"}, r.Locations())
	})
	t.Run("paging out of range", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, "https://api.juspay.in/customers/cst_1/customer-accounts/list?offset=-1&count=0", nil)
		req.Header.Set("Authorization", basic(testKey))
		req.Header.Set("X-Routing-Id", "cst_1")
		r := reportOf(t, v.ValidateRequest(context.Background(), req))
		assert.ElementsMatch(t, []string{"query offset", "query count"}, r.Locations())
	})
}

func setBody(r *http.Request, s string) {
	r.Body = io.NopCloser(strings.NewReader(s))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(s)), nil }
	r.ContentLength = int64(len(s))
}

// TestEveryProblemAtOnce: one report lists request and response problems together.
func TestEveryProblemAtOnce(t *testing.T) {
	v := newValidator(t)
	req := validRequest(t, "https://sandbox.juspay.in")
	req.Header.Del("Authorization")
	req.Header.Del("X-Routing-Id")
	setBody(req, "command=nuke&vpa=a%40b")
	resp := &http.Response{StatusCode: 200, Header: jsonHeader(), Body: io.NopCloser(strings.NewReader(
		`{"object":"customer_account","customer_account_id":"banh_1","validation_status":"VERIFIED","date_created":"yesterday"}`))}
	r := reportOf(t, v.Validate(context.Background(), req, resp))
	assert.ElementsMatch(t, []string{"header Authorization", "header x-routing-id", "body/command",
		"body/customer_id", "body/validation_status", "body/date_created"}, r.Locations(), r.Error())
	for _, viol := range r.Violations {
		assert.Equal(t, "createCustomerAccounts", viol.Operation)
		assert.Equal(t, "/customers/{customer_id}/accounts", viol.Path)
		assert.Equal(t, 200, viol.Status)
		assert.Equal(t, http.MethodPost, viol.Method)
	}
	assert.Equal(t, SideRequest, r.Violations[0].Side)
	assert.Contains(t, r.Error(), "createCustomerAccounts POST /customers/{customer_id}/accounts [200] response body/validation_status")
}

// TestSchemaMessagesQuoteNoValues: a broken field's value (an account number)
// never appears in the report.
func TestSchemaMessagesQuoteNoValues(t *testing.T) {
	v := newValidator(t)
	body := `{"object":"customer_account","customer_account_id":"banh_1","customer_id":"c","validation_status":"ACTIVE",` +
		`"account_details":{"bank_account":{"account":987654321012,"name":["Asha Rao"]}},"validation_amount":"9876543210x"}`
	err := v.ValidateResponseBody(context.Background(), "getCustomerAccount", 200, nil, []byte(body))
	r := reportOf(t, err)
	assert.ElementsMatch(t, []string{"body/account_details/bank_account/account", "body/account_details/bank_account/name", "body/validation_amount"}, r.Locations())
	for _, secret := range []string{"987654321012", "Asha", "9876543210"} {
		assert.NotContains(t, r.Error(), secret)
	}
}

// TestBodiesIntact: after validation the caller reads the same bytes again.
func TestBodiesIntact(t *testing.T) {
	v := newValidator(t)
	const respBody = `{"object":"list","list":[]}`
	for _, withGetBody := range []bool{true, false} {
		req := validRequest(t, "https://sandbox.juspay.in")
		if !withGetBody {
			req.GetBody = nil
			req.Body = io.NopCloser(strings.NewReader("vpa=a%40b&command=validate"))
		}
		want, err := io.ReadAll(mustGetBody(t, req))
		require.NoError(t, err)
		resp := &http.Response{StatusCode: 200, Header: jsonHeader(), Body: io.NopCloser(strings.NewReader(respBody))}
		// The list body does not fit createCustomerAccounts: validation must fail and still restore both bodies.
		reportOf(t, v.Validate(context.Background(), req, resp))
		gotReq, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(gotReq), "request body (GetBody=%v)", withGetBody)
		gotResp, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, respBody, string(gotResp))
		assert.Equal(t, "cst_1", req.Header.Get("X-Routing-Id"))
	}
}

// mustGetBody returns a fresh reader over the request body without consuming
// req.Body, buffering it first when the request has no GetBody.
func mustGetBody(t *testing.T, req *http.Request) io.Reader {
	t.Helper()
	if req.GetBody != nil {
		rc, err := req.GetBody()
		require.NoError(t, err)
		return rc
	}
	b, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	req.Body = io.NopCloser(bytes.NewReader(b))
	return bytes.NewReader(b)
}

func TestUndeclaredAndDefaultStatuses(t *testing.T) {
	v := newValidator(t)
	errBody := []byte(`{"status":"error","error_code":"too_many_requests"}`)
	assert.NoError(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 429, nil, errBody), "default covers 429")
	assert.NoError(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 503, nil, errBody), "default covers 503")
	r := reportOf(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 204, nil, nil))
	assert.Equal(t, []string{"status"}, r.Locations())
	r = reportOf(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 503, nil, nil))
	assert.Equal(t, []string{"body"}, r.Locations(), "an empty error body is a violation too")
	assert.Error(t, v.ValidateResponseBody(context.Background(), "noSuchOperation", 200, nil, errBody))
}

func TestKeyCheck(t *testing.T) {
	v, err := NewValidator(WithKeyCheck(func(k string) bool { return k == "good" }))
	require.NoError(t, err)
	req := validRequest(t, "https://sandbox.juspay.in")
	req.Header.Set("Authorization", basic("good"))
	assert.NoError(t, v.ValidateRequest(context.Background(), req))
	req.Header.Set("Authorization", basic("other"))
	r := reportOf(t, v.ValidateRequest(context.Background(), req))
	assert.Equal(t, []string{"header Authorization"}, r.Locations())
}
