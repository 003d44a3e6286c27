// Command loadgen drives the emulator with package loadtest and prints req/s,
// latency percentiles, errors and heap samples. It starts the emulator in
// this process on 127.0.0.1 unless -url names one already running on loopback.
//
//	go run ./loadtest/cmd/loadgen -clients 16 -requests 1000000
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/loadtest"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

func main() {
	cfg := loadtest.Config{APIKey: api.DefaultTestKey}
	flag.StringVar(&cfg.BaseURL, "url", "", "emulator base URL on loopback (default: start one in-process)")
	flag.StringVar(&cfg.APIKey, "key", api.DefaultTestKey, "API key the emulator accepts")
	flag.IntVar(&cfg.Clients, "clients", 16, "concurrent clients")
	flag.IntVar(&cfg.Requests, "requests", 100000, "total requests")
	flag.DurationVar(&cfg.Duration, "duration", 5*time.Minute, "time limit")
	flag.IntVar(&cfg.Customers, "customers", 0, "customers shared by the clients (default 4 x clients)")
	flag.DurationVar(&cfg.HeapEvery, "heap-every", 2*time.Second, "interval of heap samples (each forces a GC)")
	check := flag.Bool("check", true, "after the run, check that no created account was lost or duplicated")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole process (emulator and clients) to this file")
	traceFile := flag.String("trace", "", "write an execution trace (go tool trace) of the run to this file")
	flag.Parse()
	stopCPU, err := profile(*cpuProfile, pprof.StartCPUProfile, pprof.StopCPUProfile)
	stopTrace := func() {}
	if err == nil {
		stopTrace, err = profile(*traceFile, trace.Start, trace.Stop)
	}
	if err == nil {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		err = run(ctx, cfg, *check)
		stop()
	}
	stopTrace()
	stopCPU()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// profile starts writing a profile or trace to path (unless path is empty)
// and returns what stops it and closes the file.
func profile(path string, start func(io.Writer) error, stop func()) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}, err
	}
	if err := start(f); err != nil {
		f.Close()
		return func() {}, err
	}
	return func() { stop(); f.Close() }, nil
}

func run(ctx context.Context, cfg loadtest.Config, check bool) error {
	if cfg.BaseURL == "" {
		hs, ln, err := api.Listen("", api.New())
		if err != nil {
			return err
		}
		go hs.Serve(ln)
		defer hs.Close()
		cfg.BaseURL = "http://" + ln.Addr().String()
	}
	fmt.Printf("loadgen: %s, %d clients, %d requests (limit %v), GOMAXPROCS=%d\n", cfg.BaseURL, cfg.Clients, cfg.Requests, cfg.Duration, runtime.GOMAXPROCS(0))
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Print(res)
	if check {
		c, err := wrapper.New(cfg.APIKey, wrapper.WithBaseURL(cfg.BaseURL))
		if err != nil {
			return err
		}
		if err := loadtest.CheckAccounts(ctx, c, res.Created); err != nil {
			return err
		}
		// The run created one account per customer before the clock started.
		fmt.Printf("accounts: all %d created accounts listed exactly once, none extra\n", res.Creates+int64(len(res.Created)))
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d requests failed", res.Errors)
	}
	return nil
}
