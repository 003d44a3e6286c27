package wrapper

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Middleware wraps each attempt of a call (WithMiddleware): it gets the
// request as it will be sent (Authorization included: never log it), the
// Attempt and next, which sends it, and returns what next returned or its
// own response or error, never neither. It must restore a request body it
// reads. next sends a write at most once: a second call fails unsent.
type Middleware func(req *http.Request, a Attempt, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends a request through the layers below a Middleware.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// Attempt describes one attempt of a call to a Middleware.
type Attempt struct {
	// Operation is the spec's operationId, such as "validateCustomerAccount";
	// "" for a path the spec does not have.
	Operation string
	Number    int // 1 for the first attempt, 2 for the first retry, and so on
}

// exchange is the outcome of a call's attempts: the final response (nil if
// none) and its capped body, the request's method, path (escaped, after the
// base URL's) and operation, and what masking must hide.
type exchange struct {
	resp         *http.Response
	body         []byte
	method, path string
	op           string
	secrets      *callSecrets
}

// callSecrets makes a call's masker (the key, and the values of the form
// and query the request carried) on first use: an error or a log line.
type callSecrets struct {
	once  sync.Once
	base  *redact.Masker
	form  []byte
	query string
	m     *redact.Masker
}

func (x exchange) masker() *redact.Masker {
	s := x.secrets
	s.once.Do(func() { s.m = s.base.WithForm(string(s.form)).WithForm(s.query) })
	return s.m
}

// MaxResponseBody caps a 2xx body; a larger one is a *DecodeError.
const MaxResponseBody = 8 << 20

// errTooLarge is a 2xx body over MaxResponseBody.
var errTooLarge = fmt.Errorf("the body exceeds the size cap (MaxResponseBody, %d bytes)", MaxResponseBody)

var errNextTwice = errors.New("a Middleware called next twice for a write; it was not sent again")

// roundTrip sends req with the call's headers, timeouts, retries, middleware
// and logging, and reads the final body (capped) within the call's timeout.
// A write is retried only if it never left, and no layer below can send it
// again: its body cannot be rewound and redirects are not followed.
func (cl *config) roundTrip(ctx context.Context, req *http.Request) (exchange, error) {
	x := exchange{method: req.Method, path: strings.TrimPrefix(req.URL.EscapedPath(), cl.prefix)}
	var customer string
	x.op, customer = route(x.method, x.path)
	write := req.Method != http.MethodGet && req.Method != http.MethodHead
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(io.LimitReader(req.Body, MaxResponseBody))
		req.Body.Close()
		if err != nil {
			return x, &InputError{Field: "request body", Reason: "cannot be read"}
		}
	}
	x.secrets = &callSecrets{base: cl.c.masker, form: body, query: req.URL.RawQuery}
	if err := cl.setHeaders(req, customer); err != nil {
		return x, err
	}

	ctx, cancel := context.WithTimeoutCause(ctx, cl.timeout, &TimeoutError{Option: "WithTimeout", After: cl.timeout})
	defer cancel()
	for attempt := 1; ; attempt++ {
		actx, cancelAttempt := ctx, context.CancelFunc(func() {})
		if cl.attemptTimeout > 0 {
			actx, cancelAttempt = context.WithTimeoutCause(ctx, cl.attemptTimeout, &TimeoutError{Option: "WithAttemptTimeout", After: cl.attemptTimeout})
		}
		var gotConn bool
		if write {
			actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { gotConn = true }})
		}
		r := req.WithContext(actx) // the headers, set once above, are shared
		if write {
			// No GetBody, and a body even when empty: net/http never replays
			// it (whatever its headers, such as an Idempotency-Key) and
			// never follows a 307 or 308 with it. A NopCloser'd bytes.Reader
			// is a body net/http knows is in memory: one write, not two.
			r.Body, r.GetBody, r.ContentLength = io.NopCloser(bytes.NewReader(body)), nil, int64(len(body))
		}
		resp, err := cl.attempt(r, x, attempt, write)
		var data []byte
		if err == nil {
			data, err = readBody(resp)
		}
		if err != nil && actx.Err() != nil {
			err = context.Cause(actx) // which timeout, or the caller's context
		}
		cancelAttempt()

		retry, wait, reason := false, cl.retry.backoff(attempt-1), ""
		switch {
		case err != nil && ctx.Err() == nil && (!write || neverLeft(err) && !gotConn):
			retry, reason = !errors.Is(err, errTooLarge), "error"
		case err == nil && !write && slices.Contains(retryStatuses, resp.StatusCode):
			retry, reason = true, fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				retry, wait = ra <= cl.retry.MaxRetryAfter, ra
			}
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			retry = false // the server's wait outlasts the call: answer now
		}
		if !retry || attempt > cl.retry.MaxRetries {
			if resp == nil {
				return x, transportError(x, attempt, err)
			}
			x.resp, x.body = resp, data // err, if any, cut the body short
			return x, err
		}
		cl.log(ctx, slog.LevelInfo, "juspay retry", x, attempt, err, slog.Duration("wait", wait), slog.String("reason", reason))
		if err := sleep(ctx, wait); err != nil {
			return x, transportError(x, attempt, fmt.Errorf("stopped retrying (%s): %w", reason, context.Cause(ctx)))
		}
	}
}

// attempt sends r once through the middleware and the logger.
func (cl *config) attempt(r *http.Request, x exchange, n int, write bool) (*http.Response, error) {
	a := Attempt{Operation: x.op, Number: n}
	var sent atomic.Bool // a middleware may call next from another goroutine
	next := func(r *http.Request) (*http.Response, error) {
		if sent.Swap(true) && write {
			return nil, errNextTwice
		}
		return cl.hc.Do(r)
	}
	if cl.logger != nil {
		next = cl.logged(next, x, n)
	}
	for i := len(cl.middleware) - 1; i >= 0; i-- {
		mw, inner := cl.middleware[i], next
		next = func(r *http.Request) (*http.Response, error) {
			resp, err := mw(r, a, inner)
			if resp == nil && err == nil {
				return nil, errors.New("a Middleware returned neither a response nor an error")
			}
			if resp != nil && resp.Body == nil {
				resp.Body = http.NoBody
			}
			return resp, err
		}
	}
	return next(r)
}

// readBody reads and closes resp's body: a 2xx up to MaxResponseBody (more is
// errTooLarge), any other status up to MaxErrorBody (the rest is dropped).
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	limit := int64(MaxErrorBody)
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		if limit = MaxResponseBody; resp.ContentLength > limit {
			return nil, errTooLarge
		}
	}
	if n := resp.ContentLength; n >= 0 && n <= limit { // one allocation of the known size
		b := make([]byte, n)
		m, err := io.ReadFull(resp.Body, b)
		return b[:m], err
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if int64(len(b)) > limit {
		b = b[:limit]
		if limit == MaxResponseBody {
			return b, errTooLarge
		}
	}
	return b, err
}

// setHeaders sets the client's headers and the call's, and x-routing-id when
// the request has none: WithRoutingID's, else customer, the path's.
func (cl *config) setHeaders(req *http.Request, customer string) error {
	// The values share one allocation; v[3] is the default x-routing-id.
	h, v := req.Header, []string{cl.c.auth, userAgent, "application/json", cmp.Or(cl.routingID, customer)}
	h["Authorization"] = v[0:1:1]
	h["User-Agent"] = v[1:2:2]
	h["Accept"] = v[2:3:3]
	if cl.merchantID != "" && h.Get("X-Merchantid") == "" {
		h["X-Merchantid"] = []string{cl.merchantID}
	}
	if cl.apiVersion != "" && h.Get("Version") == "" {
		h["Version"] = []string{cl.apiVersion}
	}
	for k, vs := range cl.header {
		h[k] = vs
	}
	if strings.TrimSpace(h.Get("X-Routing-Id")) == "" {
		if v[3] == "" {
			return &InputError{Field: "x-routing-id", Reason: "is missing and the path names no customer to default it to"}
		}
		if err := checkHeaderValue("x-routing-id", v[3]); err != nil {
			return err
		}
		h["X-Routing-Id"] = v[3:4:4]
	}
	return nil
}

// route returns gen's operation for a method and path (after the base URL's
// path) and the path's customer id, "" for a path the spec does not have.
// A literal segment wins over a parameter: ".../list" is the list.
func route(method, path string) (op, customer string) {
	seg, best := strings.Split(path, "/"), -1
routes:
	for _, r := range routes() {
		if r.method != method || len(r.tmpl) != len(seg) {
			continue
		}
		literals, cust := 0, ""
		for i, t := range r.tmpl {
			switch {
			case strings.HasPrefix(t, "{") && seg[i] != "":
				if t == "{customer_id}" {
					cust = seg[i]
				}
			case t == seg[i]:
				literals++
			default:
				continue routes
			}
		}
		if literals > best {
			best, op, customer = literals, string(r.id), cust
		}
	}
	customer, _ = url.PathUnescape(customer)
	return op, customer
}

// opRoute is one of gen's operations with its path template split.
type opRoute struct {
	id     gen.OperationID
	method string
	tmpl   []string
}

var routes = sync.OnceValue(func() (out []opRoute) {
	for _, id := range gen.OperationIDs() {
		m, p := id.Route()
		out = append(out, opRoute{id, m, strings.Split(p, "/")})
	}
	return out
})
