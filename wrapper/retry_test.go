package wrapper

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/internal/loopback"
)

// statusSequence answers with the given statuses in turn, then 200 with body.
func statusSequence(body []byte, statuses ...int) func(http.ResponseWriter, *http.Request, seen) {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request, _ seen) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			_, _ = w.Write([]byte(`{"status":"error","error_code":"busy"}`))
			return
		}
		_, _ = w.Write(body)
	}
}

func TestGetRetriesRetryableStatuses(t *testing.T) {
	for _, code := range []int{429, 502, 503, 504} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			c, rec := setup(t, statusSequence(sample(t, "getCustomerAccount.200.json"), code, code))
			a, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
			require.NoError(t, err)
			assert.NotEmpty(t, a.CustomerAccountID)
			assert.Equal(t, 3, rec.count(), "two retries then success")
		})
	}
}

func TestGetGivesUpAfterMaxRetries(t *testing.T) {
	c, rec := setup(t, statusSequence(nil, 503, 503, 503, 503))
	_, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 3, rec.count(), "1 attempt + MaxRetries 2")
}

func TestNonRetryableStatusesAreNotRetried(t *testing.T) {
	for _, code := range []int{400, 401, 404, 500, 501} {
		c, rec := setup(t, statusSequence(nil, code, code))
		_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
		require.Error(t, err)
		assert.Equal(t, 1, rec.count(), "status %d", code)
	}
}

func TestNoRetriesDisables(t *testing.T) {
	c, rec := setup(t, statusSequence(nil, 503, 503), WithRetryPolicy(NoRetries()))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.Error(t, err)
	assert.Equal(t, 1, rec.count())
}

func TestConfigurableRetries(t *testing.T) {
	p := fastRetries()
	p.MaxRetries = 4
	c, rec := setup(t, statusSequence(sample(t, "getCustomerAccount.200.json"), 502, 502, 502, 502), WithRetryPolicy(p))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)
	assert.Equal(t, 5, rec.count())
}

func TestPostsAreNeverRetriedOnStatus(t *testing.T) {
	c, rec := setup(t, statusSequence(sample(t, "validateCustomerAccount.200.json"), 503, 429))
	_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", nil)
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 1, rec.count())
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter string
		opts       []Option
		requests   int
		waits      []time.Duration
	}{
		{"honoured when within MaxRetryAfter", "0", nil, 2, []time.Duration{0}},
		{"honoured as an HTTP date in the past", "Mon, 02 Jan 2006 15:04:05 GMT", nil, 2, []time.Duration{0}},
		{"past MaxRetryAfter: the 429 at once", "1", nil, 1, nil},
		{"past the call's timeout: the 429 at once", "30", []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 2, MaxRetryAfter: time.Hour}), WithTimeout(2 * time.Second)}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			h := func(w http.ResponseWriter, r *http.Request, _ seen) {
				if n.Add(1) == 1 {
					w.Header().Set("Retry-After", tt.retryAfter)
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(429)
					_, _ = w.Write([]byte(`{"status":"error","error_code":"too_many_requests","error_info":{"request_id":"rq-429"}}`))
					return
				}
				_, _ = w.Write(sample(t, "getCustomerAccount.200.json"))
			}
			p := fastRetries()
			p.MaxRetryAfter = 150 * time.Millisecond
			var waits []time.Duration
			log := recordLogs(func(r slog.Record) {
				r.Attrs(func(a slog.Attr) bool {
					if a.Key == "wait" {
						waits = append(waits, a.Value.Duration())
					}
					return true
				})
			})
			c, rec := setup(t, h, append([]Option{WithRetryPolicy(p), WithLogger(log)}, tt.opts...)...)
			_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
			assert.Equal(t, tt.requests, rec.count())
			assert.Equal(t, tt.waits, waits)
			if tt.requests == 2 {
				require.NoError(t, err)
				return
			}
			var e *APIError
			require.ErrorAs(t, err, &e, "the server's error, not a deadline")
			assert.ErrorIs(t, err, ErrRateLimited)
			assert.Equal(t, "rq-429", e.RequestID)
		})
	}
}

// recordLogs returns a logger (debug level) that hands every record to f,
// synchronously, on the goroutine that logs it.
func recordLogs(f func(slog.Record)) *slog.Logger {
	return slog.New(recordHandler{Handler: slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug}), f: f})
}

type recordHandler struct {
	slog.Handler
	f func(slog.Record)
}

func (h recordHandler) Handle(_ context.Context, r slog.Record) error { h.f(r); return nil }

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second, true},
		{now.Add(-10 * time.Second).Format(http.TimeFormat), 0, true},
		{"99999999999", maxRetryAfterSeconds * time.Second, true},
	} {
		got, ok := retryAfter(tt.in, now)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestBackoffIsJitteredExponentialAndCapped(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: 400 * time.Millisecond}.withDefaults()
	for range 200 {
		for n, hi := range []time.Duration{100, 200, 400, 400, 400} {
			d := p.backoff(n)
			hi *= time.Millisecond
			assert.GreaterOrEqual(t, d, hi/2, "retry %d", n)
			assert.LessOrEqual(t, d, hi, "retry %d", n)
		}
	}
	d := DefaultRetryPolicy()
	assert.Equal(t, 2, d.MaxRetries)
	assert.Equal(t, RetryPolicy{MaxRetries: 3, BaseDelay: d.BaseDelay, MaxDelay: d.MaxDelay, MaxRetryAfter: d.MaxRetryAfter}, RetryPolicy{MaxRetries: 3}.withDefaults())
}

func TestSleepEndsWithContext(t *testing.T) {
	p := RetryPolicy{MaxRetries: 2, BaseDelay: time.Hour, MaxDelay: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel when the client announces the retry, which it does just before
	// it starts the hour-long sleep: no timer races the first attempt, however
	// slow a loaded machine makes it. The call returning at all proves the
	// sleep ended with the context.
	log := recordLogs(func(r slog.Record) {
		if r.Message == "juspay retry" {
			cancel()
		}
	})
	c, rec := setup(t, statusSequence(nil, 503, 503, 503), WithRetryPolicy(p), WithLogger(log), WithTimeout(2*time.Hour))
	_, err := c.GetCustomerAccount(ctx, "cst_1", "banh_1")
	assert.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "stopped retrying (503 Service Unavailable): context canceled (attempts: 1)")
	assert.Equal(t, 1, rec.count())
}

// hijackAfterBody reads the whole request body, then closes the connection
// without answering: the server has the request, the client sees an error.
func hijackAfterBody(t *testing.T, count *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		count.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestValidateIsSentExactlyOnceWhenConnectionDropsAfterBody(t *testing.T) {
	var count atomic.Int32
	srv := hijackAfterBody(t, &count)
	var logs bytes.Buffer
	c, err := New(testKey, WithBaseURL(srv.URL), WithRetryPolicy(fastRetries()),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.ValidateCustomerAccount(ctx, "cst_1", "banh_1", &ValidateInput{Amount: "1"})
	require.Error(t, err)
	assert.Equal(t, int32(1), count.Load(), "the server saw exactly one validate")
	assert.NotContains(t, logs.String(), "juspay retry")

	for name, call := range map[string]func() error{
		"create-and-validate": func() error {
			_, err := c.CreateAndValidateCustomerAccounts(ctx, "cst_1", AccountInput{VPA: "a@upi"})
			return err
		},
		"v32 validate": func() error { _, err := c.BankAccountsV32().Validate(ctx, "cst_1", "ba_1"); return err },
		"v32 delete":   func() error { _, err := c.BankAccountsV32().Delete(ctx, "cst_1", "ba_1"); return err },
	} {
		count.Store(0)
		require.Error(t, call(), name)
		assert.Equal(t, int32(1), count.Load(), name)
	}

	// The same failure on a GET is retried.
	count.Store(0)
	_, err = c.GetCustomerAccount(ctx, "cst_1", "banh_1")
	require.Error(t, err)
	assert.Equal(t, int32(3), count.Load(), "GETs retry connection errors")
	assert.Contains(t, logs.String(), "juspay retry")
}

// countingTransport counts the attempts that reach the base transport.
type countingTransport struct {
	n    atomic.Int32
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

func TestPostToClosedPortIsRetried(t *testing.T) {
	ct := &countingTransport{next: http.DefaultTransport}
	c, err := New(testKey, WithBaseURL(loopback.RefusedURL(t)), WithRetryPolicy(fastRetries()), WithHTTPClient(&http.Client{Transport: ct}))
	require.NoError(t, err)
	_, err = c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", &ValidateInput{Amount: "1"})
	require.Error(t, err)
	var op *net.OpError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, "dial", op.Op)
	assert.Equal(t, int32(3), ct.n.Load(), "a refused dial proves the request never left: retried")
}

func TestPostRetryAfterDialErrorReplaysTheSameBody(t *testing.T) {
	var bodies []string
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := rec.add(r)
		bodies = append(bodies, s.Body)
		_, _ = w.Write(sample(t, "validateCustomerAccount.200.json"))
	}))
	defer srv.Close()
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("simulated refusal")}
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	defer tr.CloseIdleConnections()
	c, err := New(testKey, WithBaseURL(srv.URL), WithRetryPolicy(fastRetries()), WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	_, err = c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", &ValidateInput{Amount: "0.5", GatewayID: "23"})
	require.NoError(t, err)
	assert.Equal(t, []string{"gateway_id=23&validation_amount=0.5"}, bodies, "one request, full body")
	assert.Equal(t, int32(2), dials.Load())
}

func TestNeverLeft(t *testing.T) {
	assert.True(t, neverLeft(&net.OpError{Op: "dial", Err: errors.New("refused")}))
	assert.True(t, neverLeft(&net.DNSError{Err: "no such host", Name: "x"}))
	assert.False(t, neverLeft(&net.OpError{Op: "read", Err: errors.New("reset")}))
	assert.False(t, neverLeft(&net.OpError{Op: "write", Err: errors.New("broken pipe")}))
	assert.False(t, neverLeft(io.EOF))
	assert.False(t, neverLeft(context.DeadlineExceeded))
}

func TestCallerCancellationIsNotRetried(t *testing.T) {
	var n atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
		n.Add(1)
		cancel()
		<-r.Context().Done()
	})
	_, err := c.GetCustomerAccount(ctx, "cst_1", "banh_1")
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int32(1), n.Load())
}

func TestMiddlewareSeesOperationAndAttempt(t *testing.T) {
	var n atomic.Int32
	c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
		if n.Add(1) < 3 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_, _ = w.Write(sample(t, "getCustomerAccount.200.json"))
	})
	var got []Attempt
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1", WithMiddleware(func(r *http.Request, a Attempt, next MiddlewareNext) (*http.Response, error) {
		got = append(got, a)
		return next(r)
	}))
	require.NoError(t, err)
	assert.Equal(t, []Attempt{{"getCustomerAccount", 1}, {"getCustomerAccount", 2}, {"getCustomerAccount", 3}}, got)
}

// cutBody answers the first n requests with half of body and a Content-Length
// for all of it, then breaks the connection; later requests get body whole.
func cutBody(body []byte, n int32) func(http.ResponseWriter, *http.Request, seen) {
	var calls atomic.Int32
	return func(w http.ResponseWriter, r *http.Request, _ seen) {
		_, _ = io.Copy(io.Discard, r.Body)
		if calls.Add(1) <= n {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body[:len(body)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		_, _ = w.Write(body)
	}
}

func TestBodyCutShort(t *testing.T) {
	body := sample(t, "getCustomerAccount.200.json")
	t.Run("a read is retried and succeeds", func(t *testing.T) {
		c, rec := setup(t, cutBody(body, 1))
		a, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
		require.NoError(t, err)
		assert.Equal(t, "banh_qn2zdmZ4VAEFaBny", a.CustomerAccountID)
		assert.Equal(t, 2, rec.count())
	})
	t.Run("a read that stays cut is a DecodeError after the retries", func(t *testing.T) {
		c, rec := setup(t, cutBody(body, 10))
		_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
		var d *DecodeError
		require.ErrorAs(t, err, &d)
		assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
		assert.Equal(t, 200, d.StatusCode)
		assert.Equal(t, body[:len(body)/2], d.Body, "the bytes received are kept")
		assert.Equal(t, 3, rec.count())
	})
	t.Run("a validate is never retried", func(t *testing.T) {
		c, rec := setup(t, cutBody(body, 1))
		_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", nil)
		var d *DecodeError
		require.ErrorAs(t, err, &d)
		assert.Equal(t, 1, rec.count())
	})
}
