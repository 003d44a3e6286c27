package api

import (
	"bytes"
	"cmp"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
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
	// Operation is the operationId it was routed to, if any.
	Operation string `json:"operation,omitempty"`
	// Header holds the request headers; Authorization, and any other value
	// holding an accepted key (raw or in Basic's base64), read [REDACTED].
	Header http.Header `json:"header"`
	// Authorized reports whether it carried an accepted key as Juspay
	// documents (Basic, key as user name, empty password).
	Authorized bool `json:"authorized"`
	// Form is the decoded form body, if it had one.
	Form url.Values `json:"form,omitempty"`
	// Status is the status of the answer; 0 when none was written (a fault
	// reset the connection, or the client gave up during a forced delay).
	Status int `json:"status"`
	// RequestID is the answer's X-Request-Id.
	RequestID string `json:"request_id"`
	// Forced reports whether a Fault or the failure rate answered it.
	Forced bool `json:"forced,omitempty"`

	seq uint64 // arrival order across the merchants' lists
}

// RoutingID is the x-routing-id header the request carried.
func (r RecordedRequest) RoutingID() string { return r.Header.Get("X-Routing-Id") }

// traffic keeps each merchant's last requests apart: list 0 for none, i+1 for key i.
type traffic struct {
	masker *redact.Masker // the accepted keys
	mu     sync.Mutex
	n      int // capacity of each list
	seq    uint64
	lists  [][]RecordedRequest // oldest first
}

func newTraffic(n int, keys []string) *traffic {
	m := redact.New("")
	for _, k := range keys {
		m = m.WithKey(k)
	}
	return &traffic{masker: m, n: n, lists: make([][]RecordedRequest, len(keys)+1)}
}

func (t *traffic) add(merchant int, r RecordedRequest) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	r.seq = t.seq
	l := append(t.lists[merchant], r)
	if len(l) > t.n {
		l[0] = RecordedRequest{} // let it go
		l = l[1:]                // append reallocates once the capacity runs out
	}
	t.lists[merchant] = l
}

// list returns the requests of one merchant (or all), oldest first.
func (t *traffic) list(merchant int) []RecordedRequest {
	t.mu.Lock()
	out := []RecordedRequest{}
	for i, l := range t.lists {
		if mine(i, merchant) {
			out = append(out, l...)
		}
	}
	t.mu.Unlock()
	slices.SortFunc(out, func(a, b RecordedRequest) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// clear forgets the requests of one merchant (allMerchants: of every list).
func (t *traffic) clear(merchant int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range t.lists {
		if mine(i, merchant) {
			t.lists[i] = nil
		}
	}
}

// allMerchants selects every merchant's rules or requests (the Go API's view).
const allMerchants = -1

// Requests returns the recorded requests of every merchant and of none,
// oldest first (nil unless WithRecording or WithControl). Forms and queries
// are as received; only keys and credentials in headers are masked.
func (s *Server) Requests() []RecordedRequest {
	if s.traffic == nil {
		return nil
	}
	return s.traffic.list(allMerchants)
}

// ClearRequests forgets the recorded requests of every merchant.
func (s *Server) ClearRequests() {
	if s.traffic != nil {
		s.traffic.clear(allMerchants)
	}
}

// captureForm reads and restores the body of r and returns it decoded, if a form.
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
	merchant := s.merchant(r)
	rec := RecordedRequest{
		Time:       start,
		Method:     r.Method,
		Path:       r.URL.Path,
		Query:      r.URL.RawQuery,
		Operation:  rw.op,
		Header:     s.traffic.masker.Header(r.Header), // accepted keys masked, raw or in Basic's base64
		Authorized: merchant > 0,
		Form:       rw.form,
		Status:     rw.status,
		RequestID:  id,
		Forced:     rw.fault,
	}
	s.traffic.add(merchant, rec)
}

// masked returns rec with its form and query masked by redact.Masker.Form.
func (s *Server) masked(rec RecordedRequest) RecordedRequest {
	m := s.traffic.masker
	if rec.Form != nil {
		rec.Form, _ = url.ParseQuery(m.Form(rec.Form.Encode()))
	}
	if rec.Query != "" {
		rec.Query = m.Form(rec.Query)
	}
	return rec
}

// errReader stands for the rest of a body whose reading failed with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
