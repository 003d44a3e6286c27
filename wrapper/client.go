package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"runtime"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Version is the SDK's version, sent in the User-Agent header.
const Version = "0.2.0"

var userAgent = "juspay-accounts-go/" + Version + " " + runtime.Version()

// Client calls Juspay's Customer Accounts API; it is safe for concurrent use.
// Each method checks its input, builds its request with gen's builder, sends
// it through the Middleware and decodes gen's model.
type Client struct {
	base   *config // New's options, resolved; each call starts from a copy
	auth   string  // "Basic base64(key:)"
	masker *redact.Masker
}

// New returns a Client authenticating with apiKey. By default it talks to
// Sandbox, bounds each call with DefaultTimeout, retries reads with
// DefaultRetryPolicy and does not log.
func New(apiKey string, opts ...Option) (*Client, error) {
	switch {
	case strings.TrimSpace(apiKey) == "":
		return nil, &InputError{Field: "API key", Reason: "is empty"}
	case strings.ContainsRune(apiKey, ':'):
		return nil, &InputError{Field: "API key", Reason: "contains ':', which Basic auth cannot carry in a user name"}
	}
	if err := checkHeaderValue("API key", apiKey); err != nil {
		return nil, err
	}
	req := http.Request{Header: http.Header{}}
	req.SetBasicAuth(apiKey, "")
	c := &Client{auth: req.Header.Get("Authorization"), masker: redact.New(apiKey)}
	var err error
	if c.base, err = c.resolve(config{c: c, baseURL: Sandbox.BaseURL(), timeout: DefaultTimeout, retry: DefaultRetryPolicy()}, opts); err != nil {
		return nil, err
	}
	return c, nil
}

// BankAccountsV32 returns the deprecated v3.2 bank account calls.
func (c *Client) BankAccountsV32() *BankAccountsV32 { return &BankAccountsV32{c} }

// resolve applies opts to cfg and returns the result, with the http.Client
// built and the base URL checked again only if an option changed them.
func (c *Client) resolve(cfg config, opts []Option) (*config, error) {
	for _, o := range opts {
		if o != nil {
			if err := o(&cfg); err != nil {
				return nil, err
			}
		}
	}
	var err error
	if cfg.hc == nil {
		if cfg.hc, err = cfg.client(); err != nil {
			return nil, err
		}
	}
	if cfg.server == "" {
		base, err := endpoint.CheckBaseURL(cfg.baseURL, cfg.plainHTTP)
		if err != nil {
			return nil, &InputError{Field: "base URL", Reason: strings.TrimPrefix(err.Error(), "base URL: ")}
		}
		u, _ := url.Parse(base)
		cfg.server, cfg.prefix = base+"/", u.EscapedPath()
	}
	return &cfg, nil
}

// formContentType is the type of every body, encoded by input.go: gen's
// ...WithFormdataBody builders would write nested keys as a[b], not a.b.
const formContentType = "application/x-www-form-urlencoded"

// send checks a call's ids (idField "" when the path has no account id),
// applies its options, sends the request build makes with a gen builder (or
// its refusal of the input) and decodes a 2xx body into a new T.
func send[T any](ctx context.Context, c *Client, opts []Option, customerID, idField, id string, build func(server string) (*http.Request, error)) (*T, error) {
	if ctx == nil {
		return nil, &InputError{Field: "ctx", Reason: "is nil: pass context.Background() or a request's context"}
	}
	if err := checkID("customer_id", customerID); err != nil {
		return nil, err
	}
	if idField != "" {
		if err := checkID(idField, id); err != nil {
			return nil, err
		}
	}
	cl := c.base
	if len(opts) > 0 {
		var err error
		if cl, err = c.resolve(*c.base, opts); err != nil {
			return nil, err
		}
	}
	req, err := build(cl.server)
	if err != nil {
		if !errors.As(err, new(*InputError)) { // ids are checked before a builder is called: not expected
			err = &InputError{Field: "request", Reason: "cannot be built: " + redact.Escape(err.Error())}
		}
		return nil, err
	}
	x, err := cl.roundTrip(ctx, req)
	if x.resp == nil {
		return nil, err
	}
	cl.raw.capture(x.resp, x.body)
	if e := checkResponse(x); e != nil {
		return nil, e
	}
	out := new(T)
	if err == nil {
		err = json.Unmarshal(x.body, out)
	}
	if err == nil {
		err = complete(out)
	}
	if err != nil {
		return nil, &DecodeError{StatusCode: x.resp.StatusCode, Body: capBody(x.body), Header: x.masker().Header(x.resp.Header),
			Method: x.method, Path: x.path, Err: err, masker: x.masker()}
	}
	return out, nil
}

// complete refuses a 2xx body that lacks the id or list its model always
// has (for example an error object sent with status 200).
func complete(v any) error {
	ok, missing := true, ""
	switch v := v.(type) {
	case *CustomerAccount:
		ok, missing = v.CustomerAccountID != "", "customer_account_id is missing"
	case *V32BankAccount:
		ok, missing = v.ID != "", "id is missing"
	case *DeleteBankAccountResult:
		ok, missing = v.BankAccountID != "", "bank_account_id is missing"
	case *CustomerAccountList:
		ok, missing = v.List != nil || v.Object == "list", `not a list: no "list" field`
	case *V32BankAccountList:
		ok, missing = v.List != nil || v.Object == "list", `not a list: no "list" field`
	}
	if !ok {
		return errors.New(missing)
	}
	return nil
}
