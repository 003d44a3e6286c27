package api

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
)

// Outcome is how a forced penny drop ends.
type Outcome string

// The outcomes a penny drop can be forced to.
const (
	// OutcomeActive: the validation turns ACTIVE after its delay.
	OutcomeActive Outcome = "ACTIVE"
	// OutcomeFailure: the validation turns FAILURE after its delay.
	OutcomeFailure Outcome = "FAILURE"
	// OutcomePending: it stays PENDING for LongPending, then turns ACTIVE.
	OutcomePending Outcome = "PENDING"
)

func (o Outcome) check() error {
	switch o {
	case OutcomeActive, OutcomeFailure, OutcomePending:
		return nil
	}
	return errors.New("api: outcome: want ACTIVE, FAILURE or PENDING")
}

// status is the status a penny drop with outcome o ends in and its PENDING time.
func (o Outcome) status(delay time.Duration) (gen.ValidationStatus, time.Duration) {
	switch o {
	case OutcomeFailure:
		return gen.ValidationStatusFailure, delay
	case OutcomePending:
		return gen.ValidationStatusActive, max(delay, LongPending)
	}
	return gen.ValidationStatusActive, delay
}

// Duration is a time.Duration written as "1.5s" or "200ms" in JSON.
type Duration time.Duration

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return errors.New("want a duration like 500ms or 2s")
	}
	*d = Duration(v)
	return nil
}

// MaxFaultDelay caps Fault.Delay, below the server's WriteTimeout.
const MaxFaultDelay = 10 * time.Second

// ForceValidation forces the outcome of the next penny drops (a validate, or
// a create with command=validate) of the accounts it matches. Empty match
// fields match anything; when several rules match an account, the most
// specific wins (AccountID, then Value, then CustomerID), and among equals
// the earliest. A rule beats the test values (FailingAccountSuffix and its
// siblings) and the server's WithValidationOutcome.
type ForceValidation struct {
	// CustomerID limits the rule to one customer.
	CustomerID string `json:"customer_id,omitempty"`
	// AccountID limits the rule to one account (banh_... or ba_...).
	AccountID string `json:"account_id,omitempty"`
	// Value limits the rule to an account number or (case-insensitive) VPA.
	Value string `json:"value,omitempty"`
	// Outcome is how the penny drop ends (required).
	Outcome Outcome `json:"outcome"`
	// Delay is how long the validation stays PENDING before the outcome
	// (default: the server's validation delay; ignored for OutcomePending).
	Delay *Duration `json:"delay,omitempty"`
	// Times is how many penny drops it applies to: 0 means 1, -1 all.
	Times int `json:"times,omitempty"`

	merchant int // 0: any (the Go API); i+1: the i-th key's only (the control endpoint)
}

// Fault makes the next calls of an operation fail, slow down or lose their
// connection, before the operation runs (nothing is created or validated by
// a call a fault answers). Requests the spec validation rejects are answered
// as usual and do not count.
type Fault struct {
	// Operation is the operationId it applies to; empty for all.
	Operation string `json:"operation,omitempty"`
	// CustomerID limits the fault to one customer's calls.
	CustomerID string `json:"customer_id,omitempty"`
	// Times is how many calls it applies to: 0 means 1, -1 all.
	Times int `json:"times,omitempty"`
	// Status answers the call with this status (200 to 599; below 400 only
	// with Body) and a Juspay-shaped error body; 0 lets it run after Delay.
	Status int `json:"status,omitempty"`
	// ErrorCode, Code and Message set error_code, error_info.code and the
	// messages of the body (defaults depend on Status).
	ErrorCode string `json:"error_code,omitempty"`
	Code      string `json:"code,omitempty"`
	Message   string `json:"message,omitempty"`
	// Body replaces the whole response body (JSON).
	Body json.RawMessage `json:"body,omitempty"`
	// Header adds response headers, e.g. {"Retry-After": "1"}.
	Header map[string]string `json:"header,omitempty"`
	// Delay holds the call this long (at most MaxFaultDelay); the client's
	// cancellation ends it.
	Delay Duration `json:"delay,omitempty"`
	// Reset closes the connection without an answer (a TCP reset).
	Reset bool `json:"reset,omitempty"`

	merchant int // as ForceValidation's
}

// Rules lists the forcing rules not used up yet.
type Rules struct {
	Validations []ForceValidation `json:"validations"`
	Faults      []Fault           `json:"faults"`
}

// forcer holds the rules; every method is safe for concurrent use.
type forcer struct {
	mu          sync.Mutex
	validations []ForceValidation
	faults      []Fault
	active      atomic.Bool // any rule is held: checked without the lock
}

// add runs change under the lock and updates active.
func (f *forcer) add(change func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change()
	f.active.Store(len(f.validations)+len(f.faults) > 0)
}

var errTimes = errors.New("api: times: want -1 (every call), 0 (once) or a count")

// ForceValidation adds a rule for the outcome of the next penny drops of
// every merchant's accounts. It fails on an invalid outcome, times or delay.
func (s *Server) ForceValidation(f ForceValidation) error {
	if err := f.Outcome.check(); err != nil {
		return err
	}
	switch {
	case f.Times < -1:
		return errTimes
	case f.Delay != nil && *f.Delay < 0:
		return errors.New("api: delay must not be negative")
	}
	f.Times = cmp.Or(f.Times, 1)
	s.force.add(func() { s.force.validations = append(s.force.validations, f) })
	return nil
}

// InjectFault adds a fault for the next calls of every merchant. It fails on
// an unknown operation, a status outside 200-599, a body that is not JSON, a
// negative or too long delay, or a fault that does nothing.
func (s *Server) InjectFault(f Fault) error {
	if f.Operation != "" && !gen.OperationID(f.Operation).Valid() {
		return fmt.Errorf("api: operation: want one of %v", gen.OperationIDs())
	}
	switch {
	case f.Times < -1:
		return errTimes
	case f.Status != 0 && (f.Status < 200 || f.Status > 599):
		return errors.New("api: status: want 200 to 599")
	case f.Delay < 0 || time.Duration(f.Delay) > MaxFaultDelay:
		return fmt.Errorf("api: delay: want 0 to %v", MaxFaultDelay)
	case f.Reset && (f.Status != 0 || len(f.Body) > 0):
		return errors.New("api: a reset fault sends no status or body")
	case !f.Reset && f.Status == 0 && f.Delay == 0:
		return errors.New("api: a fault needs a status, a delay or a reset")
	case len(f.Body) > 0 && f.Status == 0:
		return errors.New("api: a fault body needs a status")
	case f.Status != 0 && f.Status < 400 && len(f.Body) == 0:
		return errors.New("api: a status below 400 needs a body (the default body is a Juspay error)")
	case len(f.Body) > 0 && !json.Valid(f.Body):
		return errors.New("api: a fault body must be JSON")
	}
	for k, v := range f.Header {
		if k == "" || strings.ContainsAny(k+v, "\r\n\x00") {
			return errors.New("api: header: names and values must be single-line and not empty")
		}
	}
	f.Times = cmp.Or(f.Times, 1)
	s.force.add(func() { s.force.faults = append(s.force.faults, f) })
	return nil
}

// ClearRules removes every forcing rule, of every merchant.
func (s *Server) ClearRules() { s.clearRules(allMerchants) }

// clearRules removes the rules of merchant (allMerchants: every rule).
func (s *Server) clearRules(merchant int) {
	s.force.add(func() {
		s.force.validations = slices.DeleteFunc(s.force.validations, func(f ForceValidation) bool { return mine(f.merchant, merchant) })
		s.force.faults = slices.DeleteFunc(s.force.faults, func(f Fault) bool { return mine(f.merchant, merchant) })
	})
}

// Rules returns the forcing rules not used up yet, of every merchant, with
// what remains of their Times.
func (s *Server) Rules() Rules { return s.rules(allMerchants) }

// rules returns the rules of merchant (or all), as [] rather than null.
func (s *Server) rules(merchant int) Rules {
	s.force.mu.Lock()
	defer s.force.mu.Unlock()
	return Rules{
		Validations: slices.DeleteFunc(append([]ForceValidation{}, s.force.validations...), func(f ForceValidation) bool { return !mine(f.merchant, merchant) }),
		Faults:      slices.DeleteFunc(append([]Fault{}, s.force.faults...), func(f Fault) bool { return !mine(f.merchant, merchant) }),
	}
}

// mine reports whether a rule of ruleMerchant belongs to merchant (or all).
func mine(ruleMerchant, merchant int) bool {
	return merchant == allMerchants || ruleMerchant == merchant
}

// applies reports whether a rule of ruleMerchant applies to key owner's calls.
func applies(ruleMerchant, owner int) bool { return ruleMerchant == 0 || ruleMerchant == owner+1 }

// decider picks a penny drop's outcome and how long it stays PENDING.
type decider func(a *account, delay time.Duration) (gen.ValidationStatus, time.Duration)

// decide is the store's decider: a rule (used up), test values, the default.
func (s *Server) decide(a *account, delay time.Duration) (gen.ValidationStatus, time.Duration) {
	if s.force.active.Load() {
		if f, ok := s.force.takeValidation(a); ok {
			if f.Delay != nil {
				delay = time.Duration(*f.Delay)
			}
			return f.Outcome.status(delay)
		}
	}
	return cmp.Or(testOutcome(a), s.cfg.control.outcome).status(delay)
}

// specificity ranks how closely f matches a (-1: not at all).
func (f ForceValidation) specificity(a *account) int {
	if !applies(f.merchant, a.owner) || (f.CustomerID != "" && f.CustomerID != a.customerID) || (f.AccountID != "" && f.AccountID != a.id) ||
		(f.Value != "" && f.Value != a.accountNumber && !strings.EqualFold(f.Value, a.vpa)) {
		return -1
	}
	n := 0
	if f.AccountID != "" {
		n += 4
	}
	if f.Value != "" {
		n += 2
	}
	if f.CustomerID != "" {
		n++
	}
	return n
}

// spend uses rules[i] once, dropping it when its Times (*times) runs out.
func spend[T any](rules []T, i int, times *int) []T {
	if *times > 0 {
		if *times--; *times == 0 {
			return slices.Delete(rules, i, i+1)
		}
	}
	return rules
}

// takeValidation finds the rule for a and uses it once.
func (f *forcer) takeValidation(a *account) (r ForceValidation, ok bool) {
	f.add(func() {
		best, bestN := -1, -1
		for i, v := range f.validations {
			if n := v.specificity(a); n > bestN {
				best, bestN = i, n
			}
		}
		if ok = best >= 0; ok {
			r = f.validations[best]
			f.validations = spend(f.validations, best, &f.validations[best].Times)
		}
	})
	return r, ok
}

// takeFault finds the first fault for this call of owner's and uses it once.
func (f *forcer) takeFault(op, customerID string, owner int) (r Fault, ok bool) {
	f.add(func() {
		i := slices.IndexFunc(f.faults, func(r Fault) bool {
			return applies(r.merchant, owner) && (r.Operation == "" || r.Operation == op) && (r.CustomerID == "" || r.CustomerID == customerID)
		})
		if ok = i >= 0; ok {
			r = f.faults[i]
			f.faults = spend(f.faults, i, &f.faults[i].Times)
		}
	})
	return r, ok
}

// intercept applies a fault or the failure rate; it reports whether it answered.
func (s *Server) intercept(rw *recorder, r *http.Request, customerID string) bool {
	if s.force.active.Load() {
		if f, ok := s.force.takeFault(rw.op, customerID, s.owner(r)); ok {
			rw.fault = true
			return s.applyFault(rw, r, f)
		}
	}
	if rate := s.cfg.control.failureRate; rate > 0 && s.chance(rate) {
		rw.fault = true
		return s.applyFault(rw, r, Fault{Status: http.StatusServiceUnavailable, Message: "Injected failure (the emulator's failure rate)."})
	}
	return false
}

func (s *Server) applyFault(rw *recorder, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		select {
		case <-time.After(time.Duration(f.Delay)):
		case <-r.Context().Done():
			return true
		}
	}
	if f.Reset {
		resetConnection(rw)
		return true
	}
	if f.Status == 0 {
		return false // a delay only: the call runs now
	}
	for k, v := range f.Header {
		rw.Header().Set(k, v)
	}
	if len(f.Body) == 0 {
		writeError(rw, faultError(f.Status, f))
		return true
	}
	writeBody(rw, f.Status, "application/json", f.Body) // as given, byte for byte
	return true
}

// resetConnection closes the connection with SO_LINGER 0: the client sees a reset.
func resetConnection(rw *recorder) {
	conn, _, err := http.NewResponseController(rw).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // net/http closes the connection
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
	rw.status, rw.wrote = 0, true
}

// faultError is the Juspay-shaped body of a forced status.
func faultError(status int, f Fault) *apiError {
	errorCode, code, category := errorCodeBadReq, codeInvalid, categoryUser
	switch {
	case status == http.StatusTooManyRequests:
		errorCode, code = "too_many_requests", "TOO_MANY_REQUESTS"
	case status == http.StatusServiceUnavailable:
		errorCode, code, category = errorCodeNoService, "SERVICE_UNAVAILABLE", categoryServer
	case status >= 500:
		errorCode, code, category = errorCodeInternal, codeInternal, categoryServer
	}
	e := errOther(status, errorCode, code, category, cmp.Or(f.Message, "Forced by the emulator: "+http.StatusText(status)+"."))
	switch status {
	case http.StatusUnauthorized:
		e = errUnauthorized()
	case http.StatusNotFound:
		e = errNotFound()
	}
	if f.Message != "" {
		e.body.ErrorMessage, e.body.ErrorInfo.DeveloperMessage = f.Message, f.Message
	}
	e.body.ErrorCode = cmp.Or(f.ErrorCode, e.body.ErrorCode)
	e.body.ErrorInfo.Code = cmp.Or(f.Code, e.body.ErrorInfo.Code)
	return e
}

// controls is the state of the test controls, embedded in Server.
type controls struct {
	force   forcer
	traffic *traffic // nil unless recording
	rngMu   sync.Mutex
	rng     *mrand.Rand
}

func (s *Server) initControls() {
	s.rng = mrand.New(mrand.NewPCG(s.cfg.control.seed, s.cfg.control.seed^0x9e3779b97f4a7c15))
	if n := s.cfg.control.recording; n > 0 {
		s.traffic = newTraffic(n, s.cfg.keys)
	}
	s.store.decide = s.decide
}

// chance reports true with probability p.
func (s *Server) chance(p float64) bool {
	s.rngMu.Lock()
	defer s.rngMu.Unlock()
	return s.rng.Float64() < p
}
