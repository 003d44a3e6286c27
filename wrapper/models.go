package wrapper

import "github.com/pennydrop/juspay-accounts/gen"

// The models are gen's, re-exported as aliases so that one import is
// enough; their fields are documented on the gen types.
type (
	// CustomerAccount is a customer's bank account or UPI VPA with its penny
	// drop validation status: the result of create, validate and get.
	CustomerAccount = gen.CustomerAccount
	// CustomerAccountList is one page of a customer's accounts.
	CustomerAccountList = gen.CustomerAccountList
	// AccountDetails is the account a customer account was created with: a
	// VPA or a bank account.
	AccountDetails = gen.AccountDetails
	// CustomerBankAccountDetails is the bank account of a customer account
	// (masked number, IFSC, bank, name).
	CustomerBankAccountDetails = gen.BankAccountDetails
	// V32BankAccount is the bank account the deprecated v3.2 API returns.
	V32BankAccount = gen.BankAccount
	// V32BankAccountList is the deprecated v3.2 list of bank accounts.
	V32BankAccountList = gen.BankAccountList
	// DeleteBankAccountResult is the result of a deprecated v3.2 delete.
	DeleteBankAccountResult = gen.DeleteBankAccountResult
	// ErrorInfo is the structured detail of a Juspay error (APIError.Info).
	ErrorInfo = gen.ErrorInfo
	// ErrorField names one invalid input field of a Juspay error and why.
	ErrorField = gen.ErrorField
	// ValidationStatus is the state of an account's penny drop validation.
	ValidationStatus = gen.ValidationStatus
	// Amount is a decimal amount in rupees, kept exact ("1", "0.5").
	Amount = gen.Amount
)

// The validation statuses Juspay reports.
const (
	StatusCreated ValidationStatus = gen.ValidationStatusCreated // created, not validated yet
	StatusPending ValidationStatus = gen.ValidationStatusPending // the penny drop was sent; its outcome is not known yet
	StatusActive  ValidationStatus = gen.ValidationStatusActive  // the gateway validated the account
	StatusFailure ValidationStatus = gen.ValidationStatusFailure // the validation failed
)

// The names before v0.2.0; they go in v0.3.0.
type (
	// Deprecated: renamed CustomerBankAccountInput (the customer accounts
	// API's request).
	BankAccountDetailsInput = CustomerBankAccountInput
	// Deprecated: renamed CustomerBankAccountDetails (the customer accounts
	// API's response).
	BankAccountDetails = CustomerBankAccountDetails
	// Deprecated: renamed V32BankAccountInput (the v3.2 API's request).
	BankAccountInput = V32BankAccountInput
	// Deprecated: renamed V32BankAccount (the v3.2 API's response).
	BankAccount = V32BankAccount
	// Deprecated: renamed V32BankAccountList (the v3.2 API's response).
	BankAccountList = V32BankAccountList
)
