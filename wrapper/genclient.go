package wrapper

import (
	"net/http"

	"github.com/pennydrop/juspay-accounts/gen"
)

// NewGenClient returns the generated client, gen.ClientWithResponses,
// configured to behave on the wire exactly like a Client made by New with the
// same arguments: every request goes through the same layers (see
// Middleware), so it carries Basic auth with the key and an empty password,
// the User-Agent, Accept, and x-merchantid and version when configured;
// reads are retried by the same policy and writes only when they provably
// never left, and never replayed below; the timeout bounds each call;
// WithLogger logs the same masked lines; redirects are not followed.
//
// The x-routing-id header defaults to the customer id of the request's path
// when the params leave it empty (or when params is nil); set it in the
// generated <Op>Params, or with WithRoutingID, to send another value.
//
// The generated client is the spec, no more: it does not check ids before
// building a path (an id "." or ".." resolves to another endpoint: check ids
// yourself, or use Client), its ...WithFormdataBody methods encode nested
// keys as a[b] where Juspay expects a.b (send forms with the ...WithBody
// methods), and it returns non-2xx responses as responses, not errors. Its
// ...WithResponse methods return (nil, err), losing the status and body,
// when a body does not match the spec. Bodies are capped at MaxResponseBody
// (MaxErrorBody for a non-2xx response).
func NewGenClient(apiKey string, opts ...Option) (*gen.ClientWithResponses, error) {
	gc, err := NewGenBaseClient(apiKey, opts...)
	if err != nil {
		return nil, err
	}
	return &gen.ClientWithResponses{ClientInterface: gc}, nil
}

// NewGenBaseClient returns the generated low-level client, gen.Client (one
// method per operation, returning the *http.Response), configured like
// NewGenClient's.
func NewGenBaseClient(apiKey string, opts ...Option) (*gen.Client, error) {
	c, err := New(apiKey, opts...)
	if err != nil {
		return nil, err
	}
	return gen.NewClient(c.base.server, gen.WithHTTPClient(genDoer{c.base}))
}

// genDoer sends the generated client's requests through a Client's layers.
type genDoer struct{ cl *call }

// Do sends req; a response of any status is returned with its body read.
func (d genDoer) Do(req *http.Request) (*http.Response, error) {
	x, err := d.cl.roundTrip(req.Context(), req)
	if err != nil {
		return nil, err // no response, or its body was cut short or too large
	}
	return x.resp, nil
}
