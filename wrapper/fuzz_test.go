package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// FuzzAPIError: whatever body and status a server sends, the error parser
// never panics, keeps the status and a capped copy of the body, keeps each
// of Juspay's fields that decodes (even when another one does not), and never shows
// the API key in Error().
//
//	go test -run '^$' -fuzz '^FuzzAPIError$' -fuzztime 30s ./wrapper/
func FuzzAPIError(f *testing.F) {
	f.Add(401, []byte(`{"status":"error","error_code":"access_denied","error_message":"Invalid API Key."}`), "")
	f.Add(400, []byte(`{"status":"invalid_request_error","error_code":"INVALID_INPUT","error_info":{"code":"INVALID_INPUT","category":"USER_ERROR","request_id":"r1","fields":[{"field_name":"ifsc","reason":"bad"}]}}`), "hdr")
	f.Add(502, []byte("<html><body>502 Bad Gateway</body></html>"), "req_x")
	f.Add(404, []byte(`{"error_code":"object_not_found","error_message":"no account for `+testKey+` 40002323422"}`), "")
	f.Add(500, []byte(`{"error_info":null}`), "")
	f.Add(0, []byte{}, "")
	m := redact.New(testKey)
	f.Fuzz(func(t *testing.T, status int, body []byte, requestID string) {
		h := http.Header{}
		if requestID != "" {
			h.Set("X-Request-Id", requestID)
		}
		if status >= 200 && status <= 299 {
			status = 599
		}
		resp := &http.Response{StatusCode: status, Header: h}
		err := checkResponse(exchange{resp: resp, body: body[:min(len(body), MaxErrorBody)], method: http.MethodGet, path: "/customers/c/customer-accounts/list", secrets: &callSecrets{base: m}})

		var e *APIError
		if !errors.As(err, &e) {
			t.Fatalf("apiError returned %T, want *APIError", err)
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode %d, want %d", e.StatusCode, status)
		}
		kept := body[:min(len(body), MaxErrorBody)]
		if !bytes.Equal(e.Body, kept) {
			t.Fatalf("Body has %d bytes, want the first %d of the body", len(e.Body), len(kept))
		}
		msg := e.Error()
		if !strings.Contains(msg, fmt.Sprintf("HTTP %d", status)) {
			t.Fatalf("Error() %q does not name the status", msg)
		}
		if strings.Contains(msg, testKey) {
			t.Fatalf("Error() shows the API key: %q", msg)
		}
		_ = e.RedactedBody()
		if status == http.StatusNotFound && !errors.Is(err, ErrNotFound) {
			t.Fatal("a 404 is not ErrNotFound")
		}
		if status == http.StatusTooManyRequests && !errors.Is(err, ErrRateLimited) {
			t.Fatal("a 429 is not ErrRateLimited")
		}

		// Each documented field that decodes keeps its value, even when
		// another field has an unexpected type.
		var fields map[string]json.RawMessage
		if json.Unmarshal(kept, &fields) == nil {
			str := func(k string) string {
				var s string
				_ = json.Unmarshal(fields[k], &s)
				return s
			}
			if e.Status != str("status") || e.Code != str("error_code") {
				t.Fatalf("status/code %q/%q, want %q/%q", e.Status, e.Code, str("status"), str("error_code"))
			}
			if m := str("error_message"); m != "" && e.Message != m {
				t.Fatalf("Message %q, want %q", e.Message, m)
			}
			var info ErrorInfo
			if raw, ok := fields["error_info"]; ok && json.Unmarshal(raw, &info) == nil && string(raw) != "null" {
				if e.Info == nil {
					t.Fatalf("error_info %s was dropped", raw)
				}
				if info.RequestID != "" && e.RequestID != info.RequestID {
					t.Fatalf("RequestID %q, want error_info.request_id %q", e.RequestID, info.RequestID)
				}
			}
		} else if e.Code != "" || e.Status != "" || e.Info != nil {
			t.Fatalf("fields %q/%q/%v from a body that is not a JSON object", e.Status, e.Code, e.Info)
		}
		if e.RequestID == "" && h.Get("X-Request-Id") != "" {
			t.Fatalf("RequestID empty, want the X-Request-Id header %q", h.Get("X-Request-Id"))
		}
	})
}

// pathRecorder is a loopback server that records the raw request URI of
// every request and answers 404.
type pathRecorder struct {
	mu   sync.Mutex
	uris []string
}

func (p *pathRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	p.mu.Lock()
	p.uris = append(p.uris, r.RequestURI)
	p.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`{"status":"error","error_code":"object_not_found"}`))
}

func (p *pathRecorder) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.uris
	p.uris = nil
	return out
}

// FuzzPathSegments: no customer or account id can change the route. Each
// call either is refused before sending (an *InputError naming the id) or
// reaches the server on the documented path with every id as exactly one
// path segment, equal to the id once unescaped.
//
//	go test -run '^$' -fuzz '^FuzzPathSegments$' -fuzztime 30s ./wrapper/
func FuzzPathSegments(f *testing.F) {
	for _, s := range [][2]string{
		{"cst_1", "banh_1"}, {"a/b", "../list"}, {"..", "."}, {"c", "list"}, {"c?x=1", "a#b"},
		{"%2F", "%2e%2e"}, {"ü", "\u00a0"}, {"c;d", "x y"}, {" c", "x\x00"}, {"c", "a/../../b"},
		{"c", ""}, {"c", "\xff"}, {"c", "..%2F"}, {"c", "list/"}, {"c", "a\\b"},
	} {
		f.Add(s[0], s[1])
	}
	rec := &pathRecorder{}
	srv := httptest.NewServer(rec)
	f.Cleanup(srv.Close)
	c, err := New(testKey, WithBaseURL(srv.URL), WithRetryPolicy(NoRetries()), WithHTTPClient(srv.Client()))
	if err != nil {
		f.Fatal(err)
	}
	type route struct {
		name string
		call func(ctx context.Context, cust, id string) error
		want func(cust, id string) []string // the path's segments
	}
	seg := func(parts ...string) []string { return append([]string{""}, parts...) }
	routes := []route{
		{"GetCustomerAccount", func(ctx context.Context, cust, id string) error {
			_, err := c.GetCustomerAccount(ctx, cust, id)
			return err
		}, func(cust, id string) []string { return seg("customers", cust, "customer-accounts", id) }},
		{"ValidateCustomerAccount", func(ctx context.Context, cust, id string) error {
			_, err := c.ValidateCustomerAccount(ctx, cust, id, nil)
			return err
		}, func(cust, id string) []string { return seg("customers", cust, "customer-accounts", id, "validate") }},
		{"ListCustomerAccounts", func(ctx context.Context, cust, _ string) error {
			_, err := c.ListCustomerAccounts(ctx, cust, nil)
			return err
		}, func(cust, _ string) []string { return seg("customers", cust, "customer-accounts", "list") }},
		{"CreateCustomerAccounts", func(ctx context.Context, cust, _ string) error {
			_, err := c.CreateCustomerAccounts(ctx, cust, AccountInput{VPA: "fuzz@upi"})
			return err
		}, func(cust, _ string) []string { return seg("customers", cust, "accounts") }},
		{"V32.Get", func(ctx context.Context, cust, id string) error {
			_, err := c.BankAccountsV32().Get(ctx, cust, id)
			return err
		}, func(cust, id string) []string { return seg("customers", cust, "bank-accounts", id) }},
		{"V32.Validate", func(ctx context.Context, cust, id string) error {
			_, err := c.BankAccountsV32().Validate(ctx, cust, id)
			return err
		}, func(cust, id string) []string { return seg("customers", cust, "bank-accounts", id, "validate") }},
		{"V32.Delete", func(ctx context.Context, cust, id string) error {
			_, err := c.BankAccountsV32().Delete(ctx, cust, id)
			return err
		}, func(cust, id string) []string { return seg("customers", cust, "bank-accounts", id) }},
		{"V32.List", func(ctx context.Context, cust, _ string) error {
			_, err := c.BankAccountsV32().List(ctx, cust)
			return err
		}, func(cust, _ string) []string { return seg("customers", cust, "bank-accounts", "list") }},
	}
	f.Fuzz(func(t *testing.T, customerID, accountID string) {
		rec.take()
		for _, r := range routes {
			err := r.call(context.Background(), customerID, accountID)
			uris := rec.take()
			var in *InputError
			if errors.As(err, &in) {
				if len(uris) != 0 {
					t.Fatalf("%s: refused input (%v) but %d requests were sent", r.name, err, len(uris))
				}
				switch in.Field {
				case "customer_id", "customer_account_id", "bank_account_id", "x-routing-id":
				default:
					t.Fatalf("%s: refusal names field %q, not an id", r.name, in.Field)
				}
				continue
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
				t.Fatalf("%s(%q, %q): want the server's 404 or an *InputError, got %v", r.name, customerID, accountID, err)
			}
			if len(uris) != 1 {
				t.Fatalf("%s: the server saw %d requests, want 1", r.name, len(uris))
			}
			path, _, _ := strings.Cut(uris[0], "?")
			got := strings.Split(path, "/")
			want := r.want(customerID, accountID)
			if len(got) != len(want) {
				t.Fatalf("%s(%q, %q): path %q has %d segments, want %d (%q)", r.name, customerID, accountID, path, len(got), len(want), want)
			}
			for i := range want {
				u, err := url.PathUnescape(got[i])
				if err != nil || u != want[i] {
					t.Fatalf("%s(%q, %q): path %q segment %d is %q (%q), want %q", r.name, customerID, accountID, path, i, got[i], u, want[i])
				}
			}
			if ae.Path != path {
				t.Fatalf("%s: APIError.Path %q, want the path sent %q", r.name, ae.Path, path)
			}
		}
	})
}
