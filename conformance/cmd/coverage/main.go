// Command coverage prints which (operation, status) pairs of openapi.yaml are
// backed by a validated doc sample, a committed cassette, or an exchange with
// the emulator, and fails if a fixture does not validate.
//
//	go run ./conformance/cmd/coverage            (from the repository root)
//
// The live column is filled only by the live tests (make conformance-live).
package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"

	"github.com/pennydrop/juspay-accounts/conformance"
	"github.com/pennydrop/juspay-accounts/conformance/internal/exercise"
)

func main() {
	samples := flag.String("samples", "testdata/samples", "directory of the doc samples")
	cassettes := flag.String("cassettes", "conformance/testdata/cassettes", "directory of the cassettes")
	flag.Parse()
	if err := run(*samples, *cassettes); err != nil {
		fmt.Fprintln(os.Stderr, "coverage:", err)
		os.Exit(1)
	}
}

func run(samplesDir, cassetteDir string) error {
	ctx := context.Background()
	v, err := conformance.NewValidator()
	if err != nil {
		return err
	}
	samples, err := conformance.LoadSamples(samplesDir)
	if err != nil {
		return err
	}
	recorded, err := conformance.CassetteFixtures(cassetteDir)
	if err != nil {
		return err
	}
	if len(samples) == 0 {
		return fmt.Errorf("no doc samples in %s (run from the repository root or pass -samples)", samplesDir)
	}
	cov := conformance.NewCoverage(v)
	failed := cov.AddFixtures(ctx, append(samples, recorded...))

	srv := exercise.StartEmulator()
	defer srv.Close()
	var violations []conformance.Report
	tr, err := conformance.NewTransport(nil, conformance.WithValidator(v),
		conformance.WithOnExchange(cov.Observe(conformance.SourceEmulator)),
		conformance.WithOnViolation(func(r conformance.Report) { violations = append(violations, r) }))
	if err != nil {
		return err
	}
	steps, err := exercise.Emulator(ctx, srv.URL, &http.Client{Transport: tr})
	if err != nil {
		return err
	}

	fmt.Print(cov.Table())
	fmt.Printf("\n%d doc samples, %d cassette interactions, %d emulator calls; live: run make conformance-live\n",
		len(samples), len(recorded), len(steps))
	for _, n := range slices.Sorted(maps.Keys(failed)) {
		fmt.Printf("FIXTURE %s: %v\n", n, failed[n])
	}
	for _, r := range violations {
		fmt.Printf("EMULATOR %v\n", r.Error())
	}
	for _, s := range steps {
		if !s.OK() {
			fmt.Printf("STEP %s\n", s)
		}
	}
	if len(failed) > 0 || len(violations) > 0 {
		return fmt.Errorf("%d fixture(s) and %d emulator exchange(s) break the spec", len(failed), len(violations))
	}
	return nil
}
