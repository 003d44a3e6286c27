package wrapper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"time"
)

// RetryPolicy says how reads (GET) are retried after a connection error (also
// one that cuts the body short or times it out) or a 429, 502, 503 or 504
// response. Writes (POST: create, validate, delete) may
// move money and are retried only when the request provably never left: the
// dial or DNS lookup failed before any connection existed.
//
// Zero durations take DefaultRetryPolicy's values.
//
// Start from DefaultRetryPolicy() and change what you need: in a policy
// written from scratch, a zero MaxRetries disables retries (as NoRetries
// does) whatever the delays say.
type RetryPolicy struct {
	// MaxRetries is how many times a call is retried after its first attempt;
	// 0 disables retries.
	MaxRetries int
	// BaseDelay is the backoff before the first retry; it doubles per retry,
	// with jitter (each wait is between half and all of the backoff).
	BaseDelay time.Duration
	// MaxDelay caps the backoff.
	MaxDelay time.Duration
	// MaxRetryAfter caps how long a Retry-After header makes a retry wait.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy retries at most twice, after 125-250 ms then 250-500 ms,
// honouring Retry-After up to 20 s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, BaseDelay: 250 * time.Millisecond, MaxDelay: 5 * time.Second, MaxRetryAfter: 20 * time.Second}
}

// NoRetries disables retries.
func NoRetries() RetryPolicy { return RetryPolicy{} }

// maxRetriesLimit bounds MaxRetries: more retries than this hide an outage.
const maxRetriesLimit = 10

func (p RetryPolicy) check() error {
	if p.MaxRetries < 0 || p.MaxRetries > maxRetriesLimit {
		return fmt.Errorf("wrapper: RetryPolicy.MaxRetries %d is outside 0..%d", p.MaxRetries, maxRetriesLimit)
	}
	if p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxRetryAfter < 0 {
		return errors.New("wrapper: RetryPolicy durations must not be negative")
	}
	return nil
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.BaseDelay == 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
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

// retryTransport is the outermost layer: it bounds the whole call with the
// timeout (retries and backoff included), each attempt with the attempt
// timeout when one is set, and retries what is safe to retry.
type retryTransport struct {
	next   http.RoundTripper
	policy RetryPolicy
	// timeout bounds the whole call; 0 means no bound beyond the context.
	timeout time.Duration
	// attemptTimeout bounds each attempt; 0 means none.
	attemptTimeout time.Duration
	log            *loggerConfig
}

type attemptKey struct{}

// attemptOf returns the attempt number (1 for the first) the retry layer
// stored in ctx.
func attemptOf(ctx context.Context) int {
	if n, ok := ctx.Value(attemptKey{}).(int); ok {
		return n
	}
	return 1
}

// callKey carries a call's overrides (WithCallTimeout, WithCallRetryPolicy)
// from the Client to the retry layer.
type callKey struct{}

// callOverrides replace the client's timeout or retry policy for one call.
type callOverrides struct {
	timeout time.Duration // 0: the client's
	retry   *RetryPolicy  // nil: the client's; already withDefaults
}

// idempotent reports whether a method can be retried after its request may
// have reached the server.
func idempotent(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// RoundTrip sends req, retrying per the policy.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	policy, timeout := t.policy, t.timeout
	if o, _ := ctx.Value(callKey{}).(*callOverrides); o != nil {
		if o.retry != nil {
			policy = *o.retry
		}
		if o.timeout > 0 {
			timeout = o.timeout
		}
	}
	var cancelCall context.CancelFunc
	if timeout > 0 {
		ctx, cancelCall = context.WithTimeout(ctx, timeout)
	}
	endCall := func() {
		if cancelCall != nil {
			cancelCall()
		}
	}
	safe := idempotent(req.Method)
	for attempt := 1; ; attempt++ {
		actx := ctx
		if attempt > 1 {
			actx = context.WithValue(ctx, attemptKey{}, attempt)
		}
		// gotConn records whether this attempt obtained a connection; a write
		// that got one may have reached the server.
		var gotConn bool
		if !safe {
			actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
				GotConn: func(httptrace.GotConnInfo) { gotConn = true },
			})
		}
		cancelAttempt := context.CancelFunc(func() {})
		if t.attemptTimeout > 0 {
			actx, cancelAttempt = context.WithTimeout(actx, t.attemptTimeout)
		}
		r := req.WithContext(actx)
		if attempt > 1 && req.Body != nil && req.Body != http.NoBody {
			body, err := req.GetBody()
			if err != nil {
				cancelAttempt()
				endCall()
				return nil, err
			}
			r.Body = body
		}
		resp, err := t.next.RoundTrip(r)

		var readErr error
		if err == nil && safe && !retryableStatus(resp.StatusCode) {
			// Read a read's body here, inside the attempt, so that a connection
			// cut or timed out mid-body is retried like any connection error.
			var b *bufferedBody
			b, readErr = bufferBody(resp)
			resp.Body = b
		}

		retry, wait := false, time.Duration(0)
		reason := ""
		switch {
		case err != nil:
			if ctx.Err() != nil { // the caller's context or the call's timeout ended: never retry
				break
			}
			if safe || (neverLeft(err) && !gotConn) {
				retry, wait, reason = true, policy.backoff(attempt-1), "error"
			}
		case readErr != nil:
			if ctx.Err() == nil && !errors.Is(readErr, errTooLarge) {
				retry, wait, reason = true, policy.backoff(attempt-1), "body read error"
			}
		case safe && retryableStatus(resp.StatusCode):
			// The code and Go's text for it, never the server's status line:
			// a server or proxy may put anything there, and the reason ends up
			// in an error string and a log line.
			retry, reason = true, strconv.Itoa(resp.StatusCode)+" "+http.StatusText(resp.StatusCode)
			wait = policy.backoff(attempt - 1)
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				wait = min(ra, policy.MaxRetryAfter)
			}
		}
		if !retry || attempt > policy.MaxRetries {
			if err != nil {
				cancelAttempt()
				endCall()
				return nil, err
			}
			if _, buffered := resp.Body.(*bufferedBody); buffered {
				cancelAttempt() // the body is already read: the call is over
				endCall()
			} else {
				resp.Body = &cappedBody{rc: resp.Body, left: MaxResponseBody, cancelAttempt: cancelAttempt, cancelCall: cancelCall}
			}
			return resp, nil
		}
		if readErr != nil {
			err = readErr // for the retry log line
		}
		if resp != nil {
			// Drain a little so the connection can be reused, then let it go.
			_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
			resp.Body.Close()
		}
		cancelAttempt()
		t.log.retry(ctx, req, attempt, wait, reason, err)
		if err := sleep(ctx, wait); err != nil {
			endCall()
			return nil, fmt.Errorf("juspay: stopped retrying after attempt %d (%s): %w", attempt, reason, err)
		}
	}
}

// retryableStatus reports whether a read answered with code is worth retrying.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// neverLeft reports whether err proves the request was never sent: the dial
// (or the DNS lookup before it) failed, so no connection existed to write to.
// A reset, EOF or timeout after a connection was made proves nothing.
func neverLeft(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// maxRetryAfterSeconds keeps a huge Retry-After from overflowing a Duration.
const maxRetryAfterSeconds = 1 << 30

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(min(s, maxRetryAfterSeconds)) * time.Second, true
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
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// bufferedBody is a response body read whole by the retry layer into a
// pooled buffer: the bytes received, and the error that ended the read early
// (nil after a full read). Close hands the buffer back to the pool.
type bufferedBody struct {
	buf *bodyBuf
	err error
	off int
}

// errReadAfterClose is what a bufferedBody read after Close returns.
var errReadAfterClose = errors.New("http: read on closed response body")

// bufferBody reads resp's body and closes it: a 2xx body up to
// MaxResponseBody (more is errTooLarge), an error body up to MaxErrorBody
// (apiError keeps no more).
func bufferBody(resp *http.Response) (*bufferedBody, error) {
	var (
		p   *bodyBuf
		err error
	)
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		p, err = readPooled(resp.Body, resp.ContentLength, MaxResponseBody)
	} else {
		p, err = readPooled(io.LimitReader(resp.Body, MaxErrorBody), -1, MaxErrorBody)
	}
	resp.Body.Close()
	return &bufferedBody{buf: p, err: err}, err
}

// bytes returns the bytes received; they are valid until Close.
func (b *bufferedBody) bytes() []byte {
	if b.buf == nil {
		return nil
	}
	return b.buf.b
}

// Read serves the bytes received, then the read error (or io.EOF).
func (b *bufferedBody) Read(p []byte) (int, error) {
	if b.buf == nil {
		return 0, errReadAfterClose
	}
	if b.off >= len(b.buf.b) {
		if b.err != nil {
			return 0, b.err
		}
		return 0, io.EOF
	}
	n := copy(p, b.buf.b[b.off:])
	b.off += n
	return n, nil
}

// Close hands the buffer back to the pool (the connection was released when
// the body was read). Reads after Close fail.
func (b *bufferedBody) Close() error {
	b.buf.release()
	b.buf = nil
	return nil
}
