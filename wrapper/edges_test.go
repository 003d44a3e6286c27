package wrapper

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnwrapNeverLeaksPastTheCap: a malformed response that quotes an account
// number after the first 256 bytes of net/http's error: Error() is capped and
// masked, and Unwrap must not hand back the raw cause either.
func TestUnwrapNeverLeaksPastTheCap(t *testing.T) {
	const acct = "026291800001191"
	for _, pad := range []int{2, 300} {
		base := rawServer(t, func(string, string) string {
			return "HTTP/1.1 200 OK\r\n" + strings.Repeat("X", pad) + " " + acct + "\r\nContent-Length: 2\r\n\r\n{}"
		})
		c, err := New(testKey, WithBaseURL(base), WithRetryPolicy(NoRetries()))
		require.NoError(t, err)
		_, err = c.CreateCustomerAccounts(context.Background(), "cst_1", AccountInput{BankAccount: &CustomerBankAccountInput{AccountNumber: acct, IFSC: "HDFC0000123"}})
		require.Error(t, err)
		for e := error(err); e != nil; e = errors.Unwrap(e) {
			assert.NotContains(t, e.Error(), acct, "pad %d: %T", pad, e)
		}
	}
}

// TestRetryAfterTooLongToParse: a Retry-After of more digits than an int
// holds is the longest wait, so the call returns the 429 at once.
func TestRetryAfterTooLongToParse(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
		w.Header().Set("Retry-After", "99999999999999999999")
		w.WriteHeader(http.StatusTooManyRequests)
	}, WithTimeout(2*time.Second))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "acc_1")
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Equal(t, 1, rec.count())
}

// TestNoPanicOnCallerMistakes: a nil context and a Middleware that returns a
// response without a Body give errors, not panics.
func TestNoPanicOnCallerMistakes(t *testing.T) {
	c, _ := setup(t, respond(http.StatusOK, []byte(`{}`)))
	//lint:ignore SA1012 the mistake under test
	_, err := c.GetCustomerAccount(nil, "cst_1", "acc_1") //nolint:staticcheck // the mistake under test
	assert.ErrorIs(t, err, ErrInvalidInput)
	assert.ErrorContains(t, err, "ctx is nil")
	for _, status := range []int{200, 404, 0} {
		noBody := func(req *http.Request, _ Attempt, _ MiddlewareNext) (*http.Response, error) {
			return &http.Response{StatusCode: status, Header: http.Header{}, Request: req}, nil
		}
		_, err := c.GetCustomerAccount(context.Background(), "cst_1", "acc_1", WithMiddleware(noBody), WithLogger(slog.New(slog.DiscardHandler)))
		assert.Error(t, err, "status %d", status)
	}
}

// TestConcurrentNextSendsAWriteOnce: a hedging Middleware calls next from
// several goroutines at once; a validate still reaches the server once, and
// the guard is race-free (go test -race).
func TestConcurrentNextSendsAWriteOnce(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = w.Write(sample(t, "validateCustomerAccount.200.json"))
	})
	hedge := func(req *http.Request, _ Attempt, next MiddlewareNext) (*http.Response, error) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var first *http.Response
		for range 4 {
			wg.Go(func() {
				resp, err := next(req.Clone(req.Context()))
				mu.Lock()
				defer mu.Unlock()
				if err == nil && first == nil {
					first = resp
				} else if err == nil {
					resp.Body.Close()
				}
			})
		}
		wg.Wait()
		if first == nil {
			return nil, errors.New("no attempt succeeded")
		}
		return first, nil
	}
	for range 20 {
		_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "acc_1", nil, WithMiddleware(hedge))
		require.NoError(t, err)
	}
	assert.Equal(t, 20, rec.count())
}
