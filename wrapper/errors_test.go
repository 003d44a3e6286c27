package wrapper

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIErrorFromJuspayBodies(t *testing.T) {
	full := `{"status":"invalid_request_error","error_code":"INVALID_INPUT","error_message":"Invalid account details",
	 "error_info":{"code":"INVALID_INPUT","category":"USER_ERROR","user_message":"Check the account.","developer_message":"ifsc is invalid",
	 "request_id":"req-123","href":"https://docs","fields":[{"field_name":"ifsc","reason":"invalid format"}]}}`
	tests := []struct {
		name      string
		status    int
		body      string
		header    map[string]string
		sentinels []error
		check     func(t *testing.T, e *APIError)
		errString string
	}{
		{
			name: "401 sample", status: 401, body: string(sample(t, "listCustomerAccounts.401.json")),
			sentinels: []error{ErrUnauthorized},
			check: func(t *testing.T, e *APIError) {
				assert.Equal(t, "error", e.Status)
				assert.Equal(t, "access_denied", e.Code)
				assert.Equal(t, "Invalid API Key. Please pass a valid and active api key.", e.Message, "developer_message when error_message is absent")
				assert.Equal(t, "UNAUTHORIZED", e.Info.Code)
				assert.Equal(t, "USER_ERROR", e.Info.Category)
				assert.Equal(t, "Unauthorized.", e.Info.UserMessage)
				assert.Equal(t, "NA", e.Info.Href)
				assert.Equal(t, "b2e0fd33-7655-4778-83a8-5179ed21b0b7", e.RequestID)
			},
			errString: "juspay: GET /customers/cst_1/customer-accounts/list: HTTP 401 access_denied (UNAUTHORIZED): Invalid API Key. Please pass a valid and active api key. [request_id b2e0fd33-7655-4778-83a8-5179ed21b0b7]",
		},
		{
			name: "404 sample", status: 404, body: string(sample(t, "listCustomerAccounts.404.json")),
			sentinels: []error{ErrNotFound},
			check: func(t *testing.T, e *APIError) {
				assert.Equal(t, "invalid_request_error", e.Status)
				assert.Equal(t, "object_not_found", e.Code)
				assert.Equal(t, "Cannot find what you are looking for", e.Message)
				assert.Equal(t, "RESOURCE_NOT_FOUND", e.Info.Code)
			},
		},
		{
			name: "400 with fields", status: 400, body: full, sentinels: []error{ErrInvalidInput},
			check: func(t *testing.T, e *APIError) {
				require.NotNil(t, e.Info.Fields)
				assert.Equal(t, "ifsc", e.Info.Fields[0].FieldName)
				assert.Equal(t, "invalid format", e.Info.Fields[0].Reason)
				assert.Equal(t, "ifsc is invalid", e.Info.DeveloperMessage)
				assert.Equal(t, "https://docs", e.Info.Href)
				assert.Equal(t, "req-123", e.RequestID)
			},
			errString: "juspay: GET /customers/cst_1/customer-accounts/list: HTTP 400 INVALID_INPUT: Invalid account details [request_id req-123]",
		},
		{
			name: "older shape", status: 400, body: `{"status":"error","error_code":"MISSING_MANDATORY_PARAMETER","error_message":"ifsc missing"}`,
			sentinels: []error{ErrInvalidInput},
			check: func(t *testing.T, e *APIError) {
				assert.Nil(t, e.Info)
				assert.Equal(t, "ifsc missing", e.Message)
			},
		},
		{
			name: "429", status: 429, body: `{"status":"error","error_code":"too_many_requests"}`, sentinels: []error{ErrRateLimited},
		},
		{
			name: "HTML 502", status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
			header: map[string]string{"Content-Type": "text/html", "X-Request-Id": "edge-9", "Set-Cookie": "session=abc"},
			check: func(t *testing.T, e *APIError) {
				assert.Empty(t, e.Code)
				assert.Contains(t, string(e.Body), "502 Bad Gateway")
				assert.Equal(t, "text/html", e.Header.Get("Content-Type"))
				assert.Equal(t, "[REDACTED]", e.Header.Get("Set-Cookie"), "credential headers are redacted")
				assert.Equal(t, "edge-9", e.RequestID, "X-Request-Id when the body has none")
			},
			errString: "juspay: GET /customers/cst_1/customer-accounts/list: HTTP 502 Bad Gateway [request_id edge-9]",
		},
		{
			name: "empty 500", status: 500, body: "",
			errString: "juspay: GET /customers/cst_1/customer-accounts/list: HTTP 500 Internal Server Error",
		},
		{
			name: "code-only 403", status: 403, body: `{"status":"error","error_code":"UNAUTHORIZED"}`, sentinels: []error{ErrUnauthorized},
		},
	}
	all := []error{ErrNotFound, ErrUnauthorized, ErrInvalidInput, ErrRateLimited}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}, WithRetryPolicy(NoRetries()))
			_, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
			var e *APIError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.body, string(e.Body))
			assert.Equal(t, "GET", e.Method)
			assert.Equal(t, "/customers/cst_1/customer-accounts/list", e.Path)
			for _, s := range all {
				want := false
				for _, w := range tt.sentinels {
					want = want || w == s
				}
				assert.Equal(t, want, errors.Is(err, s), "errors.Is(%v)", s)
			}
			if tt.check != nil {
				tt.check(t, e)
			}
			if tt.errString != "" {
				assert.Equal(t, tt.errString, err.Error())
			}
		})
	}
}

func TestAPIErrorBodyIsCapped(t *testing.T) {
	huge := `{"status":"error","error_code":"x","error_message":"` + strings.Repeat("a", 2*MaxErrorBody) + `"}`
	c, _ := setup(t, respond(500, []byte(huge)), WithRetryPolicy(NoRetries()))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Len(t, e.Body, MaxErrorBody)
	assert.Equal(t, 500, e.StatusCode)
}

func TestAPIErrorNeverShowsBodyButRedactedBodyMasks(t *testing.T) {
	body := `{"status":"error","error_code":"INVALID_ACCOUNT_DETAILS","error_message":"bad","echo":{"account_number":"026291800001191","vpa":"9164326296@upi"}}`
	c, _ := setup(t, respond(400, []byte(body)))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.NotContains(t, err.Error(), "026291800001191")
	assert.NotContains(t, err.Error(), "echo")
	red := string(e.RedactedBody())
	assert.NotContains(t, red, "026291800001191")
	assert.Contains(t, red, "1191")
	assert.NotContains(t, red, "9164326296")
}

func TestDecodeErrorOn2xxThatDoesNotDecode(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"html", "<html>maintenance</html>", "invalid character"},
		{"wrong type", `{"customer_account_id": 12345678901234, "validation_status":"ACTIVE"}`, "cannot unmarshal"},
		{"empty", "", "unexpected end of JSON input"},
		{"error object with 200", `{"status":"error","error_code":"x"}`, "customer_account_id is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
				w.Header().Set("Authorization", "Basic leak")
				_, _ = w.Write([]byte(tt.body))
			})
			_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
			assert.Equal(t, tt.body, string(de.Body))
			assert.Equal(t, "[REDACTED]", de.Header.Get("Authorization"))
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "GET /customers/cst_1/customer-accounts/banh_1: HTTP 200")
			assert.NotContains(t, err.Error(), "12345678901234", "digits echoed by the JSON error are masked")
			assert.NotNil(t, errors.Unwrap(err))
		})
	}
}

func TestDecodeErrorForListsAndV32(t *testing.T) {
	c, _ := setup(t, respond(200, []byte(`{"status":"error"}`)))
	_, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	_, err = c.BankAccountsV32().List(context.Background(), "cst_1")
	require.ErrorAs(t, err, &de)
	_, err = c.BankAccountsV32().Get(context.Background(), "cst_1", "ba_1")
	require.ErrorAs(t, err, &de)
	assert.ErrorContains(t, err, "id is missing")
	_, err = c.BankAccountsV32().Delete(context.Background(), "cst_1", "ba_1")
	require.ErrorAs(t, err, &de)
	assert.ErrorContains(t, err, "bank_account_id is missing")
}

func TestSuccessBodyIsCapped(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
		w.Header().Set("Content-Length", "99999999")
		_, _ = w.Write([]byte("{}"))
	})
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, errTooLarge)

	// Without a Content-Length (chunked), the cap applies while reading.
	c, _ = setup(t, func(w http.ResponseWriter, _ *http.Request, _ seen) {
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for i := 0; i <= MaxResponseBody>>20; i++ {
			_, _ = w.Write(chunk)
			w.(http.Flusher).Flush()
		}
	})
	_, err = c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, errTooLarge)
	assert.Len(t, de.Body, MaxErrorBody)
}

func TestInputAndAwaitErrorStrings(t *testing.T) {
	ie := &InputError{Field: "ifsc", Reason: "is required"}
	assert.Equal(t, "juspay: invalid input: ifsc is required", ie.Error())
	assert.ErrorIs(t, ie, ErrInvalidInput)
	assert.False(t, errors.Is(ie, ErrNotFound))

	ae := &AwaitError{Err: context.DeadlineExceeded}
	assert.Equal(t, "juspay: awaiting validation: context deadline exceeded (last status none)", ae.Error())
	last := errors.New("boom")
	ae = &AwaitError{LastStatus: StatusPending, Err: context.Canceled, LastErr: last}
	assert.Equal(t, "juspay: awaiting validation: context canceled (last status PENDING); last error: boom", ae.Error())
	assert.ErrorIs(t, ae, context.Canceled)
	assert.ErrorIs(t, ae, last)
}

func TestAPIErrorKeepsFieldsWhenOneHasAnUnexpectedType(t *testing.T) {
	body := `{"status":"error","error_code":"INVALID_INPUT","error_message":42,"error_info":{"code":"INVALID_INPUT","fields":"ifsc"}}`
	c, _ := setup(t, respond(400, []byte(body)))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "error", e.Status)
	assert.Equal(t, "INVALID_INPUT", e.Code)
	assert.Empty(t, e.Message)
	assert.Nil(t, e.Info, "an error_info that does not fit the model is left out, the raw body keeps it")
	assert.Equal(t, body, string(e.Body))
}

// The request id is what a user quotes to Juspay support: Error() shows it as
// received, even when it holds long digit runs or an '@' that the free-text
// patterns would mask, and only a secret the call itself sent is replaced.
func TestAPIErrorShowsTheRequestIDUnchanged(t *testing.T) {
	for _, id := range []string{
		"b2e0fd33-7655-4778-83a8-5179ed21b0b7",
		"req_20261123101500123456789",
		"edge-026291800001191@mumbai-3",
	} {
		body := `{"status":"error","error_code":"INVALID_INPUT","error_message":"account 40002323422 rejected","error_info":{"code":"INVALID_INPUT","request_id":"` + id + `"}}`
		c, _ := setup(t, respond(400, []byte(body)))
		_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
		var e *APIError
		require.ErrorAs(t, err, &e)
		assert.Equal(t, id, e.RequestID)
		assert.Contains(t, e.Error(), "[request_id "+id+"]")
		assert.NotContains(t, e.Error(), "40002323422", "the message is free text: masked")
		assert.Contains(t, string(e.RedactedBody()), `"request_id": "`+id+`"`)
	}
}

func TestAPIErrorCapsLongValues(t *testing.T) {
	id := strings.Repeat("a", 120<<10)
	msg := strings.Repeat("m", 30<<10)
	body := `{"status":"error","error_code":"` + strings.Repeat("C", 5000) + `","error_message":"` + msg + `"}`
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
		w.Header().Set("X-Request-Id", id) // 120 KB
		w.Header().Set("X-Long", id)
		w.WriteHeader(400)
		_, _ = w.Write([]byte(body))
	})
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var e *APIError
	require.ErrorAs(t, err, &e)
	got := e.Error()
	assert.Less(t, len(got), 4*redact.MaxValueLen+200, "each value capped")
	assert.Contains(t, got, "...(122880 bytes)]")
	assert.Contains(t, got, "...(30720 bytes)")
	assert.NotContains(t, got, id)
	assert.Equal(t, id, e.RequestID, "the field keeps what was received")
	assert.Len(t, e.Header.Get("X-Long"), redact.MaxValueLen+len("...(122880 bytes)"))
}

// TestOnePrefixPerMessage: a hand-built APIError names what it has, and an
// error that wraps another of this package says "juspay:" once.
func TestOnePrefixPerMessage(t *testing.T) {
	assert.Equal(t, "juspay: HTTP 404 Not Found", (&APIError{StatusCode: 404}).Error())
	inner := &APIError{StatusCode: 404, Method: "GET", Path: "/customers/c/customer-accounts/a", Code: "object_not_found"}
	ae := &AwaitError{Err: inner}
	assert.Equal(t, "juspay: awaiting validation: GET /customers/c/customer-accounts/a: HTTP 404 object_not_found (last status none)", ae.Error())
	assert.Equal(t, 1, strings.Count(ae.Error(), "juspay:"))
}
