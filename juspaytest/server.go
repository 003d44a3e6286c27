package juspaytest

import (
	"context"
	"net/http/httptest"
	"slices"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// DefaultKey is the API key a Server accepts unless WithKey says otherwise.
const DefaultKey = api.DefaultTestKey

// DefaultValidationDelay is how long a penny drop stays PENDING unless
// WithValidationDelay says otherwise: the call that starts it answers PENDING.
const DefaultValidationDelay = 5 * time.Millisecond

// TB is what NewServer needs of a test (*testing.T, *testing.B or *testing.F).
type TB interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// Server is an emulator serving one test on a loopback port. Its methods are
// safe for concurrent use; the ones that can fail end the test with Fatalf.
type Server struct {
	URL    string          // the base URL, http://127.0.0.1:port
	Key    string          // the API key the server accepts
	Client *wrapper.Client // a wrapper client for URL and Key
	// Gen is the generated client of wrapper.NewGenClient for URL and Key,
	// with the same client options as Client.
	Gen *gen.ClientWithResponses
	// Emulator is the emulator itself, for what the methods below do not
	// cover (its methods return errors instead of failing the test).
	Emulator *api.Server

	t     TB
	delay time.Duration
}

// Option configures NewServer.
type Option func(*settings)

type settings struct {
	key        string
	delay      time.Duration
	emulator   []api.Option
	clientOpts []wrapper.Option
}

// WithKey sets the API key the server accepts (default DefaultKey).
func WithKey(key string) Option { return func(s *settings) { s.key = key } }

// WithValidationDelay sets how long a penny drop stays PENDING (default
// DefaultValidationDelay). 0 asks for outcomes at once, which Juspay never
// gives: keep it for tests that are not about the wait.
func WithValidationDelay(d time.Duration) Option { return func(s *settings) { s.delay = d } }

// WithEmulatorOptions passes options to api.New, after the kit's own (the
// key, the delay, recording), so they can override them.
func WithEmulatorOptions(opts ...api.Option) Option {
	return func(s *settings) { s.emulator = append(s.emulator, opts...) }
}

// WithClientOptions passes options to wrapper.New for Client (and to
// wrapper.NewGenClient for Gen), after the base URL and HTTP client.
func WithClientOptions(opts ...wrapper.Option) Option {
	return func(s *settings) { s.clientOpts = append(s.clientOpts, opts...) }
}

// NewServer starts an emulator on a free loopback port, with a ready Client
// and Gen, recording the last api.DefaultRecording requests, closed when t ends.
func NewServer(t TB, opts ...Option) *Server {
	t.Helper()
	cfg := settings{key: DefaultKey, delay: DefaultValidationDelay}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	emu := api.New(append([]api.Option{api.WithKeys(cfg.key), api.WithValidationDelay(cfg.delay), api.WithRecording(0)}, cfg.emulator...)...)
	hs := httptest.NewServer(emu)
	t.Cleanup(hs.Close)
	s := &Server{URL: hs.URL, Key: cfg.key, Emulator: emu, t: t, delay: cfg.delay}

	clientOpts := append([]wrapper.Option{wrapper.WithBaseURL(hs.URL), wrapper.WithHTTPClient(hs.Client())}, cfg.clientOpts...)
	var err error
	s.Client, err = wrapper.New(cfg.key, clientOpts...)
	s.must("client", err)
	s.Gen, err = wrapper.NewGenClient(cfg.key, clientOpts...)
	s.must("generated client", err)
	return s
}

// AwaitOptions are AwaitValidation options for the server's delay: polls of
// 1 ms and a little more (nil, Juspay's pace, waits a second to poll again).
func (s *Server) AwaitOptions() *wrapper.AwaitOptions {
	return &wrapper.AwaitOptions{Interval: time.Millisecond, MaxInterval: max(2*time.Millisecond, s.delay/4)}
}

// ForceOutcome makes the next penny drop of any account whose account number
// or VPA is value (case-insensitive) end with outcome after the delay.
func (s *Server) ForceOutcome(value string, outcome api.Outcome) {
	s.t.Helper()
	s.ForceValidation(api.ForceValidation{Value: value, Outcome: outcome})
}

// ForceValidation adds a rule for the outcome of the next penny drops (of
// an account, a customer, a value, or any account; see api.ForceValidation).
func (s *Server) ForceValidation(f api.ForceValidation) {
	s.t.Helper()
	s.must("ForceValidation", s.Emulator.ForceValidation(f))
}

// FailNext makes the next n calls of the operation ("" for any) answer status
// with a Juspay-shaped error body, before the operation runs.
func (s *Server) FailNext(operation gen.OperationID, n, status int) {
	s.t.Helper()
	s.InjectFault(api.Fault{Operation: string(operation), Times: n, Status: status})
}

// InjectFault adds a fault for the next calls (see api.Fault): an error, a delay or a reset.
func (s *Server) InjectFault(f api.Fault) {
	s.t.Helper()
	if f.Times == 0 {
		f.Times = 1
	}
	s.must("InjectFault", s.Emulator.InjectFault(f))
}

// Seed creates accounts in the given states (see api.SeedAccount) and
// returns their ids in order. Seeding is not recorded.
func (s *Server) Seed(accounts ...api.SeedAccount) []string {
	s.t.Helper()
	for i := range accounts {
		if accounts[i].Key == "" {
			accounts[i].Key = s.Key
		}
	}
	ids, err := s.Emulator.Seed(context.Background(), accounts...)
	s.must("Seed", err)
	return ids
}

// Requests returns what the server received, oldest first.
func (s *Server) Requests() []api.RecordedRequest { return s.Emulator.Requests() }

// RequestsOf returns the requests routed to the operation, oldest first; it
// ends the test if operation is not an operationId of openapi.yaml.
func (s *Server) RequestsOf(operation gen.OperationID) []api.RecordedRequest {
	s.t.Helper()
	if !s.known(operation) {
		return nil
	}
	return slices.DeleteFunc(s.Emulator.Requests(), func(r api.RecordedRequest) bool { return r.Operation != string(operation) })
}

// LastRequest returns the last request routed to the operation ("" for any);
// it ends the test if there is none, or if operation is not an operationId.
func (s *Server) LastRequest(operation gen.OperationID) api.RecordedRequest {
	s.t.Helper()
	reqs, what := s.Emulator.Requests(), "API"
	if operation != "" {
		if !s.known(operation) {
			return api.RecordedRequest{}
		}
		reqs, what = s.RequestsOf(operation), string(operation)
	}
	if len(reqs) == 0 {
		s.t.Fatalf("juspaytest: no %s request was received (%d requests in all)", what, len(s.Emulator.Requests()))
		return api.RecordedRequest{}
	}
	return reqs[len(reqs)-1]
}

// known reports whether op is an operationId, else ends the test naming them.
func (s *Server) known(op gen.OperationID) bool {
	s.t.Helper()
	if !op.Valid() {
		s.t.Fatalf("juspaytest: %q is not an operation id of openapi.yaml; the operation ids are %v", op, gen.OperationIDs())
	}
	return op.Valid()
}

func (s *Server) must(what string, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("juspaytest: %s: %v", what, err)
	}
}

// Validations returns how many penny drops the account was sent (0 for an
// unknown account): a test can prove its code never validates twice.
func (s *Server) Validations(customerID, accountID string) int {
	n, _ := s.Emulator.Validations(customerID, accountID)
	return n
}
