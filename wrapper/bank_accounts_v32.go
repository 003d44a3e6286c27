package wrapper

import (
	"context"
	"errors"
	"net/http"

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
	c := b.c
	cc, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	body, s, err := in.form(command, c.scrub)
	if err != nil {
		return nil, err
	}
	req, err := built(gen.NewCreateBankAccountRequestWithBody(c.server, customerID, &gen.CreateBankAccountParams{
		XRoutingID: &cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}, formContentType, formBody(body)))
	if err != nil {
		return nil, err
	}
	return b.bankAccount(ctx, req, cc, s)
}

// Validate starts the penny drop of an existing bank account: operation
// validateBankAccount. Money moves: retried only if the request never left.
//
// Deprecated: use Client.ValidateCustomerAccount.
func (b *BankAccountsV32) Validate(ctx context.Context, customerID, bankAccountID string, opts ...CallOption) (*BankAccount, error) {
	c := b.c
	cc, err := b.prepare(customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	req, err := built(gen.NewValidateBankAccountRequestWithBody(c.server, customerID, bankAccountID, &gen.ValidateBankAccountParams{
		XRoutingID: &cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}, formContentType, formBody("")))
	if err != nil {
		return nil, err
	}
	return b.bankAccount(ctx, req, cc, c.scrub)
}

// List returns the customer's bank accounts: operation listBankAccounts.
//
// Deprecated: use Client.ListCustomerAccounts.
func (b *BankAccountsV32) List(ctx context.Context, customerID string, opts ...CallOption) (*BankAccountList, error) {
	c := b.c
	cc, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	req, err := built(gen.NewListBankAccountsRequest(c.server, customerID, &gen.ListBankAccountsParams{
		XRoutingID: &cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}))
	if err != nil {
		return nil, err
	}
	out := new(BankAccountList)
	if err := c.send(ctx, req, cc, c.scrub, out, func() error { return checkList(out.Object, out.List == nil) }); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns one bank account: operation getBankAccount.
//
// Deprecated: use Client.GetCustomerAccount.
func (b *BankAccountsV32) Get(ctx context.Context, customerID, bankAccountID string, opts ...CallOption) (*BankAccount, error) {
	c := b.c
	cc, err := b.prepare(customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	req, err := built(gen.NewGetBankAccountRequest(c.server, customerID, bankAccountID, &gen.GetBankAccountParams{
		XRoutingID: &cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}))
	if err != nil {
		return nil, err
	}
	return b.bankAccount(ctx, req, cc, c.scrub)
}

// Delete deletes a bank account (a POST with command=delete): operation
// deleteBankAccount.
//
// Deprecated: the customer accounts API has no delete.
func (b *BankAccountsV32) Delete(ctx context.Context, customerID, bankAccountID string, opts ...CallOption) (*DeleteBankAccountResult, error) {
	c := b.c
	cc, err := b.prepare(customerID, bankAccountID, opts)
	if err != nil {
		return nil, err
	}
	req, err := built(gen.NewDeleteBankAccountRequestWithBody(c.server, customerID, bankAccountID, &gen.DeleteBankAccountParams{
		XRoutingID: &cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}, formContentType, formBody("command=delete")))
	if err != nil {
		return nil, err
	}
	out := new(DeleteBankAccountResult)
	if err := c.send(ctx, req, cc, c.scrub, out, func() error {
		if out.BankAccountID == "" {
			return errors.New("bank_account_id is missing")
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// prepare checks the ids of a call on one bank account.
func (b *BankAccountsV32) prepare(customerID, bankAccountID string, opts []CallOption) (*callConfig, error) {
	cc, err := b.c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("bank_account_id", bankAccountID); err != nil {
		return nil, err
	}
	return cc, nil
}

func (b *BankAccountsV32) bankAccount(ctx context.Context, req *http.Request, cc *callConfig, s *scrubber) (*BankAccount, error) {
	out := new(BankAccount)
	if err := b.c.send(ctx, req, cc, s, out, func() error {
		if out.ID == "" {
			return errors.New("id is missing")
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}
