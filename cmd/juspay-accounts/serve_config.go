package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"strconv"

	"github.com/pennydrop/juspay-accounts/api"
)

// serveEnv maps each serve flag to the environment variable that sets it
// when the flag is not given on the command line.
var serveEnv = []struct{ flag, env string }{
	{"addr", "JUSPAY_EMULATOR_ADDR"},
	{"keys", "JUSPAY_EMULATOR_KEYS"},
	{"delay", "JUSPAY_EMULATOR_DELAY"},
	{"accounts-per-customer", "JUSPAY_EMULATOR_ACCOUNTS_PER_CUSTOMER"},
	{"validation-outcome", "JUSPAY_EMULATOR_VALIDATION_OUTCOME"},
	{"failure-rate", "JUSPAY_EMULATOR_FAILURE_RATE"},
	{"failure-seed", "JUSPAY_EMULATOR_FAILURE_SEED"},
	{"seed-file", "JUSPAY_EMULATOR_SEED_FILE"},
	{"control", "JUSPAY_EMULATOR_CONTROL"},
	{"record", "JUSPAY_EMULATOR_RECORD"},
	{"tls", "JUSPAY_EMULATOR_TLS"}, // the TLS flags: serve_tls.go
	{"cert", "JUSPAY_EMULATOR_CERT"},
	{"key", "JUSPAY_EMULATOR_KEY"},
	{"tls-host", "JUSPAY_EMULATOR_TLS_HOST"},
	{"tls-cert-out", "JUSPAY_EMULATOR_TLS_CERT_OUT"},
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

	seed []api.SeedAccount // read from seedFile by finish
}

// addServeFlags defines the flags of serveConfig on fs.
func addServeFlags(fs *flag.FlagSet) *serveConfig {
	c := &serveConfig{}
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
	return c
}

// finish applies the environment to the flags the command line did not set,
// notes each flag's variable in its usage, and checks the values.
func (c *serveConfig) finish(fs *flag.FlagSet, getenv func(string) string) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, e := range serveEnv {
		v := getenv(e.env)
		if v == "" || set[e.flag] || fs.Lookup(e.flag) == nil {
			continue
		}
		if err := fs.Set(e.flag, v); err != nil {
			return usageError{fmt.Sprintf("serve: %s=%q: %v", e.env, v, err)}
		}
	}
	switch {
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

// noteEnv appends each flag's environment variable to its usage line.
func noteEnv(fs *flag.FlagSet) {
	for _, e := range serveEnv {
		if f := fs.Lookup(e.flag); f != nil {
			f.Usage += " (env " + e.env + ")"
		}
	}
}

// options are the api options of the configuration.
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
