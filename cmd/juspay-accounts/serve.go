package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/api/docsui"
)

const (
	serveSummary = "Run the emulator of the Customer Accounts API on --addr until SIGINT or SIGTERM (then exit 0),\n" +
		"with the interactive reference at /docs (its Try it out forms work as pre-filled)."
	serveFooter = "\nA flag given on the command line wins over its environment variable.\n\n" +
		"Exit codes: 0 stopped cleanly (SIGINT or SIGTERM), 2 usage, 5 cannot listen or serve.\n"
)

// runServe runs the emulator, with /docs and the spec (api/docsui), on
// --addr until ctx ends (SIGINT or SIGTERM), logging each request at Info.
func runServe(ctx context.Context, args []string, logOut io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	keys := fs.String("keys", api.DefaultTestKey, "comma-separated API keys the emulator accepts")
	delay := fs.Duration("delay", 2*time.Second, "how long an emulated penny drop stays PENDING")
	extra := addServeFlags(fs)
	fs.VisitAll(func(f *flag.Flag) { f.Usage += " (env " + serveEnv(f.Name) + ")" })
	if err := parseFlags(fs, args, logOut, serveSummary, serveFooter); err != nil {
		return err
	}
	if err := extra.finish(fs, getenv); err != nil {
		return err
	}
	accepted := splitList(*keys)
	if len(accepted) == 0 {
		return usageError{"serve: --keys names no key"}
	}

	tlsConf, certFile, err := extra.tlsConfig()
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: extra.level}))
	// serve's own lines (where it listens, the certificate, stopping) show at any --log-level.
	say := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: min(extra.level, slog.LevelInfo)}))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close() //nolint:errcheck // closed already after a Shutdown
	scheme := "http"
	if tlsConf != nil {
		ln, scheme = tls.NewListener(ln, tlsConf), "https"
	}
	emu := api.New(append([]api.Option{api.WithKeys(accepted...), api.WithValidationDelay(*delay), api.WithLogger(logger)}, extra.options()...)...)
	var docsOpts []docsui.Option
	if slices.Contains(accepted, api.DefaultTestKey) {
		// The demo key is public; keys given with --keys are never shown.
		docsOpts = append(docsOpts, docsui.WithDemoKey(api.DefaultTestKey))
	}
	h, err := docsui.New(emu, docsOpts...)
	if err == nil && len(docsOpts) > 0 { // /docs's Try it out forms work as pre-filled
		err = docsui.SeedExamples(ctx, emu, api.DefaultTestKey)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := api.NewHTTPServer(ln.Addr().String(), h)
	base := scheme + "://" + ln.Addr().String()
	if certFile != "" {
		say.Info("self-signed certificate written: clients trust it with --ca-file or JUSPAY_CA_FILE", "file", certFile)
	}
	say.Info("emulator listening", "url", base, "docs", base+docsui.DocsPath, "keys", len(accepted), "validation_delay", delay.String())
	if tcp, ok := ln.Addr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
		say.Warn("the emulator is bound to a non-loopback address: other machines can reach it and use its keys; use --addr 127.0.0.1:PORT to keep it local", "addr", ln.Addr().String())
	}
	if err := extra.start(ctx, emu, say, base); err != nil {
		return err
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	say.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	say.Info("stopped")
	return nil
}

// splitList is the non-empty items of a comma-separated list, trimmed.
func splitList(s string) []string {
	var items []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

// serveEnv names the environment variable that sets a serve flag the
// command line does not give: JUSPAY_EMULATOR_ and the flag's name in
// capitals (--tls-cert-out: JUSPAY_EMULATOR_TLS_CERT_OUT).
func serveEnv(flag string) string {
	return "JUSPAY_EMULATOR_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// serveConfig is what `serve` configures beyond --addr, --keys and --delay.
type serveConfig struct {
	accountsPerCustomer int
	outcome             string
	failureRate         float64
	failureSeed         uint64
	seedFile            string
	control             bool
	record              int
	tls                 bool
	certFile, keyFile   string
	tlsHosts            string // more names and addresses for the self-signed certificate
	certOut             string // where the self-signed certificate is written
	level               slog.Level

	seed []api.SeedAccount // read from seedFile by finish
}

func addServeFlags(fs *flag.FlagSet) *serveConfig {
	c := &serveConfig{}
	fs.TextVar(&c.level, "log-level", slog.LevelInfo, "lowest level of the request log: DEBUG, INFO (a line per request), WARN or ERROR; serve's own start and stop lines always show")
	fs.IntVar(&c.accountsPerCustomer, "accounts-per-customer", api.DefaultMaxAccountsPerCustomer,
		"most accounts one customer can hold; a create beyond gets 400 LIMIT_EXCEEDED")
	fs.StringVar(&c.outcome, "validation-outcome", string(api.OutcomeActive),
		"how penny drops end when no test value or forced rule decides: ACTIVE, FAILURE or PENDING")
	fs.Float64Var(&c.failureRate, "failure-rate", 0,
		"fraction (0 to 1) of valid calls answered 503 before they run, to test retries")
	fs.Uint64Var(&c.failureSeed, "failure-seed", 0, "seed of --failure-rate's random choice, for reproducible runs (0: random)")
	fs.StringVar(&c.seedFile, "seed-file", "", "JSON file of accounts to create at start (an array of api.SeedAccount; see README)")
	fs.BoolVar(&c.control, "control", false, "serve the control endpoint under "+api.ControlPrefix+" (forcing outcomes, faults, seeding, recorded requests)")
	fs.IntVar(&c.record, "record", api.DefaultRecording, fmt.Sprintf("requests the control endpoint keeps per merchant (with --control; at most %d)", api.MaxRecording))
	fs.BoolVar(&c.tls, "tls", false, "serve HTTPS: with --cert and --key, or else a self-signed certificate for localhost,\n"+
		"127.0.0.1, ::1 and the --tls-host names, written to --tls-cert-out for clients to trust\n"+
		"(juspay-accounts --ca-file FILE, or JUSPAY_CA_FILE)")
	fs.StringVar(&c.certFile, "cert", "", "PEM certificate (chain) to serve HTTPS with; implies --tls")
	fs.StringVar(&c.keyFile, "key", "", "PEM private key of --cert")
	fs.StringVar(&c.tlsHosts, "tls-host", "", "comma-separated host names or IP addresses the self-signed certificate also covers,\n"+
		"e.g. the service name of a compose file")
	fs.StringVar(&c.certOut, "tls-cert-out", "", "file the self-signed certificate is written to (default: a new file in the temporary directory)")
	return c
}

// finish applies the environment to the flags the command line did not set
// and checks the values.
func (c *serveConfig) finish(fs *flag.FlagSet, getenv func(string) string) error {
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if v := getenv(serveEnv(f.Name)); v != "" && err == nil && !flagGiven(fs, f.Name) {
			if e := fs.Set(f.Name, v); e != nil {
				err = usageError{fmt.Sprintf("serve: %s=%q: %v", serveEnv(f.Name), v, e)}
			}
		}
	})
	switch {
	case err != nil:
		return err
	case c.accountsPerCustomer < 1:
		return usageError{"serve: --accounts-per-customer must be at least 1"}
	case math.IsNaN(c.failureRate) || c.failureRate < 0 || c.failureRate > 1:
		return usageError{"serve: --failure-rate must be between 0 and 1"}
	case c.record < 1 || c.record > api.MaxRecording:
		return usageError{fmt.Sprintf("serve: --record must be between 1 and %d (requests kept per merchant)", api.MaxRecording)}
	}
	if _, err := api.ParseOutcome(c.outcome); err != nil {
		return usageError{"serve: --validation-outcome: want ACTIVE, FAILURE or PENDING"}
	}
	if c.seedFile != "" {
		seed, err := api.ReadSeedFile(c.seedFile)
		if err != nil {
			return usageError{"serve: --seed-file: " + err.Error()}
		}
		c.seed = seed
	}
	return nil
}

func (c *serveConfig) options() []api.Option {
	outcome, _ := api.ParseOutcome(c.outcome) // checked by finish
	opts := []api.Option{
		api.WithMaxAccountsPerCustomer(c.accountsPerCustomer),
		api.WithValidationOutcome(outcome),
		api.WithFailureRate(c.failureRate),
	}
	if c.failureSeed != 0 {
		opts = append(opts, api.WithRandomSeed(c.failureSeed))
	}
	if c.control {
		opts = append(opts, api.WithRecording(c.record), api.WithControl())
	}
	return opts
}

// start seeds the emulator and logs what the configuration turned on.
func (c *serveConfig) start(ctx context.Context, emu *api.Server, logger *slog.Logger, base string) error {
	if len(c.seed) > 0 {
		ids, err := emu.Seed(ctx, c.seed...)
		if err != nil {
			return fmt.Errorf("serve: --seed-file %s: %w", c.seedFile, err)
		}
		logger.Info("seeded accounts", "file", c.seedFile, "accounts", len(ids))
	}
	attrs := []any{"accounts_per_customer", c.accountsPerCustomer, "validation_outcome", c.outcome,
		"failure_rate", strconv.FormatFloat(c.failureRate, 'g', -1, 64)}
	if c.control {
		attrs = append(attrs, "control", base+api.ControlPrefix, "record", c.record)
	}
	logger.Info("emulator configuration", attrs...)
	return nil
}
