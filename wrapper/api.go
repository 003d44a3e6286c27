package wrapper

import (
	"context"
	"iter"
)

// API lists the customer account calls of *Client, so that code taking an
// API can be handed a fake in its unit tests (juspaytest runs the real client
// against an emulator instead). Methods may be added as the Client grows:
// embed the interface in a fake to keep it compiling.
type API interface {
	CreateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...Option) (*CustomerAccount, error)
	CreateAndValidateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...Option) (*CustomerAccount, error)
	ValidateCustomerAccount(ctx context.Context, customerID, customerAccountID string, in *ValidateInput, opts ...Option) (*CustomerAccount, error)
	GetCustomerAccount(ctx context.Context, customerID, customerAccountID string, opts ...Option) (*CustomerAccount, error)
	ListCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...Option) (*CustomerAccountList, error)
	AllCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...Option) iter.Seq2[CustomerAccount, error]
	AwaitValidation(ctx context.Context, customerID, customerAccountID string, await *AwaitOptions, opts ...Option) (*CustomerAccount, error)
}

// BankAccountsV32API lists the deprecated v3.2 bank account calls;
// *BankAccountsV32 implements it.
//
// Deprecated: Juspay replaced these calls with the customer accounts API.
type BankAccountsV32API interface {
	Create(ctx context.Context, customerID string, in V32BankAccountInput, opts ...Option) (*V32BankAccount, error)
	CreateAndValidate(ctx context.Context, customerID string, in V32BankAccountInput, opts ...Option) (*V32BankAccount, error)
	Validate(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*V32BankAccount, error)
	List(ctx context.Context, customerID string, opts ...Option) (*V32BankAccountList, error)
	Get(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*V32BankAccount, error)
	Delete(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*DeleteBankAccountResult, error)
}

var (
	_ API                = (*Client)(nil)
	_ BankAccountsV32API = (*BankAccountsV32)(nil)
)
