package api

import (
	"bytes"
	"encoding/base64"
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
	// Header holds the request headers; Authorization, and any other value
	// holding an accepted key (raw or in Basic's base64), read [REDACTED].
	Header http.Header `json:"header"`
	// Authorized reports whether it carried an accepted key as Juspay
	// documents (Basic, key as user name, empty password).
	Authorized bool `json:"authorized"`
	// Form is the decoded form body; nil without one (or when the body was
	// not a form).
	Form url.Values `json:"form,omitempty"`
	// Status is the status of the answer; 0 when the connection was reset.
	Status int `json:"status"`
	// RequestID is the answer's X-Request-Id.
	RequestID string `json:"request_id"`
	// Forced reports whether a Fault or the failure rate answered it.
	Forced bool `json:"forced,omitempty"`
}

// RoutingID is the x-routing-id header the request carried.
func (r RecordedRequest) RoutingID() string { return r.Header.Get("X-Routing-Id") }

// traffic is a ring of the last requests.
type traffic struct {
	mu   sync.Mutex
	ring []RecordedRequest
	next int
	full bool
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
	out := redact.Header(h)
	var secrets []string
	for _, k := range s.cfg.keys {
		b := base64.StdEncoding.EncodeToString([]byte(k + ":"))
		secrets = append(secrets, k, b, strings.TrimRight(b, "="), base64.RawURLEncoding.EncodeToString([]byte(k+":")))
	}
	for name, vs := range out {
		for i, v := range vs {
			for _, sec := range secrets {
				v = strings.ReplaceAll(v, sec, redact.Redacted)
			}
			out[name][i] = v
		}
	}
	return out
}

// errReader returns err: it stands for the rest of a body whose reading failed.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
