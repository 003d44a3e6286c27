package wrapper

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkListCustomerAccounts compares a list through the wrapper with a
// hand-written net/http + encoding/json call against the same loopback
// server. Both keep connections alive and decode into the same model.
//
//	go test -run '^$' -bench ListCustomerAccounts -benchmem -count 5 ./wrapper/
func BenchmarkListCustomerAccounts(b *testing.B) {
	body := sample(b, "listCustomerAccounts.200.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()

	b.Run("wrapper", func(b *testing.B) {
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		c, err := New(testKey, WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: tr}))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			l, err := c.ListCustomerAccounts(ctx, "cst_zqqmw0v4exbhvv2l", nil)
			if err != nil || len(l.List) != 2 {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		hc := &http.Client{Transport: tr}
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))
		url := srv.URL + "/customers/cst_zqqmw0v4exbhvv2l/customer-accounts/list"
		b.ReportAllocs()
		for b.Loop() {
			l, err := rawList(ctx, hc, url, auth, "cst_zqqmw0v4exbhvv2l")
			if err != nil || len(l.List) != 2 {
				b.Fatal(err)
			}
		}
	})
}

// rawList is what a careful user would write by hand with net/http and
// encoding/json: the required headers, a status check, a JSON decode.
func rawList(ctx context.Context, hc *http.Client, url, auth, routingID string) (*CustomerAccountList, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("X-Routing-Id", routingID)
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	out := new(CustomerAccountList)
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return out, nil
}
