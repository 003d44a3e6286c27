package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Exit codes, distinct so that scripts can tell the failures apart.
const (
	exitOK               = 0
	exitInternal         = 1 // a bug or an unexpected local failure
	exitUsage            = 2 // unknown command, bad or missing flag
	exitInput            = 3 // the SDK rejected the input before sending anything
	exitRejected         = 4 // Juspay answered 4xx (not found, unauthorized, invalid input)
	exitUnavailable      = 5 // 5xx, 429, network failure, or a response that did not decode
	exitValidationFailed = 6 // await: the penny drop ended in FAILURE
	exitTimeout          = 7 // the call or the wait ran out of time
	exitNotValidated     = 8 // await: the account is CREATED, no penny drop was ever started
	// An interrupted command exits 128 + the signal's number: 130 (SIGINT) or
	// 143 (SIGTERM); see exitAfterSignal.
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// exitCodeFor maps an error to the exit code that describes it.
func exitCodeFor(err error) int {
	var (
		usage usageError
		input *wrapper.InputError
		api   *wrapper.APIError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage):
		return exitUsage
	case errors.As(err, &input):
		return exitInput
	case errors.Is(err, errValidationFailed):
		return exitValidationFailed
	case errors.As(err, new(notValidatedError)):
		return exitNotValidated
	case errors.Is(err, context.DeadlineExceeded):
		return exitTimeout
	case errors.As(err, &api):
		if api.StatusCode >= 500 || api.StatusCode == 429 {
			return exitUnavailable
		}
		return exitRejected
	default:
		return exitUnavailable
	}
}

// errValidationFailed reports an await that ended in FAILURE.
var errValidationFailed = errors.New("the validation (penny drop) ended in FAILURE")

// notValidatedError is an await on an account whose validation never started.
type notValidatedError struct{ customer, account string }

func (e notValidatedError) Error() string {
	return fmt.Sprintf("customer account %s is CREATED: it was never validated, so no penny drop will end; "+
		"start one first with: juspay-accounts validate --customer %s --account %s", e.account, e.customer, e.account)
}
