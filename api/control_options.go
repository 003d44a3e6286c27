package api

import (
	"math"
	"strings"
)

const (
	// DefaultRecording is how many requests of each merchant WithRecording (and
	// WithControl) keep when given no count.
	DefaultRecording = 1000
	// MaxRecording caps the count given to WithRecording.
	MaxRecording = 100_000
)

// controlConfig holds the options of the test controls.
type controlConfig struct {
	outcome     Outcome
	failureRate float64
	seed        uint64 // random unless WithRandomSeed
	recording   int    // requests kept; 0: none
	endpoint    bool   // serve ControlPrefix
}

// WithValidationOutcome sets how penny drops end when no forcing rule and no
// test value decides (default OutcomeActive). Values other than the three
// Outcome constants count as OutcomeActive; ParseOutcome checks user input.
func WithValidationOutcome(o Outcome) Option {
	return func(c *config) { c.control.outcome = o }
}

// ParseOutcome reads an outcome, case-insensitively.
func ParseOutcome(s string) (Outcome, error) {
	o := Outcome(strings.ToUpper(strings.TrimSpace(s)))
	if err := o.check(); err != nil {
		return "", err
	}
	return o, nil
}

// WithFailureRate answers this fraction (0 to 1) of the calls that pass
// validation with a Juspay-shaped 503, before the operation runs (nothing
// is created or validated). Values outside 0..1 are clamped; NaN counts as 0.
func WithFailureRate(rate float64) Option {
	return func(c *config) {
		if math.IsNaN(rate) {
			rate = 0
		}
		c.control.failureRate = min(max(rate, 0), 1)
	}
}

// WithRandomSeed makes WithFailureRate reproducible: the same seed and
// sequence of calls fail the same calls.
func WithRandomSeed(seed uint64) Option {
	return func(c *config) { c.control.seed = seed }
}

// WithRecording keeps, for Requests, the last n requests of each merchant and
// of none (n <= 0: DefaultRecording; at most MaxRecording). Off by default:
// it costs a few allocations per request.
func WithRecording(n int) Option {
	return func(c *config) {
		if n <= 0 {
			n = DefaultRecording
		}
		c.control.recording = min(n, MaxRecording)
	}
}

// WithControl serves the control endpoint under ControlPrefix, for users of a
// running emulator; it also records requests (DefaultRecording, unless
// WithRecording says otherwise).
func WithControl() Option {
	return func(c *config) {
		c.control.endpoint = true
		if c.control.recording == 0 {
			c.control.recording = DefaultRecording
		}
	}
}
