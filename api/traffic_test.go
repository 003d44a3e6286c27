package api_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// TestRecordedRequestMasked: Requests gives a test its own forms as sent;
// the control endpoint masks them field by field from the spec, undeclared
// fields and metadata whole, the query too.
func TestRecordedRequestMasked(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithControl())
	e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=asha@okhdfc&command=validate"})
	e.do(call{method: "POST", path: "/customers/c1/bank-accounts",
		body: "bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC0001234&beneficiary_name=Xanthippe&metadata.k=secret-v&account_numbr=40002323422&vpa_=asha@okhdfc"})
	e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list?count=5&api_key=" + api.DefaultTestKey})
	reqs := e.api.Requests()
	require.Len(t, reqs, 3)
	_, m := controlCall(t, e, "GET", "/_emulator/requests", "", "")
	shown := m["requests"].([]any)
	require.Len(t, shown, 3)
	cases := []struct {
		req                int
		field, raw, masked string
	}{
		{0, "vpa", "asha@okhdfc", "****@okhdfc"},
		{0, "command", "validate", "validate"},
		{1, "account_number", "40002323422", "XXXXXXX3422"},
		{1, "beneficiary_name", "Xanthippe", "X***"},
		{1, "ifsc", "HDFC0001234", "HDFC0001234"},
		{1, "metadata.k", "secret-v", "[REDACTED]"},
		{1, "account_numbr", "40002323422", "[REDACTED]"},
		{1, "vpa_", "asha@okhdfc", "[REDACTED]"},
	}
	for _, c := range cases {
		assert.Equal(t, c.raw, reqs[c.req].Form.Get(c.field), c.field)
		assert.Equal(t, []any{c.masked}, shown[c.req].(map[string]any)["form"].(map[string]any)[c.field], "the control endpoint shows %s masked", c.field)
	}
	assert.Equal(t, "api_key=%5BREDACTED%5D&count=5", shown[2].(map[string]any)["query"])
	assert.Equal(t, "count=5&api_key="+api.DefaultTestKey, reqs[2].Query, "Requests: as sent")
}
