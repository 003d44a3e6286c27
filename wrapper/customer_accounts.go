package wrapper

import (
	"context"
	"errors"
	"net/http"
	"strings"

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
func (c *Client) CreateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...Option) (*CustomerAccount, error) {
	return c.createCustomerAccount(ctx, customerID, in, "create", opts)
}

// CreateAndValidateCustomerAccounts registers a bank account or UPI VPA and
// starts its penny drop at once (command=validate). The result is often
// PENDING: use AwaitValidation to wait for ACTIVE or FAILURE.
//
// Money moves: the call is retried automatically only if the request never
// left this machine (dial or DNS failure).
func (c *Client) CreateAndValidateCustomerAccounts(ctx context.Context, customerID string, in AccountInput, opts ...Option) (*CustomerAccount, error) {
	return c.createCustomerAccount(ctx, customerID, in, "validate", opts)
}

func (c *Client) createCustomerAccount(ctx context.Context, customerID string, in AccountInput, command string, opts []Option) (*CustomerAccount, error) {
	cl, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	body, err := in.form(command)
	if err != nil {
		return nil, err
	}
	return customerAccount(ctx, cl, func() (*http.Request, error) {
		return gen.NewCreateCustomerAccountsRequestWithBody(cl.server, customerID,
			&gen.CreateCustomerAccountsParams{XRoutingID: cl.routing(customerID)}, formContentType, strings.NewReader(body))
	})
}

// ValidateCustomerAccount starts the penny drop of an existing customer
// account (operation validateCustomerAccount); in may be nil for Juspay's
// defaults (1 INR, its choice of gateway).
//
// Money moves: the call is retried automatically only if the request never
// left this machine (dial or DNS failure). A PENDING result is resolved with
// AwaitValidation, never by validating again.
func (c *Client) ValidateCustomerAccount(ctx context.Context, customerID, customerAccountID string, in *ValidateInput, opts ...Option) (*CustomerAccount, error) {
	cl, err := c.prepare(customerID, opts)
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
	return customerAccount(ctx, cl, func() (*http.Request, error) {
		return gen.NewValidateCustomerAccountRequestWithBody(cl.server, customerID, customerAccountID,
			&gen.ValidateCustomerAccountParams{XRoutingID: cl.routing(customerID)}, formContentType, strings.NewReader(body))
	})
}

// GetCustomerAccount returns one customer account with its validation
// status: operation getCustomerAccount.
func (c *Client) GetCustomerAccount(ctx context.Context, customerID, customerAccountID string, opts ...Option) (*CustomerAccount, error) {
	cl, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := checkAccountID("customer_account_id", customerAccountID); err != nil {
		return nil, err
	}
	return customerAccount(ctx, cl, func() (*http.Request, error) {
		return gen.NewGetCustomerAccountRequest(cl.server, customerID, customerAccountID,
			&gen.GetCustomerAccountParams{XRoutingID: cl.routing(customerID)})
	})
}

// ListCustomerAccounts returns a page of customerID's accounts; page may be
// nil for Juspay's default page: operation listCustomerAccounts. To go
// through every account, use AllCustomerAccounts.
func (c *Client) ListCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...Option) (*CustomerAccountList, error) {
	cl, err := c.prepare(customerID, opts)
	if err != nil {
		return nil, err
	}
	if err := page.check(); err != nil {
		return nil, err
	}
	params := &gen.ListCustomerAccountsParams{XRoutingID: cl.routing(customerID)}
	if page != nil && page.Offset > 0 {
		params.Offset = &page.Offset
	}
	if page != nil && page.Count > 0 {
		params.Count = &page.Count
	}
	return decode(ctx, cl, new(CustomerAccountList), func(l *CustomerAccountList) error { return checkList(l.Object, l.List == nil) },
		func() (*http.Request, error) {
			return gen.NewListCustomerAccountsRequest(cl.server, customerID, params)
		})
}

func customerAccount(ctx context.Context, cl *call, build func() (*http.Request, error)) (*CustomerAccount, error) {
	return decode(ctx, cl, new(CustomerAccount), func(a *CustomerAccount) error {
		if a.CustomerAccountID == "" {
			return errors.New("customer_account_id is missing")
		}
		return nil
	}, build)
}

// decode builds a request with gen's builder, sends it and decodes the
// response into out, which check then vets.
func decode[T any](ctx context.Context, cl *call, out *T, check func(*T) error, build func() (*http.Request, error)) (*T, error) {
	req, err := built(build())
	if err != nil {
		return nil, err
	}
	if err := cl.send(ctx, req, out, func() error { return check(out) }); err != nil {
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
