package faults_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestWritesAreNeverReplayed: a create, create-and-validate, validate or
// delete of either API version reaches the server at most once per call,
// whatever headers or http.Client the caller passes, when the server reads
// the request and then drops the kept-alive connection (net/http replays a
// request it deems idempotent, which an Idempotency-Key header would make a
// POST), or answers 307/308 to the same path (a following CheckRedirect
// would send it again).
func TestWritesAreNeverReplayed(t *testing.T) {
	follow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	callers := map[string][]wrapper.Option{
		"Idempotency-Key":                 {wrapper.WithHeader("Idempotency-Key", "k-1")},
		"X-Idempotency-Key":               {wrapper.WithHeader("X-Idempotency-Key", "k-1")},
		"http.Client following redirects": {wrapper.WithHTTPClient(follow)},
	}
	servers := map[string]func(w http.ResponseWriter, r *http.Request){
		"drops the connection after reading": func(w http.ResponseWriter, _ *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		},
		"307 to the same path": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
		},
		"308 to the same path": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusPermanentRedirect)
		},
	}
	get := operations(t)[3] // GetCustomerAccount: opens the connection the write reuses
	require.Equal(t, "GetCustomerAccount", get.name)
	for _, o := range operations(t) {
		if o.method != http.MethodPost {
			continue
		}
		for sname, answer := range servers {
			for cname, opts := range callers {
				t.Run(o.name+"/"+sname+"/"+cname, func(t *testing.T) {
					var posts atomic.Int32
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						_, _ = io.Copy(io.Discard, r.Body)
						if r.Method == http.MethodGet {
							_, _ = w.Write(get.ok)
							return
						}
						posts.Add(1)
						answer(w, r)
					}))
					defer srv.Close()
					c, err := wrapper.New(apiKey, append([]wrapper.Option{wrapper.WithBaseURL(srv.URL)}, opts...)...)
					require.NoError(t, err)
					_, err = get.call(context.Background(), c)
					require.NoError(t, err)

					_, err = o.call(context.Background(), c)
					require.Error(t, err)
					assert.Equal(t, int32(1), posts.Load(), "the write reached the server more than once")
				})
			}
		}
	}
}

// TestGenClientWritesAreNeverReplayed: the same through the generated client
// of wrapper.NewGenBaseClient, with the Idempotency-Key set by a
// gen.RequestEditorFn, below the wrapper's own options.
func TestGenClientWritesAreNeverReplayed(t *testing.T) {
	const form = "application/x-www-form-urlencoded"
	key := func(_ context.Context, r *http.Request) error { r.Header.Set("Idempotency-Key", "k-1"); return nil }
	writes := map[string]func(ctx context.Context, g *gen.Client) (*http.Response, error){
		"createCustomerAccounts": func(ctx context.Context, g *gen.Client) (*http.Response, error) {
			return g.CreateCustomerAccountsWithBody(ctx, customerID, nil, form, strings.NewReader("command=validate&vpa=a%40upi"), key)
		},
		"validateCustomerAccount": func(ctx context.Context, g *gen.Client) (*http.Response, error) {
			return g.ValidateCustomerAccountWithBody(ctx, customerID, accountID, nil, form, http.NoBody, key)
		},
		"validateBankAccount": func(ctx context.Context, g *gen.Client) (*http.Response, error) {
			return g.ValidateBankAccountWithBody(ctx, customerID, bankAccountID, nil, form, http.NoBody, key)
		},
		"deleteBankAccount": func(ctx context.Context, g *gen.Client) (*http.Response, error) {
			return g.DeleteBankAccountWithBody(ctx, customerID, bankAccountID, nil, form, strings.NewReader("command=delete"), key)
		},
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			var posts atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				if r.Method == http.MethodGet {
					w.WriteHeader(http.StatusNotFound)
					return
				}
				posts.Add(1)
				if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
					conn.Close()
				}
			}))
			defer srv.Close()
			g, err := wrapper.NewGenBaseClient(apiKey, wrapper.WithBaseURL(srv.URL))
			require.NoError(t, err)
			resp, err := g.GetCustomerAccount(context.Background(), customerID, accountID, nil) // opens the connection
			require.NoError(t, err)
			resp.Body.Close()
			_, err = write(context.Background(), g)
			require.Error(t, err)
			assert.Equal(t, int32(1), posts.Load(), "the write reached the server more than once")
		})
	}
}
