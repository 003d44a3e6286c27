// Command juspay-accounts drives the Juspay Customer Accounts API from a
// terminal: a self-contained demo against the offline emulator, the emulator
// itself as a server, and real calls to Juspay's sandbox or production.
//
// Usage:
//
//	juspay-accounts demo                      run the whole lifecycle against an in-process emulator
//	juspay-accounts serve [--addr 127.0.0.1:8080] [--tls [--tls-host NAME] | --cert FILE --key FILE]
//	juspay-accounts list     --customer ID
//	juspay-accounts get      --customer ID --account ID
//	juspay-accounts create   --customer ID (--vpa VPA | --account-number N --ifsc IFSC [--bank-code C] [--name NAME]) [--validate]
//	juspay-accounts validate --customer ID --account ID [--gateway-id G] [--amount 1]
//	juspay-accounts await    --customer ID --account ID [--wait 2m]
//	juspay-accounts v32 create|validate|list|get|delete ...   (deprecated v3.2 bank accounts)
//	juspay-accounts version | --version
//
// Every command and subcommand takes -h or --help (help on stdout, exit 0).
// Results go to stdout; errors and usage mistakes to stderr, and nothing to
// stdout when a call fails.
//
// Real calls read the API key from JUSPAY_API_KEY (never echoed) and go to
// --base-url, or to --env sandbox, production or production-static; with
// neither flag, to JUSPAY_BASE_URL if set, else to the sandbox. control's
// --base-url defaults to JUSPAY_BASE_URL too, else http://127.0.0.1:8080.
// --ca-file (default JUSPAY_CA_FILE) trusts a certificate such as the one
// serve --tls writes; plain http to a host that is not loopback needs
// --insecure-http, which warns.
// Output is a table by default (account numbers, VPAs and names masked);
// --json prints the response body byte for byte as the server sent it (only
// the API key is replaced, should a server echo it), ending with a newline,
// and errors as one JSON object on stderr (status, code, request_id, message).
//
// Exit codes: 0 success, 2 usage error, 3 input rejected before sending,
// 4 Juspay rejected the request (4xx), 5 server or network failure,
// 6 the validation ended in FAILURE, 7 timed out, 8 await on an account that
// was never validated (CREATED), 130 interrupted (SIGINT), 143 terminated
// (SIGTERM). serve stops cleanly with exit 0 on SIGINT or SIGTERM.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	caught := make(chan os.Signal, 1)
	go func() {
		s := <-sigs
		signal.Reset(os.Interrupt, syscall.SIGTERM) // a second signal ends the process at once
		caught <- s
		cancel(fmt.Errorf("interrupted by %s", signalName(s)))
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	select {
	case s := <-caught:
		code = exitAfterSignal(code, s)
	default:
	}
	os.Exit(code)
}

// exitAfterSignal is the exit code of a command that was signalled: 128 plus
// the signal's number (130 for SIGINT, 143 for SIGTERM) unless the command
// still finished cleanly (serve's shutdown, or work that completed anyway).
func exitAfterSignal(code int, s os.Signal) int {
	if code == exitOK {
		return code
	}
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return code
}

// signalName is the conventional name of the signals the command handles.
func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}
