package juspayaccounts_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMakeHelpLayout: `make help` prints the Makefile's ## comments with
// "## " stripped; each entry starts with "target: " and its continuation
// lines are indented by two spaces, so that the targets stand out.
func TestMakeHelpLayout(t *testing.T) {
	b, err := os.ReadFile("Makefile")
	require.NoError(t, err)
	heading := regexp.MustCompile(`^[a-z][a-z0-9-]*: \S`)
	var entries int
	for i, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "##") {
			continue
		}
		shown := strings.TrimPrefix(strings.TrimPrefix(line, "##"), " ") // what make help's sed prints
		switch {
		case heading.MatchString(shown):
			entries++
		case strings.HasPrefix(shown, "  ") && strings.TrimSpace(shown) != "":
			assert.NotEqual(t, 0, entries, "Makefile:%d: a continuation line before any target", i+1)
		default:
			t.Errorf("Makefile:%d: %q is neither a \"target: what\" line nor a continuation indented by two spaces", i+1, line)
		}
	}
	assert.Greater(t, entries, 5)
}
