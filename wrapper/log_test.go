package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for a logger used from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func debugLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func TestLogLineFields(t *testing.T) {
	var buf syncBuffer
	c, _ := setup(t, statusSequence(sample(t, "getCustomerAccount.200.json"), 503), WithLogger(debugLogger(&buf)))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)

	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m), l)
		lines = append(lines, m)
	}
	require.Len(t, lines, 3, "attempt 1, the retry, attempt 2")
	assert.Equal(t, "juspay request", lines[0]["msg"])
	assert.Equal(t, "WARN", lines[0]["level"], "a 5xx is a warning")
	assert.Equal(t, float64(503), lines[0]["status"])
	assert.Equal(t, float64(1), lines[0]["attempt"])
	assert.Equal(t, "GET", lines[0]["method"])
	assert.Equal(t, "/customers/cst_1/customer-accounts/banh_1", lines[0]["path"])
	assert.Contains(t, lines[0], "duration")
	assert.Equal(t, "juspay retry", lines[1]["msg"])
	assert.Equal(t, "503 Service Unavailable", lines[1]["reason"])
	assert.Equal(t, "DEBUG", lines[2]["level"])
	assert.Equal(t, float64(2), lines[2]["attempt"])
	assert.Equal(t, float64(200), lines[2]["status"])
}

func TestLogCarriesJuspayRequestID(t *testing.T) {
	var buf syncBuffer
	c, _ := setup(t, respond(404, sample(t, "listCustomerAccounts.404.json")), WithLogger(debugLogger(&buf)))
	_, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "Cannot find what you are looking for", e.Message, "the body still reaches the decoder after the log layer peeked")
	assert.Contains(t, buf.String(), `"request_id":"bfd8b9e6-45a8-4b41-a554-de6e435ffc36"`)
	assert.Contains(t, buf.String(), `"level":"INFO"`)

	buf = syncBuffer{}
	c, _ = setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
		w.Header().Set("X-Request-Id", "hdr-42")
		_, _ = w.Write(sample(t, "getCustomerAccount.200.json"))
	}, WithLogger(debugLogger(&buf)))
	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)
	assert.Contains(t, buf.String(), `"request_id":"hdr-42"`)
}

func TestLoggingIsOffByDefaultAndRespectsLevel(t *testing.T) {
	c, _ := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")))
	assert.Nil(t, c.base.logger)

	var buf syncBuffer
	c, _ = setup(t, respond(200, sample(t, "getCustomerAccount.200.json")),
		WithLogger(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)
	assert.Empty(t, buf.String(), "successes log at debug")
}

// The request id and code of a leaky server: short digit runs and words
// the calls also send (metadata "123"-like values) must not rewrite them.
const (
	leakRequestID = "9a123b0c-7dec-4e3b-9e1d-026291800001-b0c"
	leakCode      = "invalid_request"
)

// leakyHandlers are failing servers that echo everything they received in
// every place a client might print.
func leakyHandlers() map[string]func(http.ResponseWriter, *http.Request, seen) {
	echo := func(s seen) string {
		return s.Body + " " + s.Header.Get("Authorization") + " " + s.RawQuery
	}
	return map[string]func(http.ResponseWriter, *http.Request, seen){
		"400 echoing json": func(w http.ResponseWriter, r *http.Request, s seen) {
			w.Header().Set("X-Echo", echo(s))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			msg, _ := json.Marshal(map[string]any{
				"status": "error", "error_code": "INVALID_INPUT " + echo(s), "error_message": "bad request: " + echo(s),
				"error_info": map[string]any{"code": "INVALID_INPUT", "request_id": "rq-" + s.Body, "developer_message": echo(s), "user_message": echo(s),
					"fields": []map[string]string{{"field_name": "account_number", "reason": echo(s)}}},
			})
			_, _ = w.Write(msg)
		},
		"502 html echo": func(w http.ResponseWriter, r *http.Request, s seen) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			_, _ = w.Write([]byte("<html>" + echo(s) + "</html>"))
		},
		"200 undecodable echo": func(w http.ResponseWriter, r *http.Request, s seen) {
			_, _ = w.Write([]byte(`{"customer_account_id": ` + "026291800001191" + `, "id": 40002323422, "list": "` + strings.ReplaceAll(echo(s), `"`, "") + `"`))
		},
		"200 wrong type echo": func(w http.ResponseWriter, r *http.Request, s seen) {
			_, _ = w.Write([]byte(`{"customer_account_id": 9164326296, "id": 40002323422, "bank_account_id": 40002323422, "list": 026291800001191}`))
		},
		// The server modes of the trust issue: personal values echoed as a
		// JSON number, upper-cased, double-encoded in a header, under field
		// names the spec does not declare; identifiers next to short values.
		"400 echoing numbers, upper case and encodings": func(w http.ResponseWriter, r *http.Request, s seen) {
			w.Header().Set("X-Echo", url.QueryEscape(url.QueryEscape(s.Body)))
			w.Header().Set("X-Request-Id", leakRequestID)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			msg, _ := json.Marshal(map[string]any{
				"status": "error", "error_code": leakCode,
				"error_message":  "name mismatch: " + strings.ToUpper(s.Body) + " " + strings.ToUpper(s.Header.Get("Authorization")),
				"account_number": json.Number("40002323422"), "accounts": []any{json.Number("26291800001191")},
				"account_numbr": s.Body, "vpa_": "9164326296@upi",
				"error_info": map[string]any{"code": "INVALID_INPUT", "request_id": leakRequestID,
					"fields": []map[string]any{{"field_name": "account_number", "reason": "40002323422 is not valid"}}},
			})
			_, _ = w.Write(msg)
		},
		"hang up": func(w http.ResponseWriter, r *http.Request, s seen) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		},
	}
}

func TestNoSecretInAnyLogLineOrErrorString(t *testing.T) {
	for name, h := range leakyHandlers() {
		t.Run(name, func(t *testing.T) {
			var buf syncBuffer
			c, rec := setup(t, h, WithLogger(debugLogger(&buf)))
			errs := everyCall(context.Background(), c)
			require.Len(t, errs, 11)
			require.GreaterOrEqual(t, rec.count(), 11, "every call reached the server")
			var all strings.Builder
			for op, err := range errs {
				require.Error(t, err, op)
				all.WriteString(err.Error())
				all.WriteString("\n")
				var ae *APIError
				if errors.As(err, &ae) {
					fmt.Fprintln(&all, string(ae.RedactedBody()), ae.Header)
					if name == "400 echoing numbers, upper case and encodings" {
						assert.Equal(t, leakRequestID, ae.RequestID, "byte for byte")
						assert.Equal(t, leakCode, ae.Code, "byte for byte")
						assert.Contains(t, ae.Error(), "HTTP 400 "+leakCode+" (INVALID_INPUT)")
						assert.Contains(t, ae.Error(), "[request_id "+leakRequestID+"]")
						assert.Equal(t, leakRequestID, ae.Header.Get("X-Request-Id"))
					}
				}
				var de *DecodeError
				if errors.As(err, &de) {
					fmt.Fprintln(&all, string(de.RedactedBody()), de.Header)
				}
			}
			logs := buf.String()
			require.NotEmpty(t, logs)
			for _, s := range secrets {
				assert.NotContains(t, all.String(), s, "error strings")
				assert.NotContains(t, logs, s, "log lines")
			}
			// The server really did receive the secrets: the test would catch a leak.
			var sent strings.Builder
			for _, r := range rec.all() {
				sent.WriteString(r.Body + r.Header.Get("Authorization"))
			}
			assert.Contains(t, sent.String(), "026291800001191")
		})
	}
}

func TestLoggedRequestIDIsIntactButMasksSecretsAndIsCapped(t *testing.T) {
	long := "rq-" + strings.Repeat("7", 120<<10)
	for _, tt := range []struct{ sent, want, notWant string }{
		{"b2e0fd33-7655-4778-83a8-5179ed21b0b7", `"request_id":"b2e0fd33-7655-4778-83a8-5179ed21b0b7"`, ""},
		{"rq-026291800001191", `"request_id":"rq-026291800001191"`, ""},
		{"rq-" + testKey, `"request_id":"rq-[REDACTED]"`, testKey},
		{long, `...(122883 bytes)"`, long[:redact.MaxValueLen+10]},
	} {
		var buf syncBuffer
		c, _ := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
			w.Header().Set("X-Request-Id", tt.sent)
			w.WriteHeader(404)
		}, WithLogger(debugLogger(&buf)))
		_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
		require.Error(t, err)
		assert.Contains(t, buf.String(), tt.want)
		if tt.notWant != "" {
			assert.NotContains(t, buf.String(), tt.notWant)
			assert.NotContains(t, err.Error(), tt.notWant)
		}
	}
}
