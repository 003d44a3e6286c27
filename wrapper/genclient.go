package wrapper

import "github.com/pennydrop/juspay-accounts/gen"

// NewGenClient returns the generated client, gen.ClientWithResponses,
// configured to behave on the wire exactly like a Client made by New with the
// same arguments: it shares Client's layers (see Middleware), so every
// request carries Basic auth with the key and an empty password, the
// User-Agent, Accept, and x-merchantid and version when configured; reads
// are retried by the same policy and writes only when they provably never
// left; the timeout bounds each call; WithLogger logs the same redacted
// lines; WithMiddleware hooks run around each attempt; redirects are not
// followed.
//
// The x-routing-id header defaults to the customer id of the request's path
// when the params leave it empty (or when params is nil); set it in the
// generated <Op>Params, or with a gen.RequestEditorFn, to send another
// value.
//
// The generated client is the spec, no more: it does not check ids before
// building a path (an id "." or ".." resolves to another endpoint: check ids
// yourself, or use Client), its ...WithFormdataBody methods encode nested
// keys as a[b] where Juspay expects a.b (send forms with the ...WithBody
// methods), and its ...WithResponse methods return (nil, err), losing the
// status and body, when a body does not match the spec. Bodies are capped at
// MaxResponseBody (MaxErrorBody for an error of a read).
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
	return gen.NewClient(c.server, gen.WithHTTPClient(c.hc), gen.WithRequestEditorFn(c.hdr.edit))
}
