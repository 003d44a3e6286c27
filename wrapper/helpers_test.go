package wrapper

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testKey = "test_api_key_9f8e7d6c5b4a"

// seen is one request a test server received.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   string
}

// recorder records what a test server receives.
type recorder struct {
	mu   sync.Mutex
	reqs []seen
}

func (r *recorder) add(req *http.Request) seen {
	b, _ := io.ReadAll(req.Body)
	s := seen{Method: req.Method, Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery, Header: req.Header.Clone(), Body: string(b)}
	r.mu.Lock()
	r.reqs = append(r.reqs, s)
	r.mu.Unlock()
	return s
}

func (r *recorder) all() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// fastRetries retries like the default policy, with millisecond waits.
func fastRetries() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxRetryAfter: 20 * time.Millisecond}
}

// setup starts a loopback server whose handler sees every request after it
// is recorded, and a Client pointed at it.
func setup(t *testing.T, h func(w http.ResponseWriter, r *http.Request, s seen), opts ...Option) (*Client, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := rec.add(r)
		h(w, r, s)
	}))
	t.Cleanup(srv.Close)
	all := append([]Option{WithBaseURL(srv.URL), WithRetryPolicy(fastRetries())}, opts...)
	c, err := New(testKey, all...)
	require.NoError(t, err)
	return c, rec
}

// sample returns a body from testdata/samples.
func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	require.NoError(t, err)
	return b
}

// respond writes a JSON body with a status.
func respond(status int, body []byte) func(http.ResponseWriter, *http.Request, seen) {
	return func(w http.ResponseWriter, _ *http.Request, _ seen) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}
