package wrapper

import (
	"context"
	"errors"
	"time"
)

// AwaitOptions tunes AwaitValidation. The zero value (or nil) works.
type AwaitOptions struct {
	// Interval is the wait after the first get; it grows by half each poll.
	// Default 1 s.
	Interval time.Duration
	// MaxInterval caps the wait between polls. Default 15 s.
	MaxInterval time.Duration
	// MaxWait bounds the whole wait when ctx has no deadline. Default 10 min.
	MaxWait time.Duration
}

const (
	defaultAwaitInterval    = time.Second
	defaultAwaitMaxInterval = 15 * time.Second
	defaultAwaitMaxWait     = 10 * time.Minute
)

// AwaitValidation polls GetCustomerAccount until the account's validation is
// ACTIVE or FAILURE and returns that account; await may be nil for the
// default intervals, and opts apply to every poll (WithRoutingID,
// WithTimeout, ...). A FAILURE is not an error: check ValidationStatus.
// Juspay documents no webhook for this; polling is how a PENDING penny drop
// is resolved.
//
// It stops with an *AwaitError carrying the last status and account seen when
// ctx ends (or MaxWait passes), or at once on an error polling cannot get
// past (not found, unauthorized, invalid input). Other errors (a 5xx, a
// dropped connection) are retried at the next poll.
//
// An account that is CREATED at the first poll was never validated: no
// penny drop is on its way, so it returns at once with an *AwaitError that
// matches ErrNotValidated (errors.Is) and holds the account, instead of
// polling until the deadline.
func (c *Client) AwaitValidation(ctx context.Context, customerID, customerAccountID string, await *AwaitOptions, opts ...Option) (*CustomerAccount, error) {
	var o AwaitOptions
	if await != nil {
		o = *await
	}
	if o.Interval < 0 || o.MaxInterval < 0 || o.MaxWait < 0 {
		return nil, &InputError{Field: "AwaitOptions", Reason: "has a negative duration"}
	}
	if o.Interval == 0 {
		o.Interval = defaultAwaitInterval
	}
	if o.MaxInterval == 0 {
		o.MaxInterval = defaultAwaitMaxInterval
	}
	o.MaxInterval = max(o.MaxInterval, o.Interval)
	if _, ok := ctx.Deadline(); !ok {
		if o.MaxWait == 0 {
			o.MaxWait = defaultAwaitMaxWait
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.MaxWait)
		defer cancel()
	}
	var last *CustomerAccount
	var lastErr error
	wait := o.Interval
	for first := true; ; first = false {
		acct, err := c.GetCustomerAccount(ctx, customerID, customerAccountID, opts...)
		switch {
		case err == nil:
			last, lastErr = acct, nil
			if acct.ValidationStatus == StatusActive || acct.ValidationStatus == StatusFailure {
				return acct, nil
			}
			if first && acct.ValidationStatus == StatusCreated {
				return nil, &AwaitError{LastStatus: StatusCreated, Account: acct, Err: ErrNotValidated}
			}
		case permanent(err):
			return nil, &AwaitError{LastStatus: status(last), Account: last, Err: err}
		case ctx.Err() == nil: // an error caused by ctx ending says nothing new
			lastErr = err
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, &AwaitError{LastStatus: status(last), Account: last, Err: err, LastErr: lastErr}
		}
		wait = min(wait+wait/2, o.MaxInterval)
	}
}

// permanent reports whether polling again cannot help.
func permanent(err error) bool {
	return errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrInvalidInput)
}

func status(a *CustomerAccount) ValidationStatus {
	if a == nil {
		return ""
	}
	return a.ValidationStatus
}
