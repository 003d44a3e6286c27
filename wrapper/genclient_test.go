//lint:file-ignore SA1019 the gen client is checked against the wrapper on the deprecated v3.2 list too.

package wrapper_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// wireRequest is what a server received.
type wireRequest struct {
	Method, URI string
	Header      http.Header
	Body        string
}

// wireLog records every request before handing it to next.
type wireLog struct {
	mu   sync.Mutex
	reqs []wireRequest
	next http.Handler
}

func (l *wireLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	l.mu.Lock()
	l.reqs = append(l.reqs, wireRequest{Method: r.Method, URI: r.RequestURI, Header: r.Header.Clone(), Body: string(b)})
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

// take returns and forgets the requests received so far.
func (l *wireLog) take() []wireRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.reqs
	l.reqs = nil
	return out
}

// recordedEmulator starts the emulator behind a wireLog.
func recordedEmulator(t *testing.T, opts ...api.Option) (*wireLog, string) {
	t.Helper()
	l := &wireLog{next: api.New(append([]api.Option{api.WithValidationDelay(time.Millisecond)}, opts...)...)}
	srv := httptest.NewServer(l)
	t.Cleanup(srv.Close)
	return l, srv.URL
}

// TestGenClientOnTheWire: the generated client from NewGenClient, used as
// generated code is meant to be used (params left empty but for paging),
// sends exactly what wrapper.Client sends for the same call: the same method,
// URI, body and every header, Basic auth with the key and an empty password
// and x-routing-id defaulting to the customer id among them.
func TestGenClientOnTheWire(t *testing.T) {
	wire, url := recordedEmulator(t)
	opts := []wrapper.Option{wrapper.WithBaseURL(url), wrapper.WithMerchantID("m1"), wrapper.WithAPIVersion("2024-06-01"), wrapper.WithUserAgentSuffix("app/1")}
	c, err := wrapper.New(api.DefaultTestKey, opts...)
	require.NoError(t, err)
	g, err := wrapper.NewGenClient(api.DefaultTestKey, opts...)
	require.NoError(t, err)
	ctx := context.Background()

	created, err := c.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "9164326296@upi"})
	require.NoError(t, err)
	gcreated, err := g.CreateCustomerAccountsWithBodyWithResponse(ctx, "cst_1", &gen.CreateCustomerAccountsParams{},
		"application/x-www-form-urlencoded", strings.NewReader("command=create&vpa=9164326296%40upi"))
	require.NoError(t, err)
	require.Equal(t, 200, gcreated.StatusCode(), string(gcreated.Body))
	require.NotNil(t, gcreated.JSON200)
	id := created.CustomerAccountID

	pairs := []struct {
		name               string
		viaWrapper, viaGen func() error
	}{
		{"create", func() error { return nil }, func() error { return nil }}, // sent above
		{"get", func() error {
			_, err := c.GetCustomerAccount(ctx, "cst_1", id)
			return err
		}, func() error {
			r, err := g.GetCustomerAccountWithResponse(ctx, "cst_1", id, &gen.GetCustomerAccountParams{})
			if err == nil {
				assert.Equal(t, id, r.JSON200.CustomerAccountID)
			}
			return err
		}},
		{"list", func() error {
			_, err := c.ListCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Count: 5})
			return err
		}, func() error {
			n := 5
			r, err := g.ListCustomerAccountsWithResponse(ctx, "cst_1", &gen.ListCustomerAccountsParams{Count: &n})
			if err == nil {
				assert.Len(t, r.JSON200.List, 2)
			}
			return err
		}},
		{"validate", func() error {
			_, err := c.ValidateCustomerAccount(ctx, "cst_1", id, nil)
			return err
		}, func() error {
			// A second penny drop on id would be refused: validate the other account.
			r, err := g.ValidateCustomerAccountWithBodyWithResponse(ctx, "cst_1", gcreated.JSON200.CustomerAccountID, nil, "application/x-www-form-urlencoded", strings.NewReader(""))
			if err == nil {
				assert.Equal(t, 200, r.StatusCode(), string(r.Body))
			}
			return err
		}},
		{"v32 list", func() error {
			_, err := c.BankAccountsV32().List(ctx, "cst_1")
			return err
		}, func() error {
			r, err := g.ListBankAccountsWithResponse(ctx, "cst_1", nil) // nil params: the headers still come
			if err == nil {
				assert.Equal(t, 200, r.StatusCode(), string(r.Body))
			}
			return err
		}},
	}
	reqs := wire.take()
	require.Len(t, reqs, 2)
	compare := func(name string, w, g wireRequest) {
		assert.Equal(t, w.Method, g.Method, name)
		assert.Equal(t, w.URI, strings.Replace(g.URI, gcreated.JSON200.CustomerAccountID, id, 1), name)
		assert.Equal(t, w.Body, g.Body, name)
		assert.Equal(t, w.Header, g.Header, name)
	}
	compare("create", reqs[0], reqs[1])
	for _, p := range pairs[1:] {
		require.NoError(t, p.viaWrapper(), p.name)
		require.NoError(t, p.viaGen(), p.name)
		reqs := wire.take()
		require.Len(t, reqs, 2, p.name)
		compare(p.name, reqs[0], reqs[1])
	}

	// What both sent, spelled out once.
	h := reqs[1].Header
	user, pass, ok := (&http.Request{Header: h}).BasicAuth()
	assert.True(t, ok)
	assert.Equal(t, api.DefaultTestKey, user)
	assert.Empty(t, pass)
	assert.Equal(t, "cst_1", h.Get("X-Routing-Id"), "defaults to the path's customer id")
	assert.Equal(t, "m1", h.Get("X-Merchantid"))
	assert.Equal(t, "2024-06-01", h.Get("Version"))
	assert.Equal(t, "juspay-accounts-go/"+wrapper.Version+" "+runtime.Version()+" app/1", h.Get("User-Agent"))
	assert.Equal(t, "application/json", h.Get("Accept"))

	// The routing id is overridable per call, by the generated params.
	_, err = g.GetCustomerAccountWithResponse(ctx, "cst_1", id, &gen.GetCustomerAccountParams{XRoutingID: "cart_77"})
	require.NoError(t, err)
	assert.Equal(t, "cart_77", wire.take()[0].Header.Get("X-Routing-Id"))
}

// TestGenClientSharesRetriesLoggingAndMiddleware: the generated client
// retries a read after a 503 but never a write, logs through the same
// redacting layer, and runs the middleware.
func TestGenClientSharesRetriesLoggingAndMiddleware(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1)%2 == 1 { // every first try is refused
			w.WriteHeader(503)
			_, _ = w.Write([]byte(`{"status":"error","error_code":"busy"}`))
			return
		}
		_, _ = w.Write([]byte(`{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1","validation_status":"ACTIVE"}`))
	}))
	defer srv.Close()
	var logs bytes.Buffer
	var seen atomic.Int32
	count := func(req *http.Request, _ wrapper.Attempt, next wrapper.MiddlewareNext) (*http.Response, error) {
		seen.Add(1)
		return next(req)
	}
	const key = "gen_client_key_7c1d"
	g, err := wrapper.NewGenClient(key, wrapper.WithBaseURL(srv.URL),
		wrapper.WithRetryPolicy(wrapper.RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond}),
		wrapper.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		wrapper.WithMiddleware(count))
	require.NoError(t, err)
	ctx := context.Background()

	r, err := g.GetCustomerAccountWithResponse(ctx, "cst_1", "banh_1", nil)
	require.NoError(t, err)
	assert.Equal(t, 200, r.StatusCode())
	assert.Equal(t, int32(2), n.Load(), "the read was retried after the 503")
	assert.Equal(t, int32(2), seen.Load(), "the middleware ran once per attempt")

	n.Store(0)
	v, err := g.ValidateCustomerAccountWithBodyWithResponse(ctx, "cst_1", "banh_1", nil, "application/x-www-form-urlencoded", strings.NewReader(""))
	require.NoError(t, err)
	assert.Equal(t, 503, v.StatusCode())
	assert.Equal(t, int32(1), n.Load(), "a validate is never retried after a 503")

	out := logs.String()
	assert.Contains(t, out, "juspay retry")
	assert.Contains(t, out, "path=/customers/cst_1/customer-accounts/banh_1")
	assert.NotContains(t, out, key)
	assert.NotContains(t, out, base64.StdEncoding.EncodeToString([]byte(key+":")))

	// The plain gen.Client works the same way.
	base, err := wrapper.NewGenBaseClient(key, wrapper.WithBaseURL(srv.URL), wrapper.WithRetryPolicy(wrapper.NoRetries()))
	require.NoError(t, err)
	n.Store(1) // the next request succeeds
	resp, err := base.GetCustomerAccount(ctx, "cst_1", "banh_1", nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	user, _, _ := resp.Request.BasicAuth()
	assert.Equal(t, key, user)
	assert.Equal(t, "cst_1", resp.Request.Header.Get("X-Routing-Id"))
}

func TestGenClientRejectsWhatNewRejects(t *testing.T) {
	_, err := wrapper.NewGenClient("")
	assert.ErrorContains(t, err, "API key is empty")
	_, err = wrapper.NewGenBaseClient("k", wrapper.WithBaseURL("http://api.juspay.in"))
	assert.ErrorContains(t, err, "plain http")
}

// TestBaseURLWithAPrefix: a base URL with a path (a proxy, an API gateway)
// prefixes every operation, for Client and the generated client alike, and
// the routing id still defaults to the customer id after the prefix.
func TestBaseURLWithAPrefix(t *testing.T) {
	wire := &wireLog{next: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"status":"error","error_code":"object_not_found"}`))
	})}
	srv := httptest.NewServer(wire)
	defer srv.Close()
	base := srv.URL + "/juspay/v1/"
	c, err := wrapper.New("k_prefix", wrapper.WithBaseURL(base))
	require.NoError(t, err)
	_, err = c.GetCustomerAccount(context.Background(), "cst/1", "banh_1")
	var ae *wrapper.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "/customers/cst%2F1/customer-accounts/banh_1", ae.Path, "the operation's path, after the prefix")

	g, err := wrapper.NewGenClient("k_prefix", wrapper.WithBaseURL(base))
	require.NoError(t, err)
	_, err = g.GetCustomerAccountWithResponse(context.Background(), "cst/1", "banh_1", nil)
	require.NoError(t, err)
	reqs := wire.take()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, "/juspay/v1/customers/cst%2F1/customer-accounts/banh_1", r.URI)
		assert.Equal(t, "cst/1", r.Header.Get("X-Routing-Id"))
	}
}
