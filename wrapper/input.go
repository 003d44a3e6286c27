package wrapper

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pennydrop/juspay-accounts/internal/contract"
)

// AccountInput is the account to register with CreateCustomerAccounts or
// CreateAndValidateCustomerAccounts: exactly one of BankAccount or VPA.
type AccountInput struct {
	// BankAccount is a bank account; leave nil for a VPA.
	BankAccount *CustomerBankAccountInput
	// VPA is a UPI VPA, for example "9164326296@upi"; leave empty for a bank account.
	VPA string
	// GatewayID optionally picks the gateway that validates the account.
	GatewayID string
	// GatewayReferenceID is optionally the account's reference id at that gateway.
	GatewayReferenceID string
}

// CustomerBankAccountInput is a bank account to register with the customer
// accounts API (AccountInput.BankAccount).
type CustomerBankAccountInput struct {
	// BankCode is Juspay's bank code, for example "JP_HDFC" (optional).
	BankCode string
	// AccountNumber is the bank account number (required).
	AccountNumber string
	// IFSC is the IFSC code of the branch (required).
	IFSC string
	// BeneficiaryName is the account holder's name (optional).
	BeneficiaryName string
}

// ValidateInput holds the optional settings of ValidateCustomerAccount.
type ValidateInput struct {
	// GatewayID is the preferred gateway for the penny drop.
	GatewayID string
	// Amount is the penny drop amount in rupees; zero (empty) means Juspay's
	// default of 1 INR. It must match the pattern of validation_amount in
	// openapi.yaml: plain digits ("0.50", never "5e-1"), more than 0, at most 2
	// decimals, at most 100; anything else is an *InputError before any byte
	// is sent. Trailing zeros of the paise are not sent ("0.50" goes as "0.5").
	Amount Amount
}

// ListOptions pages ListCustomerAccounts. Zero fields are not sent.
type ListOptions struct {
	// Offset is the index of the first account to return.
	Offset int
	// Count is the most accounts to return.
	Count int
	// MaxPages caps the pages AllCustomerAccounts requests (DefaultMaxPages
	// when zero); ListCustomerAccounts ignores it.
	MaxPages int
}

// V32BankAccountInput is a bank account to register with the deprecated
// v3.2 create calls (BankAccountsV32.Create).
type V32BankAccountInput struct {
	// BankCode is Juspay's bank code, for example "JP_HDFC" (required).
	BankCode string
	// AccountNumber is the bank account number (required).
	AccountNumber string
	// IFSC is the IFSC code of the branch (required).
	IFSC string
	// BeneficiaryName is the account holder's name (optional).
	BeneficiaryName string
	// GatewayID optionally picks the validating gateway.
	GatewayID string
	// GatewayReferenceID is optionally the account's reference id at that gateway.
	GatewayReferenceID string
	// Metadata is sent as metadata.KEY=VALUE fields.
	Metadata map[string]string
}

// checkID refuses an id that is empty, that has surrounding spaces or control
// characters, or that would resolve to another path once in the URL ("." and
// "..", which servers and proxies remove as dot segments).
func checkID(field, id string) error {
	switch {
	case id == "":
		return &InputError{Field: field, Reason: "is empty"}
	case strings.TrimSpace(id) != id:
		return &InputError{Field: field, Reason: "has leading or trailing spaces"}
	case id == "." || id == "..":
		return &InputError{Field: field, Reason: "must not be a dot segment (\".\" or \"..\")"}
	case !utf8.ValidString(id):
		return &InputError{Field: field, Reason: "is not valid UTF-8"}
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return &InputError{Field: field, Reason: "contains a control character"}
	}
	return nil
}

// checkAccountID is checkID for an id under a collection that also has a
// "list" endpoint: the id "list" would reach it.
func checkAccountID(field, id string) error {
	if err := checkID(field, id); err != nil {
		return err
	}
	if id == "list" {
		return &InputError{Field: field, Reason: `must not be "list", which names the list endpoint`}
	}
	return nil
}

// checkToken refuses an empty value or one with spaces or control characters.
func checkToken(field, v string, required bool) error {
	if v == "" {
		if required {
			return &InputError{Field: field, Reason: "is required"}
		}
		return nil
	}
	if strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return &InputError{Field: field, Reason: "must not contain spaces or control characters"}
	}
	return nil
}

// checkText refuses a value with control characters or that is only spaces.
func checkText(field, v string) error {
	if v == "" {
		return nil
	}
	if strings.TrimSpace(v) == "" {
		return &InputError{Field: field, Reason: "is blank"}
	}
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return &InputError{Field: field, Reason: "contains a control character"}
	}
	return nil
}

// checkVPA holds v to the vpa pattern of openapi.yaml (internal/contract).
func checkVPA(v string) error {
	if !contract.VPA.Match(v) {
		return &InputError{Field: contract.VPA.Field, Reason: contract.VPA.Reason}
	}
	return nil
}

func checkBank(accountNumber, ifsc, bankCode string, bankCodeRequired bool, name string) error {
	if err := checkToken("account_number", accountNumber, true); err != nil {
		return err
	}
	if err := checkToken("ifsc", ifsc, true); err != nil {
		return err
	}
	if err := checkToken("bank_code", bankCode, bankCodeRequired); err != nil {
		return err
	}
	return checkText("beneficiary_name", name)
}

// form returns the create form of in with the given command.
func (in AccountInput) form(command string) (string, error) {
	v := url.Values{}
	switch {
	case in.BankAccount != nil && in.VPA != "":
		return "", &InputError{Field: "vpa", Reason: "is set together with bank_account; give exactly one"}
	case in.BankAccount != nil:
		b := in.BankAccount
		if err := checkBank(b.AccountNumber, b.IFSC, b.BankCode, false, b.BeneficiaryName); err != nil {
			return "", err
		}
		v.Set("account_number", b.AccountNumber)
		v.Set("ifsc", b.IFSC)
		setIfNotEmpty(v, "bank_code", b.BankCode)
		setIfNotEmpty(v, "beneficiary_name", b.BeneficiaryName)
	case in.VPA != "":
		if err := checkVPA(in.VPA); err != nil {
			return "", err
		}
		v.Set("vpa", in.VPA)
	default:
		return "", &InputError{Field: "bank_account", Reason: "or vpa is required"}
	}
	if err := checkToken("gateway_id", in.GatewayID, false); err != nil {
		return "", err
	}
	if err := checkText("gateway_reference_id", in.GatewayReferenceID); err != nil {
		return "", err
	}
	setIfNotEmpty(v, "gateway_id", in.GatewayID)
	setIfNotEmpty(v, "gateway_reference_id", in.GatewayReferenceID)
	v.Set("command", command)
	return v.Encode(), nil
}

// setIfNotEmpty sets key only when value is not empty, so optional fields are
// left out rather than sent blank.
func setIfNotEmpty(v url.Values, key, value string) {
	if value != "" {
		v.Set(key, value)
	}
}

// form returns the validate form of in (empty for nil or zero input).
func (in *ValidateInput) form() (string, error) {
	if in == nil {
		return "", nil
	}
	if err := checkToken("gateway_id", in.GatewayID, false); err != nil {
		return "", err
	}
	if in.Amount != "" && !contract.ValidationAmount.Match(string(in.Amount)) {
		return "", &InputError{Field: contract.ValidationAmount.Field, Reason: contract.ValidationAmount.Reason}
	}
	amount := string(in.Amount)
	if strings.Contains(amount, ".") { // trailing zeros of the paise go: "1.50" is sent as "1.5"
		amount = strings.TrimSuffix(strings.TrimRight(amount, "0"), ".")
	}
	v := url.Values{}
	setIfNotEmpty(v, "gateway_id", in.GatewayID)
	setIfNotEmpty(v, "validation_amount", amount)
	return v.Encode(), nil
}

// check refuses negative paging (nil is fine).
func (p *ListOptions) check() error {
	if p == nil {
		return nil
	}
	if p.Offset < 0 {
		return &InputError{Field: "offset", Reason: "must not be negative"}
	}
	if p.Count < 0 {
		return &InputError{Field: "count", Reason: "must not be negative"}
	}
	return nil
}

// form returns the v3.2 create form of in with the given command.
func (in V32BankAccountInput) form(command string) (string, error) {
	if err := checkBank(in.AccountNumber, in.IFSC, in.BankCode, true, in.BeneficiaryName); err != nil {
		return "", err
	}
	if err := checkToken("gateway_id", in.GatewayID, false); err != nil {
		return "", err
	}
	if err := checkText("gateway_reference_id", in.GatewayReferenceID); err != nil {
		return "", err
	}
	v := url.Values{}
	v.Set("account_number", in.AccountNumber)
	v.Set("ifsc", in.IFSC)
	v.Set("bank_code", in.BankCode)
	setIfNotEmpty(v, "beneficiary_name", in.BeneficiaryName)
	setIfNotEmpty(v, "gateway_id", in.GatewayID)
	setIfNotEmpty(v, "gateway_reference_id", in.GatewayReferenceID)
	v.Set("command", command)
	for k, val := range in.Metadata {
		if k == "" {
			return "", &InputError{Field: "metadata", Reason: "has an empty key"}
		}
		if err := checkText("metadata."+k, k); err != nil {
			return "", &InputError{Field: "metadata", Reason: "has a key with a control character"}
		}
		v.Set("metadata."+k, val) // Juspay's dot keys: metadata.param1=value1
	}
	return v.Encode(), nil
}
