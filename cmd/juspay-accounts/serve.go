package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
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

// runServe runs the emulator on --addr until the context ends (SIGINT or
// SIGTERM), logging each request, then shuts down cleanly. It also serves the
// interactive reference at /docs and the spec at /openapi.yaml and
// /openapi.json (see api/docsui).
func runServe(ctx context.Context, args []string, logOut io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	keys := fs.String("keys", api.DefaultTestKey, "comma-separated API keys the emulator accepts")
	delay := fs.Duration("delay", 2*time.Second, "how long an emulated penny drop stays PENDING")
	extra := addServeFlags(fs) // serve_config.go
	tlsc := addTLSFlags(fs)    // serve_tls.go
	noteEnv(fs)
	if err := parseFlags(fs, args, logOut, serveSummary, serveFooter); err != nil {
		return err
	}
	if err := extra.finish(fs, getenv); err != nil {
		return err
	}
	var accepted []string
	for _, k := range strings.Split(*keys, ",") {
		if k = strings.TrimSpace(k); k != "" {
			accepted = append(accepted, k)
		}
	}
	if len(accepted) == 0 {
		return usageError{"serve: --keys names no key"}
	}

	tlsConf, certFile, err := tlsc.config()
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(logOut, nil))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
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
		_ = ln.Close()
		return fmt.Errorf("serve: %w", err)
	}
	srv := api.NewHTTPServer(ln.Addr().String(), h)
	base := scheme + "://" + ln.Addr().String()
	if certFile != "" {
		logger.Info("self-signed certificate written: clients trust it with --ca-file or JUSPAY_CA_FILE", "file", certFile)
	}
	logger.Info("emulator listening", "url", base, "docs", base+docsui.DocsPath, "keys", len(accepted), "validation_delay", delay.String())
	if tcp, ok := ln.Addr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
		logger.Warn("the emulator is bound to a non-loopback address: other machines can reach it and use its keys; use --addr 127.0.0.1:PORT to keep it local", "addr", ln.Addr().String())
	}
	if err := extra.start(ctx, emu, logger, base); err != nil {
		_ = ln.Close()
		return err
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}
