package api_test

import (
	"bufio"
	"bytes"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

var (
	oddMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "get", "X-CUSTOM"}
	oddPaths   = []string{
		"/customers/c1/accounts", "/customers/c1/bank-accounts", "/customers/c1/customer-accounts/list",
		"/customers/c1/customer-accounts/banh_x/validate", "/customers/c1/bank-accounts/ba_x",
		"/customers//accounts", "/customers/c1/../c2/accounts", "/customers/%2F/accounts",
		"/customers/c%00/accounts", "/customers/%E2%82%AC/customer-accounts/list", "/customers/c1/accounts?x=%zz",
		"/customers/c1/customer-accounts/list?count=99999999999999999999", "/customers/c1/customer-accounts/list?offset=1e9",
		"/openapi.yaml/x", "//", "/customers/" + strings.Repeat("x", 4000) + "/accounts",
	}
	oddBodies = []string{
		"", "=", "&&&", "vpa", "vpa=", "%", "metadata.", "metadata.a=%ff%fe", "command=validate&vpa=ab@upi",
		"command[]=create", "a=1&a=2&a=3", strings.Repeat("k=v&", 500), "\x00\x01\x02", "{\"json\":true}",
	}
)

// TestRandomRequests: random methods, paths, headers and bodies, some of
// them random bytes, never crash the emulator; each response is held to the
// spec by send, and the server keeps answering.
func TestRandomRequests(t *testing.T) {
	var logs bytes.Buffer
	e := start(t, api.WithMaxBodyBytes(4096), api.WithLogger(slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 400; i++ {
		c := call{method: oddMethods[rng.IntN(len(oddMethods))], path: oddPaths[rng.IntN(len(oddPaths))]}
		switch rng.IntN(3) {
		case 0:
			c.body = oddBodies[rng.IntN(len(oddBodies))]
		case 1:
			b := make([]byte, rng.IntN(6000))
			for j := range b {
				b[j] = byte(rng.UintN(256))
			}
			c.body = string(b)
		}
		if rng.IntN(4) == 0 {
			c.contentType = []string{"text/plain", "application/json", "multipart/form-data", formCT + "; charset=latin1", "\x7f"}[rng.IntN(5)]
		}
		if rng.IntN(5) == 0 {
			c.auth = []string{"-", "Basic", "Basic " + strings.Repeat("A", 300), basic("", ""), basic("a:b", "")}[rng.IntN(5)]
		}
		c.noRoutingID = rng.IntN(5) == 0
		c.chunked = rng.IntN(3) == 0
		r, err := e.send(c)
		if err != nil {
			continue // the client refused to build the request (e.g. an invalid method)
		}
		assert.Less(t, r.status, 500, "%s %s -> %d %s", c.method, c.path, r.status, r.body)
	}
	r := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=ab@upi"})
	assert.Equal(t, http.StatusOK, r.status)
	assert.NotContains(t, logs.String(), "panic")
}

// TestRawGarbage: random bytes on the socket are answered or dropped by
// net/http; the emulator keeps serving.
func TestRawGarbage(t *testing.T) {
	e := start(t)
	addr := strings.TrimPrefix(e.srv.URL, "http://")
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 50; i++ {
		conn, err := net.DialTimeout("tcp", addr, 10*time.Second) // a bound, not a target
		require.NoError(t, err)
		b := make([]byte, 1+rng.IntN(2000))
		for j := range b {
			b[j] = byte(rng.UintN(256))
		}
		if i%2 == 0 { // a plausible request line with a garbage rest
			b = append([]byte("POST /customers/c1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"), b...)
		}
		_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
		_, _ = conn.Write(b)
		_ = conn.(*net.TCPConn).CloseWrite()
		_, _ = bufio.NewReader(conn).ReadString('\n')
		conn.Close()
	}
	r := e.do(call{method: "GET", path: api.SpecPath})
	assert.Equal(t, http.StatusOK, r.status)
}

// FuzzRequest runs its seeds in every `go test`; `go test -fuzz FuzzRequest`
// explores further. No input may produce a 5xx or an off-spec response.
func FuzzRequest(f *testing.F) {
	f.Add("POST", "/customers/c1/accounts", "vpa=ab@upi&command=validate")
	f.Add("POST", "/customers/c1/bank-accounts", legacySample)
	f.Add("GET", "/customers/c1/customer-accounts/list", "")
	f.Add("POST", "/customers/c1/customer-accounts/x/validate", "validation_amount=0.5")
	f.Add("POST", "/customers/c1/bank-accounts/x", "command=delete")
	e := start(f, api.WithMaxBodyBytes(4096))
	f.Fuzz(func(t *testing.T, method, path, body string) {
		e := &emu{t: t, srv: e.srv, api: e.api, client: e.client}
		u, err := url.Parse(e.srv.URL + "/" + strings.TrimPrefix(path, "/"))
		if err != nil || !validMethod(method) || strings.ContainsFunc(u.RequestURI(), func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
			t.Skip() // net/http itself rejects such requests before the emulator sees them
		}
		r, err := e.send(call{method: method, path: u.RequestURI(), body: body})
		if err != nil {
			t.Skip()
		}
		assert.Less(t, r.status, 500, "%s %s -> %d %s", method, path, r.status, r.body)
	})
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c <= ' ' || c >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", c) {
			return false
		}
	}
	return true
}

// TestLogsAreMasked: the request log has method, path, status and request id,
// and never the key, account numbers, VPAs or names sent in bodies.
func TestLogsAreMasked(t *testing.T) {
	var logs bytes.Buffer
	e := start(t, api.WithLogger(slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))))
	r := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=secretvpa@upi"})
	require.Equal(t, 200, r.status)
	e.do(call{method: "POST", path: "/customers/c1/bank-accounts", body: legacySample + "&beneficiary_name=Ravi+Kumar"})
	e.do(call{method: "POST", path: "/customers/c1/accounts", body: "ifsc=BAD&account_number=98765432101"})
	out := logs.String()
	for _, secret := range []string{api.DefaultTestKey, "secretvpa", "40002323422", "98765432101", "Ravi", "value1"} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"operation":"createCustomerAccounts"`)
	assert.Contains(t, out, `"status":400`)
	assert.Contains(t, out, r.header.Get("X-Request-Id"))
}
