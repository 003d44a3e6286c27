package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pennydrop/juspay-accounts/api"
)

// discardWriter is a ResponseWriter that keeps the status and drops the body,
// so that BenchmarkHandler counts only what the emulator allocates.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(code int)        { w.status = code }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// reusableBody is a request body that can be rewound without allocating.
type reusableBody struct{ strings.Reader }

func (*reusableBody) Close() error { return nil }

// BenchmarkHandler calls Server.ServeHTTP directly (no network, no client) for
// list (10 accounts), get and create, so allocs/op is the emulator's own cost
// per request.
//
//	go test -run '^$' -bench '^BenchmarkHandler$' -benchmem ./api/
func BenchmarkHandler(b *testing.B) {
	s := api.New(api.WithMaxAccounts(1<<30), api.WithMaxAccountsPerCustomer(1<<30))
	serve := func(method, path, body string) (*discardWriter, *http.Request, *reusableBody) {
		rb := &reusableBody{}
		req, err := http.NewRequest(method, "http://127.0.0.1"+path, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
		req.Header.Set("X-Routing-Id", strings.Split(path, "/")[2]) // the path's customer id
		req.Header.Set("Accept", "application/json")
		req.Body = http.NoBody
		if body != "" {
			req.Header.Set("Content-Type", formCT)
			req.Body, req.ContentLength = rb, int64(len(body))
		}
		return &discardWriter{h: http.Header{}}, req, rb
	}
	do := func(b *testing.B, w *discardWriter, req *http.Request, rb *reusableBody, body string) {
		clear(w.h)
		w.status = 0
		if body != "" {
			rb.Reset(body)
			req.Body = rb
		}
		s.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
	var first string
	for i := range 10 {
		w, req, rb := serve("POST", "/customers/cst_bench/accounts", "vpa=bench@upi")
		do(b, w, req, rb, "vpa=bench@upi")
		if i == 0 {
			// Read the id back through a list.
			lw, lreq, _ := serve("GET", "/customers/cst_bench/customer-accounts/list", "")
			rec := &captureWriter{discardWriter: *lw}
			s.ServeHTTP(rec, lreq)
			first = rec.firstID()
		}
	}
	for _, c := range []struct{ name, method, path, body string }{
		{"list", "GET", "/customers/cst_bench/customer-accounts/list", ""},
		{"get", "GET", "/customers/cst_bench/customer-accounts/" + first, ""},
		{"create", "POST", "/customers/cst_create/accounts", bankForm},
	} {
		b.Run(c.name, func(b *testing.B) {
			w, req, rb := serve(c.method, c.path, c.body)
			b.ReportAllocs()
			for b.Loop() {
				do(b, w, req, rb, c.body)
			}
		})
	}
}

// captureWriter keeps the body, to read an id from it.
type captureWriter struct {
	discardWriter
	body []byte
}

func (w *captureWriter) Write(b []byte) (int, error) {
	w.body = append(w.body, b...)
	return len(b), nil
}

func (w *captureWriter) firstID() string {
	const key = `"customer_account_id":"`
	s := string(w.body)
	i := strings.Index(s, key)
	if i < 0 {
		return ""
	}
	s = s[i+len(key):]
	return s[:strings.IndexByte(s, '"')]
}
