package wrapper

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hang answers nothing until the client gives up (or the test ends).
func hang(w http.ResponseWriter, r *http.Request, _ seen) { <-r.Context().Done() }

// within runs call and fails the test if it has not returned after limit: a
// guard against a hang, set far above the configured timeouts, never a
// measure of speed.
func within(t *testing.T, limit time.Duration, call func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		t.Fatalf("the call had not returned after %v", limit)
		return nil
	}
}

func TestTimeoutBoundsTheWholeCall(t *testing.T) {
	const timeout = 100 * time.Millisecond
	t.Run("backoff included", func(t *testing.T) {
		// Every attempt gets a 503 and each wait before a retry is an hour:
		// bounded per attempt only, the call would take three hours.
		p := RetryPolicy{MaxRetries: 3, BaseDelay: time.Hour, MaxDelay: time.Hour}
		c, rec := setup(t, statusSequence(nil, 503, 503, 503, 503), WithRetryPolicy(p), WithTimeout(timeout))
		err := within(t, 300*timeout, func() error {
			_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
			return err
		})
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "stopped retrying after attempt 1 (503 Service Unavailable)")
		assert.Equal(t, 1, rec.count(), "no retry starts after the call's timeout")
	})
	t.Run("a hung attempt uses up the call", func(t *testing.T) {
		c, rec := setup(t, hang, WithTimeout(timeout)) // fast retries, no attempt timeout
		err := within(t, 300*timeout, func() error {
			_, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
			return err
		})
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 1, rec.count())
	})
	t.Run("WithAttemptTimeout leaves room for retries", func(t *testing.T) {
		c, rec := setup(t, hang, WithAttemptTimeout(timeout/2), WithTimeout(time.Hour))
		err := within(t, 300*timeout, func() error {
			_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
			return err
		})
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 3, rec.count(), "each attempt timed out and was retried")
	})
	t.Run("a write is bounded too and not retried", func(t *testing.T) {
		c, rec := setup(t, hang, WithAttemptTimeout(timeout/2), WithTimeout(time.Hour))
		err := within(t, 300*timeout, func() error {
			_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", nil)
			return err
		})
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 1, rec.count())
	})
	t.Run("invalid", func(t *testing.T) {
		_, err := New(testKey, WithAttemptTimeout(-time.Second))
		assert.ErrorContains(t, err, "WithAttemptTimeout: -1s is not positive")
	})
}

func TestWithCallTimeout(t *testing.T) {
	c, rec := setup(t, hang, WithTimeout(time.Hour))
	err := within(t, time.Minute, func() error {
		_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1", WithCallTimeout(50*time.Millisecond))
		return err
	})
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the call's timeout replaced the client's hour")
	assert.Equal(t, 1, rec.count())

	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1", WithCallTimeout(0))
	var ie *InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "WithCallTimeout", ie.Field)
	assert.Equal(t, 1, rec.count(), "an invalid option sends nothing")
}

func TestWithCallRetryPolicy(t *testing.T) {
	body := sample(t, "getCustomerAccount.200.json")
	c, rec := setup(t, statusSequence(body, 503, 503, 503, 503, 503))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1", WithCallRetryPolicy(NoRetries()))
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 503, ae.StatusCode)
	assert.Equal(t, 1, rec.count(), "NoRetries for this call")

	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1",
		WithCallRetryPolicy(RetryPolicy{MaxRetries: 4, BaseDelay: time.Millisecond}))
	require.NoError(t, err)
	assert.Equal(t, 1+5, rec.count(), "four retries for this call, where the client allows two")

	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1", WithCallRetryPolicy(RetryPolicy{MaxRetries: 99}))
	var ie *InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "WithCallRetryPolicy", ie.Field)
	assert.Contains(t, ie.Reason, "outside 0..10")

	// A policy never makes a write retry after it may have reached Juspay.
	c, rec = setup(t, statusSequence(body, 503, 503))
	_, err = c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", nil,
		WithCallRetryPolicy(RetryPolicy{MaxRetries: 5, BaseDelay: time.Millisecond}))
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 1, rec.count())
}

func TestWithHeader(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")), WithAPIVersion("2024-06-01"))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1",
		WithHeader("x-trace-id", "t-1"), WithHeader("User-Agent", "audit/1"), WithHeader("version", "2025-01-01"))
	require.NoError(t, err)
	h := rec.all()[0].Header
	assert.Equal(t, "t-1", h.Get("X-Trace-Id"))
	assert.Equal(t, "audit/1", h.Get("User-Agent"), "the call's value replaces the client's")
	assert.Equal(t, []string{"2025-01-01"}, h.Values("Version"))
	assert.Equal(t, "cst_1", h.Get("X-Routing-Id"))

	for _, tt := range []struct{ name, value, want string }{
		{"Authorization", "Basic eA==", "cannot set Authorization"},
		{"x-routing-id", "r", "cannot set X-Routing-Id"},
		{"content-type", "text/plain", "cannot set Content-Type"},
		{"Host", "evil.example", "cannot set Host"},
		{"bad name", "v", "needs a header name"},
		{"", "v", "needs a header name"},
		{"X-Ok", "a\r\nX-Injected: 1", "control character"},
	} {
		_, err := c.CreateCustomerAccounts(context.Background(), "cst_1", AccountInput{VPA: "a@upi"}, WithHeader(tt.name, tt.value))
		var ie *InputError
		require.ErrorAs(t, err, &ie, tt.name)
		assert.Equal(t, "WithHeader", ie.Field)
		assert.Contains(t, ie.Reason, tt.want)
	}
	assert.Equal(t, 1, rec.count(), "refused headers send nothing")
}

func TestWithRawResponse(t *testing.T) {
	// A field Juspay may add later is in the raw bytes, not in the model.
	body := []byte(`{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1","validation_status":"ACTIVE","added_later":{"x":1}}`)
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
		w.Header().Set("X-Request-Id", "req-raw-1")
		if strings.HasSuffix(r.URL.Path, "/missing") {
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"status":"error","error_code":"object_not_found"}`))
			return
		}
		_, _ = w.Write(body)
	})
	ctx := context.Background()
	for name, call := range map[string]func(*RawResponse) error{
		"get (read by the retry layer)": func(raw *RawResponse) error {
			_, err := c.GetCustomerAccount(ctx, "cst_1", "banh_1", WithRawResponse(raw))
			return err
		},
		"validate (read by the client)": func(raw *RawResponse) error {
			_, err := c.ValidateCustomerAccount(ctx, "cst_1", "banh_1", nil, WithRawResponse(raw))
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			var raw RawResponse
			require.NoError(t, call(&raw))
			assert.Equal(t, string(body), string(raw.Body), "exactly the bytes received")
			require.NotNil(t, raw.Response)
			assert.Equal(t, 200, raw.Response.StatusCode)
			assert.Equal(t, "req-raw-1", raw.Response.Header.Get("X-Request-Id"))
			again := make([]byte, len(body)+1)
			n, _ := raw.Response.Body.Read(again)
			assert.Equal(t, body, again[:n], "the Response's Body reads the bytes again")
			require.NotNil(t, raw.Response.Request)
			assert.Equal(t, "[REDACTED]", raw.Response.Request.Header.Get("Authorization"), "the key is not handed to an audit log")
			assert.Equal(t, "cst_1", raw.Response.Request.Header.Get("X-Routing-Id"))
		})
	}
	t.Run("an error response", func(t *testing.T) {
		var raw RawResponse
		_, err := c.GetCustomerAccount(ctx, "cst_1", "missing", WithRawResponse(&raw))
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, 404, raw.Response.StatusCode)
		assert.Equal(t, `{"status":"error","error_code":"object_not_found"}`, string(raw.Body))
	})
	t.Run("no response", func(t *testing.T) {
		var raw RawResponse
		_, err := c.GetCustomerAccount(ctx, "..", "banh_1", WithRawResponse(&raw))
		require.Error(t, err)
		assert.Nil(t, raw.Response)
		assert.Nil(t, raw.Body)
	})
}

func TestMiddleware(t *testing.T) {
	var order []string
	var attempts atomic.Int32
	trace := func(name string) Middleware {
		return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
			order = append(order, name+">")
			resp, err := next(req)
			order = append(order, "<"+name)
			return resp, err
		}
	}
	count := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		attempts.Add(1)
		assert.True(t, strings.HasPrefix(req.Header.Get("Authorization"), "Basic "), "a middleware sees the request as sent")
		assert.Equal(t, "cst_1", req.Header.Get("X-Routing-Id"))
		return next(req)
	}
	c, rec := setup(t, statusSequence(sample(t, "getCustomerAccount.200.json"), 503),
		WithMiddleware(trace("a"), trace("b")), WithMiddleware(count))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)
	assert.Equal(t, int32(2), attempts.Load(), "once per attempt: the 503 and the retry")
	assert.Equal(t, 2, rec.count())
	assert.Equal(t, []string{"a>", "b>", "<b", "<a", "a>", "b>", "<b", "<a"}, order, "the first is outermost")

	// A middleware may answer itself; nothing reaches the server.
	short := func(req *http.Request, _ MiddlewareNext) (*http.Response, error) {
		return nil, errors.New("circuit open")
	}
	c, rec = setup(t, respond(200, nil), WithMiddleware(short), WithRetryPolicy(NoRetries()))
	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	assert.ErrorContains(t, err, "circuit open")
	assert.Zero(t, rec.count())

	// One that returns nothing is an error, not a panic.
	none := func(*http.Request, MiddlewareNext) (*http.Response, error) { return nil, nil }
	c, _ = setup(t, respond(200, nil), WithMiddleware(none), WithRetryPolicy(NoRetries()))
	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	assert.ErrorIs(t, err, errMiddlewareNoResponse)

	_, err = New(testKey, WithMiddleware(nil))
	assert.ErrorContains(t, err, "nil Middleware")
}
