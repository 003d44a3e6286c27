package api

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// RecordedRequest is one request the server received (see WithRecording),
// with the API key masked wherever it appears in the headers.
type RecordedRequest struct {
	// Time is when the request arrived.
	Time time.Time `json:"time"`
	// Method, Path and Query are the request line (Path unescaped).
	Method string `json:"method"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	// Operation is the operationId it was routed to; empty when no route
	// matched.
	Operation string `json:"operation,omitempty"`
	// Header holds the request headers masked by redact.Masker.Header:
	// Authorization reads [REDACTED], an accepted key (raw or in Basic's
	// base64) is masked in every other value.
	Header http.Header `json:"header"`
	// Authorized reports whether it carried an accepted key as Juspay
	// documents (Basic, key as user name, empty password).
	Authorized bool `json:"authorized"`
	// Form is the decoded form body; nil without one (or when the body was
	// not a form). Server.Requests returns it as sent; Masked masks it.
	Form url.Values `json:"form,omitempty"`
	// Status is the status of the answer; 0 when the connection was reset.
	Status int `json:"status"`
	// RequestID is the answer's X-Request-Id.
	RequestID string `json:"request_id"`
	// Forced reports whether a Fault or the failure rate answered it.
	Forced bool `json:"forced,omitempty"`
}

// Masked returns r with its form and query masked field by field
// (redact.Masker.Form: personal fields masked by kind, metadata and
// undeclared fields replaced whole), as the control endpoint shows it.
func (r RecordedRequest) Masked() RecordedRequest {
	var none *redact.Masker
	if r.Form != nil {
		r.Form, _ = url.ParseQuery(none.Form(r.Form.Encode()))
	}
	if r.Query != "" {
		r.Query = none.Form(r.Query)
	}
	return r
}

// RoutingID is the x-routing-id header the request carried.
func (r RecordedRequest) RoutingID() string { return r.Header.Get("X-Routing-Id") }

// traffic is a ring of the last requests.
type traffic struct {
	masker     *redact.Masker // the accepted keys, built on the first record
	maskerOnce sync.Once
	mu         sync.Mutex
	ring       []RecordedRequest
	next       int
	full       bool
}

func newTraffic(n int) *traffic { return &traffic{ring: make([]RecordedRequest, n)} }

func (t *traffic) add(r RecordedRequest) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ring[t.next] = r
	t.next = (t.next + 1) % len(t.ring)
	t.full = t.full || t.next == 0
}

func (t *traffic) list() []RecordedRequest {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.full {
		return slices.Clone(t.ring[:t.next])
	}
	return append(slices.Clone(t.ring[t.next:]), t.ring[:t.next]...)
}

// Requests returns the recorded requests, oldest first (nil unless
// WithRecording or WithControl).
func (s *Server) Requests() []RecordedRequest {
	if s.traffic == nil {
		return nil
	}
	return s.traffic.list()
}

// ClearRequests forgets the recorded requests.
func (s *Server) ClearRequests() {
	if s.traffic == nil {
		return
	}
	s.traffic.mu.Lock()
	defer s.traffic.mu.Unlock()
	clear(s.traffic.ring)
	s.traffic.next, s.traffic.full = 0, false
}

// captureForm reads the body of r (when it is a form), restores it, and
// returns the decoded form.
func captureForm(r *http.Request) url.Values {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	b, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), errReader{err}))
	} else {
		r.Body = io.NopCloser(bytes.NewReader(b))
	}
	if ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";"); !strings.EqualFold(strings.TrimSpace(ct), formMediaType) {
		return nil
	}
	form, err := url.ParseQuery(string(b))
	if err != nil {
		return nil
	}
	return form
}

// record adds the finished exchange to the traffic.
func (s *Server) record(rw *recorder, r *http.Request, start time.Time, id string) {
	key, ok := spec.BasicKey(r)
	rec := RecordedRequest{
		Time:       start,
		Method:     r.Method,
		Path:       r.URL.Path,
		Query:      r.URL.RawQuery,
		Operation:  rw.op,
		Header:     s.maskKeys(r.Header),
		Authorized: ok && s.acceptKey(key),
		Form:       rw.form,
		Status:     rw.status,
		RequestID:  id,
		Forced:     rw.fault,
	}
	if rw.wrote && rec.Status == 0 {
		rec.Status = http.StatusOK
	}
	s.traffic.add(rec)
}

// maskKeys returns a copy of h with credentials and every accepted key
// (raw, or base64 as Basic sends it, padded or not) masked.
func (s *Server) maskKeys(h http.Header) http.Header {
	t := s.traffic
	t.maskerOnce.Do(func() {
		t.masker = redact.New("")
		for _, k := range s.cfg.keys {
			t.masker = t.masker.WithKey(k)
		}
	})
	return t.masker.Header(h)
}
