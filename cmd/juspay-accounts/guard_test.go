package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
)

// guardDefaultTransport makes http.DefaultTransport, which the command's
// clients use (and clone, for --ca-file), loopback-only for the in-process
// tests: its dialer refuses, before any byte is sent, a host that is not a
// loopback (or this machine's unspecified) address, so that these tests
// never reach Juspay or any other host, even when a regression sends a call
// to the --env default (sandbox) instead of the emulator the test set up.
func guardDefaultTransport() {
	t := http.DefaultTransport.(*http.Transport).Clone()
	dial := t.DialContext
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback() && !ip.IsUnspecified()) {
			return nil, fmt.Errorf("test guard: %s is not a loopback host; tests never leave this machine", host)
		}
		return dial(ctx, network, addr)
	}
	http.DefaultTransport = t
}

// TestGuardRefusesOtherHosts: the guard is in place and would stop a call to
// the sandbox; an in-process call with neither --base-url nor the variable
// fails at the guard instead of leaving the machine.
func TestGuardRefusesOtherHosts(t *testing.T) {
	_, err := http.Get("https://sandbox.juspay.in/")
	if err == nil || !strings.Contains(err.Error(), "test guard") {
		t.Fatalf("http.DefaultTransport is not loopback-only: %v", err)
	}
	r := inProcess([]string{"JUSPAY_API_KEY=k_test"}, "list", "--customer", "cst_1", "--timeout", "5s")
	if r.code == exitOK || !strings.Contains(r.stderr, "test guard") {
		t.Fatalf("a call to the default environment was not stopped by the guard: code %d, stderr %q", r.code, r.stderr)
	}
}
