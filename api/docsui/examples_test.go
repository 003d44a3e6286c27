package docsui_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/api/docsui"
)

// TestSeedExamples: after SeedExamples, the calls /docs pre-fills (the
// spec's example customer, routing id and account ids, with the demo key)
// find what they name; seeding twice is refused, naming the id.
func TestSeedExamples(t *testing.T) {
	t.Parallel()
	emu := api.New()
	if err := docsui.SeedExamples(t.Context(), emu, api.DefaultTestKey); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	defer srv.Close()
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "/customers/cst_weoridsfdkl/customer-accounts/list", ""},
		{"GET", "/customers/cst_weoridsfdkl/customer-accounts/bank_woeriusdfk", ""},
		{"POST", "/customers/cst_weoridsfdkl/customer-accounts/bank_woeriusdfk/validate", ""},
		{"GET", "/customers/cst_weoridsfdkl/bank-accounts/ba_1d85C5cQuninwyie", ""},
		{"POST", "/customers/cst_weoridsfdkl/bank-accounts/ba_1d85C5cQuninwyie", "command=delete"},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		req.SetBasicAuth(api.DefaultTestKey, "")
		req.Header.Set("x-routing-id", "customer_1122")
		if tc.method == "POST" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s %s: %d, want 200", tc.method, tc.path, resp.StatusCode)
		}
	}
	err := docsui.SeedExamples(t.Context(), emu, api.DefaultTestKey)
	if err == nil || !strings.Contains(err.Error(), "bank_woeriusdfk") {
		t.Errorf("a second SeedExamples: %v, want an error naming the taken id", err)
	}
}
