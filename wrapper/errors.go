package wrapper

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

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
// includes the body. Masking is by meaning: the request id, the codes and
// the path are shown as received (only the API key or a personal value the
// call sent, should a server echo it there, is replaced), while the message
// is free text in which account numbers, VPAs and e-mail addresses are also
// masked. Each value is capped at 256 bytes with a "...(N bytes)" suffix.
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
	// call's secrets masked in every other value, each value capped at 256
	// bytes.
	Header http.Header
	// Method and Path are the request's: the method, and the escaped path as
	// sent, after the base URL's own path (a list of customer cst_1 has
	// Path "/" + "customers/cst_1/customer-accounts/list").
	Method, Path string

	// scrub masks the call's secrets in Error().
	scrub *scrubber
}

// MaxErrorBody caps the bytes of an error body that are read and kept.
const MaxErrorBody = 64 << 10

// Error names the call, Juspay's code and message, and the request id.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "juspay: %s %s: HTTP %d", e.Method, e.scrub.id(e.Path), e.StatusCode)
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.scrub.id(e.Code))
	}
	if e.Info != nil && e.Info.Code != "" && e.Info.Code != e.Code {
		b.WriteString(" (")
		b.WriteString(e.scrub.id(e.Info.Code))
		b.WriteString(")")
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.scrub.text(e.Message))
	} else if e.Code == "" {
		b.WriteString(" ")
		b.WriteString(http.StatusText(e.StatusCode))
	}
	if e.RequestID != "" {
		b.WriteString(" [request_id ")
		b.WriteString(e.scrub.id(e.RequestID))
		b.WriteString("]")
	}
	return b.String()
}

// Is reports whether the error is one of the sentinels its status or Juspay
// code implies.
func (e *APIError) Is(target error) bool {
	code := e.Code
	infoCode := ""
	if e.Info != nil {
		infoCode = e.Info.Code
	}
	has := func(codes ...string) bool {
		for _, c := range codes {
			if strings.EqualFold(code, c) || strings.EqualFold(infoCode, c) {
				return true
			}
		}
		return false
	}
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound || has("RESOURCE_NOT_FOUND", "object_not_found")
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || has("UNAUTHORIZED", "access_denied")
	case ErrInvalidInput:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity ||
			has("INVALID_INPUT", "MISSING_MANDATORY_PARAMETER", "INVALID_ACCOUNT_DETAILS")
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// RedactedBody returns Body fit for a log line: account numbers, VPAs, names
// and metadata masked by field name, the API key and the personal values the
// call sent masked wherever they appear (in any encoding), and account
// numbers, VPAs and e-mail addresses masked inside free text. Identifiers
// (request_id, customer_account_id, codes, statuses) are kept.
func (e *APIError) RedactedBody() []byte { return e.scrub.json(e.Body) }

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

	scrub *scrubber
}

// Error names the call, the status and the decoding error, masked.
func (e *DecodeError) Error() string {
	msg := "<nil>"
	if e.Err != nil {
		msg = e.scrub.text(e.Err.Error())
	}
	return fmt.Sprintf("juspay: %s %s: HTTP %d: cannot decode response: %s", e.Method, e.scrub.id(e.Path), e.StatusCode, msg)
}

// RedactedBody returns Body masked like APIError.RedactedBody.
func (e *DecodeError) RedactedBody() []byte { return e.scrub.json(e.Body) }

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
	return "juspay: invalid input: " + redact.Cap(e.Field, redact.MaxValueLen) + " " + redact.Cap(e.Reason, redact.MaxValueLen)
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
	s := fmt.Sprintf("juspay: awaiting validation: %v (last status %s)", e.Err, last)
	if e.LastErr != nil && e.LastErr != e.Err {
		s += fmt.Sprintf("; last error: %v", e.LastErr)
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
