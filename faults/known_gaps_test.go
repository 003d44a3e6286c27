package faults_test

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/faults"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestReadRetriedAfterBodyCutShort shows a gap the matrix found (rows "body
// short of Content-Length" and "trickled past the timeout"): RetryPolicy says
// reads are retried "after a connection error", but a GET whose connection
// breaks (or whose attempt times out) while the body is being read is not
// retried: the retry layer only sees errors from RoundTrip, and the body is
// read later, in Client.do. The first GET fails with a *DecodeError although
// the second attempt would succeed. Skipped until fixed (SHOW_KNOWN_BUGS=1
// runs it).
func TestReadRetriedAfterBodyCutShort(t *testing.T) {
	if os.Getenv("SHOW_KNOWN_BUGS") == "" {
		t.Skip("known gap in wrapper's retry layer (body read errors of GETs are not retried); set SHOW_KNOWN_BUGS=1 to run")
	}
	var o operation
	for _, op := range operations(t) {
		if op.name == "GetCustomerAccount" {
			o = op
		}
	}
	var n atomic.Int64
	srv := faults.Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
