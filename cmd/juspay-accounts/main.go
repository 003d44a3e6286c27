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

var signalNames = map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	caught := make(chan syscall.Signal, 1)
	go func() {
		s := (<-sigs).(syscall.Signal)
		signal.Reset(os.Interrupt, syscall.SIGTERM) // a second signal ends the process at once
		caught <- s
		cancel(fmt.Errorf("interrupted by %s", signalNames[s]))
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	select {
	case s := <-caught:
		// A signalled command exits 128 plus the signal's number (130 for
		// SIGINT, 143 for SIGTERM), unless it still finished cleanly (serve).
		if code != exitOK {
			code = 128 + int(s)
		}
	default:
	}
	os.Exit(code)
}
