package juspayaccounts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsingItFromAnotherModule runs the commands of README's "Using it from
// another module" in a temporary directory, where the clone is a symlink to
// this checkout: a new module that imports wrapper must build once they ran.
func TestUsingItFromAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go mod tidy and go build in a new module")
	}
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## Using it from another module\n")
	if !ok {
		t.Fatal(`README.md has no "## Using it from another module" section`)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// The go command's own environment, built here rather than inherited:
	// where it finds the module proxy and its caches, and no GOFLAGS, workspace
	// or toolchain switch from the developer's shell.
	env := []string{"GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for _, k := range []string{"GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GOMODCACHE", "GOCACHE", "GOPATH", "GOROOT"} {
		if v := os.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	if err := os.Symlink(root, filepath.Join(dir, "juspay-accounts")); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for i, block := range strings.Split(sec, "```")[1:] {
		if i%2 == 1 { // the text between two fences
			continue
		}
		lang, body, _ := strings.Cut(block, "\n")
		switch lang {
		case "go":
			if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		case "sh":
			for _, line := range strings.Split(body, "\n") {
				line, _, _ = strings.Cut(line, "#")
				for _, c := range strings.Split(line, "&&") {
					args := strings.Fields(c)
					switch {
					case len(args) == 0 || args[0] == "git": // the clone is the symlink
					case args[0] == "mkdir":
						if err := os.Mkdir(filepath.Join(dir, args[1]), 0o755); err != nil {
							t.Fatal(err)
						}
					case args[0] == "cd":
						dir = filepath.Join(dir, args[1])
					default:
						cmd := exec.Command(args[0], args[1:]...)
						cmd.Dir = dir
						cmd.Env = env
						if out, err := cmd.CombinedOutput(); err != nil {
							t.Fatalf("README, Using it from another module: %s: %v\n%s", c, err, out)
						}
						ran++
					}
				}
			}
		}
	}
	if ran < 4 {
		t.Fatalf("ran %d commands of the section, want go mod init, go mod edit, go mod tidy and go build", ran)
	}
	if _, err := os.Stat(filepath.Join(dir, "main.go")); err != nil {
		t.Fatalf("the section's code is not in the new module: %v", err)
	}
}
