package juspayaccounts_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(juspayaccounts.OpenAPISpec())
	require.NoError(t, err)
	return doc
}

func TestSpecValidates(t *testing.T) {
	doc := loadSpec(t)
	// Examples are validated too: kin-openapi checks each against its schema.
	require.NoError(t, doc.Validate(context.Background(), openapi3.EnableExamplesValidation()))
	assert.Equal(t, "3.0.3", doc.OpenAPI)
}

func TestOpenAPISpecReturnsCopy(t *testing.T) {
	a := juspayaccounts.OpenAPISpec()
	a[0] = 'X'
	assert.NotEqual(t, a[0], juspayaccounts.OpenAPISpec()[0])
}

// TestOperations pins the set of (method, path, operationId): a dropped or renamed operation fails.
func TestOperations(t *testing.T) {
	want := []string{
		"GET /customers/{customer_id}/bank-accounts/list listBankAccounts",
		"GET /customers/{customer_id}/bank-accounts/{bank_account_id} getBankAccount",
		"GET /customers/{customer_id}/customer-accounts/list listCustomerAccounts",
		"GET /customers/{customer_id}/customer-accounts/{customer_account_id} getCustomerAccount",
		"POST /customers/{customer_id}/accounts createCustomerAccounts",
		"POST /customers/{customer_id}/bank-accounts createBankAccount",
		"POST /customers/{customer_id}/bank-accounts/{bank_account_id} deleteBankAccount",
		"POST /customers/{customer_id}/bank-accounts/{bank_account_id}/validate validateBankAccount",
		"POST /customers/{customer_id}/customer-accounts/{customer_account_id}/validate validateCustomerAccount",
	}
	var got []string
	for path, item := range loadSpec(t).Paths.Map() {
		for method, op := range item.Operations() {
			got = append(got, method+" "+path+" "+op.OperationID)
		}
	}
	sort.Strings(got)
	assert.Equal(t, want, got)
}

// TestOperationContract checks what every operation must declare.
func TestOperationContract(t *testing.T) {
	for path, item := range loadSpec(t).Paths.Map() {
		for method, op := range item.Operations() {
			t.Run(op.OperationID, func(t *testing.T) {
				for _, status := range []string{"200", "400", "401", "404", "default"} {
					resp := op.Responses.Value(status)
					if assert.NotNil(t, resp, "response %s", status) {
						mt := resp.Value.Content.Get("application/json")
						if assert.NotNil(t, mt, "response %s has no JSON body", status) {
							assert.NotNil(t, mt.Schema, "response %s has no schema", status)
						}
					}
				}
				require.NotNil(t, op.ExternalDocs, "externalDocs")
				assert.True(t, strings.HasPrefix(op.ExternalDocs.URL, "https://juspay.io/in/docs/api-reference/docs/express-checkout/"), op.ExternalDocs.URL)
				assert.NotEmpty(t, op.Summary)
				assert.NotEmpty(t, op.Description)
				assert.Equal(t, strings.Contains(path, "/bank-accounts"), op.Deprecated, "deprecated marks exactly the v3.2 family")

				headers := map[string]bool{}
				for _, p := range op.Parameters {
					if p.Value.In == openapi3.ParameterInHeader {
						headers[p.Value.Name] = p.Value.Required
					}
				}
				// x-routing-id is required by the current API and optional on v3.2 (see TestSpecAgreesWithDocs).
				assert.Equal(t, map[string]bool{"x-routing-id": !op.Deprecated, "x-merchantid": false, "version": false}, headers)

				if method == http.MethodPost && op.RequestBody != nil {
					assert.NotNil(t, op.RequestBody.Value.Content.Get("application/x-www-form-urlencoded"), "form body")
				}
			})
		}
	}
}

// TestAmountsAreDecimalSafe fails if an amount could be generated as a binary float.
func TestAmountsAreDecimalSafe(t *testing.T) {
	doc := loadSpec(t)
	amount := doc.Components.Schemas["Amount"].Value
	assert.Equal(t, "json.Number", amount.Extensions["x-go-type"])
	for name, ref := range doc.Components.Schemas {
		for field, prop := range ref.Value.Properties {
			if strings.Contains(field, "amount") && prop.Ref == "" {
				assert.False(t, prop.Value.Type.Is(openapi3.TypeNumber), "%s.%s is a bare number", name, field)
			}
		}
	}
}

// TestInferredFieldsCarryEvidence: every x-inferred field explains itself.
func TestInferredFieldsCarryEvidence(t *testing.T) {
	doc := loadSpec(t)
	n := 0
	check := func(where string, ext map[string]any, description string) {
		if ext["x-inferred"] == true {
			n++
			assert.Contains(t, strings.ToLower(description), "inferred", "%s is x-inferred but its description gives no evidence", where)
		}
	}
	for name, ref := range doc.Components.Schemas {
		check(name, ref.Value.Extensions, ref.Value.Description)
		for field, prop := range ref.Value.Properties {
			if prop.Ref == "" {
				check(name+"."+field, prop.Value.Extensions, prop.Value.Description)
			}
		}
	}
	for name, ref := range doc.Components.Parameters {
		check(name, ref.Value.Extensions, ref.Value.Description)
	}
	assert.GreaterOrEqual(t, n, 12, "the docs leave at least the new create/validate forms and list paging unnamed")
}

// TestDocSamples validates every documented sample body against its operation's response schema.
func TestDocSamples(t *testing.T) {
	doc := loadSpec(t)
	ops := map[string]*openapi3.Operation{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops[op.OperationID] = op
		}
	}
	files, err := filepath.Glob("testdata/samples/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 9)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			parts := strings.Split(filepath.Base(file), ".")
			require.Len(t, parts, 3, "name must be <operationId>.<status>.json")
			op := ops[parts[0]]
			require.NotNil(t, op, "unknown operation %q", parts[0])
			status, err := strconv.Atoi(parts[1])
			require.NoError(t, err, "status %q", parts[1])
			resp := op.Responses.Status(status)
			require.NotNil(t, resp, "status %s is not declared", parts[1])
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			var body any
			require.NoError(t, json.Unmarshal(raw, &body))
			schema := resp.Value.Content.Get("application/json").Schema.Value
			assert.NoError(t, schema.VisitJSON(body))
		})
	}
}

// TestSchemasRejectBadBodies proves the sample check is not vacuous.
func TestSchemasRejectBadBodies(t *testing.T) {
	doc := loadSpec(t)
	schemas := doc.Components.Schemas
	cases := []struct {
		schema, body string
	}{
		{"CustomerAccount", `{"object":"customer_account","customer_account_id":"a","customer_id":"c","validation_status":"DONE"}`},
		{"CustomerAccount", `{"object":"customer_account","customer_id":"c","validation_status":"ACTIVE"}`},
		{"CustomerAccount", `{"object":"customer_account","customer_account_id":"a","customer_id":"c","validation_status":"ACTIVE","validation_amount":"092"}`},
		{"CustomerAccount", `{"object":"customer_account","customer_account_id":"a","customer_id":"c","validation_status":"ACTIVE","date_created":"yesterday"}`},
		{"CustomerAccountList", `{"object":"list","list":{}}`},
		{"ErrorResponse", `{"status":"error"}`},
		{"DeleteBankAccountResult", `{"bank_account_id":"x"}`},
	}
	for _, c := range cases {
		var body any
		require.NoError(t, json.Unmarshal([]byte(c.body), &body))
		assert.Error(t, schemas[c.schema].Value.VisitJSON(body), "%s accepted %s", c.schema, c.body)
	}
}
