package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// jsonError is an error as --json prints it on stderr, one object a line.
type jsonError struct {
	// Status is the HTTP status of an API error (absent otherwise).
	Status int `json:"status,omitempty"`
	// Code is Juspay's error_code for an API error, else what failed:
	// usage, invalid_input, timeout, unavailable, validation_failed,
	// not_validated, interrupted or internal.
	Code string `json:"code"`
	// RequestID is Juspay's request id, for support (absent when none).
	RequestID string `json:"request_id,omitempty"`
	// Message is the text the command prints without --json, masked.
	Message string `json:"message"`
}

// failJSON prints err as a jsonError on stderr.
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
	return cmp.Or(exitKinds[exitCodeFor(err)], "internal")
}

var exitKinds = map[int]string{
	exitUsage:            "usage",
	exitInput:            "invalid_input",
	exitRejected:         "rejected",
	exitValidationFailed: "validation_failed",
	exitTimeout:          "timeout",
	exitNotValidated:     "not_validated",
	exitUnavailable:      "unavailable",
}
