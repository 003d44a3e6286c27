package juspayaccounts_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestVersionIsTheLatestRelease holds wrapper.Version (sent in User-Agent) to
// the first released version heading of CHANGELOG.md, and that heading to its
// link at the bottom.
func TestVersionIsTheLatestRelease(t *testing.T) {
	b, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^## \[Unreleased\]$`).Match(b) {
		t.Error("CHANGELOG.md has no '## [Unreleased]' section")
	}
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("CHANGELOG.md has no '## [x.y.z] - YYYY-MM-DD' release heading")
	}
	if got := string(m[1]); got != wrapper.Version {
		t.Errorf("wrapper.Version = %q, the latest release in CHANGELOG.md is %q: bump one of them", wrapper.Version, got)
	}
	if !regexp.MustCompile(`(?m)^\[` + regexp.QuoteMeta(string(m[1])) + `\]: \S+v` + regexp.QuoteMeta(string(m[1])) + `$`).Match(b) {
		t.Errorf("CHANGELOG.md has no link line for [%s]", m[1])
	}
}
