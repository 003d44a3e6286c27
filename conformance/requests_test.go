package conformance

//lint:file-ignore SA1019 the request checks cover the deprecated v3.2 calls too.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/internal/spec"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// wireRequest is a request as the server saw it.
type wireRequest struct {
	op   string
	text string // request line, spec headers, blank line, body
}

// strictServer is a loopback server wrapped in kin-openapi's own validation
// middleware (openapi3filter.Validator, strict) with a real Basic check that
// accepts only testKey with an empty password. x-routing-id is required by
// the spec. It answers each operation with a documented body and records
// every request that passed, and every validation failure.
type strictServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []wireRequest
	failures []string
}

func newStrictServer(t *testing.T, v *Validator) *strictServer {
	t.Helper()
	router, err := spec.Router()
	require.NoError(t, err)
	s := &strictServer{}
	mw := openapi3filter.NewValidator(router,
		openapi3filter.Strict(true),
		openapi3filter.ValidationOptions(openapi3filter.Options{
			MultiError: true, IncludeResponseStatus: true, SkipSettingDefaults: true,
			AuthenticationFunc: spec.BasicAuth(func(key string) bool { return key == testKey }),
		}),
		openapi3filter.OnLog(func(_ context.Context, msg string, err error) {
			s.mu.Lock()
			s.failures = append(s.failures, msg+": "+err.Error())
			s.mu.Unlock()
		}),
		openapi3filter.OnErr(func(_ context.Context, w http.ResponseWriter, status int, _ openapi3filter.ErrCode, _ error) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, `{"status":"error","error_code":"invalid_request","error_message":"rejected by the spec"}`)
		}),
	)
	bodies := documentedBodies(t)
	s.Server = httptest.NewServer(mw.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		op := v.Operation(r.Method, r.URL)
		// Our Validator must agree with kin-openapi's middleware on real traffic.
		if err := v.ValidateRequest(r.Context(), r); err != nil {
			s.mu.Lock()
			s.failures = append(s.failures, "conformance.Validator disagrees: "+err.Error())
			s.mu.Unlock()
		}
		s.mu.Lock()
		s.requests = append(s.requests, wireRequest{op: op, text: wireText(r, body)})
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(bodies[op])
	})))
	t.Cleanup(s.Close)
	return s
}

func (s *strictServer) take() ([]wireRequest, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, f := s.requests, s.failures
	s.requests, s.failures = nil, nil
	return r, f
}

// wireText renders what the golden files hold: the request line, the headers
// the spec defines (plus Content-Type and Authorization), and the body.
func wireText(r *http.Request, body []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", r.Method, r.URL.RequestURI())
	var names []string
	for _, h := range []string{"Authorization", "Content-Type", "Version", "X-Merchantid", "X-Routing-Id"} {
		if r.Header.Get(h) != "" {
			names = append(names, h)
		}
	}
	sort.Strings(names)
	for _, h := range names {
		fmt.Fprintf(&b, "%s: %s\n", h, r.Header.Get(h))
	}
	b.WriteString("\n")
	b.Write(body)
	b.WriteString("\n")
	return b.String()
}

// documentedBodies answers each operation with a body built from Juspay's
// documented objects (doc samples).
func documentedBodies(t *testing.T) map[string][]byte {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(samplesDir, name))
		require.NoError(t, err)
		return b
	}
	account := read("getCustomerAccount.200.json")
	bank := read("createBankAccount.200.json")
	return map[string][]byte{
		"createCustomerAccounts":  account,
		"validateCustomerAccount": account,
		"getCustomerAccount":      account,
		"listCustomerAccounts":    read("listCustomerAccounts.200.json"),
		"createBankAccount":       bank,
		"validateBankAccount":     bank,
		"getBankAccount":          bank,
		"listBankAccounts":        []byte(`{"object":"list","list":[` + string(bank) + `],"total":1,"offset":0,"count":1}`),
		"deleteBankAccount":       read("deleteBankAccount.200.json"),
	}
}

// wrapperCalls is every method of the wrapper, named as its golden file.
func wrapperCalls(c *wrapper.Client) []struct {
	name string
	call func(ctx context.Context) error
} {
	const cust = "cst_zqqmw0v4exbhvv2l"
	bank := wrapper.AccountInput{BankAccount: &wrapper.CustomerBankAccountInput{
		BankCode: "JP_HDFC", AccountNumber: "026291800001191", IFSC: "AABF0008032", BeneficiaryName: "Ravi Kumar Sharma"}}
	vpa := wrapper.AccountInput{VPA: "9164326296@upi", GatewayID: "23", GatewayReferenceID: "ref 1/2&3"}
	v32 := wrapper.V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", BeneficiaryName: "test",
		Metadata: map[string]string{"param1": "value1", "param2": "value 2&3"}}
	b := c.BankAccountsV32()
	ignore := func(_ any, err error) error { return err }
	return []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"CreateCustomerAccounts.bank", func(ctx context.Context) error { return ignore(c.CreateCustomerAccounts(ctx, cust, bank)) }},
		{"CreateCustomerAccounts.vpa", func(ctx context.Context) error { return ignore(c.CreateCustomerAccounts(ctx, cust, vpa)) }},
		{"CreateAndValidateCustomerAccounts", func(ctx context.Context) error {
			return ignore(c.CreateAndValidateCustomerAccounts(ctx, cust, bank, wrapper.WithRoutingID("cart_77")))
		}},
		{"ValidateCustomerAccount", func(ctx context.Context) error {
			return ignore(c.ValidateCustomerAccount(ctx, cust, "banh_qn2zdmZ4VAEFaBny", &wrapper.ValidateInput{GatewayID: "23", Amount: "1.50"}))
		}},
		{"ValidateCustomerAccount.default", func(ctx context.Context) error {
			return ignore(c.ValidateCustomerAccount(ctx, cust, "banh_qn2zdmZ4VAEFaBny", nil))
		}},
		{"GetCustomerAccount", func(ctx context.Context) error {
			return ignore(c.GetCustomerAccount(ctx, cust, "banh_qn2zdmZ4VAEFaBny"))
		}},
		{"ListCustomerAccounts", func(ctx context.Context) error {
			return ignore(c.ListCustomerAccounts(ctx, cust, &wrapper.ListOptions{Offset: 2, Count: 10}))
		}},
		{"ListCustomerAccounts.all", func(ctx context.Context) error { return ignore(c.ListCustomerAccounts(ctx, cust, nil)) }},
		{"AwaitValidation", func(ctx context.Context) error {
			return ignore(c.AwaitValidation(ctx, cust, "banh_qn2zdmZ4VAEFaBny", &wrapper.AwaitOptions{Interval: time.Millisecond}))
		}},
		{"v32.Create", func(ctx context.Context) error { return ignore(b.Create(ctx, cust, v32)) }},
		{"v32.CreateAndValidate", func(ctx context.Context) error { return ignore(b.CreateAndValidate(ctx, cust, v32)) }},
		{"v32.Validate", func(ctx context.Context) error { return ignore(b.Validate(ctx, cust, "ba_1d85C5cQuninwyie")) }},
		{"v32.Get", func(ctx context.Context) error { return ignore(b.Get(ctx, cust, "ba_1d85C5cQuninwyie")) }},
		{"v32.List", func(ctx context.Context) error { return ignore(b.List(ctx, cust)) }},
		{"v32.Delete", func(ctx context.Context) error { return ignore(b.Delete(ctx, cust, "ba_1d85C5cQuninwyie")) }},
	}
}

// TestWrapperRequests: every wrapper method's request passes kin-openapi's
// strict middleware (real Basic check, x-routing-id required) and its bytes on
// the wire match conformance/testdata/golden/<method>.txt (-update rewrites).
func TestWrapperRequests(t *testing.T) {
	v := newValidator(t)
	srv := newStrictServer(t, v)
	c, err := wrapper.New(testKey, wrapper.WithBaseURL(srv.URL), wrapper.WithMerchantID("merchant_1"),
		wrapper.WithAPIVersion("2023-06-30"), wrapper.WithRetryPolicy(wrapper.NoRetries()))
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, tc := range wrapperCalls(c) {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.call(context.Background()))
			reqs, failures := srv.take()
			assert.Empty(t, failures, "kin-openapi rejected the wrapper's request")
			require.Len(t, reqs, 1, "one call, one request")
			seen[reqs[0].op] = true
			golden := filepath.Join(goldenDir, tc.name+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(goldenDir, 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(reqs[0].text), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run: go test ./conformance -run TestWrapperRequests -update")
			assert.Equal(t, string(want), reqs[0].text)
		})
	}
	assert.ElementsMatch(t, v.OperationIDs(), keys(seen), "every operation is reached by some wrapper method")
}

// TestStrictServerRejects proves the harness is not vacuous: kin-openapi's
// middleware refuses a wrong key, a password, a missing x-routing-id and a
// bad form, and the wrapper surfaces the refusal.
func TestStrictServerRejects(t *testing.T) {
	v := newValidator(t)
	srv := newStrictServer(t, v)
	wrong, err := wrapper.New("key_other", wrapper.WithBaseURL(srv.URL), wrapper.WithRetryPolicy(wrapper.NoRetries()))
	require.NoError(t, err)
	_, err = wrong.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var apiErr *wrapper.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	_, failures := srv.take()
	require.Len(t, failures, 1)
	assert.Contains(t, failures[0], "security requirements failed")

	for name, edit := range map[string]func(*http.Request){
		"password":        func(r *http.Request) { r.SetBasicAuth(testKey, "x") },
		"no x-routing-id": func(r *http.Request) { r.Header.Del("X-Routing-Id") },
		"bad form":        func(r *http.Request) { setBody(r, "command=nuke") },
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/customers/cst_1/accounts", strings.NewReader("vpa=ravi%40okaxis"))
		req.Header.Set("Authorization", basic(testKey))
		req.Header.Set("X-Routing-Id", "cst_1")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		edit(req)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, name)
		reqs, failures := srv.take()
		assert.Empty(t, reqs, name)
		assert.Len(t, failures, 1, name)
	}
}
