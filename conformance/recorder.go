package conformance

import (
	"cmp"
	"net/http"
	"sync"
)

// Recorder is an http.RoundTripper that records every exchange it carries,
// redacted as it is captured, into a Cassette (save it with
// Cassette().Save(path)); the caller gets the base transport's response.
type Recorder struct {
	base      http.RoundTripper
	validator *Validator

	mu       sync.Mutex
	cassette Cassette
}

// NewRecorder records the exchanges sent through base (nil:
// http.DefaultTransport) into a cassette of the given origin. Label it
// honestly: OriginLive only for exchanges with Juspay itself.
func NewRecorder(origin Origin, description string, base http.RoundTripper) (*Recorder, error) {
	v, err := NewValidator()
	if err != nil {
		return nil, err
	}
	return &Recorder{
		base: cmp.Or(base, http.DefaultTransport), validator: v,
		cassette: Cassette{Version: CassetteVersion, Origin: origin, Description: description, Interactions: []Interaction{}},
	}, nil
}

// RoundTrip sends req on and records the exchange, unless a body is too large.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	return roundTrip(r.base, req, DefaultMaxBodyBytes, func(x Exchange, reqWhole, respWhole bool) {
		if !reqWhole || !respWhole {
			return
		}
		in := recordExchange(r.validator.Operation(req.Method, req.URL), x)
		r.mu.Lock()
		r.cassette.Interactions = append(r.cassette.Interactions, in)
		r.mu.Unlock()
	})
}

// Cassette returns a copy of what has been recorded so far.
func (r *Recorder) Cassette() *Cassette {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.cassette
	c.Interactions = append([]Interaction(nil), r.cassette.Interactions...)
	return &c
}
