package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// controlCommand is one subcommand of `juspay-accounts control`.
type controlCommand struct {
	summary string
	run     func(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error
}

var controlCommands = map[string]controlCommand{
	"force-validation": {"force how the next penny drops end (--outcome ACTIVE|FAILURE|PENDING)", runForceValidation},
	"fault":            {"make the next calls fail (--status), wait (--delay) or lose their connection (--reset)", runFault},
	"seed":             {"create the accounts of a JSON file (--file) in their given states", runSeed},
	"requests":         {"list the requests the emulator received (key masked)", runRequests},
	"rules":            {"list the forcing rules not used up yet", runRules},
	"reset":            {"clear the forcing rules (--requests: and the recorded requests)", runReset},
}

// defaultControlURL is where control goes when neither --base-url nor
// JUSPAY_BASE_URL says otherwise: serve's default address.
const defaultControlURL = "http://127.0.0.1:8080"

// runControl drives the control endpoint of `serve --control`.
func runControl(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	names := make([]string, 0, len(controlCommands))
	for n := range controlCommands {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usageError{"control: name a command: " + strings.Join(names, ", ") + " (juspay-accounts control -h)"}
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, "juspay-accounts control <command> [--base-url URL] ...: drive an emulator run with serve --control")
		fmt.Fprintln(stdout, "(the key comes from JUSPAY_API_KEY; the emulator from --base-url, else $"+baseURLEnv+", else "+defaultControlURL+";")
		fmt.Fprintln(stdout, "see README, Emulator control)")
		for _, n := range names {
			fmt.Fprintf(stdout, "  %-17s %s\n", n, controlCommands[n].summary)
		}
		return flag.ErrHelp
	}
	cmd, ok := controlCommands[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("control: unknown command %q%s (want one of %s)", args[0], didYouMean(args[0], names), strings.Join(names, ", "))}
	}
	name := "control " + args[0]
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // a mistake is returned and printed once, on stderr
	fs.Usage = func() {}
	base := fs.String("base-url", "", "URL of an emulator run with serve --control\n"+
		"(default $"+baseURLEnv+"; with neither set, "+defaultControlURL+")")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of the call")
	caFile := fs.String("ca-file", "", "PEM certificate(s) to trust besides the system's, e.g. the one serve --tls wrote\n(default $"+caFileEnv+")")
	c := &controlClient{}
	return cmd.run(ctx, c, fs, args[1:], stdout, &controlSetup{
		usage: func() { // help asked for: on stdout
			fmt.Fprintf(stdout, "juspay-accounts %s: %s\n\nFlags:\n", name, cmd.summary)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
		},
		init: func() error {
			if !flagGiven(fs, "base-url") {
				*base = getenv(baseURLEnv)
			}
			if *base == "" {
				*base = defaultControlURL
			}
			if *caFile == "" {
				*caFile = getenv(caFileEnv)
			}
			if err := c.init(*base, getenv("JUSPAY_API_KEY"), *timeout); err != nil {
				return err
			}
			if *caFile == "" {
				return nil
			}
			tr, err := endpoint.TrustCA(nil, *caFile)
			if err != nil {
				return usageError{"--ca-file " + err.Error()}
			}
			c.hc.Transport = tr
			return nil
		},
	})
}

// controlSetup is what a control subcommand does once its own flags are
// declared: print its help, or set up the client from the parsed flags.
type controlSetup struct {
	usage func()
	init  func() error
}

func flagGiven(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// parseControl parses the subcommand's flags and sets up the client.
func parseControl(fs *flag.FlagSet, args []string, setup *controlSetup) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			setup.usage()
			return err
		}
		return usageError{fmt.Sprintf("%s: %s%s (run 'juspay-accounts %s -h')", fs.Name(), unquoteFlagValue(err), flagHint(fs, err), fs.Name())}
	}
	if fs.NArg() > 0 {
		// Not quoted: a value that lost its flag may be personal data.
		return usageError{fmt.Sprintf("%s: %d unexpected argument(s) after the flags; every value needs its flag", fs.Name(), fs.NArg())}
	}
	return setup.init()
}

// controlClient calls the control endpoint with the API key.
type controlClient struct {
	base string
	key  string
	hc   *http.Client
}

func (c *controlClient) init(base, key string, timeout time.Duration) error {
	if key == "" {
		return usageError{"JUSPAY_API_KEY is not set: the control endpoint needs a key the emulator accepts"}
	}
	b, err := endpoint.CheckBaseURL(base, false)
	if err != nil {
		return usageError{"--" + strings.Replace(err.Error(), "base URL: ", "base-url: ", 1)}
	}
	c.base, c.key = b, key
	c.hc = &http.Client{Timeout: timeout}
	return nil
}

// controlHTTPError is an answer of the control endpoint outside 2xx; it
// unwraps to a *wrapper.APIError so that the exit code follows the status.
type controlHTTPError struct {
	status int
	msg    string
}

func (e *controlHTTPError) Error() string {
	return fmt.Sprintf("control: HTTP %d: %s", e.status, e.msg)
}

func (e *controlHTTPError) Unwrap() error { return &wrapper.APIError{StatusCode: e.status} }

// do sends a JSON body (nil for none) and returns the answer's body.
func (c *controlClient) do(ctx context.Context, method, route string, body any) ([]byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+api.ControlPrefix+route, r)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.key, "")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("control: %w", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("control: reading the answer: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			ErrorCode    string `json:"error_code"`
			ErrorMessage string `json:"error_message"`
		}
		_ = json.Unmarshal(b, &e)
		msg := strings.TrimSpace(e.ErrorCode + ": " + e.ErrorMessage)
		if e.ErrorCode == "" {
			msg = http.StatusText(resp.StatusCode)
		}
		if resp.StatusCode == http.StatusNotFound && e.ErrorMessage != "" && !strings.Contains(e.ErrorMessage, "control route") {
			msg += " (is the emulator running with --control?)"
		}
		return nil, &controlHTTPError{status: resp.StatusCode, msg: msg}
	}
	return b, nil
}

// durationFlag is an optional duration flag.
type durationFlag struct{ d *api.Duration }

func (f *durationFlag) String() string {
	if f == nil || f.d == nil {
		return ""
	}
	return time.Duration(*f.d).String()
}

func (f *durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	v := api.Duration(d)
	f.d = &v
	return nil
}

func runForceValidation(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error {
	var f api.ForceValidation
	var outcome string
	var delay durationFlag
	fs.StringVar(&f.CustomerID, "customer", "", "only this customer's accounts")
	fs.StringVar(&f.AccountID, "account", "", "only this account")
	fs.StringVar(&f.Value, "value", "", "only accounts whose account number or VPA is this")
	fs.StringVar(&outcome, "outcome", "", "ACTIVE, FAILURE or PENDING (required)")
	fs.Var(&delay, "delay", "how long the validation stays PENDING first (default: the server's --delay)")
	fs.IntVar(&f.Times, "times", 1, "how many penny drops it applies to (-1: every one)")
	if err := parseControl(fs, args, setup); err != nil {
		return err
	}
	o, err := api.ParseOutcome(outcome)
	if err != nil {
		return usageError{"control force-validation: --outcome: want ACTIVE, FAILURE or PENDING"}
	}
	f.Outcome, f.Delay = o, delay.d
	return c.printRules(ctx, stdout, "validations", f)
}

func runFault(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error {
	var f api.Fault
	var delay time.Duration
	headers := headerFlag{}
	fs.StringVar(&f.Operation, "operation", "", "operationId, e.g. getCustomerAccount (default: every operation)")
	fs.StringVar(&f.CustomerID, "customer", "", "only this customer's calls")
	fs.IntVar(&f.Times, "times", 1, "how many calls it applies to (-1: every one)")
	fs.IntVar(&f.Status, "status", 0, "answer with this HTTP status and a Juspay error body")
	fs.StringVar(&f.ErrorCode, "error-code", "", "error_code of the body")
	fs.StringVar(&f.Code, "code", "", "error_info.code of the body")
	fs.StringVar(&f.Message, "message", "", "error message of the body")
	fs.DurationVar(&delay, "delay", 0, "hold each call this long first (at most 10s)")
	fs.BoolVar(&f.Reset, "reset", false, "close the connection without an answer")
	fs.Var(headers, "header", "NAME=VALUE response header, e.g. Retry-After=1 (repeatable)")
	if err := parseControl(fs, args, setup); err != nil {
		return err
	}
	if err := checkOperation("control fault", f.Operation); err != nil {
		return err
	}
	f.Delay = api.Duration(delay)
	if len(headers) > 0 {
		f.Header = headers
	}
	return c.printRules(ctx, stdout, "faults", f)
}

// checkOperation refuses an --operation that is not an operationId of
// openapi.yaml, naming the valid ones ("" is every operation).
func checkOperation(cmd, op string) error {
	if op == "" || gen.OperationID(op).Valid() {
		return nil
	}
	var ids []string
	for _, id := range gen.OperationIDs() {
		ids = append(ids, string(id))
	}
	return usageError{cmd + ": --operation: not an operation id of openapi.yaml; want one of " + strings.Join(ids, ", ")}
}

type headerFlag map[string]string

func (h headerFlag) String() string { return "" }

func (h headerFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("want NAME=VALUE")
	}
	h[k] = v
	return nil
}

// printRules posts a rule and prints how many rules are pending.
func (c *controlClient) printRules(ctx context.Context, stdout io.Writer, route string, rule any) error {
	b, err := c.do(ctx, http.MethodPost, route, rule)
	if err != nil {
		return err
	}
	var rules api.Rules
	if err := json.Unmarshal(b, &rules); err != nil {
		return fmt.Errorf("control: the answer is not the rules: %w", err)
	}
	fmt.Fprintf(stdout, "rule added; pending: %d validation rule(s), %d fault(s)\n", len(rules.Validations), len(rules.Faults))
	return nil
}

func runSeed(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error {
	file := fs.String("file", "", "JSON array of accounts (the format of serve --seed-file); - for stdin (required)")
	if err := parseControl(fs, args, setup); err != nil {
		return err
	}
	var seed []api.SeedAccount
	var err error
	switch *file {
	case "":
		return usageError{"control seed: --file is required"}
	case "-":
		seed, err = api.ReadSeed(os.Stdin)
	default:
		seed, err = api.ReadSeedFile(*file)
	}
	if err != nil {
		return usageError{"control seed: " + err.Error()}
	}
	b, err := c.do(ctx, http.MethodPost, "accounts", seed)
	if err != nil {
		return err
	}
	var out struct {
		IDs []string `json:"ids"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("control: the answer has no ids: %w", err)
	}
	for _, id := range out.IDs {
		fmt.Fprintln(stdout, redact.Escape(id))
	}
	return nil
}

func runRequests(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error {
	op := fs.String("operation", "", "only requests of this operationId")
	cust := fs.String("customer", "", "only this customer's requests")
	asJSON := fs.Bool("json", false, "print the endpoint's JSON unchanged (form and query values masked by the emulator) instead of a table")
	if err := parseControl(fs, args, setup); err != nil {
		return err
	}
	if err := checkOperation("control requests", *op); err != nil {
		return err
	}
	q := url.Values{}
	if *op != "" {
		q.Set("operation", *op)
	}
	if *cust != "" {
		q.Set("customer_id", *cust)
	}
	route := "requests"
	if len(q) > 0 {
		route += "?" + q.Encode()
	}
	b, err := c.do(ctx, http.MethodGet, route, nil)
	if err != nil {
		return err
	}
	if *asJSON {
		_, err := stdout.Write(b)
		return err
	}
	var out struct {
		Requests []api.RecordedRequest `json:"requests"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("control: the answer is not a request list: %w", err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tMETHOD\tPATH\tOPERATION\tSTATUS\tX-ROUTING-ID\tFORM (masked)")
	for _, r := range out.Requests {
		status := fmt.Sprint(r.Status)
		if r.Forced {
			status += " (forced)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Time.UTC().Format(time.RFC3339), printable(r.Method), printable(r.Path),
			orDash(printable(r.Operation)), status, orDash(printable(r.RoutingID())), orDash(maskedForm(r.Form)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "(%d requests)\n", len(out.Requests))
	return nil
}

func runRules(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error {
	asJSON := fs.Bool("json", false, "print the endpoint's JSON unchanged (values unmasked) instead of a table")
	if err := parseControl(fs, args, setup); err != nil {
		return err
	}
	b, err := c.do(ctx, http.MethodGet, "rules", nil)
	if err != nil {
		return err
	}
	if *asJSON {
		_, err := stdout.Write(b)
		return err
	}
	var rules api.Rules
	if err := json.Unmarshal(b, &rules); err != nil {
		return fmt.Errorf("control: the answer is not the rules: %w", err)
	}
	return printRulesTable(stdout, rules)
}

func runReset(ctx context.Context, c *controlClient, fs *flag.FlagSet, args []string, stdout io.Writer, setup *controlSetup) error {
	requests := fs.Bool("requests", false, "also forget the recorded requests")
	if err := parseControl(fs, args, setup); err != nil {
		return err
	}
	if _, err := c.do(ctx, http.MethodDelete, "rules", nil); err != nil {
		return err
	}
	what := "rules cleared"
	if *requests {
		if _, err := c.do(ctx, http.MethodDelete, "requests", nil); err != nil {
			return err
		}
		what = "rules and recorded requests cleared"
	}
	fmt.Fprintln(stdout, what)
	return nil
}
