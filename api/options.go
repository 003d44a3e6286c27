package api

import (
	"log/slog"
	mrand "math/rand/v2"
	"slices"
	"time"
)

// DefaultTestKey is the API key a Server accepts when WithKeys is not given.
// Send it as the Basic user name with an empty password ("test_juspay_accounts_key:").
const DefaultTestKey = "test_juspay_accounts_key"

// Defaults of the options.
const (
	// DefaultValidationDelay is how long a penny drop stays PENDING.
	DefaultValidationDelay = 2 * time.Second
	// DefaultMaxBodyBytes caps a request body.
	DefaultMaxBodyBytes = 64 << 10
	// DefaultMaxAccountsPerCustomer caps the accounts of one customer.
	DefaultMaxAccountsPerCustomer = 100
	// DefaultMaxAccounts caps the accounts, and the customers, held in total.
	DefaultMaxAccounts = 100_000
	// LongPending is how long the "pending" test values stay PENDING.
	LongPending = time.Hour
)

// Limits on input that openapi.yaml does not state, and response defaults.
const (
	maxCustomerIDLen        = 128
	maxMetadataEntries      = 20
	maxMetadataValueLen     = 256
	maxNameLen              = 100
	defaultValidationAmount = "1"
	defaultCurrency         = "INR"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	keys                   []string
	validationDelay        time.Duration
	maxBodyBytes           int64
	maxAccountsPerCustomer int
	maxAccounts            int
	clock                  func() time.Time
	logger                 *slog.Logger
	customers              []string
	control                controlConfig // control_options.go
}

func defaultConfig() config {
	return config{
		keys:                   []string{DefaultTestKey},
		validationDelay:        DefaultValidationDelay,
		maxBodyBytes:           DefaultMaxBodyBytes,
		maxAccountsPerCustomer: DefaultMaxAccountsPerCustomer,
		maxAccounts:            DefaultMaxAccounts,
		clock:                  time.Now,
		control:                controlConfig{seed: mrand.Uint64()},
	}
}

// WithKeys replaces the accepted API keys (empty strings and repeats are
// ignored; with none left, DefaultTestKey). Each key is a merchant of its own:
// what one key creates, every other key gets 404 object_not_found for.
func WithKeys(keys ...string) Option {
	return func(c *config) {
		c.keys = c.keys[:0:0]
		for _, k := range keys {
			if k != "" && !slices.Contains(c.keys, k) {
				c.keys = append(c.keys, k)
			}
		}
		if len(c.keys) == 0 {
			c.keys = []string{DefaultTestKey}
		}
	}
}

// WithValidationDelay sets how long a penny drop stays PENDING (default
// DefaultValidationDelay; negative counts as zero). The "pending" test
// values stay PENDING for at least LongPending.
func WithValidationDelay(d time.Duration) Option {
	return func(c *config) { c.validationDelay = max(d, 0) }
}

// WithMaxBodyBytes caps the size of a request body (default
// DefaultMaxBodyBytes). A larger body gets a Juspay-shaped 413. Values below
// 1 KiB are raised to 1 KiB.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) { c.maxBodyBytes = max(n, 1<<10) }
}

// WithMaxAccountsPerCustomer caps the accounts one customer holds (default
// DefaultMaxAccountsPerCustomer); a create beyond it gets a 400 LIMIT_EXCEEDED
// naming customer_id. Values below 1 are raised to 1.
func WithMaxAccountsPerCustomer(n int) Option {
	return func(c *config) { c.maxAccountsPerCustomer = max(n, 1) }
}

// WithMaxAccounts caps the accounts held in total, and the number of
// customers (default DefaultMaxAccounts); a create beyond it gets a 503
// CAPACITY_EXCEEDED. Values below 1 are raised to 1.
func WithMaxAccounts(n int) Option {
	return func(c *config) { c.maxAccounts = max(n, 1) }
}

// WithClock replaces time.Now, for deterministic tests of the penny drop.
// The clock must be safe for concurrent use.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithLogger logs one Info line per request (method, path, operation, status,
// duration, request id; never bodies, keys or headers) and recovered panics
// at Error level (which go to slog.Default() without it).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithCustomers pre-seeds customers that exist with no accounts, so that
// listing them gives an empty list instead of 404.
func WithCustomers(customerIDs ...string) Option {
	return func(c *config) { c.customers = append(c.customers, customerIDs...) }
}
