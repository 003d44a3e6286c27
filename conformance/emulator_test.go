package conformance

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/conformance/internal/exercise"
)

// emulatorCoverage runs every wrapper method against the emulator through a
// Transport and returns what conformed, the violations, and the steps.
func emulatorCoverage(t testing.TB, v *Validator) (*Coverage, []Report, []exercise.Step, int) {
	t.Helper()
	srv := exercise.StartEmulator()
	defer srv.Close()
	cov := NewCoverage(v)
	var bad collector
	exchanges := 0
	observe := cov.Observe(SourceEmulator)
	tr, err := NewTransport(nil, WithValidator(v), WithOnViolation(bad.add), WithOnExchange(func(r Report) {
		exchanges++ // calls are sequential
		observe(r)
	}))
	require.NoError(t, err)
	steps, err := exercise.Emulator(context.Background(), srv.URL, &http.Client{Transport: tr})
	require.NoError(t, err)
	return cov, bad.all(), steps, exchanges
}

// TestEmulatorConforms: every wrapper method, and calls that provoke 400, 401
// and 404, against the emulator; every exchange on the wire is validated.
func TestEmulatorConforms(t *testing.T) {
	v := newValidator(t)
	cov, violations, steps, exchanges := emulatorCoverage(t, v)
	for _, s := range steps {
		assert.True(t, s.OK(), s.String())
	}
	for _, r := range violations {
		assert.Fail(t, "emulator exchange breaks the spec", r.Error())
	}
	assert.GreaterOrEqual(t, exchanges, len(steps), "every call was observed by the Transport")

	want := map[string][]string{
		"createCustomerAccounts":  {"200", "400", "401"},
		"validateCustomerAccount": {"200", "400", "401", "404"},
		"getCustomerAccount":      {"200", "401", "404"},
		"listCustomerAccounts":    {"200", "401", "404"},
		"createBankAccount":       {"200", "400", "401"},
		"validateBankAccount":     {"200", "401", "404"},
		"getBankAccount":          {"200", "401", "404"},
		"listBankAccounts":        {"200", "401", "404"},
		"deleteBankAccount":       {"200", "401", "404"},
	}
	assert.ElementsMatch(t, v.OperationIDs(), keys(want))
	for op, statuses := range want {
		for _, s := range statuses {
			assert.True(t, cov.Has(op, s, SourceEmulator), "no conforming emulator exchange for %s %s", op, s)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
