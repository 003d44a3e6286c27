package wrapper

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
)

// Version is the SDK's version, sent in the User-Agent header.
const Version = "0.1.0"

// Client calls Juspay's Customer Accounts API. It is safe for concurrent use.
//
// Each method checks its input, gets its *http.Request from the generated
// request builder of its operation (gen.New<Op>Request...), sends it through
// the client's layers (headers, retries, middleware, logging: see
// NewGenClient for the same layers under the generated client) and decodes
// the response into the generated model.
type Client struct {
	base   string // scheme://host[/prefix], no trailing slash
	server string // base + "/": gen's builders resolve operation paths against it
	hc     *http.Client
	hdr    *headers
	// merchantID and apiVersion fill the generated params (nil: not sent).
	merchantID *string
	apiVersion *string
	logger     *loggerConfig
	scrub      *scrubber
	bankV32    *BankAccountsV32
}

// New returns a Client authenticating with apiKey. By default it talks to
// Sandbox, bounds each call with DefaultTimeout, retries reads with
// DefaultRetryPolicy and does not log.
func New(apiKey string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, errors.New("wrapper: the API key is empty")
	}
	if strings.ContainsRune(apiKey, ':') {
		return nil, errors.New("wrapper: the API key contains ':', which Basic auth cannot carry in a user name")
	}
	if err := checkHeaderValue("the API key", apiKey); err != nil {
		return nil, err
	}
	cfg := config{
		baseURL: Sandbox.BaseURL(),
		timeout: DefaultTimeout,
		retry:   DefaultRetryPolicy(),
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	base, err := checkBaseURL(cfg.baseURL)
	if err != nil {
		return nil, err
	}
	scrub := newScrubber(apiKey)
	var lc *loggerConfig
	if cfg.logger != nil {
		lc = &loggerConfig{logger: cfg.logger}
	}

	ua := "juspay-accounts-go/" + Version + " " + runtime.Version()
	if cfg.uaSuffix != "" {
		ua += " " + cfg.uaSuffix
	}
	u, _ := url.Parse(base) // checked by checkBaseURL
	hdr := &headers{
		auth:      []string{"Basic " + base64.StdEncoding.EncodeToString([]byte(apiKey+":"))},
		userAgent: []string{ua},
		basePath:  u.EscapedPath(),
	}
	c := &Client{
		base:   base,
		server: base + "/",
		hc:     newHTTPClient(&cfg, lc),
		hdr:    hdr,
		logger: lc,
		scrub:  scrub,
	}
	if cfg.merchantID != "" {
		hdr.merchantID = []string{cfg.merchantID}
		c.merchantID = &cfg.merchantID
	}
	if cfg.apiVersion != "" {
		hdr.apiVersion = []string{cfg.apiVersion}
		c.apiVersion = &cfg.apiVersion
	}
	c.bankV32 = &BankAccountsV32{c: c}
	return c, nil
}

// checkBaseURL returns u without a trailing slash, or an error when it is not
// an absolute https URL (or http to a loopback host) without credentials,
// query or fragment.
func checkBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("wrapper: base URL %q: %w", raw, err)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("wrapper: base URL %q: want an absolute http(s) URL", raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("wrapper: base URL must not carry credentials; pass the API key to New")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("wrapper: base URL %q: must not have a query or fragment", raw)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("wrapper: base URL %q: plain http is allowed only to a loopback host; use https", raw)
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BankAccountsV32 returns the deprecated v3.2 bank account calls.
func (c *Client) BankAccountsV32() *BankAccountsV32 { return c.bankV32 }

// prepare checks customerID and applies a call's options, returning the
// call's configuration with its routing id resolved.
func (c *Client) prepare(customerID string, opts []CallOption) (*callConfig, error) {
	if err := checkID("customer_id", customerID); err != nil {
		return nil, err
	}
	cc := &callConfig{routingID: customerID}
	for _, o := range opts {
		if o != nil {
			o(cc)
		}
	}
	if cc.err != nil {
		return nil, cc.err
	}
	if strings.TrimSpace(cc.routingID) == "" {
		return nil, &InputError{Field: "x-routing-id", Reason: "is empty"}
	}
	if err := checkHeaderValue("x-routing-id", cc.routingID); err != nil {
		return nil, &InputError{Field: "x-routing-id", Reason: "contains a control character"}
	}
	return cc, nil
}

// formContentType is the content type of every body this API takes.
const formContentType = "application/x-www-form-urlencoded"

// formBody hands a form encoded by url.Values.Encode (input.go) to a generated
// New<Op>RequestWithBody builder. The generated ...WithFormdataBody builders
// are not used because the runtime's form encoder writes nested keys as a[b]
// where Juspay expects a.b (metadata.param1=...), and writes maps and floats
// wrongly; input.go writes sorted keys and dot keys, and sends amounts as given.
func formBody(encoded string) io.Reader { return strings.NewReader(encoded) }

// built wraps an error of a generated request builder. Ids are checked before
// a builder is called, so this is not expected.
func built(req *http.Request, err error) (*http.Request, error) {
	if err != nil {
		return nil, fmt.Errorf("juspay: building the request: %w", err)
	}
	return req, nil
}

// send sends req (built by gen) with the call's options, decodes a 2xx body
// into out, then runs check on it. scrub masks the call's secrets in errors
// and log lines.
func (c *Client) send(ctx context.Context, req *http.Request, cc *callConfig, scrub *scrubber, out any, check func() error) error {
	if c.logger != nil {
		ctx = context.WithValue(ctx, scrubberKey{}, scrub)
	}
	if cc.over != (callOverrides{}) {
		ctx = context.WithValue(ctx, callKey{}, &cc.over)
	}
	req = req.WithContext(ctx)
	if err := c.hdr.edit(ctx, req); err != nil {
		return err
	}
	for k, v := range cc.header {
		req.Header[k] = v
	}

	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(req, resp, cc, scrub)
	}
	var raw []byte
	if b, ok := resp.Body.(*bufferedBody); ok { // a read: the retry layer read it
		raw, err = b.bytes(), b.err
	} else {
		p, rerr := readPooled(resp.Body, resp.ContentLength, MaxResponseBody)
		defer p.release()
		raw, err = p.b, rerr
	}
	cc.raw.capture(resp, raw)
	if err == nil {
		err = json.Unmarshal(raw, out)
	}
	if err == nil && check != nil {
		err = check()
	}
	if err != nil {
		if len(raw) > MaxErrorBody {
			raw = raw[:MaxErrorBody]
		}
		return &DecodeError{
			StatusCode: resp.StatusCode,
			Body:       bytes.Clone(raw),
			Header:     scrub.header(resp.Header),
			Method:     req.Method,
			Path:       c.opPath(req),
			Err:        err,
			scrub:      scrub,
		}
	}
	return nil
}

// opPath is the path of req after the base URL's, as errors report it.
func (c *Client) opPath(req *http.Request) string {
	return strings.TrimPrefix(req.URL.EscapedPath(), c.hdr.basePath)
}

// apiError builds the *APIError of a non-2xx response, whatever its body.
func (c *Client) apiError(req *http.Request, resp *http.Response, cc *callConfig, scrub *scrubber) error {
	var raw []byte
	if b, ok := resp.Body.(*bufferedBody); ok { // a read: the retry layer read it, capped
		raw = bytes.Clone(b.bytes())
	} else {
		raw, _ = readCapped(resp.Body, -1, MaxErrorBody)
	}
	cc.raw.capture(resp, raw)
	e := &APIError{
		StatusCode: resp.StatusCode,
		Body:       raw,
		Header:     scrub.header(resp.Header),
		Method:     req.Method,
		Path:       c.opPath(req),
		scrub:      scrub,
	}
	// Best effort, field by field: an HTML page, another shape or one field of
	// an unexpected type leaves only the affected fields empty.
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		_ = json.Unmarshal(fields["status"], &e.Status)
		_ = json.Unmarshal(fields["error_code"], &e.Code)
		_ = json.Unmarshal(fields["error_message"], &e.Message)
		if rawInfo, ok := fields["error_info"]; ok {
			info := new(ErrorInfo)
			if json.Unmarshal(rawInfo, info) == nil {
				e.Info = info
			}
		}
	}
	if e.Info != nil {
		if e.Message == "" {
			e.Message = e.Info.DeveloperMessage
		}
		if e.Message == "" {
			e.Message = e.Info.UserMessage
		}
		e.RequestID = e.Info.RequestID
	}
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("X-Request-Id")
	}
	return e
}
