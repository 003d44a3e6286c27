package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// pagedEmulator is the emulator with cst_many holding n accounts and
// cst_empty none; fail, when set, answers a request instead of the emulator.
type pagedEmulator struct {
	client   *wrapper.Client
	ids      []string // cst_many's accounts in creation order
	mu       sync.Mutex
	received []url.Values
	fail     func(q url.Values) bool
}

// pages returns the queries of the GETs received.
func (p *pagedEmulator) pages() []url.Values {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.received
}

func (p *pagedEmulator) setFail(f func(q url.Values) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fail = f
}

func newPagedEmulator(t *testing.T, n int) *pagedEmulator {
	t.Helper()
	p := &pagedEmulator{}
	emu := api.New(api.WithCustomers("cst_empty"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			p.mu.Lock()
			p.received = append(p.received, q)
			fail := p.fail != nil && p.fail(q)
			p.mu.Unlock()
			if fail {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"status":"error","error_code":"invalid_request","error_message":"injected"}`))
				return
			}
		}
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL), wrapper.WithRetryPolicy(wrapper.NoRetries()))
	require.NoError(t, err)
	p.client = c
	for i := range n {
		a, err := c.CreateCustomerAccounts(context.Background(), "cst_many", wrapper.AccountInput{VPA: fmt.Sprintf("user%d@upi", i)})
		require.NoError(t, err)
		p.ids = append(p.ids, a.CustomerAccountID)
	}
	return p
}

func TestAllCustomerAccounts(t *testing.T) {
	ctx := context.Background()
	t.Run("several pages", func(t *testing.T) {
		p := newPagedEmulator(t, 7)
		var got []string
		for a, err := range p.client.AllCustomerAccounts(ctx, "cst_many", &wrapper.ListOptions{Count: 3}) {
			require.NoError(t, err)
			got = append(got, a.CustomerAccountID)
		}
		assert.Equal(t, p.ids, got, "every account once, in order")
		require.Len(t, p.pages(), 3, "one request per page, none after the total")
		for i, off := range []string{"", "3", "6"} {
			assert.Equal(t, off, p.pages()[i].Get("offset"), "page %d", i)
			assert.Equal(t, "3", p.pages()[i].Get("count"), "page %d", i)
		}
	})
	t.Run("a last page that is full", func(t *testing.T) {
		p := newPagedEmulator(t, 6)
		n := 0
		for _, err := range p.client.AllCustomerAccounts(ctx, "cst_many", &wrapper.ListOptions{Count: 3}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 6, n)
		assert.Len(t, p.pages(), 2, "the total says there is no third page")
	})
	t.Run("Juspay's page size, from an offset", func(t *testing.T) {
		p := newPagedEmulator(t, 5)
		var got []string
		for a, err := range p.client.AllCustomerAccounts(ctx, "cst_many", &wrapper.ListOptions{Offset: 2}) {
			require.NoError(t, err)
			got = append(got, a.CustomerAccountID)
		}
		assert.Equal(t, p.ids[2:], got)
	})
	t.Run("empty list", func(t *testing.T) {
		p := newPagedEmulator(t, 0)
		for a, err := range p.client.AllCustomerAccounts(ctx, "cst_empty", nil) {
			t.Fatalf("yielded %v, %v from an empty list", a, err)
		}
		assert.Len(t, p.pages(), 1)
	})
	t.Run("error mid-way", func(t *testing.T) {
		p := newPagedEmulator(t, 7)
		p.setFail(func(q url.Values) bool { return q.Get("offset") == "3" })
		var got []string
		var errs []error
		for a, err := range p.client.AllCustomerAccounts(ctx, "cst_many", &wrapper.ListOptions{Count: 3}) {
			if err != nil {
				errs = append(errs, err)
				assert.Empty(t, a.CustomerAccountID, "an error comes with a zero account")
				continue
			}
			got = append(got, a.CustomerAccountID)
		}
		assert.Equal(t, p.ids[:3], got, "the first page, then the error")
		require.Len(t, errs, 1, "the error is yielded once and ends the iteration")
		var ae *wrapper.APIError
		require.ErrorAs(t, errs[0], &ae)
		assert.Equal(t, 400, ae.StatusCode)
		assert.Len(t, p.pages(), 2)
	})
	t.Run("break stops cleanly", func(t *testing.T) {
		p := newPagedEmulator(t, 7)
		n := 0
		for _, err := range p.client.AllCustomerAccounts(ctx, "cst_many", &wrapper.ListOptions{Count: 3}) {
			require.NoError(t, err)
			if n++; n == 4 {
				break
			}
		}
		assert.Len(t, p.pages(), 2, "no page is fetched after the loop ends")
	})
	t.Run("context ends", func(t *testing.T) {
		p := newPagedEmulator(t, 7)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		n := 0
		var last error
		for _, err := range p.client.AllCustomerAccounts(cctx, "cst_many", &wrapper.ListOptions{Count: 3}) {
			if err != nil {
				last = err
				continue
			}
			if n++; n == 3 {
				cancel() // while the first page is being consumed
			}
		}
		assert.Equal(t, 3, n)
		assert.True(t, errors.Is(last, context.Canceled), "%v", last)
		assert.Len(t, p.pages(), 1, "no request after ctx ended")
	})
	t.Run("bad input", func(t *testing.T) {
		p := newPagedEmulator(t, 0)
		for _, err := range p.client.AllCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Count: -1}) {
			var ie *wrapper.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "count", ie.Field)
		}
		assert.Empty(t, p.pages())
	})
}

// TestAllCustomerAccountsEndsWhenPagingMisbehaves: Juspay's paging parameter
// names are inferred, so a server that ignores them is possible. Whatever
// the server does, the iterator never yields an account twice and ends by
// itself, with a *PagingError when the pages cannot be trusted.
func TestAllCustomerAccountsEndsWhenPagingMisbehaves(t *testing.T) {
	page := func(from, n, total int) string {
		var items []string
		for i := from; i < from+n; i++ {
			items = append(items, fmt.Sprintf(`{"customer_account_id":"banh_%d","validation_status":"ACTIVE"}`, i))
		}
		tot := ""
		if total >= 0 {
			tot = fmt.Sprintf(`,"total":%d`, total)
		}
		return fmt.Sprintf(`{"object":"list","count":%d,"offset":%d%s,"list":[%s]}`, n, from, tot, strings.Join(items, ","))
	}
	tests := []struct {
		name     string
		serve    func(offset, count, request int) string
		opts     *wrapper.ListOptions
		distinct int    // accounts yielded, all distinct
		reason   string // in the *PagingError; "" for a clean end
	}{
		{"offset ignored, total 25", func(_, _, _ int) string { return page(0, 10, 25) }, nil, 10, "repeats an account"},
		{"total grows with every page", func(off, _, req int) string { return page(off, 10, off+10*req+10) }, &wrapper.ListOptions{MaxPages: 50}, 500, "past the cap of 50 pages"},
		{"no total, pages always full", func(off, cnt, _ int) string { return page(off, cnt, -1) }, &wrapper.ListOptions{Count: 10, MaxPages: 20}, 200, "past the cap of 20 pages"},
		{"pages longer than count", func(off, _, _ int) string { return page(off, 25, -1) }, &wrapper.ListOptions{Count: 10, MaxPages: 5}, 125, "past the cap of 5 pages"},
		{"default cap", func(off, cnt, _ int) string { return page(off, 1, -1) }, &wrapper.ListOptions{Count: 1}, wrapper.DefaultMaxPages, "past the cap of 1000 pages"},
		{"well-behaved", func(off, _, _ int) string { return page(off, min(10, 25-off), 25) }, nil, 25, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
				cnt, _ := strconv.Atoi(r.URL.Query().Get("count"))
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, tt.serve(off, cnt, int(requests.Add(1))))
			}))
			defer srv.Close()
			c, err := wrapper.New("k_pager", wrapper.WithBaseURL(srv.URL))
			require.NoError(t, err)
			seen := map[string]bool{}
			var end error
			for a, err := range c.AllCustomerAccounts(context.Background(), "cst_1", tt.opts) {
				if err != nil {
					end = err
					break
				}
				require.False(t, seen[a.CustomerAccountID], "yielded twice: %s", a.CustomerAccountID)
				seen[a.CustomerAccountID] = true
			}
			assert.Len(t, seen, tt.distinct)
			if tt.reason == "" {
				require.NoError(t, end)
				return
			}
			var pe *wrapper.PagingError
			require.ErrorAs(t, end, &pe)
			assert.ErrorIs(t, end, wrapper.ErrPaging)
			assert.Contains(t, pe.Error(), tt.reason)
		})
	}
}
