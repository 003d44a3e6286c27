package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// console is where a command writes: results to stdout, errors to stderr (as
// JSON with --json), masked and escaped. secrets knows the API key and the
// personal values of the flags; key only the API key, for --json's bodies.
type console struct {
	stdout, stderr io.Writer
	secrets, key   *redact.Masker
	json           bool
}

func (c *console) addPersonal(a *callArgs) {
	c.secrets = c.secrets.With(redact.VPAKind, a.vpa).With(redact.AccountNumberKind, a.accountNumber).
		With(redact.NameKind, a.name).With(redact.SecretKind, slices.Collect(maps.Values(a.metadata))...)
}

// fail prints err on stderr: a line after "juspay-accounts:", or a JSON object.
func (c *console) fail(ctx context.Context, err error) {
	if c.json {
		c.failJSON(ctx, err)
		return
	}
	fmt.Fprintln(c.stderr, "juspay-accounts:", c.message(ctx, err))
}

// message is err's text for the user: the known secrets masked (and in usage
// messages, which may quote an argument, the free-text patterns too), the
// libraries' prefixes ("juspay: ", "wrapper: ") dropped.
func (c *console) message(ctx context.Context, err error) string {
	var msg string
	if _, ok := errors.AsType[usageError](err); ok {
		lines := strings.Split(err.Error(), "\n") // each line masked and capped, not the whole
		for i, l := range lines {
			lines[i] = c.secrets.Text(l)
		}
		msg = strings.Join(lines, "\n")
	} else {
		msg = redact.Escape(c.secrets.Known(err.Error()))
	}
	if cause := context.Cause(ctx); cause != nil && errors.Is(err, context.Canceled) && !errors.Is(cause, context.Canceled) {
		msg = redact.Escape(c.secrets.Known(cause.Error())) + ": " + msg
	}
	return libPrefix.ReplaceAllString(msg, "$1")
}

var libPrefix = regexp.MustCompile(`(^|: )(?:juspay|wrapper): `)

// rawResult prints a body as received (--json) and a newline, masking only the key.
func (c *console) rawResult(body []byte) {
	out := c.key.Known(string(body))
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	_, _ = io.WriteString(c.stdout, out)
}

// table prints render's table with the known values masked wherever they are.
func (c *console) table(v any) error {
	var buf bytes.Buffer
	if err := render(&buf, v); err != nil {
		return err
	}
	_, err := io.WriteString(c.stdout, c.secrets.Known(buf.String()))
	return err
}
