package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/conformance"
	"github.com/pennydrop/juspay-accounts/internal/spec"
)

const formCT = "application/x-www-form-urlencoded"

// fakeClock is a settable clock, safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// emu is an emulator behind a real loopback HTTP server.
type emu struct {
	t      testing.TB
	srv    *httptest.Server
	api    *api.Server
	client *http.Client
}

func start(t testing.TB, opts ...api.Option) *emu {
	t.Helper()
	s := api.New(opts...)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	t.Cleanup(tr.CloseIdleConnections)
	return &emu{t: t, srv: srv, api: s, client: client}
}

// call describes one request; zero values mean: the default key, an
// x-routing-id equal to "rid", no body.
type call struct {
	method, path, body string
	contentType        string
	auth               string // full Authorization header; "-" for none
	noRoutingID        bool
	header             map[string]string
	extra              http.Header // added (not set), e.g. to repeat a header
	chunked            bool        // hide the body's length: sent chunked
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// response is a finished exchange, already validated against the spec.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), string(r.body))
	return m
}

// do sends c and validates the response with kin-openapi (see checkResponse).
func (e *emu) do(c call) response {
	e.t.Helper()
	r, err := e.send(c)
	require.NoError(e.t, err)
	return r
}

// send is do without require, for use from many goroutines.
func (e *emu) send(c call) (response, error) {
	req, err := http.NewRequest(c.method, e.srv.URL+c.path, strings.NewReader(c.body))
	if err != nil {
		return response{}, err
	}
	if c.body == "" {
		req.Body = http.NoBody
	} else if c.chunked {
		req.Body = io.NopCloser(io.MultiReader(strings.NewReader(c.body)))
		req.ContentLength = -1
	}
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	} else if c.body != "" {
		req.Header.Set("Content-Type", formCT)
	}
	switch c.auth {
	case "":
		req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
	case "-":
	default:
		req.Header.Set("Authorization", c.auth)
	}
	if !c.noRoutingID {
		req.Header.Set("x-routing-id", "rid")
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	for k, vs := range c.extra {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	res, err := e.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return response{}, err
	}
	r := response{status: res.StatusCode, header: res.Header, body: body}
	checkResponse(e.t, c, r)
	return r, nil
}

// validator is the conformance package's, so the emulator is held to the spec
// by the same checks as recorded and live exchanges.
var validator = func() *conformance.Validator {
	v, err := conformance.NewValidator()
	if err != nil {
		panic(err)
	}
	return v
}()

// checkResponse holds every response to the spec: the conformance validator
// on the operation the request routes to (declared status, content type,
// non-empty body, schema), or, for requests no operation matches, the
// ErrorResponse schema.
// Errors must carry a fresh request id equal to the X-Request-Id header.
func checkResponse(t testing.TB, c call, r response) {
	t.Helper()
	reqID := r.header.Get("X-Request-Id")
	assert.Len(t, reqID, 36, "X-Request-Id")
	if c.path == api.SpecPath && r.status == http.StatusOK {
		assert.Equal(t, "application/yaml", r.header.Get("Content-Type"))
		return
	}
	if c.method == http.MethodHead { // no body to check
		assert.Equal(t, "application/json", r.header.Get("Content-Type"))
		return
	}
	req := httptest.NewRequest(c.method, "http://localhost"+c.path, nil)
	if op := validator.Operation(req.Method, req.URL); op != "" {
		assert.NoError(t, validator.ValidateResponseBody(context.Background(), op, r.status, r.header, r.body),
			"%s %s -> %d %s", c.method, c.path, r.status, r.body)
	} else { // no operation: a Juspay-shaped error all the same
		doc, err := spec.Doc()
		var v any
		if !assert.NoError(t, err) || !assert.NoError(t, json.Unmarshal(r.body, &v), "body %q", r.body) {
			return
		}
		assert.NoError(t, doc.Components.Schemas["ErrorResponse"].Value.VisitJSON(v), "body %s", r.body)
	}
	if r.status >= 400 {
		var body struct {
			Status    string `json:"status"`
			ErrorCode string `json:"error_code"`
			ErrorInfo struct {
				RequestID string `json:"request_id"`
				Href      string `json:"href"`
				Code      string `json:"code"`
				Category  string `json:"category"`
			} `json:"error_info"`
		}
		if !assert.NoError(t, json.Unmarshal(r.body, &body), "%s", r.body) {
			return
		}
		assert.Equal(t, reqID, body.ErrorInfo.RequestID, "error_info.request_id")
		assert.NotEmpty(t, body.ErrorInfo.Code, "error_info.code")
		assert.NotEmpty(t, body.ErrorInfo.Category, "error_info.category")
		assert.Equal(t, "NA", body.ErrorInfo.Href)
	}
}

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	require.NoError(t, err)
	return b
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// jsonField re-encodes one field of a decoded object, to see its JSON form.
func jsonField(t testing.TB, m map[string]any, name string) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(m[name])
	require.NoError(t, err)
	return b
}

// syncWriter serialises writes of concurrent loggers.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
