package conformance

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// liveCoverage collects the conforming exchanges of the live tests when they
// run in the same process (go test -run 'Live|CoverageReport').
var liveCoverage *Coverage

// TestCoverageReport prints operation x status x source (run with -v). It
// validates the committed fixtures and drives the emulator itself, so it
// stands alone; the live column is filled only when the live tests ran first.
func TestCoverageReport(t *testing.T) {
	v := newValidator(t)
	cov := NewCoverage(v)
	assert.Empty(t, cov.AddFixtures(context.Background(), fixtures(t)))
	emu, _, _, _ := emulatorCoverage(t, v)
	cov.Merge(emu)
	if liveCoverage != nil {
		cov.Merge(liveCoverage)
	}
	table := cov.Table()
	t.Log("coverage (operation x status x source):\n" + table)

	lines := strings.Split(strings.TrimSpace(table), "\n")
	rows := 0
	for _, op := range v.OperationIDs() {
		rows += len(v.Statuses(op))
	}
	assert.Len(t, lines, rows+1, "one row per declared (operation, status), plus the header")
	assert.Contains(t, table, "synthetic")
	for _, op := range v.OperationIDs() {
		assert.True(t, cov.Has(op, "200", SourceDoc, SourceCassette), "%s 200 has no fixture", op)
		assert.True(t, cov.Has(op, "200", SourceEmulator), "%s 200 was not exercised on the emulator", op)
	}
}
