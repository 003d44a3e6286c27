package wrapper

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Option configures the client (given to New) or one call (given after a
// method's arguments, overriding the client's setting). An invalid option
// fails New, or the call, with an *InputError.
type Option func(*config) error

// config is the state of a call: the Client, what the options set (New's,
// then the call's on a copy), and what resolve makes of them.
type config struct {
	c              *Client
	hc             *http.Client // nil when an option changed it
	server, prefix string       // base URL + "/" ("" when an option changed it) and its path
	baseURL        string
	httpClient     *http.Client
	caFile         string
	plainHTTP      bool
	timeout        time.Duration
	attemptTimeout time.Duration
	retry          RetryPolicy
	middleware     []Middleware
	logger         *slog.Logger
	merchantID     string
	apiVersion     string
	routingID      string
	header         http.Header
	raw            *RawResponse
}

// Environment selects one of Juspay's hosts.
type Environment int

const (
	Sandbox          Environment = iota // https://sandbox.juspay.in, the default
	Production                          // https://api.juspay.in
	ProductionStatic                    // https://api-ns1.juspay.in: static IP addresses, for allow-listed egress
)

var environments = map[Environment]struct{ name, url string }{
	Sandbox:          {"Sandbox", "https://sandbox.juspay.in"},
	Production:       {"Production", "https://api.juspay.in"},
	ProductionStatic: {"ProductionStatic", "https://api-ns1.juspay.in"},
}

// BaseURL returns the environment's base URL, or "" for an unknown value.
func (e Environment) BaseURL() string { return environments[e].url }

// String names the environment.
func (e Environment) String() string {
	return cmp.Or(environments[e].name, fmt.Sprintf("Environment(%d)", int(e)))
}

// DefaultTimeout bounds a whole call (every attempt, every wait between
// retries, and reading the response) unless the context ends sooner.
const DefaultTimeout = 30 * time.Second

// WithEnvironment selects Sandbox (the default), Production or ProductionStatic.
func WithEnvironment(env Environment) Option {
	return setIf(env.BaseURL() != "", "WithEnvironment", "is not Sandbox, Production or ProductionStatic",
		func(c *config) { c.baseURL, c.server = env.BaseURL(), "" })
}

// WithBaseURL sends requests to baseURL (an emulator, say) instead of an
// environment's host: https, or http to a loopback host unless
// WithInsecurePlainHTTP.
func WithBaseURL(baseURL string) Option {
	return set(func(c *config) { c.baseURL, c.server = baseURL, "" })
}

// WithInsecurePlainHTTP allows plain http to a host that is not loopback (an
// emulator in a container): the key crosses the network unencrypted, so
// never use it with a real key; prefer `serve --tls` and WithCAFile.
func WithInsecurePlainHTTP() Option {
	return set(func(c *config) { c.plainHTTP, c.server = true, "" })
}

// WithCAFile trusts the PEM certificates in path (such as the one
// `juspay-accounts serve --tls` writes) besides the system's roots; a
// WithHTTPClient transport must then be an *http.Transport.
func WithCAFile(path string) Option {
	return func(c *config) (err error) {
		if path != c.caFile || c.hc == nil { // else keep the client and its connections
			c.caFile = path
			c.hc, err = c.client()
		}
		return err
	}
}

// WithHTTPClient sends requests through a copy of hc: its Transport
// (http.DefaultTransport when nil), Jar and Timeout, never its CheckRedirect
// (redirects are never followed: one would send a validate again).
//
// net/http never replays a write (its body cannot be rewound), but a
// Transport of your own that retries POST requests by itself could send a
// penny drop twice: do not give it one.
func WithHTTPClient(hc *http.Client) Option {
	return setIf(hc != nil, "WithHTTPClient", "must not be nil", func(c *config) {
		if hc != c.httpClient { // else keep the client and its connections
			c.httpClient, c.hc = hc, nil
		}
	})
}

// WithTimeout bounds a whole call to d (default DefaultTimeout); when it runs
// out the call fails with a *TimeoutError.
func WithTimeout(d time.Duration) Option {
	return setIf(d > 0, "WithTimeout", "must be positive", func(c *config) { c.timeout = d })
}

// WithAttemptTimeout bounds each attempt to d, so that a hung attempt leaves
// time for a retry; by default only the call's timeout bounds it.
func WithAttemptTimeout(d time.Duration) Option {
	return setIf(d > 0, "WithAttemptTimeout", "must be positive", func(c *config) { c.attemptTimeout = d })
}

// WithMiddleware adds m around every attempt, the first outermost, after
// any added before.
func WithMiddleware(m ...Middleware) Option {
	hasNil := slices.ContainsFunc(m, func(f Middleware) bool { return f == nil })
	return setIf(!hasNil, "WithMiddleware", "must not be nil", func(c *config) {
		c.middleware = append(c.middleware[:len(c.middleware):len(c.middleware)], m...)
	})
}

// WithLogger logs every attempt and retry to l (off by default): operation,
// method, path, attempt, status, duration and request id, never a body, a
// header value or the key. A 2xx is logged at Debug, a 3xx or 4xx and a
// retry at Info, a 5xx or a failed connection at Warn.
func WithLogger(l *slog.Logger) Option {
	return set(func(c *config) { c.logger = l })
}

// WithMerchantID sends the x-merchantid header.
func WithMerchantID(id string) Option {
	return func(c *config) error {
		c.merchantID = id
		return checkHeaderValue("WithMerchantID", id)
	}
}

// WithAPIVersion sends the version header, a date (YYYY-MM-DD).
func WithAPIVersion(version string) Option {
	_, err := time.Parse(time.DateOnly, version)
	return setIf(err == nil, "WithAPIVersion", "must be a YYYY-MM-DD date", func(c *config) { c.apiVersion = version })
}

// WithRoutingID sends id as x-routing-id instead of the customer id; Juspay
// recommends the same value on every call for a customer.
func WithRoutingID(id string) Option {
	return func(c *config) error {
		if strings.TrimSpace(id) == "" {
			return &InputError{Field: "x-routing-id", Reason: "is empty"}
		}
		c.routingID = id
		return checkHeaderValue("x-routing-id", id)
	}
}

// WithUserAgentSuffix appends s, such as "myapp/1.2", to the User-Agent.
func WithUserAgentSuffix(s string) Option {
	return WithHeader("User-Agent", userAgent+" "+strings.TrimSpace(s))
}

// WithHeader sets the header name to value, replacing the client's (such as
// User-Agent); not Authorization, x-routing-id (WithRoutingID),
// Content-Type, Content-Length, Transfer-Encoding, Host or Connection.
func WithHeader(name, value string) Option {
	return func(c *config) error {
		if !isToken(name) {
			return &InputError{Field: "WithHeader", Reason: "needs a header name made of letters, digits and !#$%&'*+-.^_`|~"}
		}
		key := http.CanonicalHeaderKey(name)
		switch key {
		case "Authorization", "X-Routing-Id", "Content-Type", "Content-Length", "Transfer-Encoding", "Host", "Connection":
			return &InputError{Field: "WithHeader", Reason: "cannot set " + key + ", which the client sets itself"}
		}
		if err := checkHeaderValue("WithHeader "+key, value); err != nil {
			return err
		}
		c.header = c.header.Clone()
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header[key] = []string{value}
		return nil
	}
}

// WithRawResponse fills dst with the response that ended a call, as Juspay
// sent it (for an audit log, or a field the model lacks); dst stays empty
// when no response arrived. Give it to a call, not to New.
func WithRawResponse(dst *RawResponse) Option {
	return set(func(c *config) { c.raw = dst })
}

// RawResponse is what WithRawResponse captures.
type RawResponse struct {
	// Response is the final response; its Body reads Body and its Request is
	// the request as sent, without body, Authorization masked.
	Response *http.Response
	// Body is the body as received (capped); it may hold personal data.
	Body []byte
}

// set makes an Option of f.
func set(f func(*config)) Option {
	return func(c *config) error {
		f(c)
		return nil
	}
}

// setIf is set(f), refused with an *InputError naming field and reason
// unless ok.
func setIf(ok bool, field, reason string, f func(*config)) Option {
	if !ok {
		return func(*config) error { return &InputError{Field: field, Reason: reason} }
	}
	return set(f)
}

// checkHeaderValue refuses a value that would corrupt a header line.
func checkHeaderValue(field, v string) error {
	if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
		return &InputError{Field: field, Reason: "contains a control character"}
	}
	return nil
}

// isToken reports whether s is a non-empty HTTP token (RFC 9110).
func isToken(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("!#$%&'*+-.^_`|~", r))
	})
}

// client returns a copy of the configured http.Client that trusts the CA
// file, if any, and never follows a redirect.
func (c *config) client() (*http.Client, error) {
	hc := &http.Client{}
	if c.httpClient != nil {
		*hc = *c.httpClient
	}
	if c.caFile != "" {
		t, err := endpoint.TrustCA(hc.Transport, c.caFile)
		if err != nil {
			return nil, &InputError{Field: "WithCAFile", Reason: redact.Escape(err.Error())}
		}
		hc.Transport = t
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return hc, nil
}

// capture fills r from resp and a copy of its body.
func (r *RawResponse) capture(resp *http.Response, body []byte) {
	if r == nil {
		return
	}
	r.Body = append([]byte{}, body...)
	cp := *resp
	cp.Body = io.NopCloser(bytes.NewReader(r.Body))
	if resp.Request != nil {
		req := resp.Request.Clone(resp.Request.Context())
		if req.Header.Get("Authorization") != "" {
			req.Header.Set("Authorization", redact.Redacted)
		}
		req.Body, req.GetBody = nil, nil
		cp.Request = req
	}
	r.Response = &cp
}
