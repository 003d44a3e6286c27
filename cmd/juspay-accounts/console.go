package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// console is where a command writes: results to stdout, errors to stderr,
// each masked and with control characters escaped (redact.Escape), so that
// server text cannot drive the terminal. secrets knows the API key
// (JUSPAY_API_KEY) and, once the flags are parsed, the personal values given
// as flags (VPA, account number, name, metadata values); whatever a server
// echoes of them is masked in every encoding before it is printed.
type console struct {
	stdout, stderr io.Writer
	secrets        *redact.Masker
	// key masks only the API key: --json prints the API's body (the user
	// asked for it), never the key.
	key *redact.Masker
	// json: the command was given --json, so errors are JSON too (jsonerr.go).
	json bool
}

func newConsole(stdout, stderr io.Writer, apiKey string) *console {
	k := redact.New(apiKey)
	return &console{stdout: stdout, stderr: stderr, secrets: k, key: k}
}

// addPersonal adds the personal values of the parsed flags to the secrets.
func (c *console) addPersonal(a *callArgs) {
	s := c.secrets.With(redact.VPAKind, a.vpa).
		With(redact.AccountNumberKind, a.accountNumber).
		With(redact.NameKind, a.name)
	for _, v := range a.metadata {
		s = s.With(redact.SecretKind, v)
	}
	c.secrets = s
}

// fail prints err on stderr, as one line after the one prefix
// "juspay-accounts:", control characters escaped, or with --json as a JSON
// object (jsonerr.go).
func (c *console) fail(ctx context.Context, err error) {
	if c.json {
		c.failJSON(ctx, err)
		return
	}
	fmt.Fprintln(c.stderr, "juspay-accounts:", c.message(ctx, err))
}

// message is err's text for the user. The wrapper's errors are already
// masked by meaning (ids intact); they and every other message also get the
// console's known secrets masked, and the CLI's own usage messages, which may
// quote an argument, the free-text patterns too. The libraries' own prefixes
// ("juspay: ", "wrapper: ") are dropped: the CLI's prefix is the one.
func (c *console) message(ctx context.Context, err error) string {
	var msg string
	if _, ok := errors.AsType[usageError](err); ok {
		msg = c.secrets.Text(err.Error())
	} else {
		msg = redact.Escape(c.secrets.Known(err.Error()))
	}
	if cause := context.Cause(ctx); cause != nil && errors.Is(err, context.Canceled) && !errors.Is(cause, context.Canceled) {
		msg = redact.Escape(c.secrets.Known(cause.Error())) + ": " + msg
	}
	return libPrefix.ReplaceAllString(msg, "$1")
}

// libPrefix is a library's prefix at the start of a message or of a wrapped
// one.
var libPrefix = regexp.MustCompile(`(^|: )(?:juspay|wrapper): `)

// rawResult prints a response body as received (--json: the API's bytes,
// for a program to read), ending with a newline; only the API key is
// masked, should the server have echoed it.
func (c *console) rawResult(body []byte) {
	out := c.key.Known(string(body))
	if !strings.HasSuffix(out, "\n") { // what follows (a prompt, stderr) starts on a line of its own
		out += "\n"
	}
	_, _ = io.WriteString(c.stdout, out)
}

// table prints a result as a table (personal fields masked and every cell
// escaped by render) with the known values masked wherever else a server
// put them.
func (c *console) table(v any) error {
	var buf bytes.Buffer
	if err := render(&buf, v); err != nil {
		return err
	}
	_, err := io.WriteString(c.stdout, c.secrets.Known(buf.String()))
	return err
}
