package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pennydrop/juspay-accounts/api"
)

// benchRequest builds a request the way a client would send it.
func benchRequest(b *testing.B, method, url, body string) *http.Request {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", formCT)
	} else {
		req.Body = http.NoBody
	}
	req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
	req.Header.Set("x-routing-id", "cst_bench")
	return req
}

// runParallel sends the request built by mk from parallel goroutines over
// loopback HTTP and fails on any unexpected status.
func runParallel(b *testing.B, e *emu, want int, mk func() *http.Request) {
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			res, err := e.client.Do(mk())
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != want {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
}

// BenchmarkGetCustomerAccount: the most common call, over loopback HTTP.
func BenchmarkGetCustomerAccount(b *testing.B) {
	e := start(b)
	id := e.do(call{method: "POST", path: "/customers/cst_bench/accounts", body: bankForm}).json(b)["customer_account_id"].(string)
	url := e.srv.URL + "/customers/cst_bench/customer-accounts/" + id
	runParallel(b, e, http.StatusOK, func() *http.Request { return benchRequest(b, "GET", url, "") })
}

// BenchmarkListCustomerAccounts lists a customer with 10 accounts.
func BenchmarkListCustomerAccounts(b *testing.B) {
	e := start(b)
	for range 10 {
		e.do(call{method: "POST", path: "/customers/cst_bench/accounts", body: "vpa=bench@upi"})
	}
	url := e.srv.URL + "/customers/cst_bench/customer-accounts/list"
	runParallel(b, e, http.StatusOK, func() *http.Request { return benchRequest(b, "GET", url, "") })
}

// BenchmarkCreateV32 creates v3.2 accounts (metadata included) for many
// customers, within the caps.
func BenchmarkCreateV32(b *testing.B) {
	e := start(b, api.WithMaxAccounts(1<<30), api.WithMaxAccountsPerCustomer(1<<30))
	url := e.srv.URL + "/customers/cst_bench/bank-accounts"
	runParallel(b, e, http.StatusOK, func() *http.Request { return benchRequest(b, "POST", url, legacySample) })
}

// BenchmarkUnauthorized: the cost of rejecting a request.
func BenchmarkUnauthorized(b *testing.B) {
	e := start(b)
	url := e.srv.URL + "/customers/cst_bench/customer-accounts/list"
	runParallel(b, e, http.StatusUnauthorized, func() *http.Request {
		r := benchRequest(b, "GET", url, "")
		r.Header.Del("Authorization")
		return r
	})
}
