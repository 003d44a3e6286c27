package conformance

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtures returns every doc sample and every cassette interaction.
func fixtures(t testing.TB) []Fixture {
	t.Helper()
	samples, err := LoadSamples(samplesDir)
	require.NoError(t, err)
	require.NotEmpty(t, samples, "no doc samples in %s", samplesDir)
	cassettes, err := CassetteFixtures(cassetteDir)
	require.NoError(t, err)
	require.NotEmpty(t, cassettes, "no cassettes in %s", cassetteDir)
	return append(samples, cassettes...)
}

// coverageOf validates every fixture and records those that pass.
func coverageOf(t testing.TB, v *Validator, fs []Fixture) (*Coverage, map[string]error) {
	cov := NewCoverage(v)
	return cov, cov.AddFixtures(context.Background(), fs)
}

// documentedGaps lists the "operation status" pairs Juspay documents that no
// committed, validated fixture drawn from Juspay covers: a doc sample, a live
// cassette, or a synthetic one (assembled from documented bodies). Emulator
// cassettes do not count here: their bodies are this project's invention.
func documentedGaps(cov *Coverage) []string {
	var gaps []string
	for op, statuses := range Documented() {
		for _, s := range statuses {
			st := strconv.Itoa(s)
			if cov.Has(op, st, SourceDoc) {
				continue
			}
			labels := cov.Labels(op, st, SourceCassette)
			if !slices.Contains(labels, string(OriginLive)) && !slices.Contains(labels, string(OriginSynthetic)) {
				gaps = append(gaps, op+" "+st)
			}
		}
	}
	sort.Strings(gaps)
	return gaps
}

// coverFrom records fixtures already known to validate.
func coverFrom(v *Validator, fs []Fixture) *Coverage {
	cov := NewCoverage(v)
	for _, f := range fs {
		cov.AddFixture(f)
	}
	return cov
}

// TestFixturesValidate: every doc sample and every cassette interaction
// conforms (a cassette's whole exchange: request and response).
func TestFixturesValidate(t *testing.T) {
	v := newValidator(t)
	for _, f := range fixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			assert.NoError(t, v.ValidateFixture(context.Background(), f))
		})
	}
}

// TestEveryDocumentedStatusHasAFixture: each status Juspay documents for an
// operation has a validated committed fixture. Removing one opens a gap.
func TestEveryDocumentedStatusHasAFixture(t *testing.T) {
	v := newValidator(t)
	var ops []string
	for op, statuses := range Documented() {
		ops = append(ops, op)
		for _, s := range statuses {
			assert.Contains(t, v.Statuses(op), strconv.Itoa(s), "%s documents %d but the spec does not declare it", op, s)
		}
	}
	assert.ElementsMatch(t, v.OperationIDs(), ops, "Documented() must list exactly the spec's operations")

	fs := fixtures(t)
	cov, failed := coverageOf(t, v, fs)
	require.Empty(t, failed)
	assert.Empty(t, documentedGaps(cov), "documented (operation, status) pairs without a validated fixture")

	// Not vacuous: dropping a fixture that alone covers a documented pair
	// opens exactly that gap ...
	sole := 0
	for i, f := range fs {
		rest := append(append([]Fixture(nil), fs[:i]...), fs[i+1:]...)
		if gaps := documentedGaps(coverFrom(v, rest)); len(gaps) > 0 {
			sole++
			assert.Equal(t, []string{f.Operation + " " + strconv.Itoa(f.Status)}, gaps, "removing %s", f.Name)
		}
	}
	assert.Positive(t, sole, "no fixture is the only cover of a documented status: the gap check proves nothing")
	// ... and dropping every fixture of a documented pair opens its gap, for each pair.
	for op, statuses := range Documented() {
		for _, s := range statuses {
			var rest []Fixture
			for _, f := range fs {
				if f.Operation != op || f.Status != s {
					rest = append(rest, f)
				}
			}
			assert.Equal(t, []string{op + " " + strconv.Itoa(s)}, documentedGaps(coverFrom(v, rest)))
		}
	}
	// An emulator cassette alone does not fill a documented gap.
	var emulatorOnly []Fixture
	for _, f := range fs {
		if f.Origin == OriginEmulator {
			emulatorOnly = append(emulatorOnly, f)
		}
	}
	require.NotEmpty(t, emulatorOnly)
	pairs := 0
	for _, statuses := range Documented() {
		pairs += len(statuses)
	}
	assert.Len(t, documentedGaps(coverFrom(v, emulatorOnly)), pairs, "every documented pair is a gap without Juspay-derived fixtures")

	// A fixture that does not validate covers nothing.
	broken := []Fixture{}
	for _, f := range fs {
		if f.Name == "listCustomerAccounts.404.json" {
			f.Body = []byte(`{"status": "invalid_request_error"}`)
		}
		broken = append(broken, f)
	}
	c, failed := coverageOf(t, v, broken)
	assert.Contains(t, failed, "listCustomerAccounts.404.json")
	assert.Equal(t, []string{"listCustomerAccounts 404"}, documentedGaps(c))
}

// mutated returns f with another status, header and body.
func mutated(f Fixture, status int, header http.Header, body []byte) Fixture {
	f.Status, f.Body = status, body
	if f.Exchange != nil {
		x := *f.Exchange
		x.Status, x.ResponseHeader, x.ResponseBody = status, header, body
		f.Exchange = &x
	}
	return f
}

// validateMutant validates a doc sample mutant with the given header (the
// Fixture form always claims JSON) or a cassette mutant as an exchange.
func validateMutant(v *Validator, f Fixture) error {
	if f.Exchange == nil {
		h := http.Header{"Content-Type": {"application/json"}}
		return v.ValidateResponseBody(context.Background(), f.Operation, f.Status, h, f.Body)
	}
	return v.ValidateFixture(context.Background(), f)
}

func validateMutantWithHeader(v *Validator, f Fixture, h http.Header) error {
	if f.Exchange == nil {
		return v.ValidateResponseBody(context.Background(), f.Operation, f.Status, h, f.Body)
	}
	return v.ValidateFixture(context.Background(), f)
}

// findKey returns the JSON pointer of the first key named name in doc.
func findKey(doc any, name string, at []string) ([]string, bool) {
	switch t := doc.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == name {
				return append(at, k), true
			}
		}
		for _, k := range keys {
			if p, ok := findKey(t[k], name, append(at, k)); ok {
				return p, true
			}
		}
	case []any:
		for i, e := range t {
			if p, ok := findKey(e, name, append(at, strconv.Itoa(i))); ok {
				return p, true
			}
		}
	}
	return nil, false
}

func setAt(doc any, p []string, val any, remove bool) {
	for i, k := range p {
		last := i == len(p)-1
		switch t := doc.(type) {
		case map[string]any:
			if last {
				if remove {
					delete(t, k)
				} else {
					t[k] = val
				}
				return
			}
			doc = t[k]
		case []any:
			n, _ := strconv.Atoi(k)
			if last {
				t[n] = val
				return
			}
			doc = t[n]
		}
	}
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func encode(t *testing.T, m map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

// TestNegativeControls mutates every fixture in ways that break the spec and
// asserts the validator rejects each, at the right location: it is not vacuous.
func TestNegativeControls(t *testing.T) {
	v := newValidator(t)
	counts := map[string]int{}
	expect := func(t *testing.T, kind string, err error, location string) {
		t.Helper()
		counts[kind]++
		r := reportOf(t, err)
		assert.Contains(t, r.Locations(), location, "%s: %v", kind, err)
		for _, viol := range r.Violations {
			assert.NotEmpty(t, viol.Operation, "violation without operation")
			assert.NotZero(t, viol.Status, "violation without status")
		}
	}
	for _, f := range fixtures(t) {
		t.Run(f.Name, func(t *testing.T) {
			require.NoError(t, v.ValidateFixture(context.Background(), f), "the unmutated fixture must pass")
			success := f.Status < 300
			op := v.ops[f.Operation].Spec
			schema := op.Responses.Status(f.Status)
			if schema == nil {
				schema = op.Responses.Default()
			}
			required := schema.Value.Content.Get("application/json").Schema.Value.Required

			for _, field := range required {
				m := decode(t, f.Body)
				delete(m, field)
				expect(t, "missing required field", validateMutant(v, mutated(f, f.Status, jsonHeader(), encode(t, m))), "body/"+field)

				m = decode(t, f.Body)
				if _, isString := m[field].(string); isString {
					m[field] = 12345
				} else {
					m[field] = "12345"
				}
				expect(t, "wrong type", validateMutant(v, mutated(f, f.Status, jsonHeader(), encode(t, m))), "body/"+field)
			}

			if m := decode(t, f.Body); true {
				if p, ok := findKey(m, "validation_status", nil); ok {
					setAt(m, p, "VERIFIED", false)
					expect(t, "wrong enum", validateMutant(v, mutated(f, f.Status, jsonHeader(), encode(t, m))), "body/"+strings.Join(p, "/"))
				}
			}

			if success {
				for _, s := range []int{201, 202, 204, 302} {
					expect(t, "undeclared status", validateMutant(v, mutated(f, s, jsonHeader(), f.Body)), "status")
				}
				expect(t, "empty 2xx body", validateMutant(v, mutated(f, f.Status, jsonHeader(), nil)), "body")
			}

			html := []byte("<html><body><h1>502 Bad Gateway</h1></body></html>")
			expect(t, "HTML under application/json", validateMutant(v, mutated(f, f.Status, jsonHeader(), html)), "body")

			h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
			expect(t, "JSON under text/html", validateMutantWithHeader(v, mutated(f, f.Status, h, f.Body), h), "header Content-Type")

			h = http.Header{}
			expect(t, "no Content-Type", validateMutantWithHeader(v, mutated(f, f.Status, h, f.Body), h), "header Content-Type")
		})
	}
	t.Logf("negative controls rejected: %v", counts)
	for _, kind := range []string{"missing required field", "wrong type", "wrong enum", "undeclared status",
		"empty 2xx body", "HTML under application/json", "JSON under text/html", "no Content-Type"} {
		assert.Positive(t, counts[kind], "no fixture exercised %q", kind)
	}
}
