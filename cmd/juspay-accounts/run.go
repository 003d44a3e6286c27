package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
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
	// ids and inputs
	customer, account, vpa, accountNumber, ifsc, bankCode, name string
	gatewayID, gatewayRef, amount                               string
	validate                                                    bool
	offset, count                                               int
	wait                                                        time.Duration
	metadata                                                    metadataFlag
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	var err error
	switch name {
	case "help", "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	case "version":
		fmt.Fprintln(stdout, "juspay-accounts", wrapper.Version)
		return exitOK
	case "demo":
		err = runDemo(ctx, rest, stdout)
	case "serve":
		err = runServe(ctx, rest, stderr)
	case "v32":
		if len(rest) == 0 {
			err = usageError{"v32: name a subcommand: " + strings.Join(sortedNames(legacyCommands), ", ")}
			break
		}
		cmd, ok := legacyCommands[rest[0]]
		if !ok {
			err = usageError{fmt.Sprintf("v32: unknown subcommand %q (want one of %s)", rest[0], strings.Join(sortedNames(legacyCommands), ", "))}
			break
		}
		err = runCall(ctx, "v32 "+rest[0], cmd, rest[1:], stdout, getenv)
	default:
		cmd, ok := commands[name]
		if !ok {
			err = usageError{fmt.Sprintf("unknown command %q (run 'juspay-accounts help')", name)}
			break
		}
		err = runCall(ctx, name, cmd, rest, stdout, getenv)
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintln(stderr, "juspay-accounts:", err)
	}
	return exitCodeFor(err)
}

// runCall parses the flags of an API subcommand, builds the client and prints the result.
func runCall(ctx context.Context, name string, cmd command, args []string, stdout io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stdout)
	a := &callArgs{}
	fs.StringVar(&a.env, "env", "sandbox", "Juspay environment: sandbox, production or production-static")
	fs.StringVar(&a.baseURL, "base-url", "", "base URL instead of --env (for example the emulator's http://127.0.0.1:8080)")
	fs.StringVar(&a.merchantID, "merchant-id", "", "x-merchantid header")
	fs.StringVar(&a.apiVersion, "api-version", "", "version header (YYYY-MM-DD)")
	fs.StringVar(&a.routingID, "routing-id", "", "x-routing-id header (default: the customer id)")
	fs.DurationVar(&a.timeout, "timeout", 30*time.Second, "timeout of each call, retries included")
	fs.BoolVar(&a.json, "json", false, "print the API's JSON instead of a table")
	fs.StringVar(&a.customer, "customer", "", "customer id (required)")
	cmd.flags(fs, a)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "juspay-accounts %s: %s\n\nFlags:\n", name, cmd.summary)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{fmt.Sprintf("%s: %v", name, err)}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", name, fs.Arg(0))}
	}
	if a.customer == "" {
		return usageError{name + ": --customer is required"}
	}
	client, err := newClient(a, getenv)
	if err != nil {
		return err
	}
	result, err := cmd.call(ctx, client, a)
	if result != nil {
		if perr := render(stdout, result, a.json); perr != nil {
			return perr
		}
	}
	return err
}

// newClient builds the wrapper client from the connection flags and JUSPAY_API_KEY.
func newClient(a *callArgs, getenv func(string) string) (*wrapper.Client, error) {
	key := getenv("JUSPAY_API_KEY")
	if key == "" {
		return nil, usageError{"JUSPAY_API_KEY is not set: export your Juspay API key (it is never printed)"}
	}
	opts := []wrapper.Option{wrapper.WithTimeout(a.timeout), wrapper.WithUserAgentSuffix("juspay-accounts-cli")}
	if a.baseURL != "" {
		opts = append(opts, wrapper.WithBaseURL(a.baseURL))
	} else {
		env, ok := environments[a.env]
		if !ok {
			return nil, usageError{fmt.Sprintf("--env %q: want sandbox, production or production-static", a.env)}
		}
		opts = append(opts, wrapper.WithEnvironment(env))
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

func callOpts(a *callArgs) []wrapper.CallOption {
	if a.routingID == "" {
		return nil
	}
	return []wrapper.CallOption{wrapper.WithRoutingID(a.routingID)}
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

var commands = map[string]command{
	"list": {
		summary: "list a customer's accounts",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			fs.IntVar(&a.offset, "offset", 0, "index of the first account")
			fs.IntVar(&a.count, "count", 0, "maximum number of accounts")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			var page *wrapper.ListOptions
			if a.offset != 0 || a.count != 0 {
				page = &wrapper.ListOptions{Offset: a.offset, Count: a.count}
			}
			return nilIfError(c.ListCustomerAccounts(ctx, a.customer, page, callOpts(a)...))
		},
	},
	"get": {
		summary: "get one customer account",
		flags:   func(fs *flag.FlagSet, a *callArgs) { accountFlag(fs, a, "customer account id") },
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			if err := requireAccount(a); err != nil {
				return nil, err
			}
			return nilIfError(c.GetCustomerAccount(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
	"create": {
		summary: "create a customer account (bank account or VPA); --validate also starts the penny drop",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			bankFlags(fs, a)
			fs.StringVar(&a.vpa, "vpa", "", "UPI VPA, instead of a bank account")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			in := wrapper.AccountInput{VPA: a.vpa, GatewayID: a.gatewayID, GatewayReferenceID: a.gatewayRef}
			if a.accountNumber != "" || a.ifsc != "" || a.bankCode != "" || a.name != "" {
				in.BankAccount = &wrapper.BankAccountDetailsInput{
					BankCode: a.bankCode, AccountNumber: a.accountNumber, IFSC: a.ifsc, BeneficiaryName: a.name,
				}
			}
			if a.validate {
				return nilIfError(c.CreateAndValidateCustomerAccounts(ctx, a.customer, in, callOpts(a)...))
			}
			return nilIfError(c.CreateCustomerAccounts(ctx, a.customer, in, callOpts(a)...))
		},
	},
	"validate": {
		summary: "validate a customer account by penny drop (money moves; never retried)",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			accountFlag(fs, a, "customer account id")
			fs.StringVar(&a.gatewayID, "gateway-id", "", "preferred gateway")
			fs.StringVar(&a.amount, "amount", "", "penny drop amount in rupees (default: Juspay's, 1)")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			if err := requireAccount(a); err != nil {
				return nil, err
			}
			var in *wrapper.ValidateInput
			if a.gatewayID != "" || a.amount != "" {
				in = &wrapper.ValidateInput{GatewayID: a.gatewayID, Amount: wrapper.Amount(a.amount)}
			}
			return nilIfError(c.ValidateCustomerAccount(ctx, a.customer, a.account, in, callOpts(a)...))
		},
	},
	"await": {
		summary: "poll a customer account until its validation is ACTIVE or FAILURE",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			accountFlag(fs, a, "customer account id")
			fs.DurationVar(&a.wait, "wait", 2*time.Minute, "how long to wait at most")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			if err := requireAccount(a); err != nil {
				return nil, err
			}
			ctx, cancel := context.WithTimeout(ctx, a.wait)
			defer cancel()
			acc, err := c.AwaitValidation(ctx, a.customer, a.account, &wrapper.AwaitOptions{RoutingID: a.routingID})
			if err != nil {
				return nil, err
			}
			if acc.ValidationStatus == wrapper.StatusFailure {
				return acc, errValidationFailed
			}
			return acc, nil
		},
	},
}

var legacyCommands = map[string]command{
	"create": {
		summary: "[deprecated v3.2] create a bank account; --validate also validates it",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			bankFlags(fs, a)
			fs.Var(&a.metadata, "metadata", "custom KEY=VALUE pair, sent as metadata.KEY (repeatable)")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			in := wrapper.BankAccountInput{
				BankCode: a.bankCode, AccountNumber: a.accountNumber, IFSC: a.ifsc, BeneficiaryName: a.name,
				GatewayID: a.gatewayID, GatewayReferenceID: a.gatewayRef, Metadata: a.metadata.m,
			}
			if a.validate {
				return nilIfError(c.BankAccountsV32().CreateAndValidate(ctx, a.customer, in, callOpts(a)...))
			}
			return nilIfError(c.BankAccountsV32().Create(ctx, a.customer, in, callOpts(a)...))
		},
	},
	"validate": {
		summary: "[deprecated v3.2] validate a bank account (money moves; never retried)",
		flags:   func(fs *flag.FlagSet, a *callArgs) { accountFlag(fs, a, "bank account id") },
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			if err := requireAccount(a); err != nil {
				return nil, err
			}
			return nilIfError(c.BankAccountsV32().Validate(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
	"list": {
		summary: "[deprecated v3.2] list a customer's bank accounts",
		flags:   func(*flag.FlagSet, *callArgs) {},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			return nilIfError(c.BankAccountsV32().List(ctx, a.customer, callOpts(a)...))
		},
	},
	"get": {
		summary: "[deprecated v3.2] get a bank account",
		flags:   func(fs *flag.FlagSet, a *callArgs) { accountFlag(fs, a, "bank account id") },
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			if err := requireAccount(a); err != nil {
				return nil, err
			}
			return nilIfError(c.BankAccountsV32().Get(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
	"delete": {
		summary: "[deprecated v3.2] delete a bank account",
		flags:   func(fs *flag.FlagSet, a *callArgs) { accountFlag(fs, a, "bank account id") },
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			if err := requireAccount(a); err != nil {
				return nil, err
			}
			return nilIfError(c.BankAccountsV32().Delete(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
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
		return fmt.Errorf("want KEY=VALUE, got %q", s)
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

Offline:
  demo      run the whole lifecycle against an in-process emulator (no key, no network)
  serve     run the emulator on --addr (default 127.0.0.1:8080)

Real calls (key from JUSPAY_API_KEY; --env sandbox|production|production-static or --base-url):
`)
	for _, n := range sortedNames(commands) {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nDeprecated v3.2 bank accounts: juspay-accounts v32 <command>\n")
	for _, n := range sortedNames(legacyCommands) {
		fmt.Fprintf(w, "  %-9s %s\n", n, legacyCommands[n].summary)
	}
	fmt.Fprint(w, `
Common flags: --customer ID, --json, --routing-id, --merchant-id, --api-version, --timeout.
Run 'juspay-accounts <command> -h' for a command's flags.
Exit codes: 0 ok, 2 usage, 3 input rejected before sending, 4 Juspay said 4xx,
5 server/network failure, 6 validation FAILURE, 7 timed out.
`)
}
