package wrapper

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Option configures the client (passed to New) or one call (passed to a
// method after its arguments, where it overrides the client's setting for
// that call only). Every option works in both places. An invalid option
// makes New, or the call, fail before anything is sent.
type Option func(*config) error

// config is the state of one call: the client's options (New), then the
// call's. A copy travels down each call; nothing is kept in a context.
type config struct {
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
	// Sandbox is https://sandbox.juspay.in, the default.
	Sandbox Environment = iota
	// Production is https://api.juspay.in.
	Production
	// ProductionStatic is https://api-ns1.juspay.in, Juspay's production host
	// with static IP addresses for merchants who allow-list egress.
	ProductionStatic
)

var environments = [...]struct{ name, url string }{
	Sandbox:          {"Sandbox", "https://sandbox.juspay.in"},
	Production:       {"Production", "https://api.juspay.in"},
	ProductionStatic: {"ProductionStatic", "https://api-ns1.juspay.in"},
}

// BaseURL returns the environment's base URL, or "" for an unknown value.
func (e Environment) BaseURL() string {
	if e < 0 || int(e) >= len(environments) {
		return ""
	}
	return environments[e].url
}

// String names the environment.
func (e Environment) String() string {
	if e < 0 || int(e) >= len(environments) {
		return fmt.Sprintf("Environment(%d)", int(e))
	}
	return environments[e].name
}

// DefaultTimeout bounds a whole call (every attempt, every wait between
// retries, and reading the response) unless the context ends sooner.
const DefaultTimeout = 30 * time.Second

// WithEnvironment selects Sandbox (the default), Production or ProductionStatic.
func WithEnvironment(env Environment) Option {
	return func(c *config) error {
		if env.BaseURL() == "" {
			return &InputError{Field: "WithEnvironment", Reason: "is not Sandbox, Production or ProductionStatic"}
		}
		c.baseURL = env.BaseURL()
		return nil
	}
}

// WithBaseURL sends requests to baseURL instead of an environment's host, for
// example an emulator. It must be https, or http to a loopback host
// (localhost, 127.0.0.0/8, ::1) unless WithInsecurePlainHTTP allows more.
func WithBaseURL(baseURL string) Option {
	return func(c *config) error {
		c.baseURL = baseURL
		return nil
	}
}

// WithInsecurePlainHTTP allows a plain http:// base URL to a host that is not
// loopback (an emulator in a container or a CI service). The API key then
// crosses the network unencrypted: never use it with a real key. Prefer
// an emulator served with TLS and WithCAFile.
func WithInsecurePlainHTTP() Option {
	return func(c *config) error {
		c.plainHTTP = true
		return nil
	}
}

// WithCAFile trusts the PEM certificates in path (for example the one
// `juspay-accounts serve --tls` writes) besides the system's roots; the
// transport of WithHTTPClient, if any, must be an *http.Transport. The
// command-line tool reads it from JUSPAY_CA_FILE.
func WithCAFile(path string) Option {
	return func(c *config) error {
		c.caFile = path
		_, err := c.client()
		return err
	}
}

// WithHTTPClient sends requests through a copy of hc (hc itself is never
// modified): its Transport (http.DefaultTransport when nil), Jar and Timeout
// are used. Its CheckRedirect is not: a redirect is never followed, since
// following one would send a create or validate again. Retries, middleware
// and logging are layered around the Transport.
//
// A penny drop is sent at most once per call through the transports of the
// standard library (net/http never replays a request whose body cannot be
// rewound, which is how writes are sent). A Transport of your own that
// retries by itself is outside the SDK's control: do not give it one that
// retries POST requests.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return &InputError{Field: "WithHTTPClient", Reason: "must not be nil"}
		}
		c.httpClient = hc
		return nil
	}
}

// WithTimeout bounds the call (every call, when given to New) to d, all its
// attempts, the waits between retries and reading the response together,
// unless the context ends sooner. A retry that would start after d is not
// made; the call fails with an error that says which timeout ran out and
// matches context.DeadlineExceeded. The default is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &InputError{Field: "WithTimeout", Reason: "must be positive"}
		}
		c.timeout = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt of a call (connect, send, read the
// response) to d, so that a hung attempt leaves time for a retry within the
// call's timeout. By default an attempt is bounded only by the call's.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &InputError{Field: "WithAttemptTimeout", Reason: "must be positive"}
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithRetryPolicy replaces DefaultRetryPolicy; NoRetries() turns retries off.
// Writes (create, validate, delete) are retried only when the request
// provably never left, whatever the policy.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if err := p.check(); err != nil {
			return err
		}
		c.retry = p.withDefaults()
		return nil
	}
}

// WithMiddleware adds m around every attempt, in the order given (the first
// is outermost), after any added before; for tracing, metrics or auditing.
// See Middleware.
func WithMiddleware(m ...Middleware) Option {
	return func(c *config) error {
		for _, f := range m {
			if f == nil {
				return &InputError{Field: "WithMiddleware", Reason: "must not be nil"}
			}
		}
		c.middleware = append(c.middleware[:len(c.middleware):len(c.middleware)], m...)
		return nil
	}
}

// WithLogger logs every attempt (operation, method, path, attempt, status,
// duration, Juspay's request id) and every retry to l. Logging is off by
// default. No body and no header value is logged; errors are masked.
//
// Levels: a 2xx attempt is logged at Debug, a 3xx or 4xx at Info, a 5xx or a
// failed connection at Warn, and each retry at Info. slog.Default() shows
// Info and above, so it logs only what went wrong: use a handler at
// slog.LevelDebug to see every call.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
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
	return func(c *config) error {
		if _, err := time.Parse(time.DateOnly, version); err != nil {
			return &InputError{Field: "WithAPIVersion", Reason: "must be a YYYY-MM-DD date"}
		}
		c.apiVersion = version
		return nil
	}
}

// WithRoutingID sends id as the x-routing-id header instead of the customer
// id. Juspay recommends the same value on every call for a customer (for a
// guest, an order or cart id).
func WithRoutingID(id string) Option {
	return func(c *config) error {
		if strings.TrimSpace(id) == "" {
			return &InputError{Field: "x-routing-id", Reason: "is empty"}
		}
		c.routingID = id
		return checkHeaderValue("x-routing-id", id)
	}
}

// WithUserAgentSuffix appends s to the User-Agent header, for example
// "myapp/1.2".
func WithUserAgentSuffix(s string) Option {
	return WithHeader("User-Agent", userAgent+" "+strings.TrimSpace(s))
}

// WithHeader sets the header name to value, replacing any value the client
// would send (User-Agent, x-merchantid, version, or a header of your own).
// It cannot set what the client owns: Authorization (the key is the
// client's), x-routing-id (use WithRoutingID), the body's Content-Type,
// Content-Length and Transfer-Encoding, Host or Connection.
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

// WithRawResponse fills dst with the response that ended the call, success or
// error, exactly as Juspay sent it: for an audit log, or to read a field the
// typed result does not have yet. dst is left empty when no response arrived.
// Give it to a call, not to New.
func WithRawResponse(dst *RawResponse) Option {
	return func(c *config) error {
		c.raw = dst
		return nil
	}
}

// RawResponse is what WithRawResponse captures.
type RawResponse struct {
	// Response is the final response: status, protocol and headers as
	// received; its Body reads Body again. Response.Request is the request
	// as sent, with the Authorization header masked and no body.
	Response *http.Response
	// Body holds the body as received, up to MaxResponseBody bytes for a 2xx
	// and MaxErrorBody for any other status. It may hold account numbers,
	// VPAs and names.
	Body []byte
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

// client returns the http.Client calls send with: a copy of the configured
// one (never the user's own, never http.DefaultClient), trusting the CA file
// when one is set, that never follows a redirect.
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

// capture fills r from resp and its body (which it copies).
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
