package wrapper

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/pennydrop/juspay-accounts/gen"
)

// BankAccountsV32 groups Juspay's deprecated v3.2 bank account calls (the
// bank-accounts operations of the spec). New code should use the customer
// account methods of Client. Get it with Client.BankAccountsV32.
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
	cl, err := b.c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	body, err := in.form(command)
	if err != nil {
		return nil, err
	}
	return bankAccount(ctx, cl, func() (*http.Request, error) {
		return gen.NewCreateBankAccountRequestWithBody(cl.server, customerID,
			&gen.CreateBankAccountParams{XRoutingID: ptr(cl.routing(customerID))}, formContentType, strings.NewReader(body))
	})
}

// Validate starts the penny drop of an existing bank account: operation
// validateBankAccount. Money moves: retried only if the request never left.
//
// Deprecated: use Client.ValidateCustomerAccount.
func (b *BankAccountsV32) Validate(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*V32BankAccount, error) {
	cl, err := b.prepare(customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	return bankAccount(ctx, cl, func() (*http.Request, error) {
		return gen.NewValidateBankAccountRequestWithBody(cl.server, customerID, bankAccountID,
			&gen.ValidateBankAccountParams{XRoutingID: ptr(cl.routing(customerID))}, formContentType, http.NoBody)
	})
}

// List returns the customer's bank accounts: operation listBankAccounts.
//
// Deprecated: use Client.ListCustomerAccounts.
func (b *BankAccountsV32) List(ctx context.Context, customerID string, opts ...Option) (*V32BankAccountList, error) {
	cl, err := b.c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	return decode(ctx, cl, new(V32BankAccountList), func(l *V32BankAccountList) error { return checkList(l.Object, l.List == nil) },
		func() (*http.Request, error) {
			return gen.NewListBankAccountsRequest(cl.server, customerID, &gen.ListBankAccountsParams{XRoutingID: ptr(cl.routing(customerID))})
		})
}

// Get returns one bank account: operation getBankAccount.
//
// Deprecated: use Client.GetCustomerAccount.
func (b *BankAccountsV32) Get(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*V32BankAccount, error) {
	cl, err := b.prepare(customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	return bankAccount(ctx, cl, func() (*http.Request, error) {
		return gen.NewGetBankAccountRequest(cl.server, customerID, bankAccountID, &gen.GetBankAccountParams{XRoutingID: ptr(cl.routing(customerID))})
	})
}

// Delete deletes a bank account (a POST with command=delete): operation
// deleteBankAccount.
//
// Deprecated: the customer accounts API has no delete.
func (b *BankAccountsV32) Delete(ctx context.Context, customerID, bankAccountID string, opts ...Option) (*DeleteBankAccountResult, error) {
	cl, err := b.prepare(customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	return decode(ctx, cl, new(DeleteBankAccountResult), func(d *DeleteBankAccountResult) error {
		if d.BankAccountID == "" {
			return errors.New("bank_account_id is missing")
		}
		return nil
	}, func() (*http.Request, error) {
		return gen.NewDeleteBankAccountRequestWithBody(cl.server, customerID, bankAccountID,
			&gen.DeleteBankAccountParams{XRoutingID: ptr(cl.routing(customerID))}, formContentType, strings.NewReader("command=delete"))
	})
}

// prepare checks the ids of a call on one bank account.
func (b *BankAccountsV32) prepare(customerID, bankAccountID string, opts []Option) (*call, error) {
	cl, err := b.c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("bank_account_id", bankAccountID); err != nil {
		return nil, err
	}
	return cl, nil
}

func bankAccount(ctx context.Context, cl *call, build func() (*http.Request, error)) (*V32BankAccount, error) {
	return decode(ctx, cl, new(V32BankAccount), func(a *V32BankAccount) error {
		if a.ID == "" {
			return errors.New("id is missing")
		}
		return nil
	}, build)
}

func ptr[T any](v T) *T { return &v }
