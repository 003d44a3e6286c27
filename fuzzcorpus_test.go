package juspayaccounts_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryFuzzTargetHasASeedCorpus keeps the README's claim true: every
// `func FuzzX` has committed seeds in its package's testdata/fuzz/FuzzX/,
// which every plain `go test` runs.
func TestEveryFuzzTargetHasASeedCorpus(t *testing.T) {
	target := regexp.MustCompile(`(?m)^func (Fuzz[A-Za-z0-9_]*)\(`)
	found := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "tools" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range target.FindAllStringSubmatch(string(src), -1) {
			found++
			seeds, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "testdata", "fuzz", m[1], "*"))
			assert.NotEmpty(t, seeds, "%s in %s has no seed corpus under testdata/fuzz/%s/", m[1], path, m[1])
		}
		return nil
	})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, found, 7, "the walk found the fuzz targets")
}
