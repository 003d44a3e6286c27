// Command juspay-accounts drives the Juspay Customer Accounts API from a
// terminal: a self-contained demo against the offline emulator, the emulator
// itself as a server (serve, driven by control), and real calls to Juspay's
// sandbox or production (list, get, create, validate, await, and the
// deprecated v3.2 calls under v32).
//
// Run `juspay-accounts help`, or any command with -h, for its flags, the
// environment variables it reads and the exit codes.
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
