// Command juspay-accounts drives the Juspay Customer Accounts API from a
// terminal: a self-contained demo against the offline emulator, the emulator
// itself as a server, and real calls to Juspay's sandbox or production.
//
// Usage:
//
//	juspay-accounts demo                      run the whole lifecycle against an in-process emulator
//	juspay-accounts serve [--addr 127.0.0.1:8080]
//	juspay-accounts list     --customer ID
//	juspay-accounts get      --customer ID --account ID
//	juspay-accounts create   --customer ID (--vpa VPA | --account-number N --ifsc IFSC [--bank-code C] [--name NAME]) [--validate]
//	juspay-accounts validate --customer ID --account ID [--gateway-id G] [--amount 1]
//	juspay-accounts await    --customer ID --account ID [--wait 2m]
//	juspay-accounts v32 create|validate|list|get|delete ...   (deprecated v3.2 bank accounts)
//
// Real calls read the API key from JUSPAY_API_KEY (never echoed) and go to
// --env sandbox (default), production or production-static, or to --base-url.
// Output is human-readable by default (account numbers, VPAs and names masked);
// --json prints the API's JSON unchanged.
//
// Exit codes: 0 success, 2 usage error, 3 input rejected before sending,
// 4 Juspay rejected the request (4xx), 5 server or network failure,
// 6 the validation ended in FAILURE, 7 timed out waiting.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
