package faults_test

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestReadRetriedAfterBodyCutShort: a GET whose connection breaks while the
// body is being read is retried like any connection error, and the retry
// succeeds. (The matrix found this gap: the body used to be read after the
// retry layer had returned.)
func TestReadRetriedAfterBodyCutShort(t *testing.T) {
	var o operation
	for _, op := range operations(t) {
		if op.name == "GetCustomerAccount" {
			o = op
		}
	}
	var n atomic.Int64
	srv := Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			w.Header().Set("Content-Length", strconv.Itoa(len(o.ok)))
			_, _ = w.Write(o.ok[:len(o.ok)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		_, _ = w.Write(o.ok)
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c, err := wrapper.New(apiKey, wrapper.WithBaseURL(srv.URL), wrapper.WithHTTPClient(&http.Client{Transport: tr}), wrapper.WithRetryPolicy(policy))
	require.NoError(t, err)
	id, err := o.call(context.Background(), c)
	assert.NoError(t, err, "a GET cut short mid-body is a connection error: RetryPolicy says it is retried")
	assert.Equal(t, o.okID, id)
	assert.Equal(t, 2, srv.Seen())
}
