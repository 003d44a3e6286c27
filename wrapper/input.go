package wrapper

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/contract"
)

// AccountInput is the account to register with CreateCustomerAccounts or
// CreateAndValidateCustomerAccounts: exactly one of BankAccount or VPA.
type AccountInput struct {
	BankAccount        *CustomerBankAccountInput // nil for a VPA
	VPA                string                    // a UPI VPA, such as "9164326296@upi"
	GatewayID          string                    // optional: the gateway that validates the account
	GatewayReferenceID string                    // optional: the account's reference id at that gateway
}

// CustomerBankAccountInput is a bank account to register with the customer
// accounts API (AccountInput.BankAccount).
type CustomerBankAccountInput struct {
	BankCode        string // optional: Juspay's bank code, such as "JP_HDFC"
	AccountNumber   string // required
	IFSC            string // required: the IFSC code of the branch
	BeneficiaryName string // optional: the account holder's name
}

// ValidateInput holds the optional settings of ValidateCustomerAccount.
type ValidateInput struct {
	// GatewayID is the preferred gateway for the penny drop.
	GatewayID string
	// Amount is the penny drop amount in rupees, Juspay's default of 1 INR
	// when empty. It must match validation_amount's pattern in openapi.yaml:
	// plain digits ("0.50", never "5e-1"), above 0, at most 100, at most 2
	// decimals, else it is an *InputError before any byte is sent. Trailing
	// zeros of the paise are not sent ("0.50" goes as "0.5").
	Amount Amount
}

// ListOptions pages ListCustomerAccounts; zero fields are not sent.
type ListOptions struct {
	Offset int // the index of the first account to return
	Count  int // the most accounts to return
	// MaxPages caps the pages AllCustomerAccounts requests (DefaultMaxPages
	// when zero); ListCustomerAccounts ignores it.
	MaxPages int
}

// V32BankAccountInput is a bank account to register with the deprecated
// v3.2 create calls (BankAccountsV32.Create).
type V32BankAccountInput struct {
	BankCode           string            // required: Juspay's bank code, such as "JP_HDFC"
	AccountNumber      string            // required
	IFSC               string            // required: the IFSC code of the branch
	BeneficiaryName    string            // optional: the account holder's name
	GatewayID          string            // optional: the gateway that validates the account
	GatewayReferenceID string            // optional: the account's reference id at that gateway
	Metadata           map[string]string // sent as metadata.KEY=VALUE fields
}

// checkID refuses an id that is empty, has surrounding spaces or control
// characters, or would reach another path: the dot segments "." and "..",
// and for an account id "list", the list endpoint.
func checkID(field, id string) error {
	switch {
	case id == "":
		return &InputError{Field: field, Reason: "is empty"}
	case strings.TrimSpace(id) != id:
		return &InputError{Field: field, Reason: "has leading or trailing spaces"}
	case id == "." || id == "..":
		return &InputError{Field: field, Reason: "must not be a dot segment (\".\" or \"..\")"}
	case id == "list" && field != "customer_id":
		return &InputError{Field: field, Reason: `must not be "list", which names the list endpoint`}
	case !utf8.ValidString(id):
		return &InputError{Field: field, Reason: "is not valid UTF-8"}
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return &InputError{Field: field, Reason: "contains a control character"}
	}
	return nil
}

// formBuilder writes a form's fields, checking each against its rule; the
// first refusal sticks.
type formBuilder struct {
	v   url.Values
	err error
}

func (f *formBuilder) fail(field, reason string) {
	if f.err == nil {
		f.err = &InputError{Field: field, Reason: reason}
	}
}

// token sets a value without spaces or control characters; "" is left out
// (refused when required).
func (f *formBuilder) token(field, v string, required bool) {
	switch {
	case v == "" && required:
		f.fail(field, "is required")
	case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		f.fail(field, "must not contain spaces or control characters")
	case v != "":
		f.v.Set(field, v)
	}
}

// text sets free text that is not blank and has no control characters; ""
// is left out.
func (f *formBuilder) text(field, v string) {
	switch {
	case v != "" && strings.TrimSpace(v) == "":
		f.fail(field, "is blank")
	case strings.ContainsFunc(v, unicode.IsControl):
		f.fail(field, "contains a control character")
	case v != "":
		f.v.Set(field, v)
	}
}

// rule sets a value held to a pattern of openapi.yaml (internal/contract).
func (f *formBuilder) rule(r contract.Rule, v string) {
	if !r.Match(v) {
		f.fail(r.Field, r.Reason)
	}
	f.v.Set(r.Field, v)
}

func (f *formBuilder) encode() (string, error) {
	if f.err != nil {
		return "", f.err
	}
	return f.v.Encode(), nil
}

// form returns the create form of in with the given command.
func (in AccountInput) form(command string) (string, error) {
	f := &formBuilder{v: url.Values{"command": {command}}}
	switch b := in.BankAccount; {
	case b != nil && in.VPA != "":
		f.fail("vpa", "is set together with bank_account; give exactly one")
	case b != nil:
		f.token("account_number", b.AccountNumber, true)
		f.token("ifsc", b.IFSC, true)
		f.token("bank_code", b.BankCode, false)
		f.text("beneficiary_name", b.BeneficiaryName)
	case in.VPA != "":
		f.rule(contract.VPA, in.VPA)
	default:
		f.fail("bank_account", "or vpa is required")
	}
	f.token("gateway_id", in.GatewayID, false)
	f.text("gateway_reference_id", in.GatewayReferenceID)
	return f.encode()
}

// form returns the validate form of in (empty for nil or zero input).
func (in *ValidateInput) form() (string, error) {
	if in == nil {
		return "", nil
	}
	f := &formBuilder{v: url.Values{}}
	f.token("gateway_id", in.GatewayID, false)
	if amount := string(in.Amount); amount != "" {
		if f.rule(contract.ValidationAmount, amount); strings.Contains(amount, ".") {
			// trailing zeros of the paise go: "1.50" is sent as "1.5"
			f.v.Set("validation_amount", strings.TrimSuffix(strings.TrimRight(amount, "0"), "."))
		}
	}
	return f.encode()
}

// params returns the query of a page (zero fields are not sent), refusing
// negative paging.
func (p *ListOptions) params() (*gen.ListCustomerAccountsParams, error) {
	switch {
	case p == nil:
		return nil, nil
	case p.Offset < 0:
		return nil, &InputError{Field: "offset", Reason: "must not be negative"}
	case p.Count < 0:
		return nil, &InputError{Field: "count", Reason: "must not be negative"}
	}
	params := &gen.ListCustomerAccountsParams{}
	if p.Offset > 0 {
		params.Offset = &p.Offset
	}
	if p.Count > 0 {
		params.Count = &p.Count
	}
	return params, nil
}

// form returns the v3.2 create form of in with the given command.
func (in V32BankAccountInput) form(command string) (string, error) {
	f := &formBuilder{v: url.Values{"command": {command}}}
	f.token("account_number", in.AccountNumber, true)
	f.token("ifsc", in.IFSC, true)
	f.token("bank_code", in.BankCode, true)
	f.text("beneficiary_name", in.BeneficiaryName)
	f.token("gateway_id", in.GatewayID, false)
	f.text("gateway_reference_id", in.GatewayReferenceID)
	for k, val := range in.Metadata {
		if k == "" || strings.ContainsFunc(k, unicode.IsControl) {
			f.fail("metadata", "has an empty key or a key with a control character")
		}
		f.v.Set("metadata."+k, val) // Juspay's dot keys: metadata.param1=value1
	}
	return f.encode()
}
