package wrapper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func account(status ValidationStatus) []byte {
	return []byte(fmt.Sprintf(`{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1","validation_status":%q}`, status))
}

// statuses serves the given account statuses in turn, repeating the last.
func statuses(list ...any) func(http.ResponseWriter, *http.Request, seen) {
	var n atomic.Int32
	return func(w http.ResponseWriter, _ *http.Request, _ seen) {
		i := min(int(n.Add(1))-1, len(list)-1)
		switch v := list[i].(type) {
		case ValidationStatus:
			_, _ = w.Write(account(v))
		case int:
			w.WriteHeader(v)
			_, _ = w.Write([]byte(`{"status":"error","error_code":"x"}`))
		}
	}
}

var fastAwait = &AwaitOptions{Interval: time.Millisecond, MaxInterval: 4 * time.Millisecond}

func TestAwaitValidationReachesFinalStatus(t *testing.T) {
	for _, final := range []ValidationStatus{StatusActive, StatusFailure} {
		t.Run(string(final), func(t *testing.T) {
			c, rec := setup(t, statuses(StatusPending, StatusPending, StatusPending, final))
			a, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", fastAwait)
			require.NoError(t, err)
			assert.Equal(t, final, a.ValidationStatus)
			assert.Equal(t, 4, rec.count())
			for _, r := range rec.all() {
				assert.Equal(t, "GET /customers/cst_1/customer-accounts/banh_1", r.Method+" "+r.Path)
				assert.Equal(t, "cst_1", r.Header.Get("X-Routing-Id"))
			}
		})
	}
}

func TestAwaitValidationUsesRoutingID(t *testing.T) {
	c, rec := setup(t, statuses(StatusActive))
	_, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", nil, WithRoutingID("cart_9"))
	require.NoError(t, err)
	assert.Equal(t, "cart_9", rec.all()[0].Header.Get("X-Routing-Id"))
}

// cancelOnRequest wraps h so that the n-th request cancels ctx before it is
// answered: a test ends an await after a known number of polls, without a
// timer that a slow first request could beat.
func cancelOnRequest(n int32, cancel context.CancelFunc, h func(http.ResponseWriter, *http.Request, seen)) func(http.ResponseWriter, *http.Request, seen) {
	var count atomic.Int32
	return func(w http.ResponseWriter, r *http.Request, s seen) {
		if count.Add(1) == n {
			cancel()
		}
		h(w, r, s)
	}
}

func TestAwaitValidationPassesOptionsToEveryPoll(t *testing.T) {
	c, rec := setup(t, statuses(StatusPending, StatusActive))
	_, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", &AwaitOptions{
		Interval: time.Millisecond}, WithHeader("X-Trace-Id", "t-7"))
	require.NoError(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, "t-7", r.Header.Get("X-Trace-Id"))
		assert.Equal(t, "cst_1", r.Header.Get("X-Routing-Id"))
	}
}

func TestAwaitValidationStopsWithContextAndLastStatus(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, rec := setup(t, cancelOnRequest(2, cancel, statuses(StatusPending)))
	a, err := c.AwaitValidation(ctx, "cst_1", "banh_1", fastAwait)
	assert.Nil(t, a)
	var ae *AwaitError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, StatusPending, ae.LastStatus)
	require.NotNil(t, ae.Account)
	assert.Equal(t, "banh_1", ae.Account.CustomerAccountID)
	assert.Contains(t, err.Error(), "last status PENDING")
	assert.Equal(t, 2, rec.count())
}

func TestAwaitValidationMaxWaitWithoutDeadline(t *testing.T) {
	c, _ := setup(t, statuses(StatusPending))
	_, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", &AwaitOptions{Interval: time.Millisecond, MaxWait: 30 * time.Millisecond})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestAwaitValidationStopsOnPermanentError(t *testing.T) {
	c, rec := setup(t, statuses(StatusPending, 404))
	_, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", fastAwait)
	var ae *AwaitError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, ErrNotFound)
	var api *APIError
	require.ErrorAs(t, err, &api)
	assert.Equal(t, 404, api.StatusCode)
	assert.Equal(t, StatusPending, ae.LastStatus)
	assert.Equal(t, 2, rec.count())
}

func TestAwaitValidationPollsThroughTransientErrors(t *testing.T) {
	c, _ := setup(t, statuses(StatusPending, 500, 500, StatusActive), WithRetryPolicy(NoRetries()))
	a, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", fastAwait)
	require.NoError(t, err)
	assert.Equal(t, StatusActive, a.ValidationStatus)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, _ = setup(t, cancelOnRequest(3, cancel, statuses(500)), WithRetryPolicy(NoRetries()))
	_, err = c.AwaitValidation(ctx, "cst_1", "banh_1", fastAwait)
	var ae *AwaitError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, context.Canceled)
	var api *APIError
	require.ErrorAs(t, err, &api, "the last transient error is kept")
	assert.Equal(t, 500, api.StatusCode)
	assert.Equal(t, ValidationStatus(""), ae.LastStatus)
	assert.Nil(t, ae.Account)
}

func TestAwaitValidationInput(t *testing.T) {
	c, rec := setup(t, statuses(StatusActive))
	_, err := c.AwaitValidation(context.Background(), "cst_1", "", nil)
	var ae *AwaitError
	require.ErrorAs(t, err, &ae)
	assert.True(t, errors.Is(err, ErrInvalidInput))
	_, err = c.AwaitValidation(context.Background(), "cst_1", "banh_1", &AwaitOptions{Interval: -1})
	assert.ErrorIs(t, err, ErrInvalidInput)
	assert.Equal(t, 0, rec.count())
}

func TestAwaitBackoffGrows(t *testing.T) {
	var times []time.Time
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request, s seen) {
		times = append(times, time.Now())
		status := StatusPending
		if len(times) == 4 {
			status = StatusActive
		}
		_, _ = w.Write(account(status))
	})
	_, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", &AwaitOptions{Interval: 20 * time.Millisecond, MaxInterval: 30 * time.Millisecond})
	require.NoError(t, err)
	require.Len(t, times, 4)
	assert.GreaterOrEqual(t, times[1].Sub(times[0]), 20*time.Millisecond)
	assert.GreaterOrEqual(t, times[2].Sub(times[1]), 30*time.Millisecond, "1.5x growth, capped at MaxInterval")
}

// TestAwaitValidationNeverValidated: an account CREATED at the first poll was
// never validated, so AwaitValidation returns at once (one request, no wait
// until the deadline) with ErrNotValidated and the account; a CREATED seen
// after another status does not stop the wait.
func TestAwaitValidationNeverValidated(t *testing.T) {
	t.Run("created at the first poll", func(t *testing.T) {
		c, rec := setup(t, statuses(StatusCreated, StatusActive))
		_, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", &AwaitOptions{Interval: time.Hour})
		require.ErrorIs(t, err, ErrNotValidated)
		var ae *AwaitError
		require.ErrorAs(t, err, &ae)
		require.NotNil(t, ae.Account)
		assert.Equal(t, StatusCreated, ae.LastStatus)
		assert.Len(t, rec.all(), 1, "one get, no polling")
		assert.NotErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("created after pending", func(t *testing.T) {
		c, rec := setup(t, statuses(StatusPending, StatusCreated, StatusActive))
		a, err := c.AwaitValidation(context.Background(), "cst_1", "banh_1", fastAwait)
		require.NoError(t, err)
		assert.Equal(t, StatusActive, a.ValidationStatus)
		assert.Len(t, rec.all(), 3)
	})
}
