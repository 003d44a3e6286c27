// Command apidoc writes the Markdown API reference (docs/API.md), and
// optionally gen/doc.gen.go and gen/codes.gen.go, from the OpenAPI document
// and the Go snippets file; go generate runs it (see generate.go).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pennydrop/juspay-accounts/internal/apidoc"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "apidoc:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("apidoc", flag.ContinueOnError)
	specPath := fs.String("spec", "openapi.yaml", "the OpenAPI document")
	snippetsPath := fs.String("snippets", "", "Go file holding the snippets (optional)")
	out := fs.String("out", "docs/API.md", "the Markdown file to write")
	goDoc := fs.String("godoc", "", "also write the generated package's documentation (doc.gen.go) to this file")
	codes := fs.String("codes", "", "also write the generated package's error codes and operation ids (codes.gen.go) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*specPath)
	if err != nil {
		return err
	}
	doc, err := apidoc.Load(data)
	if err != nil {
		return err
	}
	opts := apidoc.Options{Source: filepath.ToSlash(*specPath)}
	if *snippetsPath != "" {
		src, err := os.ReadFile(*snippetsPath)
		if err != nil {
			return err
		}
		if opts.Snippets, err = apidoc.ParseSnippets(*snippetsPath, src); err != nil {
			return err
		}
	}
	err = write(*out)(apidoc.Render(doc, opts))
	if err == nil && *goDoc != "" {
		err = write(*goDoc)(apidoc.RenderGoDoc(doc, filepath.Base(filepath.Dir(*goDoc)), "docs/API.md"))
	}
	if err == nil && *codes != "" {
		err = write(*codes)(apidoc.RenderCodes(doc))
	}
	return err
}

// write returns a function that replaces path with the data it is given
// (unless given an error), leaving an unchanged file and its time alone.
func write(path string) func([]byte, error) error {
	return func(data []byte, err error) error {
		if old, rerr := os.ReadFile(path); err != nil || rerr == nil && bytes.Equal(old, data) {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path+".tmp", data, 0o644); err != nil {
			return err
		}
		return os.Rename(path+".tmp", path)
	}
}
