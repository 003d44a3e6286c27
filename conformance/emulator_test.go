package conformance

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
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
		"createCustomerAccounts":  {"200", "400", "401", "default"},
		"validateCustomerAccount": {"200", "400", "401", "404"},
		"getCustomerAccount":      {"200", "401", "404"},
		"listCustomerAccounts":    {"200", "401", "404"},
		"createBankAccount":       {"200", "400", "401", "default"},
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

const emulatorDescription = "Written by TestEmulatorCassette (go test ./conformance -run TestEmulatorCassette -update): " +
	"the wrapper's calls of internal/exercise recorded against this module's emulator (package api). Not a recording of Juspay."

// outcomes lists "operation status" of every interaction, in order, with
// repeats collapsed: how many polls AwaitValidation makes depends on timing.
func outcomes(c *Cassette) []string {
	var out []string
	for _, in := range c.Interactions {
		o := fmt.Sprintf("%s %d", in.Operation, in.Response.Status)
		if len(out) == 0 || out[len(out)-1] != o {
			out = append(out, o)
		}
	}
	return out
}

// TestEmulatorCassette records the exercise against the emulator and checks
// the committed testdata/cassettes/emulator.json has the same calls and
// statuses (ids and timestamps differ from run to run; -update rewrites it).
func TestEmulatorCassette(t *testing.T) {
	srv := exercise.StartEmulator()
	defer srv.Close()
	rec, err := NewRecorder(OriginEmulator, emulatorDescription, nil)
	require.NoError(t, err)
	steps, err := exercise.Emulator(context.Background(), srv.URL, &http.Client{Transport: rec})
	require.NoError(t, err)
	for _, s := range steps {
		require.True(t, s.OK(), s.String())
	}
	got := rec.Cassette()
	path := filepath.Join(cassetteDir, "emulator.json")
	if *update {
		require.NoError(t, got.Save(path))
	}
	want, err := LoadCassette(path)
	require.NoError(t, err, "run: go test ./conformance -run TestEmulatorCassette -update")
	assert.Equal(t, OriginEmulator, want.Origin)
	assert.Equal(t, outcomes(want), outcomes(got), "emulator.json is stale: rerun with -update")

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, secret := range []string{api.DefaultTestKey, exercise.BadKey, "50100123450001", "40002323422", "asha@okhdfcbank", "Asha Rao", "value1"} {
		assert.NotContains(t, string(raw), secret, "the cassette leaks %q", secret)
	}
}

// TestReplayEmulatorCassette runs the same wrapper calls against a replay of
// the committed emulator cassette: every request matches a recorded one (same
// path, query and redacted form), every call ends as scripted, and every
// replayed exchange validates.
func TestReplayEmulatorCassette(t *testing.T) {
	c, err := LoadCassette(filepath.Join(cassetteDir, "emulator.json"))
	require.NoError(t, err)
	p := NewReplayer(c)
	srv := httptest.NewServer(p)
	defer srv.Close()
	var bad collector
	tr, err := NewTransport(nil, WithOnViolation(bad.add))
	require.NoError(t, err)
	steps, err := exercise.Emulator(context.Background(), srv.URL, &http.Client{Transport: tr})
	require.NoError(t, err)
	for _, s := range steps {
		assert.True(t, s.OK(), s.String())
	}
	assert.Empty(t, p.Misses())
	assert.Empty(t, p.Unused())
	for _, r := range bad.all() {
		assert.Fail(t, "replayed exchange breaks the spec", r.Error())
	}
}
