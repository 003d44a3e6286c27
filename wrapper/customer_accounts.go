package wrapper

import (
	"context"
	"errors"
	"net/http"

	"github.com/pennydrop/juspay-accounts/gen"
)

// CreateCustomerAccounts registers a bank account or UPI VPA for customerID
// without validating it (command=create): operation createCustomerAccounts.
//
// It may be retried automatically only if the request never left this
// machine (dial or DNS failure).
//
// The plural follows Juspay's call ("Create Customer Account", operation
// createCustomerAccounts, whose page says several accounts may be sent at
// once); Juspay documents neither how several are encoded nor a response
// with more than one, so each call registers one account and returns it.
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
	cc, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	body, s, err := in.form(command, c.scrub)
	if err != nil {
		return nil, err
	}
	req, err := built(gen.NewCreateCustomerAccountsRequestWithBody(c.server, customerID, &gen.CreateCustomerAccountsParams{
		XRoutingID: cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}, formContentType, formBody(body)))
	if err != nil {
		return nil, err
	}
	return c.customerAccount(ctx, req, cc, s)
}

// ValidateCustomerAccount starts the penny drop of an existing customer
// account: operation validateCustomerAccount. in may be nil for Juspay's
// defaults (1 INR, its choice of gateway).
//
// Money moves: the call is retried automatically only if the request never
// left this machine (dial or DNS failure). A PENDING result is resolved with
// AwaitValidation, never by validating again.
func (c *Client) ValidateCustomerAccount(ctx context.Context, customerID, customerAccountID string, in *ValidateInput, opts ...CallOption) (*CustomerAccount, error) {
	cc, err := c.prepare(customerID, opts)
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
	req, err := built(gen.NewValidateCustomerAccountRequestWithBody(c.server, customerID, customerAccountID, &gen.ValidateCustomerAccountParams{
		XRoutingID: cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}, formContentType, formBody(body)))
	if err != nil {
		return nil, err
	}
	return c.customerAccount(ctx, req, cc, c.scrub)
}

// GetCustomerAccount returns one customer account with its validation
// status: operation getCustomerAccount.
func (c *Client) GetCustomerAccount(ctx context.Context, customerID, customerAccountID string, opts ...CallOption) (*CustomerAccount, error) {
	cc, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("customer_account_id", customerAccountID); err != nil {
		return nil, err
	}
	req, err := built(gen.NewGetCustomerAccountRequest(c.server, customerID, customerAccountID, &gen.GetCustomerAccountParams{
		XRoutingID: cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion,
	}))
	if err != nil {
		return nil, err
	}
	return c.customerAccount(ctx, req, cc, c.scrub)
}

// ListCustomerAccounts returns a page of customerID's accounts; page may be
// nil for Juspay's default page: operation listCustomerAccounts. To go
// through every account, use AllCustomerAccounts.
func (c *Client) ListCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...CallOption) (*CustomerAccountList, error) {
	cc, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := page.check(); err != nil {
		return nil, err
	}
	params := &gen.ListCustomerAccountsParams{XRoutingID: cc.routingID, XMerchantID: c.merchantID, Version: c.apiVersion}
	if page != nil && page.Offset > 0 {
		params.Offset = &page.Offset
	}
	if page != nil && page.Count > 0 {
		params.Count = &page.Count
	}
	req, err := built(gen.NewListCustomerAccountsRequest(c.server, customerID, params))
	if err != nil {
		return nil, err
	}
	out := new(CustomerAccountList)
	if err := c.send(ctx, req, cc, c.scrub, out, func() error { return checkList(out.Object, out.List == nil) }); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Client) customerAccount(ctx context.Context, req *http.Request, cc *callConfig, s *scrubber) (*CustomerAccount, error) {
	out := new(CustomerAccount)
	if err := c.send(ctx, req, cc, s, out, func() error {
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
