package main

import (
	"context"
	"errors"

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
