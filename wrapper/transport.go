package wrapper

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// The layers every request goes through, shared by Client and the generated
// clients of NewGenClient, one home for each concern:
//
//	headers.edit    Authorization, User-Agent, Accept, x-merchantid, version,
//	                x-routing-id defaulting (a gen.RequestEditorFn)
//	retryTransport  the call's timeout, retries of what is safe to retry
//	Middleware      the user's hooks, once per attempt
//	logTransport    one redacted slog line per attempt
//	the base        the user's http.Client's Transport, or http.DefaultTransport

// Middleware wraps each attempt of a call: it gets the request as it will be
// sent (every header set, the Authorization header included: never log it)
// and next, which sends it; it returns what next returned, or its own
// response or error. A retried call runs it once per attempt. Use it for
// tracing, metrics or an audit trail; register it with WithMiddleware.
//
// A Middleware must not read a request body it does not restore, and must
// return a non-nil response or a non-nil error.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends a request through the layers below a Middleware.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// middlewareTransport runs one Middleware in the transport chain.
type middlewareTransport struct {
	mw   Middleware
	next MiddlewareNext
}

var errMiddlewareNoResponse = errors.New("wrapper: a Middleware returned neither a response nor an error")

// RoundTrip runs the middleware around the next layer.
func (t *middlewareTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.mw(req, t.next)
	if resp == nil && err == nil {
		return nil, errMiddlewareNoResponse
	}
	return resp, err
}

// newHTTPClient returns a copy of the configured http.Client (never the
// user's own, never http.DefaultClient) with the retry, middleware and log
// layers around its transport, and redirects turned off.
func newHTTPClient(cfg *config, lc *loggerConfig) *http.Client {
	hc := &http.Client{}
	if cfg.httpClient != nil {
		*hc = *cfg.httpClient
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	if lc != nil {
		next = &logTransport{next: next, log: lc}
	}
	for i := len(cfg.middleware) - 1; i >= 0; i-- {
		next = &middlewareTransport{mw: cfg.middleware[i], next: next.RoundTrip}
	}
	hc.Transport = &retryTransport{
		next:           next,
		policy:         cfg.retry.withDefaults(),
		timeout:        cfg.timeout,
		attemptTimeout: cfg.attemptTimeout,
		log:            lc,
	}
	if hc.CheckRedirect == nil {
		// Juspay does not redirect API calls; following a redirect would replay
		// a create or validate to another URL. A 3xx is returned as is.
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	return hc
}

// headers sets the headers every request carries. Its edit method is the one
// place they are set, for Client (which calls it on each request gen builds)
// and for the generated clients (a gen.RequestEditorFn).
type headers struct {
	auth       []string // "Basic base64(key:)"
	userAgent  []string
	merchantID []string // nil: not sent
	apiVersion []string // nil: not sent
	// basePath is the base URL's escaped path ("" or "/prefix"), which comes
	// before the operation's path.
	basePath string
}

var acceptJSON = []string{"application/json"}

// edit sets Authorization, User-Agent and Accept; x-merchantid and version
// when configured and the request has none; and x-routing-id, when the
// request has none (or an empty one), to the customer id of the request's
// path.
func (h *headers) edit(_ context.Context, req *http.Request) error {
	hd := req.Header
	if hd == nil {
		hd = http.Header{}
		req.Header = hd
	}
	hd["Authorization"] = h.auth
	hd["User-Agent"] = h.userAgent
	hd["Accept"] = acceptJSON
	if h.merchantID != nil && len(hd["X-Merchantid"]) == 0 {
		hd["X-Merchantid"] = h.merchantID
	}
	if h.apiVersion != nil && len(hd["Version"]) == 0 {
		hd["Version"] = h.apiVersion
	}
	if v := hd["X-Routing-Id"]; len(v) == 0 || strings.TrimSpace(v[0]) == "" {
		id, ok := h.customerID(req.URL)
		if !ok {
			return errors.New("wrapper: the request has no x-routing-id and its path names no customer to default it to")
		}
		if err := checkHeaderValue("the customer id", id); err != nil {
			return err
		}
		hd["X-Routing-Id"] = []string{id}
	}
	return nil
}

// customerCollection is the collection every operation of this API is under
// ({customerCollection}/{customer_id}/...): the segment after it is the
// customer id Juspay recommends as the routing id.
const customerCollection = "customers"

// customerID returns the unescaped customer id of an operation's URL.
func (h *headers) customerID(u *url.URL) (string, bool) {
	if u == nil {
		return "", false
	}
	p, ok := strings.CutPrefix(u.EscapedPath(), h.basePath+"/")
	if !ok {
		return "", false
	}
	collection, rest, ok := strings.Cut(p, "/")
	if !ok || collection != customerCollection {
		return "", false
	}
	seg, _, _ := strings.Cut(rest, "/")
	id, err := url.PathUnescape(seg)
	if err != nil || id == "" {
		return "", false
	}
	return id, true
}
