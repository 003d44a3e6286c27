package wrapper

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// CallOption adjusts one call: pass any number to a method after its
// arguments. An invalid option makes the call fail with an *InputError before
// anything is sent.
type CallOption func(*callConfig)

// callConfig is what the CallOptions of one call set.
type callConfig struct {
	routingID string
	header    http.Header   // WithHeader
	raw       *RawResponse  // WithRawResponse
	over      callOverrides // WithCallTimeout, WithCallRetryPolicy
	err       error         // the first invalid option
}

func (c *callConfig) fail(option, reason string) {
	if c.err == nil {
		c.err = &InputError{Field: option, Reason: reason}
	}
}

// WithRoutingID sends id as the x-routing-id header instead of the customer id.
// Juspay recommends the same value on every call for a customer (for a guest,
// an order or cart id).
func WithRoutingID(id string) CallOption {
	return func(c *callConfig) { c.routingID = id }
}

// WithHeader sets the header name to value on this call's request, replacing
// any value the client would send (User-Agent, x-merchantid, version, or a
// header of your own). It cannot set what the client owns: Authorization (the
// key is the client's), x-routing-id (use WithRoutingID), and the body's
// Content-Type, Content-Length and Transfer-Encoding, nor Host or Connection.
func WithHeader(name, value string) CallOption {
	return func(c *callConfig) {
		if !isToken(name) {
			c.fail("WithHeader", "needs a header name made of letters, digits and !#$%&'*+-.^_`|~")
			return
		}
		key := http.CanonicalHeaderKey(name)
		switch key {
		case "Authorization", "X-Routing-Id", "Content-Type", "Content-Length", "Transfer-Encoding", "Host", "Connection":
			c.fail("WithHeader", "cannot set "+key+", which the client sets itself")
			return
		}
		if checkHeaderValue("header", value) != nil {
			c.fail("WithHeader", "value of "+key+" contains a control character")
			return
		}
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header[key] = []string{value}
	}
}

// WithCallTimeout bounds this call, retries and waits included, to d instead
// of the client's timeout (WithTimeout). The context's deadline still applies
// when it is sooner.
func WithCallTimeout(d time.Duration) CallOption {
	return func(c *callConfig) {
		if d <= 0 {
			c.fail("WithCallTimeout", "must be positive")
			return
		}
		c.over.timeout = d
	}
}

// WithCallRetryPolicy retries this call by p instead of the client's policy
// (WithRetryPolicy); NoRetries() turns retries off for it. Writes (create,
// validate, delete) are still retried only when the request provably never
// left, whatever the policy.
func WithCallRetryPolicy(p RetryPolicy) CallOption {
	return func(c *callConfig) {
		if err := p.check(); err != nil {
			c.fail("WithCallRetryPolicy", strings.TrimPrefix(err.Error(), "wrapper: RetryPolicy."))
			return
		}
		p = p.withDefaults()
		c.over.retry = &p
	}
}

// WithRawResponse fills dst with the response that ended the call, success or
// error, exactly as Juspay sent it: for an audit log, or to read a field the
// typed result does not have yet. dst is left empty when no response arrived
// (a connection error, or input refused before sending).
func WithRawResponse(dst *RawResponse) CallOption {
	return func(c *callConfig) { c.raw = dst }
}

// RawResponse is what WithRawResponse captures.
type RawResponse struct {
	// Response is the final response: status, protocol and headers as
	// received. Its Body reads Body again. Response.Request is the request as
	// sent, with the Authorization header masked.
	Response *http.Response
	// Body holds the bytes of the body as received, up to MaxResponseBody for
	// a 2xx and MaxErrorBody for any other status. It may hold account
	// numbers, VPAs and names.
	Body []byte
}

// capture fills r from resp and its body bytes (which it copies).
func (r *RawResponse) capture(resp *http.Response, body []byte) {
	if r == nil {
		return
	}
	r.Body = bytes.Clone(body)
	if r.Body == nil {
		r.Body = []byte{}
	}
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

// isToken reports whether s is a non-empty HTTP token (RFC 9110).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}
