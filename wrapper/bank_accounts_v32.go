package wrapper

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// BankAccountsV32 groups Juspay's deprecated v3.2 bank account calls
// (/customers/{customer_id}/bank-accounts). New code should use the customer
// account methods of Client. Get it with Client.BankAccountsV32.
//
// Deprecated: Juspay replaced these calls with the customer accounts API.
type BankAccountsV32 struct {
	c *Client
}

// Create registers a bank account without validating it (command=create).
//
// Deprecated: use Client.CreateCustomerAccounts.
func (b *BankAccountsV32) Create(ctx context.Context, customerID string, in BankAccountInput, opts ...CallOption) (*BankAccount, error) {
	return b.create(ctx, customerID, in, "create", opts)
}

// CreateAndValidate registers a bank account and starts its penny drop
// (command=validate). Money moves: retried only if the request never left.
//
// Deprecated: use Client.CreateAndValidateCustomerAccounts.
func (b *BankAccountsV32) CreateAndValidate(ctx context.Context, customerID string, in BankAccountInput, opts ...CallOption) (*BankAccount, error) {
	return b.create(ctx, customerID, in, "validate", opts)
}

func (b *BankAccountsV32) create(ctx context.Context, customerID string, in BankAccountInput, command string, opts []CallOption) (*BankAccount, error) {
	k, err := b.c.newCall(http.MethodPost, customerID, opts)
	if err != nil {
		return nil, err
	}
	body, s, err := in.form(command, k.scrub)
	if err != nil {
		return nil, err
	}
	k.path += "/bank-accounts"
	k.form, k.hasBody, k.scrub = body, true, s
	return b.bankAccount(ctx, k)
}

// Validate starts the penny drop of an existing bank account. Money moves:
// retried only if the request never left.
//
// Deprecated: use Client.ValidateCustomerAccount.
func (b *BankAccountsV32) Validate(ctx context.Context, customerID, bankAccountID string, opts ...CallOption) (*BankAccount, error) {
	k, err := b.account(http.MethodPost, customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	k.path += "/validate"
	k.hasBody = true // empty form: Juspay documents no fields
	return b.bankAccount(ctx, k)
}

// List returns the customer's bank accounts.
//
// Deprecated: use Client.ListCustomerAccounts.
func (b *BankAccountsV32) List(ctx context.Context, customerID string, opts ...CallOption) (*BankAccountList, error) {
	k, err := b.c.newCall(http.MethodGet, customerID, opts)
	if err != nil {
		return nil, err
	}
	k.path += "/bank-accounts/list"
	out := new(BankAccountList)
	if err := b.c.do(ctx, k, out, func() error { return checkList(out.Object, out.List == nil) }); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns one bank account.
//
// Deprecated: use Client.GetCustomerAccount.
func (b *BankAccountsV32) Get(ctx context.Context, customerID, bankAccountID string, opts ...CallOption) (*BankAccount, error) {
	k, err := b.account(http.MethodGet, customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	return b.bankAccount(ctx, k)
}

// Delete deletes a bank account (POST with command=delete).
//
// Deprecated: the customer accounts API has no delete.
func (b *BankAccountsV32) Delete(ctx context.Context, customerID, bankAccountID string, opts ...CallOption) (*DeleteBankAccountResult, error) {
	k, err := b.account(http.MethodPost, customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	k.form, k.hasBody = "command=delete", true
	out := new(DeleteBankAccountResult)
	if err := b.c.do(ctx, k, out, func() error {
		if out.BankAccountID == "" {
			return errors.New("bank_account_id is missing")
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// account starts a call on /customers/{customer_id}/bank-accounts/{bank_account_id}.
func (b *BankAccountsV32) account(method, customerID, bankAccountID string, opts []CallOption) (*call, error) {
	k, err := b.c.newCall(method, customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("bank_account_id", bankAccountID); err != nil {
		return nil, err
	}
	k.path += "/bank-accounts/" + url.PathEscape(bankAccountID)
	return k, nil
}

func (b *BankAccountsV32) bankAccount(ctx context.Context, k *call) (*BankAccount, error) {
	out := new(BankAccount)
	if err := b.c.do(ctx, k, out, func() error {
		if out.ID == "" {
			return errors.New("id is missing")
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}
