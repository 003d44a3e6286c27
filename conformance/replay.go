package conformance

import (
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Replayer is an http.Handler that serves each interaction of a cassette
// once, in order, to a request with the same method, path, query and
// (redacted) form body; any other request gets a 501 and is listed by Misses.
type Replayer struct {
	mu     sync.Mutex
	c      *Cassette
	used   []bool
	misses []string
}

// NewReplayer serves c.
func NewReplayer(c *Cassette) *Replayer {
	return &Replayer{c: c, used: make([]bool, len(c.Interactions))}
}

// ServeHTTP writes the recorded response of the first unused matching interaction.
func (p *Replayer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, "replay: read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	want := [4]string{req.Method, req.URL.Path, (*redact.Masker)(nil).Form(req.URL.RawQuery), redactBody(nil, req.Header, body)}
	p.mu.Lock()
	idx := -1
	for i, in := range p.c.Interactions {
		if r := in.Request; !p.used[i] && [4]string{r.Method, r.Path, r.Query, r.Body} == want {
			idx, p.used[i] = i, true
			break
		}
	}
	if idx < 0 {
		p.misses = append(p.misses, fmt.Sprintf("%s %s?%s", req.Method, req.URL.Path, req.URL.RawQuery))
		p.mu.Unlock()
		http.Error(w, "replay: no recorded interaction matches "+req.Method+" "+req.URL.Path, http.StatusNotImplemented)
		return
	}
	p.mu.Unlock()
	resp := p.c.Interactions[idx].Response
	maps.Copy(w.Header(), resp.Header.Clone())
	w.WriteHeader(resp.Status)
	_, _ = w.Write(resp.BodyBytes())
}

// Misses lists the requests that matched no interaction.
func (p *Replayer) Misses() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.misses...)
}

// Unused lists the interactions no request has asked for yet.
func (p *Replayer) Unused() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for i, in := range p.c.Interactions {
		if !p.used[i] {
			out = append(out, strings.TrimSpace(in.Operation+" "+in.Request.Method+" "+in.Request.Path))
		}
	}
	return out
}

// NewReplayServer serves c on a loopback server closed when the test ends,
// failing the test if any request matched no interaction.
func NewReplayServer(tb testing.TB, c *Cassette) *httptest.Server {
	tb.Helper()
	p := NewReplayer(c)
	srv := httptest.NewServer(p)
	tb.Cleanup(func() {
		srv.Close()
		if m := p.Misses(); len(m) > 0 {
			tb.Errorf("replay: %d request(s) matched no recorded interaction: %v", len(m), m)
		}
	})
	return srv
}
