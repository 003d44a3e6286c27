// Package loadtest is a bounded load generator for the emulator (package api)
// on loopback. N clients, each a wrapper.Client with its own keep-alive
// connection pool, send a mix of list, get and create calls until a request
// count or a time limit is reached, whichever comes first. Run reports
// requests per second, latency percentiles, errors and the heap in use
// sampled over the run; CheckAccounts then proves that no account a client
// created was lost or listed twice.
//
// It refuses any base URL that is not on a loopback host.
//
//	go run ./loadtest/cmd/loadgen -clients 16 -requests 1000000
package loadtest
