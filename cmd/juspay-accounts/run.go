package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// command is one API subcommand: its flags and what it calls.
type command struct {
	summary string
	flags   func(fs *flag.FlagSet, a *callArgs)
	call    func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error)
}

// callArgs holds every flag an API subcommand may take.
type callArgs struct {
	// connection
	env, baseURL, merchantID, apiVersion, routingID string
	timeout                                         time.Duration
	json                                            bool
	caFile                                          string // --ca-file, default $JUSPAY_CA_FILE (clientconn.go)
	insecureHTTP                                    bool
	raw                                             wrapper.RawResponse // the response as received, filled with --json
	// ids and inputs
	customer, account, vpa, accountNumber, ifsc, bankCode, name string
	gatewayID, gatewayRef, amount                               string
	validate                                                    bool
	offset, count                                               int
	wait                                                        time.Duration
	metadata                                                    metadataFlag
	// progress is where await says it is waiting (stderr); polling is set
	// while it polls, so that each poll prints a dot there.
	progress io.Writer
	polling  atomic.Bool
}

// run executes one command line and returns the process exit code. Results
// go to stdout; errors, and usage shown because of a mistake, go to stderr;
// help asked for (-h, --help, help) goes to stdout with exit 0. Everything
// written is masked by the console's secrets.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	con := newConsole(stdout, stderr, getenv("JUSPAY_API_KEY"))
	err := dispatch(ctx, con, args, getenv)
	if errors.Is(err, flag.ErrHelp) { // help was asked for and printed
		return exitOK
	}
	if err != nil {
		con.fail(ctx, err)
	}
	return exitCodeFor(err)
}

// dispatch runs the command args name.
func dispatch(ctx context.Context, con *console, args []string, getenv func(string) string) error {
	if len(args) == 0 {
		printUsage(con.stderr)
		return usageError{"name a command"}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(con, rest)
	case "version", "-version", "--version":
		if wantsHelp(rest) {
			fmt.Fprintln(con.stdout, "juspay-accounts version: print the module version, the commit and the Go version it was built with")
			return flag.ErrHelp
		}
		if len(rest) > 0 {
			return usageError{fmt.Sprintf("version: unexpected argument %q", rest[0])}
		}
		fmt.Fprintln(con.stdout, versionLine())
		return nil
	case "demo":
		if wantsHelp(rest) {
			return runDemo(ctx, rest, con.stdout, con.stdout)
		}
		return runDemo(ctx, rest, con.stdout, con.stderr)
	case "serve":
		if wantsHelp(rest) { // serve's flag set prints its help where it logs
			return runServe(ctx, rest, con.stdout, getenv)
		}
		return runServe(ctx, rest, con.stderr, getenv)
	case "control":
		return runControl(ctx, rest, con.stdout, getenv)
	case "v32":
		if len(rest) == 0 {
			return usageError{"v32: name a subcommand: " + strings.Join(sortedNames(legacyCommands), ", ")}
		}
		sub := rest[0]
		if sub == "help" || sub == "-h" || sub == "-help" || sub == "--help" {
			printV32Usage(con.stdout)
			return flag.ErrHelp
		}
		cmd, ok := legacyCommands[sub]
		if !ok {
			return usageError{fmt.Sprintf("v32: unknown subcommand %q%s (want one of %s)", sub, didYouMean(sub, sortedNames(legacyCommands)), strings.Join(sortedNames(legacyCommands), ", "))}
		}
		return runCall(ctx, con, "v32 "+sub, cmd, rest[1:], getenv)
	default:
		cmd, ok := commands[name]
		if !ok {
			return usageError{fmt.Sprintf("unknown command %q%s (run 'juspay-accounts help')", name, didYouMean(name, commandNames()))}
		}
		return runCall(ctx, con, name, cmd, rest, getenv)
	}
}

// help prints the overall usage, or one command's (help list, help v32 create).
func help(con *console, args []string) error {
	if len(args) == 0 {
		printUsage(con.stdout)
		return flag.ErrHelp
	}
	switch args[0] {
	case "v32":
		if len(args) == 1 {
			printV32Usage(con.stdout)
			return flag.ErrHelp
		}
		if cmd, ok := legacyCommands[args[1]]; ok {
			return printCommandUsage(con.stdout, "v32 "+args[1], cmd)
		}
	case "demo", "serve", "version":
		return dispatch(context.Background(), con, []string{args[0], "-h"}, func(string) string { return "" })
	default:
		if cmd, ok := commands[args[0]]; ok {
			return printCommandUsage(con.stdout, args[0], cmd)
		}
	}
	return usageError{fmt.Sprintf("help: unknown command %q", strings.Join(args, " "))}
}

// wantsHelp reports whether args ask for help (-h, -help or --help).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--", "-":
			return false
		}
	}
	return false
}

// flagSet returns the flag set of an API subcommand: the connection flags
// every call shares, then the command's own.
func flagSet(name string, cmd command, a *callArgs) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, help printed by printCommandUsage
	fs.Usage = func() {}
	fs.StringVar(&a.env, "env", "sandbox", "Juspay environment: sandbox (https://sandbox.juspay.in), production or production-static")
	fs.StringVar(&a.baseURL, "base-url", "", "base URL instead of --env, for example the emulator's http://127.0.0.1:8080\n"+
		"(default $"+baseURLEnv+", unless --env is given; with neither set, calls go to the --env URL: sandbox)")
	fs.StringVar(&a.merchantID, "merchant-id", "", "x-merchantid header")
	fs.StringVar(&a.apiVersion, "api-version", "", "version header (YYYY-MM-DD)")
	fs.StringVar(&a.routingID, "routing-id", "", "x-routing-id header (default: the customer id)")
	fs.DurationVar(&a.timeout, "timeout", 30*time.Second, "timeout of each call, retries included")
	fs.StringVar(&a.caFile, "ca-file", "", "PEM certificate(s) to trust besides the system's, e.g. the one serve --tls wrote\n(default $"+caFileEnv+")")
	fs.BoolVar(&a.insecureHTTP, "insecure-http", false, "allow a plain http:// --base-url to a host that is not loopback (key and data unencrypted; warns)")
	fs.BoolVar(&a.json, "json", false, "print the response body byte for byte as received (unmasked, for scripts) instead of a table")
	fs.StringVar(&a.customer, "customer", "", "customer id (required)")
	cmd.flags(fs, a)
	return fs
}

// printCommandUsage prints a subcommand's summary, flags and exit codes.
func printCommandUsage(w io.Writer, name string, cmd command) error {
	fs := flagSet(name, cmd, &callArgs{})
	fmt.Fprintf(w, "Usage: juspay-accounts %s [flags]\n\n%s.\n\nFlags:\n", name, cmd.summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nThe API key is read from JUSPAY_API_KEY and never printed.\n"+exitCodesHelp)
	return flag.ErrHelp
}

// runCall parses the flags of an API subcommand, builds the client and prints the result.
func runCall(ctx context.Context, con *console, name string, cmd command, args []string, getenv func(string) string) error {
	a := &callArgs{}
	fs := flagSet(name, cmd, a)
	err := fs.Parse(args)
	con.json = a.json || slices.Contains(args, "--json") || slices.Contains(args, "-json") // errors too, even a bad flag
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return printCommandUsage(con.stdout, name, cmd)
		}
		return usageError{fmt.Sprintf("%s: %s%s (run 'juspay-accounts %s -h')", name, unquoteFlagValue(err), flagHint(fs, err), name)}
	}
	con.addPersonal(a)
	if !flagGiven(fs, "base-url") && !flagGiven(fs, "env") {
		a.baseURL = getenv(baseURLEnv)
	}
	if fs.NArg() > 0 {
		// Not quoted: a value that lost its flag may be personal data.
		return usageError{fmt.Sprintf("%s: %d unexpected argument(s) after the flags; every value needs its flag, e.g. --name \"A B\"", name, fs.NArg())}
	}
	if a.customer == "" {
		return usageError{name + ": --customer is required"}
	}
	if name == "await" {
		a.progress = con.stderr
	}
	client, err := newClient(a, getenv, con.stderr)
	if err != nil {
		return explain(name, a, err)
	}
	result, err := cmd.call(ctx, client, a)
	err = explain(name, a, err) // hints.go
	if result != nil {
		if a.json {
			con.rawResult(a.raw.Body)
		} else if perr := con.table(result); perr != nil {
			return perr
		}
	}
	return err
}

// baseURLEnv names the variable that is the default of --base-url, for the
// API commands and for control alike.
const baseURLEnv = "JUSPAY_BASE_URL"

// flagValue matches the value the flag package quotes in its errors.
var flagValue = regexp.MustCompile(`^invalid (boolean )?value ".*" for flag`)

// unquoteFlagValue drops the value the flag package quotes in "invalid value
// "..." for flag -x: reason": it may be personal data (--metadata "Asha Rao").
func unquoteFlagValue(err error) string {
	return flagValue.ReplaceAllString(err.Error(), "invalid ${1}value for flag")
}

// newClient builds the wrapper client from the connection flags and
// JUSPAY_API_KEY; warnings go to stderr.
func newClient(a *callArgs, getenv func(string) string, stderr io.Writer) (*wrapper.Client, error) {
	key := getenv("JUSPAY_API_KEY")
	if key == "" {
		return nil, usageError{"JUSPAY_API_KEY is not set: export your Juspay API key (it is never printed)"}
	}
	if a.timeout <= 0 {
		return nil, usageError{fmt.Sprintf("--timeout %v: must be positive", a.timeout)}
	}
	opts, err := connOptions(a, getenv, stderr)
	if err != nil {
		return nil, err
	}
	opts = append(opts, wrapper.WithTimeout(a.timeout), wrapper.WithUserAgentSuffix("juspay-accounts-cli"))
	if a.baseURL != "" {
		opts = append(opts, wrapper.WithBaseURL(a.baseURL))
	} else {
		env, ok := environments[a.env]
		if !ok {
			return nil, usageError{fmt.Sprintf("--env %q: want sandbox, production or production-static", a.env)}
		}
		opts = append(opts, wrapper.WithEnvironment(env))
	}
	if a.progress != nil {
		opts = append(opts, wrapper.WithMiddleware(func(req *http.Request, _ wrapper.Attempt, next wrapper.MiddlewareNext) (*http.Response, error) {
			if a.polling.Load() {
				_, _ = io.WriteString(a.progress, ".")
			}
			return next(req)
		}))
	}
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

var environments = map[string]wrapper.Environment{
	"sandbox":           wrapper.Sandbox,
	"production":        wrapper.Production,
	"production-static": wrapper.ProductionStatic,
}

// callOpts are the per-call options of every request a command sends: the
// routing id, and with --json the capture of the response exactly as received.
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

func accountFlag(fs *flag.FlagSet, a *callArgs, what string) {
	fs.StringVar(&a.account, "account", "", what+" (required)")
}

func requireAccount(a *callArgs) error {
	if a.account == "" {
		return usageError{"--account is required"}
	}
	return nil
}

func bankFlags(fs *flag.FlagSet, a *callArgs) {
	fs.StringVar(&a.accountNumber, "account-number", "", "bank account number")
	fs.StringVar(&a.ifsc, "ifsc", "", "IFSC code of the branch")
	fs.StringVar(&a.bankCode, "bank-code", "", "Juspay bank code, e.g. JP_HDFC")
	fs.StringVar(&a.name, "name", "", "beneficiary name")
	fs.StringVar(&a.gatewayID, "gateway-id", "", "gateway to validate through")
	fs.StringVar(&a.gatewayRef, "gateway-reference-id", "", "reference id at that gateway")
	fs.BoolVar(&a.validate, "validate", false, "create and validate at once (a penny drop: money moves)")
}

// nilIfError turns a typed nil pointer into an untyped nil so that nothing is printed on error.
func nilIfError[T any](v *T, err error) (any, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return v, nil
}

// metadataFlag collects repeated --metadata KEY=VALUE flags.
type metadataFlag struct{ m map[string]string }

func (f *metadataFlag) String() string {
	if f == nil || len(f.m) == 0 {
		return ""
	}
	v := url.Values{}
	for k, val := range f.m {
		v.Set(k, val)
	}
	return v.Encode()
}

func (f *metadataFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return errors.New("want KEY=VALUE with a non-empty KEY") // never the value: it may be personal
	}
	if f.m == nil {
		f.m = map[string]string{}
	}
	f.m[k] = v
	return nil
}

func sortedNames(m map[string]command) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
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
	for _, n := range sortedNames(commands) {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nDeprecated v3.2 bank accounts: juspay-accounts v32 <command>\n")
	for _, n := range sortedNames(legacyCommands) {
		fmt.Fprintf(w, "  %-9s %s\n", n, legacyCommands[n].summary)
	}
	fmt.Fprint(w, `
`+callFlagsHelp+`

Other: version (or --version), help [command].

Run 'juspay-accounts <command> -h' for a command's flags. Results go to stdout,
errors to stderr; --json prints the response body byte for byte as received.
`+exitCodesHelp)
}

// callFlagsHelp names the flags every real call (and v32 command) shares;
// demo, serve, control and version have flags of their own.
const callFlagsHelp = `Flags of every real call and v32 command (demo, serve, control and version have their own):
  --customer ID, --json, --routing-id, --merchant-id, --api-version, --timeout, --env, --base-url,
  --ca-file (default $JUSPAY_CA_FILE), --insecure-http.`

// printV32Usage lists the v3.2 subcommands.
func printV32Usage(w io.Writer) {
	fmt.Fprint(w, "Usage: juspay-accounts v32 <command> [flags]\n\nDeprecated v3.2 bank accounts:\n")
	for _, n := range sortedNames(legacyCommands) {
		fmt.Fprintf(w, "  %-9s %s\n", n, legacyCommands[n].summary)
	}
	fmt.Fprint(w, "\n"+callFlagsHelp+"\n")
	fmt.Fprint(w, "\nRun 'juspay-accounts v32 <command> -h' for a command's flags.\n"+exitCodesHelp)
}

// exitCodesHelp ends every help text.
const exitCodesHelp = `
Exit codes: 0 ok, 2 usage, 3 input rejected before sending, 4 Juspay said 4xx,
5 server/network failure, 6 validation FAILURE, 7 timed out, 8 await on a
CREATED (never validated) account, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
`
