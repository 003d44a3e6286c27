package api

import (
	"encoding/base64"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kinVerdict routes and validates r with kin-openapi alone, as the emulator
// did before the fast path.
func kinVerdict(s *Server, r *http.Request) (op, customerID string, ok bool) {
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		return "", "", false
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: &s.validate}
	if openapi3filter.ValidateRequest(r.Context(), in) != nil {
		return route.Operation.OperationID, "", false
	}
	return route.Operation.OperationID, params["customer_id"], true
}

// diffRequest is one request of the differential corpus.
type diffRequest struct {
	method, target string
	header         http.Header
	body           string
	length         int64 // ContentLength; -1 for unknown
}

func (d diffRequest) build(t testing.TB) *http.Request {
	r, err := http.NewRequest(d.method, "http://127.0.0.1"+d.target, nil)
	if err != nil {
		return nil
	}
	r.Header = d.header.Clone()
	r.Body, r.ContentLength = http.NoBody, 0
	if d.body != "" || d.length != 0 {
		r.Body, r.ContentLength = io.NopCloser(strings.NewReader(d.body)), d.length
	}
	return r
}

// checkAgreement fails if the fast path accepts a request kin-openapi
// rejects (or routes it elsewhere), or changes the body kin-openapi would see.
func checkAgreement(t *testing.T, s *Server, d diffRequest) (fastAccepted bool) {
	t.Helper()
	fastReq, kinReq := d.build(t), d.build(t)
	if fastReq == nil {
		return false
	}
	op, path, matched := s.fast.match(fastReq)
	accepted := matched && s.fast.accept(fastReq, op, path)
	kinOp, kinCustomer, kinOK := kinVerdict(s, kinReq)
	if accepted {
		if !assert.True(t, kinOK, "fast path accepted what kin-openapi rejects: %+v", d) {
			return true
		}
		assert.Equal(t, kinOp, op.id, "%+v", d)
		if op.custSeg >= 0 {
			assert.Equal(t, kinCustomer, segment(path, op.custSeg), "%+v", d)
		}
		if pb, ok := fastReq.Body.(*parsedBody); ok {
			want, err := url.ParseQuery(d.body)
			require.NoError(t, err)
			assert.Equal(t, want, pb.values, "%+v", d)
		}
		return true
	}
	// Rejected by the fast path: kin-openapi must see the same body.
	if fastReq.Body != nil && fastReq.Body != http.NoBody && d.length >= 0 && int64(len(d.body)) == d.length {
		b, err := io.ReadAll(fastReq.Body)
		require.NoError(t, err)
		assert.Equal(t, d.body, string(b), "the fast path lost body bytes: %+v", d)
	}
	return false
}

var (
	diffMethods = []string{"GET", "POST", "PUT", "HEAD", "DELETE", "get"}
	diffPaths   = []string{
		"/customers/c1/accounts", "/customers/c1/customer-accounts/list", "/customers/c1/customer-accounts/banh_1",
		"/customers/c1/customer-accounts/banh_1/validate", "/customers/c1/bank-accounts", "/customers/c1/bank-accounts/list",
		"/customers/c1/bank-accounts/ba_1", "/customers/c1/bank-accounts/ba_1/validate", "/customers//accounts",
		"/customers/c1/accounts/", "/customers/c%201/accounts", "/customers/../accounts", "/customers/c1/customer-accounts/",
		"/customers/" + strings.Repeat("c", 200) + "/customer-accounts/list", "/customers/c1", "/", "/openapi.yaml",
		"/customers/c1/customer-accounts/list/x", "/Customers/c1/accounts", "/customers/ü/accounts",
	}
	diffQueries = []string{"", "?", "?offset=0", "?count=10", "?offset=1&count=5", "?count=0", "?offset=-1", "?count=1e3",
		"?offset=", "?count=10&count=11", "?offset=%zz", "?count=99999999999999999999", "?x=1", "?offset=007", "?count=+5"}
	diffBodies = []string{
		"", "vpa=ab@upi", "vpa=ab@upi&command=validate", "vpa=ab@upi&command=frob", "command=validate",
		"account_number=026291800001191&ifsc=AABF0008032", "account_number=1&ifsc=X&bank_code=JP_HDFC&beneficiary_name=A+B",
		"account_number=026291800001191", "vpa=", "vpa=a&vpa=b", "vpa=%ff%fe", "foo=1", "foo=1&vpa=x@y", "=", "&&", "%",
		"a;b=c", "gateway_id=g1", "validation_amount=1.50", "validation_amount=1e9", "validation_amount=",
		"bank_code=JP_HDFC&account_number=40002323422&ifsc=HDFC092343", legacyForm, legacyForm + "&metadata.k=v",
		"bank_code=JP_HDFC&account_number=40002323422", "command=delete", "command=create", "command=", "{\"a\":1}",
	}
	diffTypes = []string{formMediaType, "", "application/json", formMediaType + "; charset=utf-8", "APPLICATION/X-WWW-FORM-URLENCODED", "text/plain"}
)

const legacyForm = "bank_code=JP_HDFC&command=create&ifsc=HDFC092343&account_number=40002323422&beneficiary_name=test&metadata.param1=value1"

func diffAuth(key string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(key)) }

// TestFastPathAgreesWithKin holds the fast path to kin-openapi over a random
// corpus of requests (every operation, odd paths, queries, headers, content
// types and bodies): whatever it accepts, kin-openapi accepts with the same
// operation and customer_id; and it does accept the common valid requests,
// so that the emulator does use it.
func TestFastPathAgreesWithKin(t *testing.T) {
	s := New(WithKeys("k1", "key_two"))
	require.NotNil(t, s.fast, "the fast path compiles for openapi.yaml")
	auths := []string{diffAuth("k1:"), diffAuth("key_two:"), diffAuth("k1:x"), diffAuth("nope:"), diffAuth(":"), "Basic", "basic " + base64.StdEncoding.EncodeToString([]byte("k1:")),
		"Bearer k1", diffAuth("k1:") + "\n", "Basic  " + base64.StdEncoding.EncodeToString([]byte("k1:")), "Basic " + strings.TrimRight(base64.StdEncoding.EncodeToString([]byte("k1:")), "="), ""}
	routing := []string{"c1", "", "\xff", "x y"}
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	valid := validRequests()
	accepted := 0
	for range 20000 {
		// A valid request of some operation with a few of its parts replaced.
		d := valid[rng.IntN(len(valid))]
		h := http.Header{"Authorization": {diffAuth("k1:")}, "X-Routing-Id": {"c1"}}
		if d.body != "" {
			h.Set("Content-Type", formMediaType)
		}
		if rng.IntN(4) == 0 {
			if a := pick(auths); a != "" {
				h.Set("Authorization", a)
			} else {
				h.Del("Authorization")
			}
		}
		switch rng.IntN(8) {
		case 0:
			h.Del("X-Routing-Id")
		case 1:
			h["X-Routing-Id"] = []string{"c1", "c2"}
		case 2:
			h.Set("X-Routing-Id", pick(routing))
		}
		if rng.IntN(4) == 0 {
			h.Set("Version", pick([]string{"2023-06-30", "2023-6-30", ""}))
		}
		if rng.IntN(4) == 0 {
			h.Set("X-Merchantid", pick([]string{"m1", ""}))
		}
		if rng.IntN(8) == 0 {
			d.method = pick(diffMethods)
		}
		if rng.IntN(6) == 0 {
			d.target = pick(diffPaths)
		}
		if rng.IntN(3) == 0 {
			d.target += pick(diffQueries)
		}
		if rng.IntN(3) == 0 {
			d.body = pick(diffBodies)
			if d.body != "" && h.Get("Content-Type") == "" {
				h.Set("Content-Type", formMediaType)
			}
		}
		if rng.IntN(5) == 0 {
			if ct := pick(diffTypes); ct != "" {
				h.Set("Content-Type", ct)
			} else {
				h.Del("Content-Type")
			}
		}
		d.header = h
		d.length = int64(len(d.body))
		switch rng.IntN(10) {
		case 0:
			d.length = -1
		case 1:
			if d.length > 0 {
				d.length-- // announced shorter than sent
			}
		}
		if checkAgreement(t, s, d) {
			accepted++
		}
	}
	t.Logf("the fast path accepted %d of 20000 requests", accepted)

	for _, d := range validRequests() {
		d.header = http.Header{"Authorization": {diffAuth("k1:")}, "X-Routing-Id": {"c1"}}
		if d.body != "" {
			d.header.Set("Content-Type", formMediaType)
		}
		d.length = int64(len(d.body))
		assert.True(t, checkAgreement(t, s, d), "the fast path takes %s %s", d.method, d.target)
	}
}

// validRequests has one valid request of every operation (and a few variants).
func validRequests() []diffRequest {
	return []diffRequest{
		{method: "GET", target: "/customers/c1/customer-accounts/list"},
		{method: "GET", target: "/customers/c1/customer-accounts/list?offset=0&count=10"},
		{method: "GET", target: "/customers/c1/customer-accounts/banh_1"},
		{method: "POST", target: "/customers/c1/accounts", body: "vpa=ab@upi&command=validate"},
		{method: "POST", target: "/customers/c1/accounts", body: "account_number=026291800001191&ifsc=AABF0008032&bank_code=JP_HDFC&beneficiary_name=Asha+Rao"},
		{method: "POST", target: "/customers/c1/customer-accounts/banh_1/validate", body: "validation_amount=1.5"},
		{method: "POST", target: "/customers/c1/customer-accounts/banh_1/validate"},
		{method: "POST", target: "/customers/c1/bank-accounts", body: legacyForm},
		{method: "GET", target: "/customers/c1/bank-accounts/list"},
		{method: "GET", target: "/customers/c1/bank-accounts/ba_1"},
		{method: "POST", target: "/customers/c1/bank-accounts/ba_1/validate"},
		{method: "POST", target: "/customers/c1/bank-accounts/ba_1", body: "command=delete"},
	}
}

// FuzzFastPathAgreesWithKin explores the agreement beyond the random corpus.
func FuzzFastPathAgreesWithKin(f *testing.F) {
	f.Add("GET", "/customers/c1/customer-accounts/list?count=10", "c1", "", "")
	f.Add("POST", "/customers/c1/accounts", "c1", formMediaType, "vpa=ab@upi&command=validate")
	f.Add("POST", "/customers/c1/bank-accounts", "", formMediaType, legacyForm)
	f.Add("POST", "/customers/c1/customer-accounts/b/validate", "c1", formMediaType, "validation_amount=0.5")
	s := New(WithKeys("k1"))
	f.Fuzz(func(t *testing.T, method, target, routingID, contentType, body string) {
		h := http.Header{"Authorization": {diffAuth("k1:")}}
		if routingID != "" {
			h.Set("X-Routing-Id", routingID)
		}
		if contentType != "" {
			h.Set("Content-Type", contentType)
		}
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		checkAgreement(t, s, diffRequest{method: method, target: target, header: h, body: body, length: int64(len(body))})
	})
}
