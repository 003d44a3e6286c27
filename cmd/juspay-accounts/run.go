package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// command is one API subcommand: its flags and what it calls.
type command struct {
	summary string
	account string // what --account names; "" for a command without it
	flags   func(fs *flag.FlagSet, a *callArgs)
	call    func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error)
}

// callArgs holds every flag an API subcommand may take.
type callArgs struct {
	env, baseURL, merchantID, apiVersion, routingID, caFile string
	timeout                                                 time.Duration
	json, insecureHTTP                                      bool
	raw                                                     wrapper.RawResponse // filled with --json

	customer, account, vpa, accountNumber, ifsc, bankCode, name string
	gatewayID, gatewayRef, amount                               string
	validate                                                    bool
	offset, count                                               int
	wait                                                        time.Duration
	metadata                                                    map[string]string
	// progress is where await says it is waiting (stderr); while polling is
	// set, each request prints a dot there.
	progress io.Writer
	polling  atomic.Bool
}

// run executes one command line and returns the process exit code: results
// and help asked for on stdout, errors on stderr, all masked by the console.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	key := redact.New(getenv("JUSPAY_API_KEY"))
	con := &console{stdout: stdout, stderr: stderr, secrets: key, key: key}
	err := dispatch(ctx, con, args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		con.fail(ctx, err)
	}
	code, _ := exitCodeFor(err)
	return code
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

func dispatch(ctx context.Context, con *console, args []string, getenv func(string) string) error {
	if len(args) == 0 {
		printUsage(con.stderr)
		return usageError{"name a command"}
	}
	name, rest := args[0], args[1:]
	switch {
	case name == "help" || isHelp(name):
		if len(rest) == 0 {
			printUsage(con.stdout)
			return flag.ErrHelp
		}
		if !slices.Contains(commandNames(), rest[0]) {
			return usageError{fmt.Sprintf("help: unknown command %q", strings.Join(rest, " "))}
		}
		return dispatch(ctx, con, append(rest, "-h"), getenv)
	case name == "version" || name == "-version" || name == "--version":
		if len(rest) > 0 && isHelp(rest[0]) {
			fmt.Fprintln(con.stdout, "juspay-accounts version: print the module version, the commit and the Go version it was built with")
			return flag.ErrHelp
		}
		if len(rest) > 0 {
			return usageError{fmt.Sprintf("version: unexpected argument %q", rest[0])}
		}
		fmt.Fprintln(con.stdout, versionLine())
		return nil
	case name == "demo":
		return runDemo(ctx, rest, con.stdout)
	case name == "serve":
		if slices.ContainsFunc(rest, isHelp) { // serve's help goes where it logs
			return runServe(ctx, rest, con.stdout, getenv)
		}
		return runServe(ctx, rest, con.stderr, getenv)
	case name == "control":
		con.json = slices.Contains(rest, "--json") || slices.Contains(rest, "-json") // its errors too
		return runControl(ctx, rest, con.stdout, getenv)
	case name == "v32":
		names := slices.Sorted(maps.Keys(legacyCommands))
		if len(rest) == 0 {
			return usageError{"v32: name a subcommand: " + strings.Join(names, ", ")}
		}
		if sub := rest[0]; sub == "help" || isHelp(sub) {
			fmt.Fprint(con.stdout, "Usage: juspay-accounts v32 <command> [flags]\n\n"+v32Help("Deprecated v3.2 bank accounts:")+
				"\nRun 'juspay-accounts v32 <command> -h' for a command's flags.\n"+exitCodesHelp)
			return flag.ErrHelp
		}
		cmd, ok := legacyCommands[rest[0]]
		if !ok {
			return usageError{fmt.Sprintf("v32: unknown subcommand %q%s (want one of %s)", rest[0], didYouMean(rest[0], names), strings.Join(names, ", "))}
		}
		return runCall(ctx, con, "v32 "+rest[0], cmd, rest[1:], getenv)
	}
	cmd, ok := commands[name]
	if !ok {
		return usageError{fmt.Sprintf("unknown command %q%s (run 'juspay-accounts help')", name, didYouMean(name, commandNames()))}
	}
	return runCall(ctx, con, name, cmd, rest, getenv)
}

// parseFlags parses the flags of the command fs names. Help asked for is
// printed on stdout and returns flag.ErrHelp; a mistake or a stray argument
// is a usageError that never quotes a value (it may be personal data).
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer, summary, footer string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "Usage: juspay-accounts %s [flags]\n\n%s\n\nFlags:\n", fs.Name(), summary)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fmt.Fprint(stdout, footer)
		return err
	case err != nil:
		msg := flagValue.ReplaceAllString(err.Error(), "invalid ${1}value for flag")
		return usageError{fmt.Sprintf("%s: %s%s (run 'juspay-accounts %s -h')", fs.Name(), msg, flagHint(fs, err), fs.Name())}
	case fs.NArg() > 0:
		return usageError{fmt.Sprintf("%s: %d unexpected argument(s) after the flags; every value needs its flag (quote a value with spaces)", fs.Name(), fs.NArg())}
	}
	return nil
}

// flagValue matches the value the flag package quotes in "invalid value
// "..." for flag -x: reason": it may be personal data (--metadata "Asha Rao").
var flagValue = regexp.MustCompile(`^invalid (boolean )?value ".*" for flag`)

func flagGiven(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// flagSet returns an API subcommand's flags: the shared ones, then its own.
func flagSet(name string, cmd command, a *callArgs) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&a.env, "env", "sandbox", "Juspay environment: sandbox (https://sandbox.juspay.in), production or production-static")
	fs.StringVar(&a.baseURL, "base-url", "", "base URL instead of --env, for example the emulator's http://127.0.0.1:8080\n"+
		"(default $"+baseURLEnv+", unless --env is given; with neither set, calls go to the --env URL: sandbox)")
	fs.StringVar(&a.merchantID, "merchant-id", "", "x-merchantid header")
	fs.StringVar(&a.apiVersion, "api-version", "", "version header (YYYY-MM-DD)")
	fs.StringVar(&a.routingID, "routing-id", "", "x-routing-id header (default: the customer id)")
	fs.DurationVar(&a.timeout, "timeout", 30*time.Second, "timeout of each call, retries included")
	fs.StringVar(&a.caFile, "ca-file", "", caFileUsage)
	fs.BoolVar(&a.insecureHTTP, "insecure-http", false, "allow a plain http:// --base-url to a host that is not loopback (key and data unencrypted; warns)")
	fs.BoolVar(&a.json, "json", false, "print the response body byte for byte as received (unmasked, for scripts) instead of a table")
	fs.StringVar(&a.customer, "customer", "", "customer id (required)")
	if cmd.account != "" {
		fs.StringVar(&a.account, "account", "", cmd.account+" (required)")
	}
	if cmd.flags != nil {
		cmd.flags(fs, a)
	}
	return fs
}

// runCall parses the flags of an API subcommand, builds the client and prints the result.
func runCall(ctx context.Context, con *console, name string, cmd command, args []string, getenv func(string) string) error {
	a := &callArgs{}
	fs := flagSet(name, cmd, a)
	err := parseFlags(fs, args, con.stdout, cmd.summary+".", "\nThe API key is read from JUSPAY_API_KEY and never printed.\n"+exitCodesHelp)
	con.json = a.json || slices.Contains(args, "--json") || slices.Contains(args, "-json") // errors too, even a bad flag
	if err != nil {
		return err
	}
	con.addPersonal(a)
	if !flagGiven(fs, "base-url") && !flagGiven(fs, "env") {
		a.baseURL = getenv(baseURLEnv)
	}
	switch {
	case a.customer == "":
		return usageError{name + ": --customer is required"}
	case cmd.account != "" && a.account == "":
		return usageError{name + ": --account is required"}
	}
	a.progress = con.stderr
	client, err := newClient(a, getenv, con.stderr)
	if err != nil {
		return explain(name, a, err)
	}
	result, err := cmd.call(ctx, client, a)
	err = explain(name, a, err)
	if result != nil {
		if a.json {
			con.rawResult(a.raw.Body)
		} else if perr := con.table(result); perr != nil {
			return perr
		}
	}
	return err
}

// newClient builds the wrapper client from the flags and JUSPAY_API_KEY;
// plain http to a host that is not loopback needs --insecure-http, and warns.
func newClient(a *callArgs, getenv func(string) string, stderr io.Writer) (*wrapper.Client, error) {
	key := getenv("JUSPAY_API_KEY")
	if key == "" {
		return nil, usageError{"JUSPAY_API_KEY is not set: export your Juspay API key (it is never printed)"}
	}
	if a.timeout <= 0 {
		return nil, usageError{fmt.Sprintf("--timeout %v: must be positive", a.timeout)}
	}
	opts := []wrapper.Option{wrapper.WithTimeout(a.timeout), wrapper.WithUserAgentSuffix("juspay-accounts-cli")}
	if caFile := cmp.Or(a.caFile, getenv(caFileEnv)); caFile != "" {
		opts = append(opts, wrapper.WithCAFile(caFile))
	}
	u, err := url.Parse(a.baseURL)
	plainRemote := err == nil && u.Scheme == "http" && !endpoint.IsLoopback(u.Hostname())
	switch {
	case a.insecureHTTP && (err != nil || u.Scheme != "http"):
		return nil, usageError{"--insecure-http is for a --base-url (or $" + baseURLEnv + ") that starts with http://"}
	case plainRemote && !a.insecureHTTP:
		return nil, usageError{"--base-url: plain http is allowed only to a loopback host; use https (serve --tls and --ca-file), or opt in with --insecure-http"}
	case plainRemote:
		fmt.Fprintf(stderr, "juspay-accounts: warning: --insecure-http: sending the API key and account data to %s unencrypted; use only on a network you trust\n", u.Host)
		opts = append(opts, wrapper.WithInsecurePlainHTTP())
	}
	if a.baseURL != "" {
		opts = append(opts, wrapper.WithBaseURL(a.baseURL))
	} else {
		env, ok := environments[a.env]
		if !ok {
			return nil, usageError{fmt.Sprintf("--env %q: want sandbox, production or production-static", a.env)}
		}
		opts = append(opts, wrapper.WithEnvironment(env))
	}
	opts = append(opts, dots(stderr, &a.polling))
	if a.merchantID != "" {
		opts = append(opts, wrapper.WithMerchantID(a.merchantID))
	}
	if a.apiVersion != "" {
		opts = append(opts, wrapper.WithAPIVersion(a.apiVersion))
	}
	c, err := wrapper.New(key, opts...)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return c, nil
}

// dots prints a dot on w before each request while polling is set.
func dots(w io.Writer, polling *atomic.Bool) wrapper.Option {
	return wrapper.WithMiddleware(func(req *http.Request, _ wrapper.Attempt, next wrapper.MiddlewareNext) (*http.Response, error) {
		if polling.Load() {
			_, _ = io.WriteString(w, ".")
		}
		return next(req)
	})
}

var environments = map[string]wrapper.Environment{
	"sandbox":           wrapper.Sandbox,
	"production":        wrapper.Production,
	"production-static": wrapper.ProductionStatic,
}

// callOpts are the per-call options: the routing id, and --json's raw response.
func callOpts(a *callArgs) []wrapper.Option {
	var opts []wrapper.Option
	if a.routingID != "" {
		opts = append(opts, wrapper.WithRoutingID(a.routingID))
	}
	if a.json {
		opts = append(opts, wrapper.WithRawResponse(&a.raw))
	}
	return opts
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `juspay-accounts: Juspay Customer Accounts from the command line.

Usage: juspay-accounts <command> [flags]

Offline:
  demo      run the whole lifecycle against an in-process emulator (no key, no network)
  serve     run the emulator on --addr (default 127.0.0.1:8080)
  control   drive an emulator run with serve --control: force outcomes and faults, seed, see requests

Real calls (key from JUSPAY_API_KEY) go to --base-url or --env sandbox|production|production-static;
with neither given, to $JUSPAY_BASE_URL if set, else to sandbox (https://sandbox.juspay.in):
`)
	for _, n := range slices.Sorted(maps.Keys(commands)) {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\n"+v32Help("Deprecated v3.2 bank accounts: juspay-accounts v32 <command>")+`
Other: version (or --version), help [command].

Run 'juspay-accounts <command> -h' for a command's flags. Results go to stdout,
errors to stderr; --json prints the response body byte for byte as received.
`+exitCodesHelp)
}

// v32Help lists the v3.2 subcommands under heading, then the flags they share.
func v32Help(heading string) string {
	s := heading + "\n"
	for _, n := range slices.Sorted(maps.Keys(legacyCommands)) {
		s += fmt.Sprintf("  %-9s %s\n", n, legacyCommands[n].summary)
	}
	return s + "\n" + callFlagsHelp + "\n"
}

// callFlagsHelp names the flags every API and v32 command shares.
const callFlagsHelp = `Flags of every real call and v32 command (demo, serve, control and version have their own):
  --customer ID, --json, --routing-id, --merchant-id, --api-version, --timeout, --env, --base-url,
  --ca-file (default $JUSPAY_CA_FILE), --insecure-http.`

// exitCodesHelp ends every help text.
const exitCodesHelp = `
Exit codes: 0 ok, 2 usage, 3 input rejected before sending, 4 Juspay said 4xx,
5 server/network failure, 6 validation FAILURE, 7 timed out, 8 await on a
CREATED (never validated) account, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
`

// baseURLEnv and caFileEnv name the defaults of --base-url and --ca-file.
const (
	baseURLEnv  = "JUSPAY_BASE_URL"
	caFileEnv   = "JUSPAY_CA_FILE"
	caFileUsage = "PEM certificate(s) to trust besides the system's, e.g. the one serve --tls wrote\n(default $" + caFileEnv + ")"
)
