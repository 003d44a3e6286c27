// Command apicheck (make api-check) fails unless every incompatible change
// that apidiff finds against the last release's testdata/apidiff/module.export
// is named, package-qualified (wrapper.WithRetry, gen.CustomerAccount for its
// members, juspayaccounts.X, faults for a removed package), under "### Breaking"
// in CHANGELOG.md's "## [Unreleased]". -write (make api-snapshot) refreshes the
// snapshot when cutting a release.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

func main() {
	dir := flag.String("dir", ".", "module root")
	snapshot := flag.String("snapshot", "testdata/apidiff/module.export", "snapshot of the last release, relative to -dir")
	changelog := flag.String("changelog", "CHANGELOG.md", "changelog, relative to -dir")
	tools := flag.String("tools", "tools/apidiff/go.mod", "go.mod that pins apidiff")
	write := flag.Bool("write", false, "refresh the snapshot instead of checking")
	flag.Parse()
	if err := run(*dir, *snapshot, *changelog, *tools, *write); err != nil {
		fmt.Fprintln(os.Stderr, "api-check:", err)
		os.Exit(1)
	}
}

func run(dir, snapshot, changelog, tools string, write bool) error {
	tools, err := filepath.Abs(tools)
	if err != nil {
		return err
	}
	// The root package's import path is the module's.
	pkg, err := command(dir, "go", "list", "-f", "{{.ImportPath}} {{.Name}}", ".")
	if err != nil {
		return err
	}
	module, root, _ := strings.Cut(pkg, " ")
	apidiff := func(args ...string) (string, error) {
		return command(dir, "go", append([]string{"tool", "-modfile=" + tools, "apidiff", "-m"}, args...)...)
	}
	if write {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(snapshot)), 0o755); err != nil {
			return err
		}
		if _, err := apidiff("-w", snapshot, module); err != nil {
			return err
		}
		fmt.Println("api-snapshot: wrote", snapshot)
		return nil
	}
	out, err := apidiff("-incompatible", snapshot, module)
	if err != nil {
		return err
	}
	log, err := os.ReadFile(filepath.Join(dir, changelog))
	if err != nil {
		return err
	}
	breaking := breakingSection(string(log))
	var missing []string
	for line := range strings.SplitSeq(out, "\n") {
		msg, ok := strings.CutPrefix(line, "- ")
		if id := identifier(msg, module, root); ok && !named(breaking, id) {
			missing = append(missing, fmt.Sprintf("  %s (%s)", id, msg))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("incompatible changes since the last release that the Breaking subsection of %s's [Unreleased] section does not name:\n%s\nname each identifier there (or undo the change)",
			changelog, strings.Join(missing, "\n"))
	}
	fmt.Println("api-check: the exported API is compatible with", snapshot, "or each change is named under Unreleased, Breaking")
	return nil
}

// command runs name in dir and returns its output, or an error with its stderr.
func command(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// identifier turns one apidiff message ("./wrapper.(*Client).Do: removed",
// "OpenAPISpec: removed", "package example.com/m/faults: removed") into the
// package-qualified identifier the changelog must name.
func identifier(msg, module, root string) string {
	if rest, ok := strings.CutPrefix(msg, "package "); ok {
		path, _, _ := strings.Cut(rest, ":")
		return strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
	}
	id := msg
	if i := strings.IndexAny(id, ":,"); i >= 0 {
		id = id[:i]
	}
	id = strings.NewReplacer("(*", "", ")", "").Replace(id)
	if rel, ok := strings.CutPrefix(id, "./"); ok {
		return rel
	}
	return root + "." + id
}

// breakingSection is the "### Breaking" subsection of "## [Unreleased]" ("" if
// none: a Cut that finds nothing leaves nothing after it).
func breakingSection(log string) string {
	_, s, _ := strings.Cut(log, "\n## [Unreleased]")
	s, _, _ = strings.Cut(s, "\n## ")
	_, s, _ = strings.Cut(s, "\n### Breaking")
	s, _, _ = strings.Cut(s, "\n### ")
	return s
}

// named reports whether text names id, or the top-level name of a member id
// (pkg.Type for pkg.Type.Field), as a whole identifier.
func named(text, id string) bool {
	names := []string{id}
	if p := strings.SplitN(id, ".", 3); len(p) == 3 {
		names = append(names, p[0]+"."+p[1])
	}
	return slices.ContainsFunc(names, func(n string) bool {
		return regexp.MustCompile(`(^|[^\w./])` + regexp.QuoteMeta(n) + `($|[^\w.]|\.($|[^\w]))`).MatchString(text)
	})
}
