package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// controlCommand is a control subcommand: flags declares its flags, returns its action.
type controlCommand struct {
	summary string
	flags   func(fs *flag.FlagSet) func(ctx context.Context, c *controlClient, stdout io.Writer) error
}

var controlCommands = map[string]controlCommand{
	"force-validation": {"force how the next penny drops end (--outcome ACTIVE|FAILURE|PENDING)", forceValidationFlags},
	"fault":            {"make the next calls fail (--status), wait (--delay) or lose their connection (--reset)", faultFlags},
	"seed":             {"create the accounts of a JSON file (--file) in their given states", seedFlags},
	"requests":         {"list the requests the emulator received (key masked)", requestsFlags},
	"rules":            {"list the forcing rules not used up yet", rulesFlags},
	"reset":            {"clear the forcing rules (--requests: and the recorded requests)", resetFlags},
}

// defaultControlURL is serve's default address, control's when no URL is given.
const defaultControlURL = "http://127.0.0.1:8080"

// runControl drives the control endpoint of `serve --control`.
func runControl(ctx context.Context, args []string, stdout io.Writer, getenv func(string) string) error {
	names := slices.Sorted(maps.Keys(controlCommands))
	if len(args) == 0 {
		return usageError{"control: name a command: " + strings.Join(names, ", ") + " (juspay-accounts control -h)"}
	}
	if args[0] == "help" || isHelp(args[0]) {
		fmt.Fprint(stdout, "juspay-accounts control <command> [--base-url URL] ...: drive an emulator run with serve --control\n"+
			"(the key comes from JUSPAY_API_KEY; the emulator from --base-url, else $"+baseURLEnv+", else "+defaultControlURL+";\n"+
			"see README, Emulator control)\n")
		for _, n := range names {
			fmt.Fprintf(stdout, "  %-17s %s\n", n, controlCommands[n].summary)
		}
		return flag.ErrHelp
	}
	cmd, ok := controlCommands[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("control: unknown command %q%s (want one of %s)", args[0], didYouMean(args[0], names), strings.Join(names, ", "))}
	}
	fs := flag.NewFlagSet("control "+args[0], flag.ContinueOnError)
	base := fs.String("base-url", "", "URL of an emulator run with serve --control\n"+
		"(default $"+baseURLEnv+"; with neither set, "+defaultControlURL+")")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of the call")
	caFile := fs.String("ca-file", "", caFileUsage)
	act := cmd.flags(fs)
	if err := parseFlags(fs, args[1:], stdout, cmd.summary+".", ""); err != nil {
		return err
	}
	c, err := newControlClient(cmp.Or(*base, getenv(baseURLEnv), defaultControlURL), getenv("JUSPAY_API_KEY"), cmp.Or(*caFile, getenv(caFileEnv)), *timeout)
	if err != nil {
		return err
	}
	return act(ctx, c, stdout)
}

// controlClient calls the control endpoint with the API key.
type controlClient struct {
	base, key string
	hc        *http.Client
}

func newControlClient(base, key, caFile string, timeout time.Duration) (*controlClient, error) {
	if key == "" {
		return nil, usageError{"JUSPAY_API_KEY is not set: the control endpoint needs a key the emulator accepts"}
	}
	b, err := endpoint.CheckBaseURL(base, false)
	if err != nil {
		return nil, usageError{"--" + strings.Replace(err.Error(), "base URL: ", "base-url: ", 1)}
	}
	c := &controlClient{base: b, key: key, hc: &http.Client{Timeout: timeout}}
	if caFile != "" {
		tr, err := endpoint.TrustCA(nil, caFile)
		if err != nil {
			return nil, usageError{"--ca-file " + err.Error()}
		}
		c.hc.Transport = tr
	}
	return c, nil
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

// do sends body as JSON (nil for none), decodes the answer into out (nil for
// none) and returns the answer as received.
func (c *controlClient) do(ctx context.Context, method, route string, body, out any) ([]byte, error) {
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
		var e gen.ErrorResponse
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
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return nil, fmt.Errorf("control: the answer is not %T: %w", out, err)
		}
	}
	return b, nil
}

func forceValidationFlags(fs *flag.FlagSet) func(context.Context, *controlClient, io.Writer) error {
	var f api.ForceValidation
	fs.StringVar(&f.CustomerID, "customer", "", "only this customer's accounts")
	fs.StringVar(&f.AccountID, "account", "", "only this account")
	fs.StringVar(&f.Value, "value", "", "only accounts whose account number or VPA is this")
	outcome := fs.String("outcome", "", "ACTIVE, FAILURE or PENDING (required)")
	fs.Func("delay", "how long the validation stays PENDING first (default: the server's --delay)", func(s string) error {
		d, err := time.ParseDuration(s)
		f.Delay = (*api.Duration)(&d)
		return err
	})
	fs.IntVar(&f.Times, "times", 1, "how many penny drops it applies to (-1: every one)")
	return func(ctx context.Context, c *controlClient, stdout io.Writer) error {
		o, err := api.ParseOutcome(*outcome)
		if err != nil {
			return usageError{"control force-validation: --outcome: want ACTIVE, FAILURE or PENDING"}
		}
		f.Outcome = o
		return c.printRules(ctx, stdout, "validations", f)
	}
}

func faultFlags(fs *flag.FlagSet) func(context.Context, *controlClient, io.Writer) error {
	var f api.Fault
	fs.StringVar(&f.Operation, "operation", "", "operationId, e.g. getCustomerAccount (default: every operation)")
	fs.StringVar(&f.CustomerID, "customer", "", "only this customer's calls")
	fs.IntVar(&f.Times, "times", 1, "how many calls it applies to (-1: every one)")
	fs.IntVar(&f.Status, "status", 0, "answer with this HTTP status and a Juspay error body")
	fs.StringVar(&f.ErrorCode, "error-code", "", "error_code of the body")
	fs.StringVar(&f.Code, "code", "", "error_info.code of the body")
	fs.StringVar(&f.Message, "message", "", "error message of the body")
	fs.DurationVar((*time.Duration)(&f.Delay), "delay", 0, "hold each call this long first (at most 10s)")
	fs.BoolVar(&f.Reset, "reset", false, "close the connection without an answer")
	fs.Func("header", "NAME=VALUE response header, e.g. Retry-After=1 (repeatable)", pairInto(&f.Header, "NAME"))
	return func(ctx context.Context, c *controlClient, stdout io.Writer) error {
		if err := checkOperation("control fault", f.Operation); err != nil {
			return err
		}
		return c.printRules(ctx, stdout, "faults", f)
	}
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
	return usageError{cmd + ": --operation: not an operation id of openapi.yaml" + didYouMean(op, ids) + "\nwant one of: " + strings.Join(ids, ", ")}
}

// printRules posts a rule and prints how many rules are pending.
func (c *controlClient) printRules(ctx context.Context, stdout io.Writer, route string, rule any) error {
	var rules api.Rules
	if _, err := c.do(ctx, http.MethodPost, route, rule, &rules); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rule added; pending: %d validation rule(s), %d fault(s)\n", len(rules.Validations), len(rules.Faults))
	return nil
}

func seedFlags(fs *flag.FlagSet) func(context.Context, *controlClient, io.Writer) error {
	file := fs.String("file", "", "JSON array of accounts (the format of serve --seed-file); - for stdin (required)")
	return func(ctx context.Context, c *controlClient, stdout io.Writer) error {
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
		var out struct {
			IDs []string `json:"ids"`
		}
		if _, err := c.do(ctx, http.MethodPost, "accounts", seed, &out); err != nil {
			return err
		}
		for _, id := range out.IDs {
			fmt.Fprintln(stdout, redact.Escape(id))
		}
		return nil
	}
}

func requestsFlags(fs *flag.FlagSet) func(context.Context, *controlClient, io.Writer) error {
	op := fs.String("operation", "", "only requests of this operationId")
	cust := fs.String("customer", "", "only this customer's requests")
	asJSON := fs.Bool("json", false, "print the endpoint's JSON unchanged (form and query values masked by the emulator) instead of a table")
	return func(ctx context.Context, c *controlClient, stdout io.Writer) error {
		if err := checkOperation("control requests", *op); err != nil {
			return err
		}
		q := url.Values{"operation": {*op}, "customer_id": {*cust}} // empty: no filter
		var out struct {
			Requests []api.RecordedRequest `json:"requests"`
		}
		b, err := c.do(ctx, http.MethodGet, "requests?"+q.Encode(), nil, &out)
		if err != nil || *asJSON {
			return writeIfOK(stdout, b, err)
		}
		return printRequestsTable(stdout, out.Requests)
	}
}

func rulesFlags(fs *flag.FlagSet) func(context.Context, *controlClient, io.Writer) error {
	asJSON := fs.Bool("json", false, "print the endpoint's JSON unchanged (values unmasked) instead of a table")
	return func(ctx context.Context, c *controlClient, stdout io.Writer) error {
		var rules api.Rules
		b, err := c.do(ctx, http.MethodGet, "rules", nil, &rules)
		if err != nil || *asJSON {
			return writeIfOK(stdout, b, err)
		}
		return printRulesTable(stdout, rules)
	}
}

func writeIfOK(w io.Writer, b []byte, err error) error {
	if err == nil {
		_, err = w.Write(b)
	}
	return err
}

func resetFlags(fs *flag.FlagSet) func(context.Context, *controlClient, io.Writer) error {
	requests := fs.Bool("requests", false, "also forget the recorded requests")
	return func(ctx context.Context, c *controlClient, stdout io.Writer) error {
		if _, err := c.do(ctx, http.MethodDelete, "rules", nil, nil); err != nil {
			return err
		}
		what := "rules cleared"
		if *requests {
			if _, err := c.do(ctx, http.MethodDelete, "requests", nil, nil); err != nil {
				return err
			}
			what = "rules and recorded requests cleared"
		}
		fmt.Fprintln(stdout, what)
		return nil
	}
}
