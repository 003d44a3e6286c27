package wrapper

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Sentinels for errors.Is: an *APIError matches the one its status or
// Juspay code implies, an *InputError ErrInvalidInput.
var (
	// ErrNotFound: HTTP 404 or Juspay code RESOURCE_NOT_FOUND / object_not_found.
	ErrNotFound = errors.New("juspay: not found")
	// ErrUnauthorized: HTTP 401 or Juspay code UNAUTHORIZED / access_denied.
	ErrUnauthorized = errors.New("juspay: unauthorized")
	// ErrInvalidInput: HTTP 400 or 422, a Juspay input error code, or input
	// refused before sending.
	ErrInvalidInput = errors.New("juspay: invalid input")
	// ErrRateLimited: HTTP 429.
	ErrRateLimited = errors.New("juspay: rate limited")
	// ErrNotValidated: AwaitValidation found the account CREATED (no penny
	// drop is on its way), inside an *AwaitError that holds the account.
	ErrNotValidated = errors.New("juspay: the account was never validated (status CREATED); validate it first")
)

// APIError is a response with a status outside 2xx. Error() names the
// method, path, status, Juspay's codes and message and the request id, never
// the body: identifiers as received (only the key or a personal value of 8
// bytes or more the call sent is masked there), the message masked as free
// text, control characters made visible, each value capped at 256 bytes.
type APIError struct {
	StatusCode int // the HTTP status
	// Status, Code and Message are Juspay's "status", "error_code" and
	// "error_message" (else error_info's developer or user message).
	Status, Code, Message string
	Info                  *ErrorInfo // Juspay's "error_info", nil when the body had none
	// RequestID is error_info.request_id, else the X-Request-Id header, as
	// received: quote it to Juspay's support.
	RequestID string
	// Body is the raw body, capped at MaxErrorBody bytes; it may hold
	// personal data: log RedactedBody instead.
	Body []byte
	// Header is the response's headers, credentials replaced, free text
	// masked, identifiers such as X-Request-Id kept, each value capped.
	Header http.Header
	// Method and Path are the request's, Path escaped, after the base URL's
	// own path ("/customers/cst_1/customer-accounts/list").
	Method, Path string

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

// ident renders a value the SDK chose in an error string: escaped, capped.
func ident(s string) string { return redact.Cap(redact.Escape(s), redact.MaxValueLen) }

// Is reports whether target is a sentinel the status or Juspay code
// implies, or a gen.ErrorCode equal (case-insensitively) to error_code or
// error_info.code: errors.Is(err, gen.ErrorCodeDuplicateRequest).
func (e *APIError) Is(target error) bool {
	has := func(codes ...gen.ErrorCode) bool {
		return slices.ContainsFunc(codes, func(c gen.ErrorCode) bool {
			return strings.EqualFold(e.Code, string(c)) || e.Info != nil && strings.EqualFold(e.Info.Code, string(c))
		})
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

// RedactedBody returns Body for a log line: the fields openapi.yaml marks
// x-sensitive and free text masked, identifiers kept.
func (e *APIError) RedactedBody() []byte { return e.masker.JSON(e.Body) }

// DecodeError is a 2xx response whose body did not decode into the model or
// was cut short: the outcome is unknown, so after a create or validate check
// with a get before trying again. Fields as in APIError; Err is the cause.
type DecodeError struct {
	StatusCode   int
	Body         []byte
	Header       http.Header
	Method, Path string
	Err          error

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

// InputError is input refused before any byte was sent: Field is the wire
// name or the option, Reason the rule, never the value given.
type InputError struct {
	Field, Reason string
}

// Error names the field and the rule.
func (e *InputError) Error() string {
	return "juspay: invalid input: " + ident(e.Field) + " " + ident(e.Reason)
}

// Is makes errors.Is(err, ErrInvalidInput) true.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }

// AwaitError is AwaitValidation stopping before ACTIVE or FAILURE.
type AwaitError struct {
	// LastStatus and Account are the last seen ("" and nil before any).
	LastStatus ValidationStatus
	Account    *CustomerAccount
	// Err is why it stopped: the context's error, ErrNotValidated, or an
	// error polling cannot get past (not found, unauthorized, invalid input).
	Err     error
	LastErr error // the last transient error seen while polling, if any
}

// Error says why waiting stopped and the last status seen.
func (e *AwaitError) Error() string {
	last := cmp.Or(string(e.LastStatus), "none")
	s := fmt.Sprintf("juspay: awaiting validation: %s (last status %s)", unprefixed(e.Err), ident(last))
	if e.LastErr != nil && e.LastErr != e.Err {
		s += "; last error: " + unprefixed(e.LastErr)
	}
	return s
}

// Unwrap returns Err and LastErr.
func (e *AwaitError) Unwrap() []error {
	if e.LastErr != nil && e.LastErr != e.Err {
		return []error{e.Err, e.LastErr}
	}
	return []error{e.Err}
}

// unprefixed is err's text without "juspay: ": one prefix per message.
func unprefixed(err error) string { return strings.TrimPrefix(err.Error(), "juspay: ") }

// checkResponse is the one place a status becomes an error: nil for a 2xx,
// else the *APIError, whatever the body.
func checkResponse(x exchange) error {
	resp := x.resp
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	e := &APIError{StatusCode: resp.StatusCode, Body: capBody(x.body), Header: x.masker().Header(resp.Header),
		Method: x.method, Path: x.path, masker: x.masker()}
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
// Error() is masked (net/http quotes a malformed response's bytes).
type TransportError struct {
	Method, Path string // the request's, as in APIError
	Attempts     int    // how many attempts were made

	err   error
	text  string // err's text, masked
	clean bool   // err's whole text held nothing to mask
}

func transportError(x exchange, attempts int, err error) *TransportError {
	m, text := x.masker(), unprefixed(err)
	return &TransportError{Method: x.method, Path: x.path, Attempts: attempts, err: err, text: m.Text(text), clean: m.Clean(text)}
}

// Error names the call, the masked cause and the attempts.
func (e *TransportError) Error() string {
	return fmt.Sprintf("juspay: %s %s: %s (attempts: %d)", ident(e.Method), ident(e.Path), e.text, e.Attempts)
}

// Unwrap returns the cause (*url.Error, *net.OpError, *TimeoutError...) if its
// text held nothing to mask, else only the context error it matches, if any.
func (e *TransportError) Unwrap() error {
	if e.clean {
		return e.err
	}
	for _, target := range []error{context.DeadlineExceeded, context.Canceled} {
		if errors.Is(e.err, target) {
			return target
		}
	}
	return nil
}

// TimeoutError is a call stopped by the SDK's own timeout, named by Option
// ("WithTimeout" or "WithAttemptTimeout"), after After. It matches
// context.DeadlineExceeded and is a net.Error.
type TimeoutError struct {
	Option string
	After  time.Duration
}

// Error says which timeout ran out and after how long.
func (e *TimeoutError) Error() string {
	what := map[string]string{"WithTimeout": "call", "WithAttemptTimeout": "attempt"}[e.Option]
	return fmt.Sprintf("the %s timeout (%s) of %v ran out", cmp.Or(what, "SDK"), e.Option, e.After)
}

// Is matches context.DeadlineExceeded.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout is true (net.Error).
func (e *TimeoutError) Timeout() bool { return true }

// Temporary is true (net.Error), as for the standard library's timeouts.
func (e *TimeoutError) Temporary() bool { return true }
