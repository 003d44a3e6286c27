// Package loadtest is a bounded load generator for the emulator (package api),
// on loopback only. N clients, each a wrapper.Client with its own keep-alive
// connection pool, send a mix of list, get and create calls until a request
// count or a time limit is reached. Run reports requests per second, latency
// percentiles, errors and heap samples; CheckAccounts then proves that no
// account a client created was lost or listed twice.
//
//	go run ./loadtest/cmd/loadgen -clients 16 -requests 1000000
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Config bounds a run. Zero fields take the defaults in brackets.
type Config struct {
	BaseURL   string        // the emulator's URL: http(s) on a loopback host
	APIKey    string        // the key the emulator accepts
	Clients   int           // concurrent clients [16]
	Requests  int           // requests to send in all [10000]
	Duration  time.Duration // stops the run early when reached [1m]
	Customers int           // customers the clients share [4 x Clients]
	// CreatesPerCustomer caps the accounts created per customer, so that the
	// store (and the heap) stops growing, within the emulator's own cap [20].
	CreatesPerCustomer int
	// CreateEvery makes every n-th request of a client a create while the
	// cap allows [10]; the others alternate get and list.
	CreateEvery int
	ListCount   int           // page size of lists [10]
	HeapEvery   time.Duration // interval of heap samples, each forcing a GC [1s]
}

func (c *Config) defaults() error {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !endpoint.IsLoopback(u.Hostname()) {
		return fmt.Errorf("loadtest: base URL %q: only a loopback http(s) URL is allowed", c.BaseURL)
	}
	if c.APIKey == "" {
		return errors.New("loadtest: APIKey is empty")
	}
	orDefault(&c.Clients, 16)
	orDefault(&c.Requests, 10000)
	orDefault(&c.Customers, 4*c.Clients)
	orDefault(&c.CreatesPerCustomer, 20)
	orDefault(&c.CreateEvery, 10)
	orDefault(&c.ListCount, 10)
	orDefault(&c.Duration, time.Minute)
	orDefault(&c.HeapEvery, time.Second)
	return nil
}

// orDefault sets *p to v unless *p is positive.
func orDefault[T int | time.Duration](p *T, v T) {
	if *p <= 0 {
		*p = v
	}
}

// HeapSample is the heap in use after a forced GC, at some point of the run.
type HeapSample struct {
	Requests    int64  // how many requests had completed
	HeapInuse   uint64 // runtime.MemStats.HeapInuse in bytes
	HeapObjects uint64 // runtime.MemStats.HeapObjects
}

// Result is what a run measured.
type Result struct {
	Clients  int   // concurrent clients
	Requests int64 // requests completed (successfully or not)
	// Errors is how many of them failed; FirstErrors holds up to five.
	Errors               int64
	FirstErrors          []error
	Creates, Gets, Lists int64         // successful calls of each kind
	Elapsed              time.Duration // wall time of the run
	// P50, P99, P999 and Max are latency quantiles of single calls (10 µs buckets up to 1 s).
	P50, P99, P999, Max time.Duration
	// CPUShare is the process's CPU time over wall time x GOMAXPROCS from the
	// first request to the last: below 1, other processes held the cores.
	// Zero where the OS does not tell.
	CPUShare float64
	Heap     []HeapSample        // the first before any request, the last after the run
	Created  map[string][]string // the ids of the accounts created, by customer
}

// ReqPerSec is the throughput of the run.
func (r *Result) ReqPerSec() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// String summarises the run on a few lines.
func (r *Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "clients=%d requests=%d errors=%d elapsed=%v req/s=%.0f p50=%v p99=%v p999=%v max=%v (creates=%d gets=%d lists=%d)\n",
		r.Clients, r.Requests, r.Errors, r.Elapsed.Round(time.Millisecond), r.ReqPerSec(), r.P50, r.P99, r.P999, r.Max, r.Creates, r.Gets, r.Lists)
	fmt.Fprintf(&b, "  cpu-share=%.0f%% of %d cores\n", 100*r.CPUShare, runtime.GOMAXPROCS(0))
	for _, h := range r.Heap {
		fmt.Fprintf(&b, "  heap after %8d requests: %6.1f MiB in use, %d objects\n", h.Requests, float64(h.HeapInuse)/(1<<20), h.HeapObjects)
	}
	for _, err := range r.FirstErrors {
		fmt.Fprintf(&b, "  error: %v\n", err)
	}
	return b.String()
}

// histogram counts latencies in 10 µs buckets up to 1 s (the last holds the
// longer ones), fixed in size so that recording allocates nothing.
type histogram struct {
	buckets [100_001]uint32
	max     time.Duration
}

const bucketWidth = 10 * time.Microsecond

func (h *histogram) add(d time.Duration) {
	h.max = max(h.max, d)
	h.buckets[min(int(d/bucketWidth), len(h.buckets)-1)]++
}

func (h *histogram) merge(o *histogram) {
	for i, n := range o.buckets {
		h.buckets[i] += n
	}
	h.max = max(h.max, o.max)
}

// quantile returns the upper bound of the bucket holding quantile q (0 if empty).
func (h *histogram) quantile(q float64) time.Duration {
	var total uint64
	for _, c := range h.buckets {
		total += uint64(c)
	}
	rank := max(uint64(math.Ceil(q*float64(total))), 1)
	var seen uint64
	for i, c := range h.buckets {
		if seen += uint64(c); seen >= rank {
			if i == len(h.buckets)-1 {
				return h.max
			}
			return time.Duration(i+1) * bucketWidth
		}
	}
	return 0
}

// Run sends cfg.Requests requests (fewer if cfg.Duration or ctx ends first)
// from cfg.Clients concurrent clients and reports what it measured. Before
// the clock starts, it creates one account for every customer to read.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	res := &Result{Clients: cfg.Clients, Created: map[string][]string{}}
	var mu sync.Mutex // guards res.Created, res.FirstErrors, res.Heap

	clients := make([]*wrapper.Client, cfg.Clients)
	for i := range clients {
		tr := &http.Transport{MaxIdleConns: 4, MaxIdleConnsPerHost: 4, IdleConnTimeout: 30 * time.Second}
		defer tr.CloseIdleConnections()
		var err error
		clients[i], err = wrapper.New(cfg.APIKey, wrapper.WithBaseURL(cfg.BaseURL), wrapper.WithHTTPClient(&http.Client{Transport: tr}),
			wrapper.WithTimeout(10*time.Second), wrapper.WithRetryPolicy(wrapper.NoRetries()))
		if err != nil {
			return nil, err
		}
	}

	// Every customer starts with one account; counts[i] is how many accounts
	// customer i has (reserved before a create is sent).
	customers := make([]string, cfg.Customers)
	counts := make([]atomic.Int64, cfg.Customers)
	firstIDs := make([]string, cfg.Customers)
	for i := range customers {
		customers[i] = fmt.Sprintf("cst_load_%04d", i)
		a, err := clients[0].CreateCustomerAccounts(ctx, customers[i], wrapper.AccountInput{VPA: fmt.Sprintf("seed%d@upi", i)})
		if err != nil {
			return nil, fmt.Errorf("loadtest: seeding %s: %w", customers[i], err)
		}
		firstIDs[i] = a.CustomerAccountID
		res.Created[customers[i]] = []string{a.CustomerAccountID}
		counts[i].Store(1)
	}

	var done atomic.Int64 // requests completed
	res.Heap = append(res.Heap, heapSample(0))
	heapDone := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		for tick := time.Tick(cfg.HeapEvery); ; {
			select {
			case <-heapDone:
				return
			case <-tick:
				s := heapSample(done.Load())
				mu.Lock()
				res.Heap = append(res.Heap, s)
				mu.Unlock()
			}
		}
	})

	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var (
		next                 atomic.Int64 // requests handed out
		errs                 atomic.Int64
		creates, gets, lists atomic.Int64
		hists                = make([]*histogram, cfg.Clients)
		wg                   sync.WaitGroup
		listOpts             = &wrapper.ListOptions{Count: cfg.ListCount}
	)
	cpu0, start := processCPU(), time.Now()
	for ci := range cfg.Clients {
		h := new(histogram)
		hists[ci] = h
		c := clients[ci]
		wg.Go(func() {
			for n := 0; ; n++ {
				if runCtx.Err() != nil || next.Add(1) > int64(cfg.Requests) {
					return
				}
				ci := (ci + n*7) % cfg.Customers // spread clients over shared customers
				cust := customers[ci]
				var kind *atomic.Int64 // the count of successful calls of this kind
				var err error
				t0 := time.Now()
				switch {
				case n%cfg.CreateEvery == 0 && counts[ci].Add(1) <= int64(cfg.CreatesPerCustomer):
					kind = &creates
					var a *wrapper.CustomerAccount
					if a, err = c.CreateCustomerAccounts(runCtx, cust, wrapper.AccountInput{VPA: fmt.Sprintf("c%dn%d@upi", ci, n)}); err == nil {
						mu.Lock()
						res.Created[cust] = append(res.Created[cust], a.CustomerAccountID)
						mu.Unlock()
					}
				case n%2 == 0:
					kind = &gets
					var a *wrapper.CustomerAccount
					if a, err = c.GetCustomerAccount(runCtx, cust, firstIDs[ci]); err == nil && a.CustomerAccountID != firstIDs[ci] {
						err = fmt.Errorf("get %s returned account %s", firstIDs[ci], a.CustomerAccountID)
					}
				default:
					kind = &lists
					var l *wrapper.CustomerAccountList
					if l, err = c.ListCustomerAccounts(runCtx, cust, listOpts); err == nil && len(l.List) == 0 {
						err = fmt.Errorf("list %s is empty", cust)
					}
				}
				h.add(time.Since(t0))
				switch {
				case err == nil:
					kind.Add(1)
				case runCtx.Err() != nil && errors.Is(err, context.DeadlineExceeded):
					return // the time limit ended this call: not a failure of the emulator
				default:
					errs.Add(1)
					mu.Lock()
					if len(res.FirstErrors) < 5 {
						res.FirstErrors = append(res.FirstErrors, err)
					}
					mu.Unlock()
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	if cpu := processCPU(); cpu > 0 {
		res.CPUShare = float64(cpu-cpu0) / float64(res.Elapsed) / float64(runtime.GOMAXPROCS(0))
	}
	close(heapDone)
	sampler.Wait()
	res.Heap = append(res.Heap, heapSample(done.Load()))

	all := new(histogram)
	for _, h := range hists {
		all.merge(h)
	}
	res.Requests, res.Errors = done.Load(), errs.Load()
	res.Creates, res.Gets, res.Lists = creates.Load(), gets.Load(), lists.Load()
	res.P50, res.P99, res.P999, res.Max = all.quantile(0.50), all.quantile(0.99), all.quantile(0.999), all.max
	return res, nil
}

func heapSample(requests int64) HeapSample {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return HeapSample{Requests: requests, HeapInuse: m.HeapInuse, HeapObjects: m.HeapObjects}
}

// CheckAccounts lists every customer of created through c and reports any
// account created but not listed (lost), listed twice (AllCustomerAccounts'
// *wrapper.PagingError), or listed without having been created.
func CheckAccounts(ctx context.Context, c *wrapper.Client, created map[string][]string) error {
	var problems []string
	for cust, ids := range created {
		want := make(map[string]bool, len(ids))
		for _, id := range ids {
			if want[id] {
				problems = append(problems, fmt.Sprintf("%s: create returned id %s twice", cust, id))
			}
			want[id] = true
		}
		for a, err := range c.AllCustomerAccounts(ctx, cust, &wrapper.ListOptions{Count: 50}) {
			if err != nil { // a *wrapper.PagingError when an account is listed twice
				return fmt.Errorf("loadtest: listing %s: %w", cust, err)
			}
			if !want[a.CustomerAccountID] {
				problems = append(problems, fmt.Sprintf("%s: account %s is listed but was never created", cust, a.CustomerAccountID))
			}
			delete(want, a.CustomerAccountID)
		}
		for id := range want {
			problems = append(problems, fmt.Sprintf("%s: account %s was created but is not listed", cust, id))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("loadtest: %d account problems: %s", len(problems), strings.Join(problems[:min(len(problems), 10)], "; "))
	}
	return nil
}
