package conformance

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkValidateExchange measures one list exchange (the documented
// two-account body), request and response.
func BenchmarkValidateExchange(b *testing.B) {
	v := newValidator(b)
	body, err := os.ReadFile(filepath.Join(samplesDir, "listCustomerAccounts.200.json"))
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("https://sandbox.juspay.in/customers/cst_1/customer-accounts/list?count=10")
	x := Exchange{
		Method: http.MethodGet, URL: u,
		RequestHeader: http.Header{"Authorization": {basic(testKey)}, "X-Routing-Id": {"cst_1"}},
		Status:        200, ResponseHeader: jsonHeader(), ResponseBody: body,
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := v.ValidateExchange(ctx, x); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTransport measures a loopback GET with and without the Transport.
func BenchmarkTransport(b *testing.B) {
	body, err := os.ReadFile(filepath.Join(samplesDir, "getCustomerAccount.200.json"))
	if err != nil {
		b.Fatal(err)
	}
	srv := server(b, 200, "application/json", string(body))
	tr, err := NewTransport(nil, WithOnViolation(func(r Report) { b.Fatal(r.Error()) }))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		rt   http.RoundTripper
	}{{"plain", http.DefaultTransport}, {"validated", tr}} {
		b.Run(c.name, func(b *testing.B) {
			client := &http.Client{Transport: c.rt}
			b.ReportAllocs()
			for b.Loop() {
				resp, err := client.Do(getRequest(b, srv.URL))
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}
