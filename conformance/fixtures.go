package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Fixture is one recorded response the suite holds to the spec: a doc sample
// (a body from Juspay's pages) or a cassette interaction (a full exchange).
type Fixture struct {
	Name      string // "listCustomerAccounts.200.json" or "emulator.json#3"
	Source    Source // SourceDoc or SourceCassette
	Origin    Origin // for a cassette: live, emulator or synthetic
	Operation string
	Status    int
	Body      []byte    // the response body
	Exchange  *Exchange // the whole exchange, for a cassette interaction
}

// LoadSamples reads the doc samples of dir, named <operationId>.<status>.json.
func LoadSamples(dir string) ([]Fixture, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []Fixture
	for _, f := range files {
		name := filepath.Base(f)
		op, code, _ := strings.Cut(strings.TrimSuffix(name, ".json"), ".")
		status, err := strconv.Atoi(code)
		if err != nil {
			return nil, fmt.Errorf("conformance: sample %s: want <operationId>.<status>.json", name)
		}
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("conformance: %w", err)
		}
		out = append(out, Fixture{Name: name, Source: SourceDoc, Operation: op, Status: status, Body: body})
	}
	return out, nil
}

// CassetteFixtures turns every interaction of the cassettes in dir into a Fixture.
func CassetteFixtures(dir string) ([]Fixture, error) {
	cs, names, err := LoadCassettes(dir)
	if err != nil {
		return nil, err
	}
	var out []Fixture
	for _, name := range names {
		for i, in := range cs[name].Interactions {
			x := in.Exchange()
			out = append(out, Fixture{
				Name: fmt.Sprintf("%s#%d", name, i), Source: SourceCassette, Origin: cs[name].Origin,
				Operation: in.Operation, Status: in.Response.Status, Body: x.ResponseBody, Exchange: &x,
			})
		}
	}
	return out, nil
}

// ValidateFixture validates a cassette interaction's whole exchange (whose
// request must route to its recorded operation), or a doc sample's body.
func (v *Validator) ValidateFixture(ctx context.Context, f Fixture) error {
	if f.Exchange == nil {
		return v.ValidateResponseBody(ctx, f.Operation, f.Status, nil, f.Body)
	}
	if got := v.Operation(f.Exchange.Method, f.Exchange.URL); got != f.Operation {
		return fmt.Errorf("conformance: %s is recorded as %q but its request routes to %q", f.Name, f.Operation, got)
	}
	return v.ValidateExchange(ctx, *f.Exchange)
}
