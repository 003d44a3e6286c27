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

// MaxResponseBody caps the bytes of a successful response that are read. A
// larger body is a *DecodeError.
const MaxResponseBody = 8 << 20

// Client calls Juspay's Customer Accounts API. It is safe for concurrent use.
type Client struct {
	base       string // scheme://host[/prefix], no trailing slash
	hc         *http.Client
	auth       []string // Authorization header value
	userAgent  []string
	merchantID []string
	apiVersion []string
	logger     *loggerConfig
	scrub      *scrubber
	bankV32    *BankAccountsV32
}

// New returns a Client authenticating with apiKey. By default it talks to
// Sandbox, bounds each attempt with DefaultTimeout, retries reads with
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

	// Copy the user's client: never mutate it, never touch http.DefaultClient.
	hc := &http.Client{}
	if cfg.httpClient != nil {
		*hc = *cfg.httpClient
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	var lc *loggerConfig
	if cfg.logger != nil {
		lc = &loggerConfig{logger: cfg.logger}
		next = &logTransport{next: next, log: lc}
	}
	hc.Transport = &retryTransport{next: next, policy: cfg.retry.withDefaults(), timeout: cfg.timeout, log: lc}
	if hc.CheckRedirect == nil {
		// Juspay does not redirect API calls; following a redirect would replay
		// a create or validate to another URL. A 3xx is returned as an *APIError.
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}

	ua := "juspay-accounts-go/" + Version + " " + runtime.Version()
	if cfg.uaSuffix != "" {
		ua += " " + cfg.uaSuffix
	}
	c := &Client{
		base:      base,
		hc:        hc,
		auth:      []string{"Basic " + base64.StdEncoding.EncodeToString([]byte(apiKey+":"))},
		userAgent: []string{ua},
		logger:    lc,
		scrub:     newScrubber(apiKey),
	}
	if cfg.merchantID != "" {
		c.merchantID = []string{cfg.merchantID}
	}
	if cfg.apiVersion != "" {
		c.apiVersion = []string{cfg.apiVersion}
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

// call is one API request.
type call struct {
	method    string
	path      string // escaped path, from "/customers/..."
	query     string // encoded query, without '?'
	form      string // encoded form body; sent when hasBody
	hasBody   bool
	routingID string
	scrub     *scrubber
}

// newCall starts a call for customerID, resolving the routing id from opts.
func (c *Client) newCall(method, customerID string, opts []CallOption) (*call, error) {
	if err := checkID("customer_id", customerID); err != nil {
		return nil, err
	}
	cc := callConfig{routingID: customerID}
	for _, o := range opts {
		if o != nil {
			o(&cc)
		}
	}
	if strings.TrimSpace(cc.routingID) == "" {
		return nil, &InputError{Field: "x-routing-id", Reason: "is empty"}
	}
	if err := checkHeaderValue("x-routing-id", cc.routingID); err != nil {
		return nil, &InputError{Field: "x-routing-id", Reason: "contains a control character"}
	}
	return &call{
		method:    method,
		path:      "/customers/" + url.PathEscape(customerID),
		routingID: cc.routingID,
		scrub:     c.scrub,
	}, nil
}

// do sends the call and decodes a 2xx body into out, then runs check on it.
//
// Requests are built here rather than by the generated gen.Client: its path
// builder resolves the URL against the server with url.URL.Parse, which
// applies dot-segment removal, so a customer_account_id of ".." turns
// GET /customers/c/customer-accounts/.. into GET /customers/c/ (checked with
// gen.NewGetCustomerAccountRequest). Here each id is escaped with
// url.PathEscape ("a/b" -> "a%2Fb", "%2F" -> "%252F", unicode as UTF-8
// percent escapes) and ids that are dot segments or that name the list
// endpoint are refused before sending. The generated models are used for
// every response.
func (c *Client) do(ctx context.Context, k *call, out any, check func() error) error {
	if c.logger != nil {
		ctx = context.WithValue(ctx, scrubberKey{}, k.scrub)
	}
	var body io.Reader
	if k.hasBody {
		body = strings.NewReader(k.form)
	}
	target := c.base + k.path
	if k.query != "" {
		target += "?" + k.query
	}
	req, err := http.NewRequestWithContext(ctx, k.method, target, body)
	if err != nil {
		return fmt.Errorf("juspay: %s %s: %w", k.method, k.path, err)
	}
	h := req.Header
	h["Authorization"] = c.auth
	h["User-Agent"] = c.userAgent
	h["Accept"] = acceptJSON
	h["X-Routing-Id"] = []string{k.routingID}
	if c.merchantID != nil {
		h["X-Merchantid"] = c.merchantID
	}
	if c.apiVersion != nil {
		h["Version"] = c.apiVersion
	}
	if k.hasBody {
		h["Content-Type"] = contentTypeForm
	}

	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(k, resp)
	}
	var raw []byte
	if b, ok := resp.Body.(*bufferedBody); ok { // a read: the retry layer read it
		raw, err = b.data, b.err
	} else {
		raw, err = readCapped(resp.Body, resp.ContentLength, MaxResponseBody)
	}
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
			Header:     k.scrub.header(resp.Header),
			Method:     k.method,
			Path:       k.path,
			Err:        err,
			scrub:      k.scrub,
		}
	}
	return nil
}

var (
	acceptJSON      = []string{"application/json"}
	contentTypeForm = []string{"application/x-www-form-urlencoded"}
)

// errTooLarge is a body over the cap.
var errTooLarge = errors.New("body exceeds the size cap")

// readCapped reads r whole, failing with errTooLarge past max bytes.
func readCapped(r io.Reader, contentLength int64, max int64) ([]byte, error) {
	if contentLength > max {
		return nil, fmt.Errorf("%w of %d bytes (Content-Length %d)", errTooLarge, max, contentLength)
	}
	size := int64(512)
	if contentLength >= 0 {
		size = contentLength + 1 // +1 so the final Read sees EOF without growing
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return buf.Bytes(), err
	}
	if n > max {
		return buf.Bytes()[:max], fmt.Errorf("%w of %d bytes", errTooLarge, max)
	}
	return buf.Bytes(), nil
}

// apiError builds the *APIError of a non-2xx response, whatever its body.
func (c *Client) apiError(k *call, resp *http.Response) error {
	raw, _ := readCapped(resp.Body, -1, MaxErrorBody)
	e := &APIError{
		StatusCode: resp.StatusCode,
		Body:       raw,
		Header:     k.scrub.header(resp.Header),
		Method:     k.method,
		Path:       k.path,
		scrub:      k.scrub,
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
