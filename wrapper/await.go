package wrapper

import (
	"cmp"
	"context"
	"errors"
	"time"
)

// AwaitOptions tunes AwaitValidation; the zero value (or nil) works.
type AwaitOptions struct {
	// Interval is the wait after the first get (default 1 s); it grows by
	// half each poll.
	Interval time.Duration
	// MaxInterval caps the wait between polls (default 15 s).
	MaxInterval time.Duration
	// MaxWait bounds the whole wait when ctx has no deadline (default 10 min).
	MaxWait time.Duration
}

// AwaitValidation polls GetCustomerAccount until the account's validation is
// ACTIVE or FAILURE and returns that account (a FAILURE is not an error);
// await may be nil, and opts apply to every poll. Juspay documents no
// webhook: polling is how a PENDING penny drop is resolved.
//
// It stops with an *AwaitError holding the last status and account seen when
// ctx ends or MaxWait passes, or at once on an error polling cannot get past
// (not found, unauthorized, invalid input); other errors are retried at the
// next poll. An account CREATED at the first poll was never validated: it
// returns at once with an *AwaitError matching ErrNotValidated.
func (c *Client) AwaitValidation(ctx context.Context, customerID, customerAccountID string, await *AwaitOptions, opts ...Option) (*CustomerAccount, error) {
	var o AwaitOptions
	if await != nil {
		o = *await
	}
	if o.Interval < 0 || o.MaxInterval < 0 || o.MaxWait < 0 {
		return nil, &InputError{Field: "AwaitOptions", Reason: "has a negative duration"}
	}
	o.Interval = cmp.Or(o.Interval, time.Second)
	o.MaxInterval = max(cmp.Or(o.MaxInterval, 15*time.Second), o.Interval)
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cmp.Or(o.MaxWait, 10*time.Minute))
		defer cancel()
	}
	var last *CustomerAccount
	var lastStatus ValidationStatus
	var lastErr error
	wait := o.Interval
	for first := true; ; first = false {
		acct, err := c.GetCustomerAccount(ctx, customerID, customerAccountID, opts...)
		switch {
		case err == nil:
			last, lastStatus, lastErr = acct, acct.ValidationStatus, nil
			if lastStatus == StatusActive || lastStatus == StatusFailure {
				return acct, nil
			}
			if first && lastStatus == StatusCreated {
				return nil, &AwaitError{LastStatus: lastStatus, Account: acct, Err: ErrNotValidated}
			}
		case errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrInvalidInput):
			return nil, &AwaitError{LastStatus: lastStatus, Account: last, Err: err} // polling cannot help
		case ctx.Err() == nil: // an error caused by ctx ending says nothing new
			lastErr = err
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, &AwaitError{LastStatus: lastStatus, Account: last, Err: err, LastErr: lastErr}
		}
		wait = min(wait+wait/2, o.MaxInterval)
	}
}
