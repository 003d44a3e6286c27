package contract_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/contract"
	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// amounts are the edge cases of an amount: leading zeros, zero, exponents,
// paise and beyond, the ceiling and past it, signs, spaces, a dot at either
// end, and what JSON or a float cannot hold.
var amounts = []string{
	"092", "007", "0", "0.00", "0.0", "1e2", "1E2", "5e-1", "1.005", "0.001", "100", "100.0", "100.00",
	"100.01", "101", "-1", "-0", " 1", "1 ", "1.", ".5", "", "1", "0.5", "0.50", "0.05", "0.01", "1.10",
	"99.99", "10.5", "1,5", "NaN", "Infinity", "0x10", "1e400", "12345678901234567890.5",
}

func schema(t *testing.T, name string) *openapi3.Schema {
	t.Helper()
	doc, err := spec.Doc()
	require.NoError(t, err)
	s := doc.Components.Schemas[name]
	require.NotNil(t, s, name)
	return s.Value
}

// TestRulesAreTheSpecs: each generated rule is its property's pattern and
// x-rule in openapi.yaml (make check-generated keeps the file in step).
func TestRulesAreTheSpecs(t *testing.T) {
	for _, tt := range []struct {
		rule          contract.Rule
		schema, field string
	}{
		{contract.ValidationAmount, "ValidateCustomerAccountForm", "validation_amount"},
		{contract.VPA, "CreateCustomerAccountForm", "vpa"},
	} {
		p := schema(t, tt.schema).Properties[tt.field].Value
		assert.Equal(t, tt.field, tt.rule.Field)
		assert.Equal(t, p.Pattern, tt.rule.Pattern(), tt.field)
		assert.Equal(t, p.Extensions["x-rule"], tt.rule.Reason, tt.field)
	}
}

// TestVPARule: the wrapper refuses exactly the VPAs the spec refuses.
func TestVPARule(t *testing.T) {
	form := schema(t, "CreateCustomerAccountForm")
	for _, v := range []string{"9164326296@upi", "****@okhdfcbank", "a@b", "pending.asha@okhdfcbank", "",
		"@upi", "asha@", "asha", "a@b@upi", "a b@upi", "a@up i", "a\x01@upi", "a@upi\n", "अ@upi"} {
		specOK := form.VisitJSON(map[string]any{"vpa": v}, openapi3.VisitAsRequest()) == nil
		assert.Equal(t, specOK, contract.VPA.Match(v), "%q: spec and wrapper disagree", v)
	}
}

// TestRequestAmountRule: the wrapper's rule (generated into contract.gen.go)
// accepts exactly what openapi.yaml's validation_amount accepts, which the
// emulator holds requests to; every accepted amount is also a JSON number
// that Go's json.Number and the response Amount schema take.
func TestRequestAmountRule(t *testing.T) {
	form := schema(t, "ValidateCustomerAccountForm")
	accepted := 0
	for _, v := range amounts {
		specOK := form.VisitJSON(map[string]any{"validation_amount": v}, openapi3.VisitAsRequest()) == nil
		assert.Equal(t, specOK, contract.ValidationAmount.Match(v), "%q: spec and wrapper disagree", v)
		if specOK {
			accepted++
			assert.True(t, decodes(t, v, true) && decodes(t, strconv.Quote(v), true), "%q: accepted in a request, refused in Go", v)
		}
	}
	assert.Equal(t, 11, accepted, "the table holds accepted values too")
}

// TestResponseAmountAgreesWithGo: openapi.yaml's Amount (validation_amount of
// CustomerAccount and BankAccount) accepts a value, as a JSON string or a JSON
// number, exactly when the generated models decode it.
func TestResponseAmountAgreesWithGo(t *testing.T) {
	for _, v := range amounts {
		for _, lit := range []string{strconv.Quote(v), v} {
			if !json.Valid([]byte(`{"a":` + lit + `}`)) {
				continue // not JSON at all: no server sends it
			}
			if _, err := strconv.ParseFloat(lit, 64); lit == v && err != nil {
				// A JSON number beyond float64 (1e400): a number to openapi.yaml and to
				// json.Number alike, but kin-openapi decodes bodies into float64 and refuses it.
				assert.True(t, decodes(t, lit, true), "%s", lit)
				continue
			}
			for _, name := range []string{"CustomerAccount", "BankAccount"} {
				specOK := validResponse(t, name, lit)
				assert.Equal(t, specOK, decodes(t, lit, name == "CustomerAccount"), "%s.validation_amount %s: spec and Go disagree", name, lit)
			}
		}
	}
}

// body is a response of the schema with validation_amount set to lit.
func body(customerAccount bool, lit string) string {
	if customerAccount {
		return `{"object":"customer_account","customer_account_id":"banh_1","customer_id":"c","validation_status":"ACTIVE","validation_amount":` + lit + `}`
	}
	return `{"object":"bank_account","id":"ba_1","customer_id":"c","validation_amount":` + lit + `}`
}

// validResponse decodes the body as kin-openapi decodes response bodies and validates it.
func validResponse(t *testing.T, name, lit string) bool {
	v, err := openapi3filter.JSONBodyDecoder(strings.NewReader(body(name == "CustomerAccount", lit)), nil, nil, nil)
	if err != nil {
		return false
	}
	return schema(t, name).VisitJSON(v, openapi3.VisitAsResponse()) == nil
}

// decodes reports whether the generated model decodes the body.
func decodes(t *testing.T, lit string, customerAccount bool) bool {
	t.Helper()
	var target any = &gen.BankAccount{}
	if customerAccount {
		target = &gen.CustomerAccount{}
	}
	return json.NewDecoder(bytes.NewReader([]byte(body(customerAccount, lit)))).Decode(target) == nil
}
