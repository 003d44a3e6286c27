// The faults tests are the wrapper's fault matrix: a loopback server that
// misbehaves on purpose (Server, Reset) and a test (matrix_test.go) that calls
// every wrapper operation against every fault, checking the error it returns,
// how many requests the server saw, that it returned within its deadline and
// that no goroutine was left behind.
//
//	go test -race -run TestFaultMatrix -v ./faults/
package faults_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"
)

// Arrival is one request the Server saw, recorded when its handler started.
type Arrival struct {
	// At is when the handler started.
	At time.Time
	// Method is the request method.
	Method string
	// Path is the escaped path as sent (r.URL.EscapedPath()).
	Path string
	// Authorization is the Authorization header as received ("" if none).
	Authorization string
}

// Server is a loopback HTTP server on 127.0.0.1 that records every request
// before handing it to its handler and counts the handlers still running.
type Server struct {
	// URL is the base URL, http://127.0.0.1:port.
	URL string

	srv      *httptest.Server
	active   atomic.Int64
	mu       sync.Mutex
	arrivals []Arrival
	stop     chan struct{}
	stopOnce sync.Once
}

// Start serves h on a new loopback port. The handler may block on Done to
// hang until Close.
func Start(h http.Handler) *Server {
	s := &Server{stop: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.active.Add(1)
		defer s.active.Add(-1)
		s.mu.Lock()
		s.arrivals = append(s.arrivals, Arrival{At: time.Now(), Method: r.Method, Path: r.URL.EscapedPath(), Authorization: r.Header.Get("Authorization")})
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	s.URL = s.srv.URL
	return s
}

// Seen returns how many requests reached the handler.
func (s *Server) Seen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.arrivals)
}

// Arrivals returns a copy of the requests seen, in arrival order.
func (s *Server) Arrivals() []Arrival {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Arrival(nil), s.arrivals...)
}

// Active returns how many handlers are still running.
func (s *Server) Active() int { return int(s.active.Load()) }

// Done is closed when Close starts: a hanging handler waits on it (and on its
// request's context) so that Close never blocks forever.
func (s *Server) Done() <-chan struct{} { return s.stop }

// Close releases hanging handlers, then shuts the server down and waits for
// its handlers to return.
func (s *Server) Close() {
	s.stopOnce.Do(func() { close(s.stop) })
	s.srv.Close()
}

// Reset aborts the connection of w's request with a TCP RST (SO_LINGER 0)
// instead of a response. It reports whether it could.
func Reset(w http.ResponseWriter) bool {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return false
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return false
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
	return true
}
