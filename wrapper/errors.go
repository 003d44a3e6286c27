package wrapper

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Sentinels for errors.Is. An *APIError matches the one its status or Juspay
// code implies; an *InputError matches ErrInvalidInput.
var (
	// ErrNotFound: HTTP 404 or Juspay code RESOURCE_NOT_FOUND / object_not_found.
	ErrNotFound = errors.New("juspay: not found")
	// ErrUnauthorized: HTTP 401 or Juspay code UNAUTHORIZED / access_denied.
	ErrUnauthorized = errors.New("juspay: unauthorized")
	// ErrInvalidInput: HTTP 400 or 422, a Juspay input error code, or input
	// the wrapper refused before sending it.
	ErrInvalidInput = errors.New("juspay: invalid input")
	// ErrRateLimited: HTTP 429.
	ErrRateLimited = errors.New("juspay: rate limited")
	// ErrNotValidated: AwaitValidation found the account CREATED, never
	// validated, so no penny drop is on its way and there is nothing to wait
	// for: call ValidateCustomerAccount (or create with
	// CreateAndValidateCustomerAccounts) first. It comes inside an
	// *AwaitError that holds the account.
	ErrNotValidated = errors.New("juspay: the account was never validated (status CREATED); validate it first")
)

// APIError is a response with a status outside 2xx. Error() names the method,
// path, status, Juspay's code and message, and the request id; it never
// includes the body. Identifiers (the request id, the codes, the path) are
// fields that masking never rewrites; Error() shows them as received, with
// control characters made visible, and only should a server echo the API
// key or a personal value of 8 bytes or more the call sent there is that
// value masked. The message is free text: those values are masked in it
// (in any case and encoding), as are account numbers, VPAs and e-mail
// addresses. Each value is capped at 256 bytes with a "...(N bytes)" suffix.
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Status is Juspay's "status" field, for example "error" or "invalid_request_error".
	Status string
	// Code is Juspay's "error_code", for example "access_denied".
	Code string
	// Message is Juspay's "error_message" (or error_info's developer or user
	// message when error_message is absent), as received.
	Message string
	// Info is Juspay's whole "error_info", nil when the body had none.
	Info *ErrorInfo
	// RequestID is Juspay's request id (error_info.request_id, else the
	// X-Request-Id header), as received, for support. Error() shows it
	// unchanged (capped at 256 bytes).
	RequestID string
	// Body is a copy of the raw body, capped at MaxErrorBody bytes. It may hold
	// personal data: log RedactedBody instead.
	Body []byte
	// Header is a copy of the response headers: credentials replaced, the
	// call's secrets and personal-data patterns masked in every other value
	// (identifiers such as X-Request-Id are kept), each value capped at 256
	// bytes.
	Header http.Header
	// Method and Path are the request's: the method, and the escaped path as
	// sent, after the base URL's own path (a list of customer cst_1 has
	// Path "/" + "customers/cst_1/customer-accounts/list").
	Method, Path string

	// masker masks the call's secrets in Error() and RedactedBody().
	masker *redact.Masker
}

// MaxErrorBody caps the bytes of an error body that are read and kept.
const MaxErrorBody = 64 << 10

// Error names the call, Juspay's code and message, and the request id.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("juspay: ")
	if e.Method != "" || e.Path != "" {
		fmt.Fprintf(&b, "%s %s: ", e.masker.ID(e.Method), e.masker.ID(e.Path))
	}
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.masker.ID(e.Code))
	}
	if e.Info != nil && e.Info.Code != "" && e.Info.Code != e.Code {
		b.WriteString(" (" + e.masker.ID(e.Info.Code) + ")")
	}
	if e.Message != "" {
		b.WriteString(": " + e.masker.Text(e.Message))
	} else if e.Code == "" {
		b.WriteString(" " + http.StatusText(e.StatusCode))
	}
	if e.RequestID != "" {
		b.WriteString(" [request_id " + e.masker.ID(e.RequestID) + "]")
	}
	return b.String()
}

// ident renders a value the SDK itself chose in an error string: control
// characters made visible, capped.
func ident(s string) string { return redact.Cap(redact.Escape(s), redact.MaxValueLen) }

// Is reports whether the error is one of the sentinels its status or Juspay
// code implies, or carries the code target names: errors.Is(err,
// gen.ErrorCodeDuplicateRequest) matches error_code or error_info.code
// (case-insensitively), with no nil checks.
func (e *APIError) Is(target error) bool {
	has := func(codes ...gen.ErrorCode) bool {
		for _, c := range codes {
			if strings.EqualFold(e.Code, string(c)) || e.Info != nil && strings.EqualFold(e.Info.Code, string(c)) {
				return true
			}
		}
		return false
	}
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound || has(gen.ErrorCodeResourceNotFound, gen.ErrorCodeObjectNotFound)
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || has(gen.ErrorCodeUnauthorized, gen.ErrorCodeAccessDenied)
	case ErrInvalidInput:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity ||
			has(gen.ErrorCodeInvalidInput, gen.ErrorCodeMissingMandatoryParameter, gen.ErrorCodeInvalidAccountDetails)
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	}
	code, ok := target.(gen.ErrorCode)
	return ok && code != "" && has(code)
}

// RedactedBody returns Body fit for a log line, masked field by field as
// openapi.yaml marks them (x-sensitive): account numbers, VPAs, names and
// metadata masked, free text (messages, fields the spec does not declare)
// masked like the message of Error(), identifiers kept byte for byte.
func (e *APIError) RedactedBody() []byte { return e.masker.JSON(e.Body) }

// DecodeError is a 2xx response whose body did not decode into the expected
// model. The call's outcome is unknown: for a create or validate, check with a
// get or list before trying again.
type DecodeError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Body is a copy of the raw body, capped at MaxErrorBody bytes. It may
	// hold personal data: log RedactedBody instead.
	Body []byte
	// Header is a copy of the response headers, masked like APIError.Header.
	Header http.Header
	// Method and Path are the request's.
	Method, Path string
	// Err is the decoding error.
	Err error

	masker *redact.Masker
}

// Error names the call, the status and the decoding error, masked.
func (e *DecodeError) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = e.masker.Text(e.Err.Error())
	}
	return fmt.Sprintf("juspay: %s %s: HTTP %d: cannot decode response: %s", e.masker.ID(e.Method), e.masker.ID(e.Path), e.StatusCode, msg)
}

// RedactedBody returns Body masked like APIError.RedactedBody.
func (e *DecodeError) RedactedBody() []byte { return e.masker.JSON(e.Body) }

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// InputError is input the wrapper refused before sending any byte.
type InputError struct {
	// Field is the wire name of the field, for example "customer_id" or "ifsc".
	Field string
	// Reason says what was wrong.
	Reason string
}

// Error names the field and the reason (each capped at 256 bytes). Reasons
// state the rule, never the value given.
func (e *InputError) Error() string {
	return "juspay: invalid input: " + ident(e.Field) + " " + ident(e.Reason)
}

// Is makes errors.Is(err, ErrInvalidInput) true.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }

// AwaitError is returned by AwaitValidation when it stops before the account
// reached ACTIVE or FAILURE.
type AwaitError struct {
	// LastStatus is the last validation status seen ("" if no get succeeded).
	LastStatus ValidationStatus
	// Account is the last account seen, nil if no get succeeded.
	Account *CustomerAccount
	// Err is why it stopped: the context's error, ErrNotValidated, or an
	// error that polling cannot get past (not found, unauthorized, invalid
	// input).
	Err error
	// LastErr is the last transient error seen while polling, if any.
	LastErr error
}

// Error says why waiting stopped and the last status seen.
func (e *AwaitError) Error() string {
	last := string(e.LastStatus)
	if last == "" {
		last = "none"
	}
	s := fmt.Sprintf("juspay: awaiting validation: %s (last status %s)", unprefixed(e.Err), ident(last))
	if e.LastErr != nil && e.LastErr != e.Err {
		s += "; last error: " + unprefixed(e.LastErr)
	}
	return s
}

// Unwrap returns Err and LastErr, so errors.Is(err, context.DeadlineExceeded)
// and errors.As(err, **APIError) both work.
func (e *AwaitError) Unwrap() []error {
	if e.LastErr != nil && e.LastErr != e.Err {
		return []error{e.Err, e.LastErr}
	}
	return []error{e.Err}
}

// unprefixed is err's text without this package's "juspay: " prefix, for an
// error that wraps it: one prefix per message.
func unprefixed(err error) string { return strings.TrimPrefix(err.Error(), "juspay: ") }

// checkResponse returns nil for a 2xx response, and otherwise the *APIError
// it stands for, whatever its body (an HTML page, another shape, one field
// of an unexpected type leave only the affected fields empty). It is the one
// place an HTTP status becomes an error.
func checkResponse(x exchange) error {
	resp := x.resp
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	e := &APIError{StatusCode: resp.StatusCode, Body: capBody(x.body), Header: x.masker.Header(resp.Header),
		Method: x.method, Path: x.path, masker: x.masker}
	var fields struct {
		Status  json.RawMessage `json:"status"`
		Code    json.RawMessage `json:"error_code"`
		Message json.RawMessage `json:"error_message"`
		Info    json.RawMessage `json:"error_info"`
	}
	if json.Unmarshal(x.body, &fields) == nil {
		_ = json.Unmarshal(fields.Status, &e.Status)
		_ = json.Unmarshal(fields.Code, &e.Code)
		_ = json.Unmarshal(fields.Message, &e.Message)
		if info := new(ErrorInfo); fields.Info != nil && json.Unmarshal(fields.Info, info) == nil {
			e.Info = info
			e.RequestID = info.RequestID
			e.Message = cmp.Or(e.Message, info.DeveloperMessage, info.UserMessage)
		}
	}
	e.RequestID = cmp.Or(e.RequestID, resp.Header.Get("X-Request-Id"))
	return e
}

// capBody returns a copy of b capped at MaxErrorBody bytes.
func capBody(b []byte) []byte { return bytes.Clone(b[:min(len(b), MaxErrorBody)]) }

// TransportError is a call that ended without a response: the connection
// failed or broke, a timeout ran out, or the response could not be read.
// Error() names the call and the cause, masked: net/http quotes the bytes
// of a malformed response, which may hold the key or personal data.
type TransportError struct {
	// Method and Path are the request's, as in APIError.
	Method, Path string
	// Attempts is how many attempts were made.
	Attempts int

	err  error  // the cause; Unwrap hides it when its text needed masking
	text string // the cause's text, masked
}

// transportError wraps the cause of a call without a response.
func transportError(x exchange, attempts int, err error) error {
	var te *TransportError
	if errors.As(err, &te) {
		te.Attempts = attempts
		te.text = x.masker.Text(unprefixed(te.err))
		return te
	}
	return &TransportError{Method: x.method, Path: x.path, Attempts: attempts, err: err, text: x.masker.Text(err.Error())}
}

// Error names the call, the attempts and the masked cause.
func (e *TransportError) Error() string {
	text := e.text
	if text == "" && e.err != nil {
		text = redact.Escape(unprefixed(e.err))
	}
	return fmt.Sprintf("juspay: %s %s: %s (after %d attempt%s)", ident(e.Method), ident(e.Path), text,
		e.Attempts, map[bool]string{true: "s"}[e.Attempts != 1])
}

// Unwrap returns the cause when its text held nothing to mask, so that
// errors.Is and errors.As see the *url.Error, *net.OpError or
// *TimeoutError; otherwise only the context error it matches, if any.
func (e *TransportError) Unwrap() error {
	if e.text == "" || e.text == redact.Escape(e.err.Error()) {
		return e.err
	}
	for _, target := range []error{context.DeadlineExceeded, context.Canceled} {
		if errors.Is(e.err, target) {
			return target
		}
	}
	return nil
}

// TimeoutError is a call stopped by one of the SDK's own timeouts; it matches
// context.DeadlineExceeded. A call stopped by its context's own deadline
// returns context.DeadlineExceeded instead (inside a *TransportError).
type TimeoutError struct {
	// Option names the option that set it: "WithTimeout" (the whole call,
	// DefaultTimeout unless set) or "WithAttemptTimeout" (each attempt).
	Option string
	// After is its duration.
	After time.Duration
}

// Error says which timeout ran out and after how long.
func (e *TimeoutError) Error() string {
	what := map[string]string{"WithTimeout": "call", "WithAttemptTimeout": "attempt"}[e.Option]
	return fmt.Sprintf("the %s timeout (%s) of %v ran out", cmp.Or(what, "SDK"), e.Option, e.After)
}

// Is makes errors.Is(err, context.DeadlineExceeded) true.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout is true: a *TimeoutError is a net.Error that timed out.
func (e *TimeoutError) Timeout() bool { return true }

// Temporary is true, as for the standard library's timeouts.
func (e *TimeoutError) Temporary() bool { return true }
