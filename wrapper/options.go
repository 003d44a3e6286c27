package wrapper

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

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

// BaseURL returns the environment's base URL, or "" for an unknown value.
func (e Environment) BaseURL() string {
	switch e {
	case Sandbox:
		return "https://sandbox.juspay.in"
	case Production:
		return "https://api.juspay.in"
	case ProductionStatic:
		return "https://api-ns1.juspay.in"
	default:
		return ""
	}
}

// String names the environment.
func (e Environment) String() string {
	switch e {
	case Sandbox:
		return "Sandbox"
	case Production:
		return "Production"
	case ProductionStatic:
		return "ProductionStatic"
	default:
		return fmt.Sprintf("Environment(%d)", int(e))
	}
}

// DefaultTimeout bounds a whole call (every attempt, every wait between
// retries, and reading the response) unless the context ends sooner.
const DefaultTimeout = 30 * time.Second

// config is what the options of New set.
type config struct {
	baseURL        string
	httpClient     *http.Client
	timeout        time.Duration
	attemptTimeout time.Duration
	middleware     []Middleware
	merchantID     string
	apiVersion     string
	logger         *slog.Logger
	retry          RetryPolicy
	uaSuffix       string
}

// Option configures a Client in New.
type Option func(*config) error

// WithEnvironment selects Sandbox (the default), Production or ProductionStatic.
func WithEnvironment(env Environment) Option {
	return func(c *config) error {
		u := env.BaseURL()
		if u == "" {
			return fmt.Errorf("wrapper: unknown environment %v", env)
		}
		c.baseURL = u
		return nil
	}
}

// WithBaseURL sends requests to baseURL instead of an environment's host, for
// example an emulator on loopback. It must be https, or http to a loopback
// host (localhost, 127.0.0.0/8, ::1); New checks it.
func WithBaseURL(baseURL string) Option {
	return func(c *config) error {
		c.baseURL = baseURL
		return nil
	}
}

// WithHTTPClient sends requests through a copy of hc: hc itself is never
// modified. Its Transport (or http.DefaultTransport when nil) carries the
// requests; retries and logging are layered around it on the copy.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("wrapper: WithHTTPClient: nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithTimeout bounds every call to d, unless the call's context ends sooner:
// all its attempts, the waits between retries and reading the response
// together. A retry that would start after d is not made; the call fails
// with an error that matches context.DeadlineExceeded. The default is
// DefaultTimeout. WithCallTimeout overrides it for one call, and
// WithAttemptTimeout adds a bound on each attempt.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("wrapper: WithTimeout: %v is not positive", d)
		}
		c.timeout = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt of a call (connect, send, and
// reading the response of a read) to d, so that a hung attempt leaves time
// for a retry within the call's timeout (WithTimeout). By default an attempt
// is bounded only by the call's timeout.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("wrapper: WithAttemptTimeout: %v is not positive", d)
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithMiddleware adds m around every attempt of every call, in the order
// given (the first is outermost), for the Client and for a generated client
// from NewGenClient alike: for tracing, metrics or auditing. See Middleware.
func WithMiddleware(m ...Middleware) Option {
	return func(c *config) error {
		for _, f := range m {
			if f == nil {
				return errors.New("wrapper: WithMiddleware: nil Middleware")
			}
		}
		c.middleware = append(c.middleware, m...)
		return nil
	}
}

// WithMerchantID sends the x-merchantid header on every call.
func WithMerchantID(id string) Option {
	return func(c *config) error {
		if err := checkHeaderValue("x-merchantid", id); err != nil {
			return err
		}
		c.merchantID = id
		return nil
	}
}

// WithAPIVersion sends the version header (a date, YYYY-MM-DD) on every call.
func WithAPIVersion(version string) Option {
	return func(c *config) error {
		if _, err := time.Parse(time.DateOnly, version); err != nil {
			return fmt.Errorf("wrapper: WithAPIVersion: %q is not a YYYY-MM-DD date", version)
		}
		c.apiVersion = version
		return nil
	}
}

// WithLogger logs every attempt (method, path, status, duration, attempt,
// Juspay's request id) and every retry to l. Logging is off by default. No
// body is logged and the API key never is.
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

// WithRetryPolicy replaces DefaultRetryPolicy. Use NoRetries to disable
// retries.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if err := p.check(); err != nil {
			return err
		}
		c.retry = p
		return nil
	}
}

// WithUserAgentSuffix appends s to the User-Agent header, for example
// "myapp/1.2".
func WithUserAgentSuffix(s string) Option {
	return func(c *config) error {
		if err := checkHeaderValue("User-Agent suffix", s); err != nil {
			return err
		}
		c.uaSuffix = strings.TrimSpace(s)
		return nil
	}
}

// checkHeaderValue rejects values that would corrupt a header line.
func checkHeaderValue(name, v string) error {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return fmt.Errorf("wrapper: %s contains a control character", name)
		}
	}
	return nil
}
