package spec

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRouterMatchesAnyHost(t *testing.T) {
	r, err := Router()
	require.NoError(t, err)
	cases := []struct{ method, url, op string }{
		{"GET", "https://sandbox.juspay.in/customers/c1/customer-accounts/list", "listCustomerAccounts"},
		{"GET", "http://127.0.0.1:8080/customers/c1/customer-accounts/acc1", "getCustomerAccount"},
		{"GET", "https://api.juspay.in/customers/c1/bank-accounts/list", "listBankAccounts"},
		{"GET", "https://api-ns1.juspay.in/customers/c1/bank-accounts/ba1", "getBankAccount"},
		{"POST", "http://localhost/customers/c1/bank-accounts/ba1", "deleteBankAccount"},
		{"POST", "http://localhost/customers/c1/bank-accounts/ba1/validate", "validateBankAccount"},
		{"POST", "http://localhost/customers/c1/accounts", "createCustomerAccounts"},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, c.url, nil)
		route, _, err := r.FindRoute(req)
		if assert.NoError(t, err, c.url) {
			assert.Equal(t, c.op, route.Operation.OperationID, c.url)
		}
	}
	_, _, err = r.FindRoute(httptest.NewRequest("GET", "http://localhost/customers/c1/unknown", nil))
	assert.Error(t, err)
}

func TestOperations(t *testing.T) {
	ops, err := Operations()
	require.NoError(t, err)
	assert.Len(t, ops, 9)
	assert.Equal(t, "POST", ops["deleteBankAccount"].Method)
	assert.Equal(t, "/customers/{customer_id}/customer-accounts/list", ops["listCustomerAccounts"].Path)
}

func TestBasicAuth(t *testing.T) {
	doc, err := Doc()
	require.NoError(t, err)
	scheme := doc.Components.SecuritySchemes["basicAuth"].Value
	check := BasicAuth(func(k string) bool { return k == "key_ok" })
	cases := []struct {
		name, header string
		ok           bool
	}{
		{"valid", "Basic " + base64.StdEncoding.EncodeToString([]byte("key_ok:")), true},
		{"lowercase scheme", "basic " + base64.StdEncoding.EncodeToString([]byte("key_ok:")), true},
		{"missing", "", false},
		{"wrong key", "Basic " + base64.StdEncoding.EncodeToString([]byte("key_bad:")), false},
		{"password set", "Basic " + base64.StdEncoding.EncodeToString([]byte("key_ok:secret")), false},
		{"no colon", "Basic " + base64.StdEncoding.EncodeToString([]byte("key_ok")), false},
		{"not base64", "Basic !!!", false},
		{"bearer", "Bearer key_ok", false},
	}
	for _, c := range cases {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if c.header != "" {
			req.Header.Set("Authorization", c.header)
		}
		err := check(context.Background(), &openapi3filter.AuthenticationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req},
			SecuritySchemeName:     "basicAuth",
			SecurityScheme:         scheme,
		})
		assert.Equal(t, c.ok, err == nil, c.name)
	}
}

func TestUndeclaredFormKeys(t *testing.T) {
	form := url.Values{"vpa": {"a@b"}, "metadata.k": {"v"}, "metadata": {"map[k:v]"}, "foo": {"1"}}
	props := openapi3.Schemas{"vpa": openapi3.NewStringSchema().NewRef()}
	closed := &openapi3.Schema{Properties: props, AdditionalProperties: openapi3.AdditionalProperties{Has: new(false)}}
	pattern := &openapi3.Schema{Properties: props, Extensions: map[string]any{AdditionalKeyPattern: `^metadata\.[a-z]+$`}}
	for _, c := range []struct {
		name   string
		schema *openapi3.Schema
		want   []string
	}{
		{"no schema", nil, nil},
		{"open, no pattern", &openapi3.Schema{Properties: props}, nil},
		{"closed", closed, []string{"foo", "metadata", "metadata.k"}},
		{"open with a key pattern", pattern, []string{"foo", "metadata"}},
	} {
		assert.Equal(t, c.want, UndeclaredFormKeys(c.schema, form), c.name)
	}
}
