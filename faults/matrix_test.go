package faults_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/internal/loopback"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// The matrix's client settings: a short per-attempt timeout and short retry
// delays keep the hanging rows fast.
const (
	attemptTimeout = time.Second
	// slack multiplies every row's computed deadline and margin is added to
	// it: a correctness bound (the call does not hang), never a performance
	// target. A loaded machine (two cores, -race, 24 rows at once, other
	// processes busy) stretches every attempt: a row once took 5.4 s against a
	// 4.12 s bound. A hang is unbounded, so a generous bound still catches it.
	slack  = 4
	margin = 10 * time.Second
	// heavyTimeout is the attempt timeout of heavy rows.
	heavyTimeout = 5 * time.Second
	// parallelRows bounds how many rows run at once.
	parallelRows = 24
)

var policy = wrapper.RetryPolicy{MaxRetries: 2, BaseDelay: 5 * time.Millisecond, MaxDelay: 20 * time.Millisecond, MaxRetryAfter: 60 * time.Millisecond}

// row is what a fault's handler and check may use.
type row struct {
	op        operation
	srv       *Server // the faulty server
	elsewhere *Server // another host a redirect points to
}

// fault is one way a server misbehaves.
type fault struct {
	name string
	// handler answers every request of the row.
	handler func(r *row) http.HandlerFunc
	// retried: a read (GET) is tried 1+MaxRetries times; a write is always
	// sent once.
	retried bool
	// refused: there is no server; the dial fails, which every method retries.
	refused bool
	// heavy: the row moves megabytes (reading 8 MiB takes ~0.5 s under
	// -race on two cores): such rows run one at a time, with heavyTimeout.
	heavy bool
	// attempt, when set, replaces attemptTimeout: a row whose check depends
	// on which phase the timeout hits gives the phase before it ample time.
	attempt time.Duration
	// check asserts the call's result.
	check func(t *testing.T, r *row, id string, err error)
}

func TestFaultMatrix(t *testing.T) {
	ops := operations(t)
	fs := faultList()
	before := runtime.NumGoroutine()

	var (
		mu       sync.Mutex
		survived = map[string]int{} // fault -> operations survived
		failed   []string
	)
	sem := make(chan struct{}, parallelRows)
	heavy := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for _, f := range fs {
		for _, o := range ops {
			wg.Go(func() {
				if f.heavy {
					heavy <- struct{}{}
					defer func() { <-heavy }()
				}
				sem <- struct{}{}
				defer func() { <-sem }()
				name := f.name + "/" + o.name
				ok := t.Run(name, func(t *testing.T) { runRow(t, f, o) })
				mu.Lock()
				defer mu.Unlock()
				if ok {
					survived[f.name]++
				} else {
					failed = append(failed, name)
				}
			})
		}
	}
	wg.Wait()

	total, passed := len(fs)*len(ops), 0
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %s\n", "fault", "operations survived")
	for _, f := range fs {
		fmt.Fprintf(&b, "%-34s %d/%d\n", f.name, survived[f.name], len(ops))
		passed += survived[f.name]
	}
	summary := fmt.Sprintf("fault matrix: %d/%d survived (%d faults x %d operations)", passed, total, len(fs), len(ops))
	t.Logf("\n%s%s", b.String(), summary)
	fmt.Println(summary)
	assert.Empty(t, failed)

	// No goroutine outlives the matrix: every row closed its servers and
	// its transport's idle connections.
	// (A loop, not assert.Eventually, whose own goroutines would count.)
	after := runtime.NumGoroutine()
	for end := time.Now().Add(30 * time.Second); after > before && time.Now().Before(end); after = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if !assert.LessOrEqual(t, after, before, "goroutines: %d before the matrix, %d after", before, after) {
		buf := make([]byte, 1<<20)
		t.Logf("goroutines:\n%s", buf[:runtime.Stack(buf, true)])
	}
}

// runRow calls one operation against one fault and checks everything a row
// promises.
func runRow(t *testing.T, f fault, o operation) {
	r := &row{op: o}
	r.elsewhere = Start(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(o.ok)
	}))
	defer r.elsewhere.Close()
	r.srv = Start(f.handler(r))
	defer r.srv.Close()
	base := r.srv.URL
	if f.refused {
		base = loopback.RefusedURL(t)
	}

	tr := &http.Transport{MaxIdleConnsPerHost: 4}
	defer tr.CloseIdleConnections()
	c, err := wrapper.New(apiKey, wrapper.WithBaseURL(base), wrapper.WithHTTPClient(&http.Client{Transport: tr}),
		wrapper.WithAttemptTimeout(f.timeout()), wrapper.WithRetryPolicy(policy))
	require.NoError(t, err)

	start := time.Now()
	id, err := o.call(context.Background(), c)
	elapsed := time.Since(start)
	tr.CloseIdleConnections()

	f.check(t, r, id, err)

	// How many requests the server saw, and that each was the documented
	// route with the key; nothing reached another host.
	want := expectedRequests(f, o)
	assert.Equal(t, want, r.srv.Seen(), "requests the server saw")
	if o.method == http.MethodPost {
		assert.LessOrEqual(t, r.srv.Seen(), 1, "a POST whose connection was made is never sent twice")
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(apiKey+":"))
	arrivals := r.srv.Arrivals()
	for _, a := range arrivals {
		assert.Equal(t, o.method, a.Method)
		assert.Equal(t, o.path, a.Path)
		assert.Equal(t, auth, a.Authorization)
	}
	assert.Zero(t, r.elsewhere.Seen(), "a request reached another host")

	// The call returned, bounded by its deadline (attempts x timeout + waits)
	// with ample slack: it did not hang.
	assert.LessOrEqual(t, elapsed, slack*deadline(f, o)+margin, "the call took %v", elapsed)

	// Every handler of the row returned (none left hanging on a connection
	// the client gave up). Eventually returns as soon as it holds.
	assert.Eventually(t, func() bool { return r.srv.Active() == 0 }, 30*time.Second, 5*time.Millisecond, "server handlers still running")

	// No secret in the error string.
	if err != nil {
		for _, s := range []string{apiKey, accountNumber, "faultsvpa", beneficiary} {
			assert.NotContains(t, err.Error(), s)
		}
	}
}

// timeout is the row's attempt timeout.
func (f fault) timeout() time.Duration {
	if f.attempt > 0 {
		return f.attempt
	}
	if f.heavy {
		return heavyTimeout
	}
	return attemptTimeout
}

// expectedRequests is how many requests the server must see.
func expectedRequests(f fault, o operation) int {
	switch {
	case f.refused:
		return 0
	case f.retried && o.method == http.MethodGet:
		return 1 + policy.MaxRetries
	default:
		return 1
	}
}

// deadline bounds a call: each attempt is bounded by the timeout, and each
// wait between attempts by the larger of MaxDelay and MaxRetryAfter.
func deadline(f fault, o operation) time.Duration {
	n := expectedRequests(f, o)
	if f.refused {
		n = 1 + policy.MaxRetries // a dial failure is retried for every method
	}
	return time.Duration(n)*f.timeout() + time.Duration(n-1)*max(policy.MaxDelay, policy.MaxRetryAfter)
}

// juspayError is a Juspay-shaped error body.
func juspayError(code, infoCode, requestID string) []byte {
	b, _ := json.Marshal(map[string]any{
		"status":        "error",
		"error_code":    code,
		"error_message": "fault injected: " + code,
		"error_info": map[string]any{
			"code": infoCode, "category": "SERVER_ERROR", "request_id": requestID,
			"user_message": "Please try again", "developer_message": "fault injected", "href": "NA",
		},
	})
	return b
}

// status answers with a Juspay-shaped error body.
func status(code int, retryAfter string) func(r *row) http.HandlerFunc {
	return func(r *row) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			_, _ = io.Copy(io.Discard, req.Body)
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Request-Id", "hdr_req")
			w.WriteHeader(code)
			_, _ = w.Write(juspayError("fault_"+strconv.Itoa(code), "E"+strconv.Itoa(code), "req_"+strconv.Itoa(code)))
		}
	}
}

// body answers with a fixed status, content type and body.
func body(code int, contentType string, b func(o operation) []byte) func(r *row) http.HandlerFunc {
	return func(r *row) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			_, _ = io.Copy(io.Discard, req.Body)
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(code)
			_, _ = w.Write(b(r.op))
		}
	}
}

// trickle sends the operation's valid body one byte per write, flushing each,
// pausing between bytes; it stops when the client goes away.
func trickle(pause time.Duration) func(r *row) http.HandlerFunc {
	return func(r *row) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			_, _ = io.Copy(io.Discard, req.Body)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			fl := w.(http.Flusher)
			for i := range r.op.ok {
				if _, err := w.Write(r.op.ok[i : i+1]); err != nil {
					return
				}
				fl.Flush()
				if pause > 0 {
					select {
					case <-time.After(pause):
					case <-req.Context().Done():
						return
					case <-r.srv.Done():
						return
					}
				}
			}
		}
	}
}

// huge writes a 10 MiB body, with or without a Content-Length.
func huge(code int, withLength bool) func(r *row) http.HandlerFunc {
	const size = 10 << 20
	chunk := bytes.Repeat([]byte(" "), 64<<10)
	return func(r *row) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			_, _ = io.Copy(io.Discard, req.Body)
			w.Header().Set("Content-Type", "application/json")
			if withLength {
				w.Header().Set("Content-Length", strconv.Itoa(size))
			}
			w.WriteHeader(code)
			if _, err := w.Write([]byte("{")); err != nil {
				return
			}
			for n := 1; n < size; n += len(chunk) {
				if _, err := w.Write(chunk[:min(len(chunk), size-n)]); err != nil {
					return
				}
			}
		}
	}
}

const htmlPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"

func faultList() []fault {
	var list []fault
	for _, s := range []struct {
		code    int
		retried bool
	}{{500, false}, {502, true}, {503, true}, {504, true}} {
		list = append(list, fault{
			name: fmt.Sprintf("%d", s.code), handler: status(s.code, ""), retried: s.retried,
			check: wantJuspayError(s.code),
		})
		if s.retried {
			list = append(list, fault{
				// Retry-After 1 s is past policy.MaxRetryAfter: the call
				// answers at once with the server's error.
				name: fmt.Sprintf("%d Retry-After", s.code), handler: status(s.code, "1"),
				check: wantJuspayError(s.code),
			})
		}
	}
	list = append(list,
		fault{name: "429 Retry-After", handler: status(429, "1"),
			check: func(t *testing.T, r *row, id string, err error) {
				wantJuspayError(429)(t, r, id, err)
				assert.ErrorIs(t, err, wrapper.ErrRateLimited)
			}},
		fault{name: "reset before response", handler: func(r *row) http.HandlerFunc {
			return func(w http.ResponseWriter, _ *http.Request) { Reset(w) }
		}, retried: true, check: wantConnError},
		fault{name: "reset after body read", handler: func(r *row) http.HandlerFunc {
			return func(w http.ResponseWriter, req *http.Request) {
				_, _ = io.Copy(io.Discard, req.Body)
				Reset(w)
			}
		}, retried: true, check: wantConnError},
		fault{name: "hang past timeout", handler: func(r *row) http.HandlerFunc {
			return func(_ http.ResponseWriter, req *http.Request) {
				_, _ = io.Copy(io.Discard, req.Body) // so the server notices the client leaving
				select {
				case <-req.Context().Done():
				case <-r.srv.Done():
				}
			}
		}, retried: true, check: wantTimeout},
		fault{name: "connection refused", refused: true, handler: status(200, ""), check: func(t *testing.T, r *row, id string, err error) {
			var op *net.OpError
			if assert.ErrorAs(t, err, &op) {
				assert.Equal(t, "dial", op.Op)
			}
			assert.ErrorIs(t, err, syscall.ECONNREFUSED)
		}},
		fault{name: "truncated JSON", handler: body(200, "application/json", func(o operation) []byte { return o.ok[:len(o.ok)/2] }),
			check: func(t *testing.T, r *row, id string, err error) {
				d := wantDecode(t, r, err, 200)
				var syn *json.SyntaxError
				assert.ErrorAs(t, err, &syn)
				if d != nil {
					assert.Equal(t, r.op.ok[:len(r.op.ok)/2], d.Body)
				}
			}},
		fault{name: "body short of Content-Length", handler: func(r *row) http.HandlerFunc {
			return func(w http.ResponseWriter, req *http.Request) {
				_, _ = io.Copy(io.Discard, req.Body)
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", strconv.Itoa(len(r.op.ok)))
				_, _ = w.Write(r.op.ok[:len(r.op.ok)/2])
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler) // close the connection mid-body
			}
		}, retried: true, check: func(t *testing.T, r *row, id string, err error) {
			wantDecode(t, r, err, 200)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
		}},
		fault{name: "HTML with 200", handler: body(200, "text/html", func(operation) []byte { return []byte(htmlPage) }),
			check: func(t *testing.T, r *row, id string, err error) {
				if d := wantDecode(t, r, err, 200); d != nil {
					assert.Equal(t, htmlPage, string(d.Body))
				}
			}},
		fault{name: "HTML with 502", handler: body(502, "text/html", func(operation) []byte { return []byte(htmlPage) }), retried: true,
			check: func(t *testing.T, r *row, id string, err error) {
				if e := wantAPI(t, r, err, 502); e != nil {
					assert.Empty(t, e.Code)
					assert.Equal(t, htmlPage, string(e.Body))
					assert.Contains(t, e.Error(), "Bad Gateway")
				}
			}},
		fault{name: "wrong content type (XML)", handler: body(200, "application/xml", func(operation) []byte {
			return []byte(`<?xml version="1.0"?><customer_account><id>x</id></customer_account>`)
		}), check: func(t *testing.T, r *row, id string, err error) {
			if d := wantDecode(t, r, err, 200); d != nil {
				assert.Equal(t, "application/xml", d.Header.Get("Content-Type"))
			}
		}},
		fault{name: "valid JSON labelled text/plain", handler: body(200, "text/plain", func(o operation) []byte { return o.ok }),
			check: wantOK},
		fault{name: "10 MiB 200 with Content-Length", handler: huge(200, true), heavy: true, check: wantTooLarge(0)},
		fault{name: "10 MiB 200 chunked", handler: huge(200, false), heavy: true, check: wantTooLarge(wrapper.MaxErrorBody)},
		fault{name: "10 MiB 500 error body", handler: huge(500, false), heavy: true, check: func(t *testing.T, r *row, id string, err error) {
			if e := wantAPI(t, r, err, 500); e != nil {
				assert.Len(t, e.Body, wrapper.MaxErrorBody)
			}
		}},
		fault{name: "trickled byte by byte", handler: trickle(0), check: wantOK},
		// The body never completes within the attempt (one byte per 250 ms of a
		// body of 83 bytes or more: 20 s), while the headers have 3 s to arrive
		// even on a saturated machine: the timeout hits the body read.
		fault{name: "trickled past the timeout", handler: trickle(250 * time.Millisecond), retried: true, attempt: 3 * time.Second, check: func(t *testing.T, r *row, id string, err error) {
			wantDecode(t, r, err, 200) // the headers came; the body did not in time
			assert.ErrorIs(t, err, context.DeadlineExceeded)
		}},
		fault{name: "307 redirect to another host", handler: func(r *row) http.HandlerFunc {
			return func(w http.ResponseWriter, req *http.Request) {
				_, _ = io.Copy(io.Discard, req.Body)
				u, _ := url.Parse(r.elsewhere.URL)
				target := "http://localhost:" + u.Port() + req.URL.EscapedPath()
				http.Redirect(w, req, target, http.StatusTemporaryRedirect)
			}
		}, check: func(t *testing.T, r *row, id string, err error) {
			if e := wantAPI(t, r, err, http.StatusTemporaryRedirect); e != nil {
				assert.Contains(t, e.Header.Get("Location"), "http://localhost:")
			}
		}},
	)
	return list
}

// wantOK: the call succeeded and decoded the body.
func wantOK(t *testing.T, r *row, id string, err error) {
	if assert.NoError(t, err) {
		assert.Equal(t, r.op.okID, id)
	}
}

// wantAPI asserts an *APIError for the row's request with the given status.
func wantAPI(t *testing.T, r *row, err error, code int) *wrapper.APIError {
	t.Helper()
	var e *wrapper.APIError
	if !assert.ErrorAs(t, err, &e) {
		return nil
	}
	assert.Equal(t, code, e.StatusCode)
	assert.Equal(t, r.op.method, e.Method)
	assert.Equal(t, r.op.path, e.Path)
	return e
}

// wantJuspayError asserts an *APIError that kept every field of the
// Juspay-shaped body status() sends.
func wantJuspayError(code int) func(t *testing.T, r *row, id string, err error) {
	return func(t *testing.T, r *row, id string, err error) {
		e := wantAPI(t, r, err, code)
		if e == nil {
			return
		}
		c := strconv.Itoa(code)
		assert.Equal(t, "error", e.Status)
		assert.Equal(t, "fault_"+c, e.Code)
		assert.Equal(t, "fault injected: fault_"+c, e.Message)
		assert.Equal(t, "req_"+c, e.RequestID)
		if assert.NotNil(t, e.Info) && assert.NotNil(t, e.Info.Code) {
			assert.Equal(t, "E"+c, e.Info.Code)
		}
		assert.JSONEq(t, string(juspayError("fault_"+c, "E"+c, "req_"+c)), string(e.Body))
		assert.Contains(t, e.Error(), "HTTP "+c)
	}
}

// wantDecode asserts a *DecodeError for the row's request.
func wantDecode(t *testing.T, r *row, err error, code int) *wrapper.DecodeError {
	t.Helper()
	var d *wrapper.DecodeError
	if !assert.ErrorAs(t, err, &d) {
		return nil
	}
	assert.Equal(t, code, d.StatusCode)
	assert.Equal(t, r.op.method, d.Method)
	assert.Equal(t, r.op.path, d.Path)
	assert.LessOrEqual(t, len(d.Body), wrapper.MaxErrorBody)
	return d
}

// wantTooLarge asserts a *DecodeError for a body over the size cap, keeping
// bodyLen bytes of it.
func wantTooLarge(bodyLen int) func(t *testing.T, r *row, id string, err error) {
	return func(t *testing.T, r *row, id string, err error) {
		if d := wantDecode(t, r, err, 200); d != nil {
			assert.Contains(t, d.Err.Error(), "exceeds the size cap")
			assert.Len(t, d.Body, bodyLen)
		}
	}
}

// wantConnError: a transport error (no response), not a timeout.
func wantConnError(t *testing.T, r *row, id string, err error) {
	var ue *url.Error
	if !assert.ErrorAs(t, err, &ue) {
		return
	}
	assert.False(t, ue.Timeout(), "%v", err)
	assert.True(t, errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.EPIPE),
		"want a reset, got %v", err)
}

// wantTimeout: the attempt timeout ended the call.
func wantTimeout(t *testing.T, r *row, id string, err error) {
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var ne net.Error
	if assert.ErrorAs(t, err, &ne) {
		assert.True(t, ne.Timeout())
	}
}
