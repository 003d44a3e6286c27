package loadtest_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/conformance"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/loadtest"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

const (
	benchKey      = "sk_bench_key_1f2e3d"
	benchCustomer = "cst_zqqmw0v4exbhvv2l"
	benchAccount  = "banh_kGvx5TGUmkRVC2dH"
)

func readSample(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// sampleServer answers list, get and create with the doc samples, as fast as
// a loopback server can: the benchmark measures the client side.
func sampleServer(tb testing.TB) *httptest.Server {
	list := readSample(tb, "listCustomerAccounts.200.json")
	account := readSample(tb, "validateCustomerAccount.200.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/list") {
			_, _ = w.Write(list)
			return
		}
		_, _ = w.Write(account)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// raw is what a careful user writes by hand with net/http and
// encoding/json: a client with a timeout, the required headers, a status
// check, a JSON decode into the same models.
type raw struct {
	hc   *http.Client
	base string
	auth string
}

func (r *raw) do(ctx context.Context, method, path, form string, out any) error {
	var body io.Reader
	if form != "" {
		body = strings.NewReader(form)
	}
	req, err := http.NewRequestWithContext(ctx, method, r.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", r.auth)
	req.Header.Set("X-Routing-Id", benchCustomer)
	req.Header.Set("Accept", "application/json")
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// clientOps returns, for list, get and create, one call through the wrapper
// and the same call written by hand, against srv. Both keep connections alive
// and decode into the same generated models.
func clientOps(b *testing.B, srv *httptest.Server) []struct {
	op           string
	wrapper, raw func() error
} {
	ctx := context.Background()
	wtr := &http.Transport{MaxIdleConnsPerHost: 4}
	b.Cleanup(wtr.CloseIdleConnections)
	c, err := wrapper.New(benchKey, wrapper.WithBaseURL(srv.URL), wrapper.WithHTTPClient(&http.Client{Transport: wtr}))
	if err != nil {
		b.Fatal(err)
	}
	rtr := &http.Transport{MaxIdleConnsPerHost: 4}
	b.Cleanup(rtr.CloseIdleConnections)
	r := &raw{hc: &http.Client{Transport: rtr, Timeout: wrapper.DefaultTimeout}, base: srv.URL,
		auth: "Basic " + base64.StdEncoding.EncodeToString([]byte(benchKey+":"))}
	in := wrapper.AccountInput{BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "40002323422", IFSC: "HDFC0000001", BankCode: "JP_HDFC", BeneficiaryName: "Asha Rao"}}
	check := func(ok bool, err error) error {
		if err == nil && !ok {
			err = fmt.Errorf("unexpected result")
		}
		return err
	}
	return []struct {
		op           string
		wrapper, raw func() error
	}{
		{"list", func() error {
			l, err := c.ListCustomerAccounts(ctx, benchCustomer, nil)
			return check(err == nil && len(l.List) == 2, err)
		}, func() error {
			var l wrapper.CustomerAccountList
			err := r.do(ctx, http.MethodGet, "/customers/"+url.PathEscape(benchCustomer)+"/customer-accounts/list", "", &l)
			return check(len(l.List) == 2, err)
		}},
		{"get", func() error {
			a, err := c.GetCustomerAccount(ctx, benchCustomer, benchAccount)
			return check(err == nil && a.CustomerAccountID == benchAccount, err)
		}, func() error {
			var a wrapper.CustomerAccount
			err := r.do(ctx, http.MethodGet, "/customers/"+url.PathEscape(benchCustomer)+"/customer-accounts/"+url.PathEscape(benchAccount), "", &a)
			return check(a.CustomerAccountID == benchAccount, err)
		}},
		{"create", func() error {
			a, err := c.CreateCustomerAccounts(ctx, benchCustomer, in)
			return check(err == nil && a.CustomerAccountID == benchAccount, err)
		}, func() error {
			form := url.Values{"account_number": {in.BankAccount.AccountNumber}, "ifsc": {in.BankAccount.IFSC}, "bank_code": {in.BankAccount.BankCode},
				"beneficiary_name": {in.BankAccount.BeneficiaryName}, "command": {"create"}}.Encode()
			var a wrapper.CustomerAccount
			err := r.do(ctx, http.MethodPost, "/customers/"+url.PathEscape(benchCustomer)+"/accounts", form, &a)
			return check(a.CustomerAccountID == benchAccount, err)
		}},
	}
}

// BenchmarkClient compares the wrapper with the hand-written call for list,
// get and create against the same loopback server, in one run: time, bytes
// and allocations per call. Sub-benchmarks are named op=.../impl=... for
// benchstat (make bench-client).
//
//	go test -run '^$' -bench '^BenchmarkClient$' -benchmem -count 10 ./loadtest/
func BenchmarkClient(b *testing.B) {
	srv := sampleServer(b)
	for _, o := range clientOps(b, srv) {
		for _, impl := range []struct {
			name string
			call func() error
		}{{"raw", o.raw}, {"wrapper", o.wrapper}} {
			b.Run("op="+o.op+"/impl="+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := impl.call(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkClientPaired times the wrapper and the hand-written call
// alternately within each iteration (which goes first alternates too), so
// that load from other processes on a shared machine falls on both alike,
// and reports raw-ns/op, wrapper-ns/op and their ratio, wrapper/raw.
//
//	go test -run '^$' -bench '^BenchmarkClientPaired$' -count 10 ./loadtest/
func BenchmarkClientPaired(b *testing.B) {
	srv := sampleServer(b)
	for _, o := range clientOps(b, srv) {
		b.Run("op="+o.op, func(b *testing.B) {
			var tw, tr time.Duration
			timed := func(call func() error, total *time.Duration) {
				start := time.Now()
				if err := call(); err != nil {
					b.Fatal(err)
				}
				*total += time.Since(start)
			}
			n := 0
			for b.Loop() {
				if n%2 == 0 {
					timed(o.wrapper, &tw)
					timed(o.raw, &tr)
				} else {
					timed(o.raw, &tr)
					timed(o.wrapper, &tw)
				}
				n++
			}
			b.ReportMetric(float64(tr.Nanoseconds())/float64(n), "raw-ns/op")
			b.ReportMetric(float64(tw.Nanoseconds())/float64(n), "wrapper-ns/op")
			b.ReportMetric(float64(tw)/float64(tr), "wrapper/raw")
		})
	}
}

// listBody is a list response of about size bytes: copies of the
// documented account with distinct ids.
func listBody(tb testing.TB, size int) []byte {
	account := readSample(tb, "validateCustomerAccount.200.json")
	var b strings.Builder
	b.WriteString(`{"object":"list","list":[`)
	n := 0
	for b.Len() < size-64 {
		if n > 0 {
			b.WriteByte(',')
		}
		b.Write(bytes.Replace(account, []byte(benchAccount), []byte(fmt.Sprintf("banh_%016d", n)), 1))
		n++
	}
	fmt.Fprintf(&b, `],"offset":0,"count":%d,"total":%d}`, n, n)
	return []byte(b.String())
}

// BenchmarkReadBody compares the memory a list costs through the wrapper and
// through the generated client (gen.ClientWithResponses, whose parser reads
// the body with io.ReadAll) when the body comes chunked, without a
// Content-Length: 3 KB, 30 KB and 300 KB. Both decode into the same model.
//
//	go test -run '^$' -bench '^BenchmarkReadBody$' -benchmem -count 10 ./loadtest/
func BenchmarkReadBody(b *testing.B) {
	ctx := context.Background()
	for _, size := range []int{3 << 10, 30 << 10, 300 << 10} {
		body := listBody(b, size)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.(http.Flusher).Flush() // chunked: the client cannot size its buffer
			_, _ = w.Write(body)
		}))
		name := fmt.Sprintf("size=%dKB", size>>10)
		b.Run(name+"/impl=gen", func(b *testing.B) {
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			g, err := gen.NewClientWithResponses(srv.URL, gen.WithHTTPClient(&http.Client{Transport: tr, Timeout: wrapper.DefaultTimeout}),
				gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
					req.SetBasicAuth(benchKey, "")
					return nil
				}))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				r, err := g.ListCustomerAccountsWithResponse(ctx, benchCustomer, &gen.ListCustomerAccountsParams{XRoutingID: benchCustomer})
				if err != nil || r.JSON200 == nil || len(r.JSON200.List) == 0 {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/impl=wrapper", func(b *testing.B) {
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			c, err := wrapper.New(benchKey, wrapper.WithBaseURL(srv.URL), wrapper.WithHTTPClient(&http.Client{Transport: tr}))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				l, err := c.ListCustomerAccounts(ctx, benchCustomer, nil)
				if err != nil || len(l.List) == 0 {
					b.Fatal(err)
				}
			}
		})
		srv.Close()
	}
}

// BenchmarkConformanceValidate is the cost of holding one response to the
// spec with conformance.Validator, per operation and status.
//
//	go test -run '^$' -bench '^BenchmarkConformanceValidate$' -benchmem ./loadtest/
func BenchmarkConformanceValidate(b *testing.B) {
	v, err := conformance.NewValidator()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, s := range []struct {
		op     string
		status int
		file   string
	}{
		{"listCustomerAccounts", 200, "listCustomerAccounts.200.json"},
		{"getCustomerAccount", 200, "getCustomerAccount.200.json"},
		{"createBankAccount", 200, "createBankAccount.200.json"},
		{"getCustomerAccount", 401, "getCustomerAccount.401.json"},
	} {
		body := readSample(b, s.file)
		b.Run(fmt.Sprintf("%s.%d", s.op, s.status), func(b *testing.B) {
			if err := v.ValidateResponseBody(ctx, s.op, s.status, nil, body); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if err := v.ValidateResponseBody(ctx, s.op, s.status, nil, body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEmulatorLoad runs the load generator with b.N requests from 16
// clients against an in-process emulator (clients and emulator share the
// cores) and reports req/s, p50, p99 and errors. The million-request run with
// heap samples is `go run ./loadtest/cmd/loadgen -requests 1000000`.
//
//	go test -run '^$' -bench '^BenchmarkEmulatorLoad$' -benchtime 200000x ./loadtest/
func BenchmarkEmulatorLoad(b *testing.B) {
	base := startEmulator(b)
	b.ResetTimer()
	res, err := loadtest.Run(context.Background(), loadtest.Config{BaseURL: base, APIKey: api.DefaultTestKey, Clients: 16, Requests: b.N, Duration: 10 * time.Minute, HeapEvery: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	b.ReportMetric(res.ReqPerSec(), "req/s")
	b.ReportMetric(float64(res.P50.Microseconds()), "p50-µs")
	b.ReportMetric(float64(res.P99.Microseconds()), "p99-µs")
	b.ReportMetric(float64(res.P999.Microseconds()), "p999-µs")
	b.ReportMetric(100*res.CPUShare, "cpu-share-%")
	b.ReportMetric(float64(res.Errors), "errors")
	if res.Errors > 0 {
		b.Fatalf("%d errors: %v", res.Errors, res.FirstErrors)
	}
}
