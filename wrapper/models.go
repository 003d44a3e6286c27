package wrapper

import "github.com/pennydrop/juspay-accounts/gen"

// CustomerAccount is a customer's bank account or UPI VPA registered with Juspay.
type CustomerAccount = gen.CustomerAccount

// CustomerAccountList is a page of customer accounts.
type CustomerAccountList = gen.CustomerAccountList

// AccountDetails is the account a customer account was created with: a VPA or
// a bank account.
type AccountDetails = gen.AccountDetails

// BankAccountDetails holds the bank account details of a customer account.
type BankAccountDetails = gen.BankAccountDetails

// BankAccount is the deprecated v3.2 bank account object.
type BankAccount = gen.BankAccount

// BankAccountList is the deprecated v3.2 list of bank accounts.
type BankAccountList = gen.BankAccountList

// DeleteBankAccountResult is the result of a deprecated v3.2 delete.
type DeleteBankAccountResult = gen.DeleteBankAccountResult

// ErrorInfo is the structured detail of a Juspay error.
type ErrorInfo = gen.ErrorInfo

// ErrorField names one invalid input field of a Juspay error.
type ErrorField = gen.ErrorField

// ValidationStatus is the state of an account's penny drop validation.
type ValidationStatus = gen.ValidationStatus

// Amount is a decimal amount in rupees, kept exact as a JSON number literal.
type Amount = gen.Amount

// The validation statuses Juspay reports.
const (
	// StatusCreated: the account was created; it has not been validated.
	StatusCreated ValidationStatus = gen.ValidationStatusCreated
	// StatusPending: the penny drop was sent; its outcome is not known yet.
	StatusPending ValidationStatus = gen.ValidationStatusPending
	// StatusActive: the gateway validated the account.
	StatusActive ValidationStatus = gen.ValidationStatusActive
	// StatusFailure: the validation failed.
	StatusFailure ValidationStatus = gen.ValidationStatusFailure
)
