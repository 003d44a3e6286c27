package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// hinted is an error with what the user can do about it, or which limit it
// hit, in front of the error itself (which errors.Is and errors.As still see).
type hinted struct {
	hint string
	err  error
}

func (h hinted) Error() string { return h.hint + ": " + h.err.Error() }
func (h hinted) Unwrap() error { return h.err }

// explain names what ran out or what to do for the errors whose own text does
// not say: a timeout (which flag, and how long it was), a certificate the
// client does not trust, plain http refused for a host that is not loopback.
func explain(name string, a *callArgs, err error) error {
	var unknownCA x509.UnknownAuthorityError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		if _, waiting := errors.AsType[*wrapper.AwaitError](err); waiting && name == "await" {
			return hinted{fmt.Sprintf("timed out: --wait %s ran out before the validation ended", a.wait), err}
		}
		return hinted{fmt.Sprintf("timed out: --timeout %s (each call, retries included) ran out", a.timeout), err}
	case errors.As(err, &unknownCA):
		return hinted{"the server's certificate is not trusted (for an emulator run with serve --tls, pass the certificate it wrote with --ca-file FILE or " + caFileEnv + ")", err}
	case strings.Contains(err.Error(), "plain http is allowed only to a loopback host"):
		return usageError{err.Error() + " (or pass --insecure-http to send the key and data unencrypted anyway)"}
	}
	return err
}
