package wrapper

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// CreateCustomerAccounts registers a bank account or UPI VPA for customerID
// without validating it (command=create). POST /customers/{customer_id}/accounts.
//
// It may be retried automatically only if the request never left this
// machine (dial or DNS failure).
func (c *Client) CreateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...CallOption) (*CustomerAccount, error) {
	return c.createCustomerAccount(ctx, customerID, in, "create", opts)
}

// CreateAndValidateCustomerAccounts registers a bank account or UPI VPA and
// starts its penny drop at once (command=validate). The result is often
// PENDING: use AwaitValidation to wait for ACTIVE or FAILURE.
//
// Money moves: the call is retried automatically only if the request never
// left this machine (dial or DNS failure).
func (c *Client) CreateAndValidateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...CallOption) (*CustomerAccount, error) {
	return c.createCustomerAccount(ctx, customerID, in, "validate", opts)
}

func (c *Client) createCustomerAccount(ctx context.Context, customerID string, in AccountInput, command string, opts []CallOption) (*CustomerAccount, error) {
	k, err := c.newCall(http.MethodPost, customerID, opts)
	if err != nil {
		return nil, err
	}
	body, s, err := in.form(command, k.scrub)
	if err != nil {
		return nil, err
	}
	k.path += "/accounts"
	k.form, k.hasBody, k.scrub = body, true, s
	return c.customerAccount(ctx, k)
}

// ValidateCustomerAccount starts the penny drop of an existing customer
// account. in may be nil for Juspay's defaults (1 INR, its choice of
// gateway). POST /customers/{customer_id}/customer-accounts/{customer_account_id}/validate.
//
// Money moves: the call is retried automatically only if the request never
// left this machine (dial or DNS failure). A PENDING result is resolved with
// AwaitValidation, never by validating again.
func (c *Client) ValidateCustomerAccount(ctx context.Context, customerID, customerAccountID string, in *ValidateInput, opts ...CallOption) (*CustomerAccount, error) {
	k, err := c.newCall(http.MethodPost, customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("customer_account_id", customerAccountID); err != nil {
		return nil, err
	}
	body, err := in.form()
	if err != nil {
		return nil, err
	}
	k.path += "/customer-accounts/" + url.PathEscape(customerAccountID) + "/validate"
	k.form, k.hasBody = body, true
	return c.customerAccount(ctx, k)
}

// GetCustomerAccount returns one customer account with its validation status.
// GET /customers/{customer_id}/customer-accounts/{customer_account_id}.
func (c *Client) GetCustomerAccount(ctx context.Context, customerID, customerAccountID string, opts ...CallOption) (*CustomerAccount, error) {
	k, err := c.newCall(http.MethodGet, customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("customer_account_id", customerAccountID); err != nil {
		return nil, err
	}
	k.path += "/customer-accounts/" + url.PathEscape(customerAccountID)
	return c.customerAccount(ctx, k)
}

// ListCustomerAccounts returns a page of customerID's accounts; page may be nil.
// GET /customers/{customer_id}/customer-accounts/list.
func (c *Client) ListCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...CallOption) (*CustomerAccountList, error) {
	k, err := c.newCall(http.MethodGet, customerID, opts)
	if err != nil {
		return nil, err
	}
	q, err := page.query()
	if err != nil {
		return nil, err
	}
	k.path += "/customer-accounts/list"
	k.query = q
	out := new(CustomerAccountList)
	if err := c.do(ctx, k, out, func() error { return checkList(out.Object, out.List == nil) }); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Client) customerAccount(ctx context.Context, k *call) (*CustomerAccount, error) {
	out := new(CustomerAccount)
	if err := c.do(ctx, k, out, func() error {
		if out.CustomerAccountID == "" {
			return errors.New("customer_account_id is missing")
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// checkList refuses a 2xx body that is not a list object (for example an
// error object sent with status 200).
func checkList(object string, missing bool) error {
	if missing && object != "list" {
		return errors.New(`not a list: no "list" field`)
	}
	return nil
}
