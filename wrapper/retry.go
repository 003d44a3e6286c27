package wrapper

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// RetryPolicy says how reads (GET) are retried after a connection error (one
// that cuts the body short or times it out included) or a 429, 502, 503 or
// 504. Writes (POST: create, validate, delete) may move money and are
// retried only when the request provably never left: the dial or DNS lookup
// failed before any connection existed.
//
// Zero durations take DefaultRetryPolicy's values, but a zero MaxRetries
// disables retries: start from DefaultRetryPolicy() and change what you need.
type RetryPolicy struct {
	MaxRetries int // how many times a call is retried after its first attempt, at most 10
	// BaseDelay is the backoff before the first retry; it doubles per retry,
	// with jitter (each wait is between half and all of the backoff).
	BaseDelay time.Duration
	MaxDelay  time.Duration // caps the backoff
	// MaxRetryAfter is the longest Retry-After a retry waits for; a longer
	// one ends the call with the server's response.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy retries at most twice, after 125-250 ms then 250-500 ms.
// A Retry-After up to 20 s is honoured; a longer one, or one that would
// outlast the call's timeout, ends the call at once with the server's
// *APIError (ErrRateLimited for a 429).
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, BaseDelay: 250 * time.Millisecond, MaxDelay: 5 * time.Second, MaxRetryAfter: 20 * time.Second}
}

// NoRetries disables retries.
func NoRetries() RetryPolicy { return RetryPolicy{} }

// maxRetriesLimit bounds MaxRetries: more retries than this hide an outage.
const maxRetriesLimit = 10

// WithRetryPolicy replaces DefaultRetryPolicy; NoRetries() turns retries off.
// Whatever the policy, a write is retried only if its request never left.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		switch {
		case p.MaxRetries < 0 || p.MaxRetries > maxRetriesLimit:
			return &InputError{Field: "RetryPolicy.MaxRetries", Reason: fmt.Sprintf("must be within 0..%d", maxRetriesLimit)}
		case p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxRetryAfter < 0:
			return &InputError{Field: "RetryPolicy", Reason: "durations must not be negative"}
		}
		c.retry = p.withDefaults()
		return nil
	}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	p.BaseDelay = cmp.Or(p.BaseDelay, d.BaseDelay)
	p.MaxDelay = max(cmp.Or(p.MaxDelay, d.MaxDelay), p.BaseDelay)
	p.MaxRetryAfter = cmp.Or(p.MaxRetryAfter, d.MaxRetryAfter)
	return p
}

// backoff returns the jittered wait before retry number n (0 for the first).
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.BaseDelay
	for i := 0; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	half := d / 2
	return half + rand.N(d-half+1)
}

// retryStatuses are the statuses after which a read is retried.
var retryStatuses = []int{http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}

// neverLeft reports whether err proves the request was never sent: the dial
// or the DNS lookup before it failed. A reset, EOF or timeout proves nothing.
func neverLeft(err error) bool {
	var opErr *net.OpError
	return errors.As(err, new(*net.DNSError)) || errors.As(err, &opErr) && opErr.Op == "dial"
}

// maxRetryAfterSeconds keeps a huge Retry-After from overflowing a Duration.
const maxRetryAfterSeconds = 1 << 30

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if s, err := strconv.Atoi(v); err == nil || errors.Is(err, strconv.ErrRange) {
		if s < 0 {
			return 0, false
		}
		return time.Duration(min(s, maxRetryAfterSeconds)) * time.Second, true // too many digits: the most
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// sleep waits d or until ctx ends, returning ctx's error in that case.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d): // collected once unreferenced (Go 1.23)
		return nil
	}
}
