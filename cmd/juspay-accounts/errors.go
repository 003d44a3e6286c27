package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Exit codes, distinct so that scripts can tell the failures apart.
const (
	exitOK               = 0
	exitUsage            = 2 // unknown command, bad or missing flag
	exitInput            = 3 // the SDK rejected the input before sending anything
	exitRejected         = 4 // Juspay answered 4xx (not found, unauthorized, invalid input)
	exitUnavailable      = 5 // 5xx, 429, network failure, or a response that did not decode
	exitValidationFailed = 6 // await: the penny drop ended in FAILURE
	exitTimeout          = 7 // the call or the wait ran out of time
	exitNotValidated     = 8 // await: the account is CREATED, no penny drop was ever started
	// An interrupted command exits 128 + the signal's number (see main).
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// exitCodeFor maps an error to its exit code and the kind --json names it by.
func exitCodeFor(err error) (int, string) {
	api, isAPI := errors.AsType[*wrapper.APIError](err)
	switch {
	case err == nil:
		return exitOK, ""
	case errors.As(err, new(usageError)):
		return exitUsage, "usage"
	case errors.As(err, new(*wrapper.InputError)):
		return exitInput, "invalid_input"
	case errors.Is(err, errValidationFailed):
		return exitValidationFailed, "validation_failed"
	case errors.Is(err, errNotValidated):
		return exitNotValidated, "not_validated"
	case errors.Is(err, context.DeadlineExceeded):
		return exitTimeout, "timeout"
	case isAPI && api.StatusCode < 500 && api.StatusCode != 429:
		return exitRejected, "rejected"
	}
	return exitUnavailable, "unavailable"
}

var errValidationFailed = errors.New("the validation (penny drop) ended in FAILURE")

var errNotValidated = errors.New("it was never validated, so no penny drop will end")

// jsonError is an error as --json prints it on stderr, an object a line: an
// API error's status and request id, Juspay's error_code (else errorKind), and
// the message printed without --json.
type jsonError struct {
	Status    int    `json:"status,omitempty"`
	Code      string `json:"code"`
	RequestID string `json:"request_id,omitempty"`
	Message   string `json:"message"`
}

func (c *console) failJSON(ctx context.Context, err error) {
	e := jsonError{Code: errorKind(ctx, err), Message: c.message(ctx, err)}
	if api, ok := errors.AsType[*wrapper.APIError](err); ok {
		e.Status, e.RequestID = api.StatusCode, c.secrets.Known(api.RequestID)
		if api.Code != "" {
			e.Code = c.secrets.Known(api.Code)
		}
	}
	b, _ := json.Marshal(e) // strings and an int: cannot fail
	fmt.Fprintf(c.stderr, "%s\n", b)
}

// errorKind names what failed, after the exit code.
func errorKind(ctx context.Context, err error) string {
	if context.Cause(ctx) != nil && errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	_, kind := exitCodeFor(err)
	return kind
}

// explained is err told in the command's own words.
type explained struct {
	msg string
	err error
}

func (e explained) Error() string { return e.msg }
func (e explained) Unwrap() error { return e.err }

// explain wraps err with what ran out (which flag, how long) or what to do
// (a certificate the client does not trust), when err's text does not say.
func explain(name string, a *callArgs, err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		if _, waiting := errors.AsType[*wrapper.AwaitError](err); waiting && name == "await" {
			return fmt.Errorf("timed out: --wait %s ran out before the validation ended: %w", a.wait, err)
		}
		te, isTransport := errors.AsType[*wrapper.TransportError](err)
		if to, ok := errors.AsType[*wrapper.TimeoutError](err); ok && isTransport && to.Option == "WithTimeout" {
			msg := fmt.Sprintf("timed out: --timeout %s (each call, retries included) ran out: %s %s (attempts: %d)", a.timeout, te.Method, te.Path, te.Attempts)
			return explained{msg, err} // the wrapper's own words would name WithTimeout again
		}
		return fmt.Errorf("timed out: --timeout %s (each call, retries included) ran out: %w", a.timeout, err)
	case errors.As(err, new(x509.UnknownAuthorityError)):
		return fmt.Errorf("the server's certificate is not trusted (for an emulator run with serve --tls, pass the certificate it wrote with --ca-file FILE or "+caFileEnv+"): %w", err)
	}
	return err
}
