package wrapper

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHeadersEdit(t *testing.T) {
	h := &headers{auth: []string{"Basic x"}, userAgent: []string{"ua"}, merchantID: []string{"m1"}, apiVersion: []string{"2024-06-01"}, basePath: "/p"}
	tests := []struct {
		name, url string
		set       http.Header
		want      http.Header // headers checked
		wantErr   string
	}{
		{"defaults", "http://h/p/customers/cst%201/customer-accounts/list", nil,
			http.Header{"Authorization": {"Basic x"}, "User-Agent": {"ua"}, "Accept": {"application/json"}, "X-Merchantid": {"m1"}, "Version": {"2024-06-01"}, "X-Routing-Id": {"cst 1"}}, ""},
		{"the request's own values win", "http://h/p/customers/c/bank-accounts/list",
			http.Header{"X-Merchantid": {"m2"}, "Version": {"2025-01-01"}, "X-Routing-Id": {"cart_9"}},
			http.Header{"X-Merchantid": {"m2"}, "Version": {"2025-01-01"}, "X-Routing-Id": {"cart_9"}}, ""},
		{"an empty routing id is defaulted", "http://h/p/customers/c/accounts", http.Header{"X-Routing-Id": {""}},
			http.Header{"X-Routing-Id": {"c"}}, ""},
		{"the key cannot be replaced", "http://h/p/customers/c/accounts", http.Header{"Authorization": {"Basic other"}},
			http.Header{"Authorization": {"Basic x"}}, ""},
		{"no customer in the path", "http://h/p/elsewhere/c", nil, nil, "names no customer"},
		{"outside the base path", "http://h/customers/c/accounts", nil, nil, "names no customer"},
		{"control character in the id", "http://h/p/customers/a%0Ab/accounts", nil, nil, "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tt.url, nil)
			require.NoError(t, err)
			for k, v := range tt.set {
				req.Header[k] = v
			}
			err = h.edit(context.Background(), req)
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
