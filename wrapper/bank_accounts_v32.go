package wrapper

import (
	"context"
	"net/http"
	"strings"

	"github.com/pennydrop/juspay-accounts/gen"
)

// BankAccountsV32 groups Juspay's deprecated v3.2 bank account calls (the
// bank-accounts operations of the spec); get it with Client.BankAccountsV32.
//
// Deprecated: Juspay replaced these calls with the customer accounts API.
type BankAccountsV32 struct {
	c *Client
}

// Create registers a bank account without validating it (command=create):
// operation createBankAccount.
//
// Deprecated: use Client.CreateCustomerAccounts.
func (b *BankAccountsV32) Create(ctx context.Context, customerID string, in V32BankAccountInput, opts ...Option) (*V32BankAccount, error) {
	return b.create(ctx, customerID, in, "create", opts)
}

// CreateAndValidate registers a bank account and starts its penny drop
// (command=validate). Money moves: retried only if the request never left.
//
// Deprecated: use Client.CreateAndValidateCustomerAccounts.
func (b *BankAccountsV32) CreateAndValidate(ctx context.Context, customerID string, in V32BankAccountInput, opts ...Option) (*V32BankAccount, error) {
	return b.create(ctx, customerID, in, "validate", opts)
}

func (b *BankAccountsV32) create(ctx context.Context, customerID string, in V32BankAccountInput, command string, opts []Option) (*V32BankAccount, error) {
	return send[V32BankAccount](ctx, b.c, opts, customerID, "", "", func(server string) (*http.Request, error) {
		body, err := in.form(command)
		if err != nil {
			return nil, err
		}
		return gen.NewCreateBankAccountRequestWithBody(server, customerID, nil, formContentType, strings.NewReader(body))
	})
}

// Validate starts the penny drop of an existing bank account: operation
// validateBankAccount. Money moves: retried only if the request never left.
//
// Deprecated: use Client.ValidateCustomerAccount.
func (b *BankAccountsV32) Validate(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*V32BankAccount, error) {
	return send[V32BankAccount](ctx, b.c, opts, customerID, "bank_account_id", bankAccountID, func(server string) (*http.Request, error) {
		return gen.NewValidateBankAccountRequestWithBody(server, customerID, bankAccountID, nil, formContentType, http.NoBody)
	})
}

// List returns the customer's bank accounts: operation listBankAccounts.
//
// Deprecated: use Client.ListCustomerAccounts.
func (b *BankAccountsV32) List(ctx context.Context, customerID string, opts ...Option) (*V32BankAccountList, error) {
	return send[V32BankAccountList](ctx, b.c, opts, customerID, "", "", func(server string) (*http.Request, error) {
		return gen.NewListBankAccountsRequest(server, customerID, nil)
	})
}

// Get returns one bank account: operation getBankAccount.
//
// Deprecated: use Client.GetCustomerAccount.
func (b *BankAccountsV32) Get(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*V32BankAccount, error) {
	return send[V32BankAccount](ctx, b.c, opts, customerID, "bank_account_id", bankAccountID, func(server string) (*http.Request, error) {
		return gen.NewGetBankAccountRequest(server, customerID, bankAccountID, nil)
	})
}

// Delete deletes a bank account (a POST with command=delete): operation
// deleteBankAccount.
//
// Deprecated: the customer accounts API has no delete.
func (b *BankAccountsV32) Delete(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*DeleteBankAccountResult, error) {
	return send[DeleteBankAccountResult](ctx, b.c, opts, customerID, "bank_account_id", bankAccountID, func(server string) (*http.Request, error) {
		return gen.NewDeleteBankAccountRequestWithBody(server, customerID, bankAccountID, nil, formContentType, strings.NewReader("command=delete"))
	})
}
