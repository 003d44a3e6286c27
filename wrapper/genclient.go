package wrapper

import (
	"bytes"
	"io"
	"net/http"

	"github.com/pennydrop/juspay-accounts/gen"
)

// NewGenClient returns the generated client, gen.ClientWithResponses, that
// behaves on the wire like a Client made by New with the same arguments:
// auth and headers, retries (writes never sent twice), timeouts, logging,
// middleware, no redirects. x-routing-id defaults to the path's customer id.
//
// It is the spec, no more: it does not check ids (an id "." or ".." reaches
// another endpoint), its ...WithFormdataBody methods write nested keys as
// a[b] where Juspay expects a.b (use ...WithBody), and its ...WithResponse
// methods lose the status and body when a body does not match the spec.
// Non-2xx responses are returned as responses; bodies are capped at
// MaxResponseBody (MaxErrorBody for a non-2xx).
func NewGenClient(apiKey string, opts ...Option) (*gen.ClientWithResponses, error) {
	gc, err := NewGenBaseClient(apiKey, opts...)
	if err != nil {
		return nil, err
	}
	return &gen.ClientWithResponses{ClientInterface: gc}, nil
}

// NewGenBaseClient returns the generated low-level client, gen.Client,
// configured like NewGenClient's.
func NewGenBaseClient(apiKey string, opts ...Option) (*gen.Client, error) {
	c, err := New(apiKey, opts...)
	if err != nil {
		return nil, err
	}
	return gen.NewClient(c.base.server, gen.WithHTTPClient(genDoer{c.base}))
}

// genDoer sends the generated client's requests through a Client's layers.
type genDoer struct{ cl *config }

// Do sends req; a response of any status is returned with its body read.
func (d genDoer) Do(req *http.Request) (*http.Response, error) {
	x, err := d.cl.roundTrip(req.Context(), req)
	if err != nil {
		return nil, err
	}
	x.resp.Body = io.NopCloser(bytes.NewReader(x.body))
	return x.resp, nil
}
