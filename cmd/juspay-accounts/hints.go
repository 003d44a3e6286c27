package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// explain puts in front of err what ran out or what the user can do, when
// err's own text does not say: a timeout (which flag, and how long it was),
// or a certificate the client does not trust. errors.Is and errors.As still
// see err.
func explain(name string, a *callArgs, err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		if _, waiting := errors.AsType[*wrapper.AwaitError](err); waiting && name == "await" {
			return fmt.Errorf("timed out: --wait %s ran out before the validation ended: %w", a.wait, err)
		}
		return fmt.Errorf("timed out: --timeout %s (each call, retries included) ran out: %w", a.timeout, err)
	case errors.As(err, new(x509.UnknownAuthorityError)):
		return fmt.Errorf("the server's certificate is not trusted (for an emulator run with serve --tls, pass the certificate it wrote with --ca-file FILE or "+caFileEnv+"): %w", err)
	}
	return err
}
