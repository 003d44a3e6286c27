package wrapper

import (
	"context"
	"net/http"
	"strings"

	"github.com/pennydrop/juspay-accounts/gen"
)

// CreateCustomerAccounts registers a bank account or UPI VPA for customerID
// without validating it (command=create): operation createCustomerAccounts.
// It is retried only if the request never left (dial or DNS failure).
//
// The plural is Juspay's (its page says several accounts may be sent at
// once), but Juspay documents neither how several are encoded nor a response
// with more than one, so each call registers one account and returns it.
func (c *Client) CreateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...Option) (*CustomerAccount, error) {
	return c.createCustomerAccount(ctx, customerID, in, "create", opts)
}

// CreateAndValidateCustomerAccounts registers a bank account or UPI VPA and
// starts its penny drop at once (command=validate). The result is often
// PENDING: use AwaitValidation to wait for ACTIVE or FAILURE. Money moves:
// it is retried only if the request never left (dial or DNS failure).
func (c *Client) CreateAndValidateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...Option) (*CustomerAccount, error) {
	return c.createCustomerAccount(ctx, customerID, in, "validate", opts)
}

func (c *Client) createCustomerAccount(ctx context.Context, customerID string, in AccountInput, command string, opts []Option) (*CustomerAccount, error) {
	return send[CustomerAccount](ctx, c, opts, customerID, "", "", func(server string) (*http.Request, error) {
		body, err := in.form(command)
		if err != nil {
			return nil, err
		}
		return gen.NewCreateCustomerAccountsRequestWithBody(server, customerID, nil, formContentType, strings.NewReader(body))
	})
}

// ValidateCustomerAccount starts the penny drop of an existing customer
// account (operation validateCustomerAccount); in may be nil for Juspay's
// defaults (1 INR, its choice of gateway). Money moves: it is retried only if
// the request never left (dial or DNS failure). A PENDING result is resolved
// with AwaitValidation, never by validating again.
func (c *Client) ValidateCustomerAccount(ctx context.Context, customerID, customerAccountID string, in *ValidateInput, opts ...Option) (*CustomerAccount, error) {
	return send[CustomerAccount](ctx, c, opts, customerID, "customer_account_id", customerAccountID, func(server string) (*http.Request, error) {
		body, err := in.form()
		if err != nil {
			return nil, err
		}
		return gen.NewValidateCustomerAccountRequestWithBody(server, customerID, customerAccountID, nil, formContentType, strings.NewReader(body))
	})
}

// GetCustomerAccount returns one customer account with its validation
// status: operation getCustomerAccount.
func (c *Client) GetCustomerAccount(ctx context.Context, customerID, customerAccountID string, opts ...Option) (*CustomerAccount, error) {
	return send[CustomerAccount](ctx, c, opts, customerID, "customer_account_id", customerAccountID, func(server string) (*http.Request, error) {
		return gen.NewGetCustomerAccountRequest(server, customerID, customerAccountID, nil)
	})
}

// ListCustomerAccounts returns a page of customerID's accounts (operation
// listCustomerAccounts); page may be nil for Juspay's default page. To go
// through every account, use AllCustomerAccounts.
func (c *Client) ListCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...Option) (*CustomerAccountList, error) {
	return send[CustomerAccountList](ctx, c, opts, customerID, "", "", func(server string) (*http.Request, error) {
		params, err := page.params()
		if err != nil {
			return nil, err
		}
		return gen.NewListCustomerAccountsRequest(server, customerID, params)
	})
}
