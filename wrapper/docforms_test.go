package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestDecodesBothDocumentedForms: where Juspay's field tables and samples
// disagree (counts as strings or numbers, juspay_bank_code as a string or a
// number, v3.2 metadata as an object or a string, a 400 body of {}), the
// client decodes either form.
func TestDecodesBothDocumentedForms(t *testing.T) {
	bodies := map[string]string{
		"/customers/cst_1/customer-accounts/list": `{"object":"list","offset":"0","count":"1","total":"1","list":[` +
			`{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1","validation_status":"ACTIVE",` +
			`"account_details":{"bank_account":{"account":"026291800001191","ifsc":"AABF0008032","juspay_bank_code":12}}}]}`,
		"/customers/cst_1/bank-accounts/ba_1": `{"object":"bank_account","id":"ba_1","customer_id":"cst_1","metadata":"{\"param1\":\"value1\"}"}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body, ok := bodies[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			body = `{}`
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := wrapper.New("key_test", wrapper.WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx := context.Background()

	l, err := c.ListCustomerAccounts(ctx, "cst_1", nil)
	require.NoError(t, err)
	assert.Equal(t, 1, int(l.Total))
	require.Len(t, l.List, 1)
	assert.Equal(t, "12", string(l.List[0].AccountDetails.BankAccount.JuspayBankCode))

	b, err := c.BankAccountsV32().Get(ctx, "cst_1", "ba_1")
	require.NoError(t, err)
	assert.Equal(t, "value1", b.Metadata["param1"])

	_, err = c.GetCustomerAccount(ctx, "cst_1", "banh_unknown")
	var apiErr *wrapper.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, "a 400 with {} keeps its status")
	assert.Equal(t, "{}", string(apiErr.Body))
}
