package api_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEmptyVPAIsNone: openapi.yaml reads an empty vpa as no VPA (the /docs
// page leaves it empty beside its bank account example): with a bank account
// it is a bank account; alone it is the missing account it is.
func TestEmptyVPAIsNone(t *testing.T) {
	e := start(t)
	tests := []struct {
		body   string
		status int
		want   string
	}{
		{"vpa=&account_number=026291800001191&ifsc=AABF0008032&command=create", 200, `"validation_status":"CREATED"`},
		{"vpa=&command=create", 400, `"MISSING_MANDATORY_PARAMETER"`},
		{"vpa=&account_number=1", 400, `"field_name":"ifsc"`},
		{"vpa=a%40upi&account_number=026291800001191&ifsc=AABF0008032", 400, "not both"},
		{"vpa=no+at+sign", 400, "handle@provider"},
	}
	for _, tt := range tests {
		r := e.do(call{method: "POST", path: "/customers/cst_vpa/accounts", body: tt.body})
		assert.Equal(t, tt.status, r.status, tt.body)
		assert.Contains(t, string(r.body), tt.want, tt.body)
	}
}
