package conformance

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const validGet = `{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1","validation_status":"ACTIVE","account_details":{"vpa":"4225246777@yesg"},"validation_amount":1}`

// server answers every request with status, content type and body.
func server(t testing.TB, status int, contentType, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("X-Response-Id", "resp-42")
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func getRequest(t testing.TB, base string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/customers/cst_1/customer-accounts/banh_1", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", basic(testKey))
	req.Header.Set("X-Routing-Id", "cst_1")
	return req
}

// collector gathers reports.
type collector struct {
	mu      sync.Mutex
	reports []Report
}

func (c *collector) add(r Report) { c.mu.Lock(); c.reports = append(c.reports, r); c.mu.Unlock() }
func (c *collector) all() []Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Report(nil), c.reports...)
}

func TestTransportPassesTheResponseThroughUnchanged(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		violations              int
	}{
		{"valid", "application/json; charset=utf-8", validGet, 200, 0},
		{"HTML error page under JSON", "application/json", "<html><h1>502 Bad Gateway</h1></html>", 502, 1},
		{"JSON under text/html", "text/html", validGet, 200, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := server(t, tc.status, tc.contentType, tc.body)
			direct, err := http.DefaultClient.Do(getRequest(t, srv.URL))
			require.NoError(t, err)
			directBody, _ := io.ReadAll(direct.Body)
			direct.Body.Close()

			var got collector
			tr, err := NewTransport(nil, WithOnViolation(got.add))
			require.NoError(t, err)
			resp, err := (&http.Client{Transport: tr}).Do(getRequest(t, srv.URL))
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			require.NoError(t, resp.Body.Close())

			assert.Equal(t, direct.StatusCode, resp.StatusCode)
			assert.Equal(t, directBody, body)
			assert.Equal(t, tc.body, string(body))
			direct.Header.Del("Date")
			resp.Header.Del("Date")
			assert.Equal(t, direct.Header, resp.Header)
			assert.Equal(t, direct.ContentLength, resp.ContentLength)
			assert.Len(t, got.all(), tc.violations)
		})
	}
}

func TestTransportReportsABadResponse(t *testing.T) {
	bad := strings.Replace(validGet, `"ACTIVE"`, `"VERIFIED"`, 1)
	srv := server(t, 200, "application/json", bad)
	var got collector
	tr, err := NewTransport(nil, WithOnViolation(got.add))
	require.NoError(t, err)
	resp, err := (&http.Client{Transport: tr}).Do(getRequest(t, srv.URL))
	require.NoError(t, err)
	resp.Body.Close()
	reports := got.all()
	require.Len(t, reports, 1)
	r := reports[0]
	assert.Equal(t, "getCustomerAccount", r.Operation)
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, []string{"body/validation_status"}, r.Locations())
	assert.Equal(t, SideResponse, r.Violations[0].Side)
}

func TestTransportReportsABadRequestAndSendsItIntact(t *testing.T) {
	var received []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, validGet)
	}))
	defer srv.Close()
	var got collector
	tr, err := NewTransport(nil, WithOnViolation(got.add))
	require.NoError(t, err)
	const form = "command=nuke&vpa=4225246777%40yesg"
	// A plain io.Reader: the request has no GetBody, so the transport must
	// read the body once and still send every byte.
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/customers/cst_1/accounts", io.MultiReader(strings.NewReader(form)))
	require.NoError(t, err)
	require.Nil(t, req.GetBody)
	req.Header.Set("Authorization", basic(testKey))
	req.Header.Set("X-Routing-Id", "cst_1")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, form, string(received))
	require.Len(t, got.all(), 1)
	assert.Equal(t, []string{"body/command"}, got.all()[0].Locations())
}

func TestTransportLogsWithoutSecrets(t *testing.T) {
	const account = "26291800001191"
	bad := `{"object":"customer_account","customer_account_id":"banh_1","validation_status":"ACTIVE",` +
		`"account_details":{"bank_account":{"account":` + account + `,"name":"Asha Rao"}}}`
	srv := server(t, 200, "application/json", bad)
	var logs bytes.Buffer
	tr, err := NewTransport(nil, WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	require.NoError(t, err)
	resp, err := (&http.Client{Transport: tr}).Do(getRequest(t, srv.URL))
	require.NoError(t, err)
	resp.Body.Close()
	out := logs.String()
	assert.Contains(t, out, "does not conform to openapi.yaml")
	assert.Contains(t, out, "body/account_details/bank_account/account")
	assert.Contains(t, out, "body/customer_id")
	for _, secret := range []string{testKey, basic(testKey), account, "Asha", "4225246777"} {
		assert.NotContains(t, out, secret)
	}
}

func TestTransportBodyCap(t *testing.T) {
	big := `{"object":"customer_account","pad":"` + strings.Repeat("x", 4096) + `"}` // invalid, but beyond the cap
	srv := server(t, 200, "application/json", big)
	var got collector
	tr, err := NewTransport(nil, WithOnViolation(got.add), WithMaxBodyBytes(1024))
	require.NoError(t, err)
	req := getRequest(t, srv.URL)
	req.Header.Del("X-Routing-Id") // still caught: only the body is skipped
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, big, string(body), "a body over the cap passes through whole")
	require.Len(t, got.all(), 1)
	assert.Equal(t, []string{"header x-routing-id"}, got.all()[0].Locations())
}

type failingTransport struct{ err error }

func (f failingTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, f.err }

func TestTransportKeepsTheBaseError(t *testing.T) {
	boom := errors.New("connection refused")
	var got collector
	tr, err := NewTransport(failingTransport{boom}, WithOnViolation(got.add))
	require.NoError(t, err)
	_, err = tr.RoundTrip(getRequest(t, "http://127.0.0.1:1"))
	assert.ErrorIs(t, err, boom)
	assert.Empty(t, got.all())

	def, err := NewTransport(nil)
	require.NoError(t, err)
	assert.Same(t, http.DefaultTransport, def.base)
	assert.NotNil(t, def.logger, "without a callback, reports go to slog.Default()")
}

func TestTransportConcurrent(t *testing.T) {
	srv := server(t, 200, "application/json", strings.Replace(validGet, `"ACTIVE"`, `"NOPE"`, 1))
	var got collector
	tr, err := NewTransport(nil, WithOnViolation(got.add))
	require.NoError(t, err)
	client := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Do(getRequest(t, srv.URL))
			if assert.NoError(t, err) {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, got.all(), 16)
}
