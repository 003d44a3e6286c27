package juspayaccounts_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/conformance"
	"github.com/pennydrop/juspay-accounts/gen"
)

// seedsDir holds Juspay's pages as the project received them (beside the
// repository in CI). When it is present, every quote below must be in it.
const seedsDir = "../shared/seeds"

// TestSpecAgreesWithDocs resolves each place where Juspay's pages disagree
// with themselves or where a validating mock disagreed with a page. Each row
// quotes the deciding doc line and checks the spec, the validator and the
// generated models against it.
func TestSpecAgreesWithDocs(t *testing.T) {
	doc := loadSpec(t)
	schemas := doc.Components.Schemas
	v, err := conformance.NewValidator()
	require.NoError(t, err)
	seeds := readSeeds(t)

	rows := []struct {
		name  string
		quote string // the deciding line(s) of Juspay's pages
		check func(t *testing.T)
	}{{
		name:  "v3.2 calls do not require x-routing-id",
		quote: "URL Embedded (Path) Parameters: Field * Type Description customer_id * String",
		check: func(t *testing.T) {
			for _, id := range []string{"createBankAccount", "validateBankAccount", "listBankAccounts", "getBankAccount", "deleteBankAccount"} {
				for _, p := range operation(t, doc, id).Parameters {
					if p.Value.Name == "x-routing-id" {
						assert.False(t, p.Value.Required, "%s requires x-routing-id", id)
					}
				}
			}
			// The v3.2 sample request, sent without the header, validates...
			req := request(t, http.MethodPost, "/customers/cst_1/bank-accounts",
				"bank_code=JP_HDFC&command=create&ifsc=HDFC092343&account_number=40002323422&beneficiary_name=test&metadata.param1=value1&metadata.param2=value2")
			req.Header.Del("X-Routing-Id")
			assert.NoError(t, v.ValidateRequest(context.Background(), req))
			// ...while the current API still requires it.
			req = request(t, http.MethodGet, "/customers/cst_1/customer-accounts/list", "")
			req.Header.Del("X-Routing-Id")
			assert.Error(t, v.ValidateRequest(context.Background(), req))
		},
	}, {
		name:  "a 400 body may be the empty object the pages show",
		quote: "### 400: #### object: - Description: {} - Tags: JSON",
		check: func(t *testing.T) {
			assert.NoError(t, schemas["BadRequestError"].Value.VisitJSON(map[string]any{}))
			assert.NoError(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 400, jsonHeader(), []byte(`{}`)))
			assert.Error(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 400, jsonHeader(), []byte(`{"status":"error"}`)),
				"a body that is neither {} nor a whole error is still refused")
			var e gen.BadRequestError
			require.NoError(t, json.Unmarshal([]byte(`{}`), &e))
			assert.Equal(t, gen.ErrorResponse{}, e)
		},
	}, {
		name:  "offset, count and total: String in the table, numbers in the sample",
		quote: `#### offset: - Value: 0 - Tags: String #### count: - Description: Number of linked customer account ID for the provided customer - Value: 2 - Tags: String`,
		check: func(t *testing.T) {
			for _, body := range []string{
				`{"object":"list","list":[],"offset":0,"count":2,"total":2}`,
				`{"object":"list","list":[],"offset":"0","count":"2","total":"2"}`,
			} {
				assert.NoError(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 200, jsonHeader(), []byte(body)), body)
				var l gen.CustomerAccountList
				require.NoError(t, json.Unmarshal([]byte(body), &l), body)
				assert.Equal(t, 2, int(l.Total), body)
				var b gen.BankAccountList
				require.NoError(t, json.Unmarshal([]byte(body), &b), body)
				assert.Equal(t, 2, int(b.Count), body)
			}
			assert.Error(t, v.ValidateResponseBody(context.Background(), "listCustomerAccounts", 200, jsonHeader(),
				[]byte(`{"object":"list","list":[],"total":"two"}`)), "garbage is refused")
		},
	}, {
		name:  "juspay_bank_code: String in the table, an unquoted 12 as its value",
		quote: "**Juspay_bank_code**: - Description: Bank code - Value: 12 - Tags: String",
		check: func(t *testing.T) {
			for _, code := range []string{`"12"`, `12`} {
				body := `{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1","validation_status":"CREATED",` +
					`"account_details":{"bank_account":{"account":"026291800001191","ifsc":"AABF0008032","juspay_bank_code":` + code + `}}}`
				assert.NoError(t, v.ValidateResponseBody(context.Background(), "getCustomerAccount", 200, jsonHeader(), []byte(body)), code)
				var a gen.CustomerAccount
				require.NoError(t, json.Unmarshal([]byte(body), &a))
				assert.Equal(t, "12", string(a.AccountDetails.BankAccount.JuspayBankCode))
			}
		},
	}, {
		name:  "v3.2 metadata: String in the table, an object in the samples",
		quote: "metadata: {param1, param2, ....} StringCustom key-value sets sent in request",
		check: func(t *testing.T) {
			for _, md := range []string{`{"param1":"value1"}`, `"{\"param1\":\"value1\"}"`} {
				body := `{"object":"bank_account","id":"ba_1","customer_id":"cst_1","metadata":` + md + `}`
				assert.NoError(t, v.ValidateResponseBody(context.Background(), "getBankAccount", 200, jsonHeader(), []byte(body)), md)
				var b gen.BankAccount
				require.NoError(t, json.Unmarshal([]byte(body), &b))
				assert.Equal(t, "value1", b.Metadata["param1"], md)
			}
		},
	}, {
		name:  "every v3.2 validation status is in the enum",
		quote: "validation_statusStringStatus of account (CREATED, PENDING, or ACTIVE)",
		check: func(t *testing.T) {
			status := schemas["BankAccount"].Value.Properties["validation_status"].Value
			for _, s := range []string{"CREATED", "PENDING", "ACTIVE"} {
				assert.Contains(t, status.Enum, s)
				assert.NoError(t, status.VisitJSON(s))
			}
		},
	}, {
		name:  "the create forms name their mandatory fields and refuse unknown ones",
		quote: "bank_code * String Juspay bank code ID defining the bank. account_number * String Bank account number. ifsc * String IFSC code for a bank branch.",
		check: func(t *testing.T) {
			assert.ElementsMatch(t, []string{"bank_code", "account_number", "ifsc"}, schemas["CreateBankAccountForm"].Value.Required)
			create := schemas["CreateCustomerAccountForm"].Value
			require.NotNil(t, create.AdditionalProperties.Has)
			assert.False(t, *create.AdditionalProperties.Has, "the new create form is closed")
			for path, body := range map[string]string{
				"/customers/cst_1/accounts":      "vpa=ravi%40okaxis&foo=1",
				"/customers/cst_1/bank-accounts": "bank_code=JP_HDFC&ifsc=HDFC092343&account_number=40002323422&foo=1",
			} {
				assert.Error(t, v.ValidateRequest(context.Background(), request(t, http.MethodPost, path, body)), "%s accepted foo=1", path)
			}
			assert.Error(t, v.ValidateRequest(context.Background(), request(t, http.MethodPost, "/customers/cst_1/accounts", "command=create")),
				"a create with neither a VPA nor a bank account")
		},
	}, {
		name:  "GET samples send a Content-Type header",
		quote: "curl -X GET \\ https://api.juspay.in/customers/cst_zqqmw0v4exbhvv2l/customer-accounts/list' \\ --header 'Authorization: Basic QTA0QT*******ODg1Og==' \\ --header 'x-routing-id: customer_1122'\\ --header 'Content-Type: application/x-www-form-urlencoded'",
		check: func(t *testing.T) {
			for _, path := range []string{"/customers/cst_1/customer-accounts/list", "/customers/cst_1/customer-accounts/banh_1", "/customers/cst_1/bank-accounts/list"} {
				req := request(t, http.MethodGet, path, "")
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				assert.NoError(t, v.ValidateRequest(context.Background(), req), path)
			}
		},
	}}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			if seeds != "" {
				assert.True(t, strings.Contains(seeds, squash(row.quote)), "the quote %q is not in Juspay's pages (%s)", row.quote, seedsDir)
			}
			row.check(t)
		})
	}
}

func operation(t *testing.T, doc *openapi3.T, id string) *openapi3.Operation {
	t.Helper()
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID == id {
				return op
			}
		}
	}
	t.Fatalf("no operation %s", id)
	return nil
}

func request(t *testing.T, method, path, form string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, "https://sandbox.juspay.in"+path, strings.NewReader(form))
	require.NoError(t, err)
	if form == "" {
		req.Body = http.NoBody
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.SetBasicAuth("key_test", "")
	req.Header.Set("X-Routing-Id", "cst_1")
	return req
}

func jsonHeader() http.Header { return http.Header{"Content-Type": {"application/json"}} }

var spaces = regexp.MustCompile(`[\s\x{00a0}]+`)

// squash folds all white space to one space, so a quote matches the page
// whatever its line breaks, indentation and non-breaking spaces.
func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// readSeeds returns every page of seedsDir, squashed, or "" when the folder
// is not beside the repository.
func readSeeds(t *testing.T) string {
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	var b strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		b.WriteString(squash(string(raw)))
		b.WriteString(" ")
	}
	return b.String()
}
