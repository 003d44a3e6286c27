package conformance

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUndeclaredFormKeys: kin-openapi decodes only declared form fields, so
// on its own it accepts `foo=1`; the Validator holds every key to the schema
// (closed new create form; v3.2 create admits only metadata.KEY extras).
func TestUndeclaredFormKeys(t *testing.T) {
	v := newValidator(t)
	cases := []struct {
		name, path, body string
		bad              []string // locations of the expected violations
	}{
		{"create: documented fields", "/customers/cst_1/accounts", "command=validate&vpa=ravi%40okaxis", nil},
		{"create: unknown field", "/customers/cst_1/accounts", "vpa=ravi%40okaxis&foo=1", []string{"body/foo"}},
		{"create: metadata is not a field of the new form", "/customers/cst_1/accounts", "vpa=ravi%40okaxis&metadata.k=v", []string{"body/metadata.k"}},
		{"create: neither a VPA nor a bank account", "/customers/cst_1/accounts", "command=create", []string{"body"}},
		{"create: account number without IFSC", "/customers/cst_1/accounts", "account_number=026291800001191", []string{"body"}},
		{"v3.2 create: documented sample", "/customers/cst_1/bank-accounts",
			"bank_code=JP_HDFC&command=create&ifsc=HDFC092343&account_number=40002323422&beneficiary_name=test&metadata.param1=value1&metadata.param2=value2", nil},
		{"v3.2 create: unknown field", "/customers/cst_1/bank-accounts", "bank_code=JP_HDFC&ifsc=HDFC092343&account_number=40002323422&foo=1", []string{"body/foo"}},
		{"v3.2 create: a Go map printed instead of dot keys", "/customers/cst_1/bank-accounts",
			"bank_code=JP_HDFC&ifsc=HDFC092343&account_number=40002323422&metadata=map%5Bk%3Av%5D", []string{"body/metadata"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, "https://sandbox.juspay.in"+c.path, strings.NewReader(c.body))
			require.NoError(t, err)
			req.Header.Set("Authorization", basic(testKey))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Routing-Id", "cst_1")
			err = v.ValidateRequest(context.Background(), req)
			if c.bad == nil {
				assert.NoError(t, err)
				return
			}
			var rep *Report
			require.ErrorAs(t, err, &rep)
			var locations []string
			for _, viol := range rep.Violations {
				locations = append(locations, viol.Location)
			}
			assert.Subset(t, locations, c.bad)
			assert.NotContains(t, err.Error(), "ravi", "a violation never quotes a value")
		})
	}
}

// TestUndeclaredKeyEscapedAndCapped: an odd undeclared key is quoted
// escaped and capped, so a report cannot forge a line or flood a log.
func TestUndeclaredKeyEscapedAndCapped(t *testing.T) {
	v := newValidator(t)
	long := strings.Repeat("k", 500)
	body := url.Values{"vpa": {"ravi@okaxis"}, "a\nb": {"1"}, long: {"1"}}.Encode()
	req, err := http.NewRequest(http.MethodPost, "https://sandbox.juspay.in/customers/cst_1/accounts", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", basic(testKey))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Routing-Id", "cst_1")
	var rep *Report
	require.ErrorAs(t, v.ValidateRequest(context.Background(), req), &rep)
	assert.Subset(t, rep.Locations(), []string{`body/a\nb`, "body/" + strings.Repeat("k", maxKeyInReport) + "...(500 bytes)"})
	assert.NotContains(t, rep.Error(), "a\nb")
}
