package wrapper

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetHeaders(t *testing.T) {
	c, err := New(testKey, WithBaseURL("http://127.0.0.1/p"), WithMerchantID("m1"), WithAPIVersion("2024-06-01"))
	require.NoError(t, err)
	cl := c.base
	tests := []struct {
		name, path string
		set        http.Header
		want       http.Header // headers checked
		wantErr    string
	}{
		{"defaults", "/customers/cst%201/customer-accounts/list", nil,
			http.Header{"Authorization": {c.auth}, "User-Agent": {userAgent}, "Accept": {"application/json"}, "X-Merchantid": {"m1"}, "Version": {"2024-06-01"}, "X-Routing-Id": {"cst 1"}}, ""},
		{"the request's own values win", "/customers/c/bank-accounts/list",
			http.Header{"X-Merchantid": {"m2"}, "Version": {"2025-01-01"}, "X-Routing-Id": {"cart_9"}},
			http.Header{"X-Merchantid": {"m2"}, "Version": {"2025-01-01"}, "X-Routing-Id": {"cart_9"}}, ""},
		{"an empty routing id is defaulted", "/customers/c/accounts", http.Header{"X-Routing-Id": {""}},
			http.Header{"X-Routing-Id": {"c"}}, ""},
		{"the key cannot be replaced", "/customers/c/accounts", http.Header{"Authorization": {"Basic other"}},
			http.Header{"Authorization": {c.auth}}, ""},
		{"no customer in the path", "/elsewhere/c", nil, nil, "names no customer"},
		{"control character in the id", "/customers/a%0Ab/accounts", nil, nil, "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, "http://127.0.0.1/p"+tt.path, nil)
			require.NoError(t, err)
			for k, v := range tt.set {
				req.Header[k] = v
			}
			_, cust := route(http.MethodGet, tt.path)
			if cust == "" {
				_, cust = route(http.MethodPost, tt.path)
			}
			err = cl.setHeaders(req, cust)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			for k, v := range tt.want {
				assert.Equal(t, v, req.Header[k], k)
			}
		})
	}
}

func TestRoute(t *testing.T) {
	for _, tt := range []struct{ method, path, want string }{
		{"POST", "/customers/c/accounts", "createCustomerAccounts"},
		{"GET", "/customers/c/customer-accounts/list", "listCustomerAccounts"},
		{"GET", "/customers/c/customer-accounts/a", "getCustomerAccount"},
		{"POST", "/customers/c/customer-accounts/a/validate", "validateCustomerAccount"},
		{"POST", "/customers/c/bank-accounts", "createBankAccount"},
		{"GET", "/customers/c/bank-accounts/list", "listBankAccounts"},
		{"GET", "/customers/c/bank-accounts/b", "getBankAccount"},
		{"POST", "/customers/c/bank-accounts/b", "deleteBankAccount"},
		{"POST", "/customers/c/bank-accounts/b/validate", "validateBankAccount"},
		{"GET", "/customers/c/accounts", ""},
		{"GET", "/elsewhere", ""},
	} {
		op, cust := route(tt.method, tt.path)
		assert.Equal(t, tt.want, op, tt.method+" "+tt.path)
		if op != "" {
			assert.Equal(t, "c", cust, tt.method+" "+tt.path)
		}
	}
}
