// Package apidoc renders an OpenAPI document as a Markdown API reference:
// every operation with its parameters, headers, request fields, responses
// and examples, a curl call and a Go snippet, then every component schema.
// The output depends only on its inputs and is sorted, so a regenerated
// reference is byte for byte the same until the spec changes.
//
// go generate runs it (see cmd/apidoc) to write docs/API.md from
// openapi.yaml.
package apidoc

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Options tune Render.
type Options struct {
	// Source names the document in the header, e.g. "openapi.yaml".
	Source string
	// Command is how the reader regenerates the output, e.g. "go generate ./...".
	Command string
	// ExternalDocsLabel labels an operation's externalDocs link
	// (default "Documentation").
	ExternalDocsLabel string
	// CurlBasicAuth is the curl option for HTTP Basic auth
	// (default `-u "$USERNAME:$PASSWORD"`).
	CurlBasicAuth string
	// Snippets holds the Go snippets (see ParseSnippets); nil for none.
	Snippets *Snippets
}

// Load parses and validates an OpenAPI document.
func Load(data []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("apidoc: load: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("apidoc: invalid document: %w", err)
	}
	return doc, nil
}

// Operation is one operation of the document, with where it lives.
type Operation struct {
	Method string
	Path   string
	Item   *openapi3.PathItem
	Op     *openapi3.Operation
}

// Operations lists every operation, sorted by path and then method.
func Operations(doc *openapi3.T) []Operation {
	var ops []Operation
	if doc.Paths == nil {
		return nil
	}
	for _, path := range doc.Paths.Keys() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			ops = append(ops, Operation{Method: strings.ToUpper(method), Path: path, Item: item, Op: op})
		}
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(methodRank(a.Method), methodRank(b.Method)), cmp.Compare(a.Method, b.Method))
	})
	return ops
}

func methodRank(m string) int {
	i := slices.Index([]string{"GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"}, m)
	if i < 0 {
		return 99
	}
	return i
}

// group is the operations of one tag, in document tag order.
type group struct {
	Name, Description string
	Ops               []Operation
}

// groups places every operation under its first tag: tags in the order the
// document lists them, then tags it does not list (sorted), then untagged.
func groups(doc *openapi3.T, ops []Operation) []group {
	var out []group
	index := map[string]int{}
	add := func(name, desc string) {
		if _, ok := index[name]; !ok {
			index[name] = len(out)
			out = append(out, group{Name: name, Description: desc})
		}
	}
	for _, t := range doc.Tags {
		if t != nil {
			add(t.Name, t.Description)
		}
	}
	var extra []string
	for _, o := range ops {
		if len(o.Op.Tags) > 0 {
			if _, ok := index[o.Op.Tags[0]]; !ok && !slices.Contains(extra, o.Op.Tags[0]) {
				extra = append(extra, o.Op.Tags[0])
			}
		}
	}
	slices.Sort(extra)
	for _, t := range extra {
		add(t, "")
	}
	for _, o := range ops {
		name := "Other operations"
		if len(o.Op.Tags) > 0 {
			name = o.Op.Tags[0]
		}
		add(name, "")
		out[index[name]].Ops = append(out[index[name]].Ops, o)
	}
	return slices.DeleteFunc(out, func(g group) bool { return len(g.Ops) == 0 })
}

// Render writes the reference for doc.
func Render(doc *openapi3.T, opts Options) ([]byte, error) {
	if doc == nil {
		return nil, errors.New("apidoc: nil document")
	}
	if opts.ExternalDocsLabel == "" {
		opts.ExternalDocsLabel = "Documentation"
	}
	r := &renderer{doc: doc, opts: opts}
	if err := r.render(); err != nil {
		return nil, err
	}
	return []byte(r.b.String()), nil
}

type renderer struct {
	doc  *openapi3.T
	opts Options
	b    strings.Builder
}

func (r *renderer) title() string {
	if r.doc.Info != nil && r.doc.Info.Title != "" {
		return r.doc.Info.Title
	}
	return "API"
}

func (r *renderer) render() error {
	b := &r.b
	fmt.Fprintf(b, "# %s reference\n\n", r.title())
	gen := "<!-- Generated"
	if r.opts.Source != "" {
		gen += " from " + r.opts.Source
	}
	if r.opts.Command != "" {
		gen += " by `" + r.opts.Command + "`"
	}
	b.WriteString(gen + ". DO NOT EDIT. -->\n\n")
	if r.opts.Source != "" {
		fmt.Fprintf(b, "Generated from [`%s`](../%s); edit that file, not this one.\n\n", r.opts.Source, r.opts.Source)
	}
	if i := r.doc.Info; i != nil {
		if i.Version != "" {
			fmt.Fprintf(b, "API version: %s (OpenAPI %s)\n\n", code(i.Version), r.doc.OpenAPI)
		}
		if d := strings.TrimSpace(i.Description); d != "" {
			b.WriteString(d + "\n\n")
		}
	}
	if ed := r.doc.ExternalDocs; ed != nil && ed.URL != "" {
		fmt.Fprintf(b, "%s: [%s](%s)\n\n", r.opts.ExternalDocsLabel, cmp.Or(strings.TrimSpace(ed.Description), ed.URL), ed.URL)
	}
	r.servers()
	r.security()
	if s := r.opts.Snippets; s != nil && s.Setup != "" {
		b.WriteString("## Go client\n\n")
		b.WriteString("The Go snippets below call the `wrapper` package; each takes a client made like this:\n\n")
		b.WriteString(fence("go", s.Setup) + "\n")
	}

	ops := Operations(r.doc)
	gs := groups(r.doc, ops)
	b.WriteString("## Contents\n\n")
	for _, g := range gs {
		fmt.Fprintf(b, "- %s\n", g.Name)
		for _, o := range g.Ops {
			dep := ""
			if o.Op.Deprecated {
				dep = " (deprecated)"
			}
			fmt.Fprintf(b, "  - [%s %s](#%s) %s%s\n", o.Method, o.Path, opAnchor(o.Op.OperationID), code(o.Op.OperationID), dep)
		}
	}
	if r.doc.Components != nil && len(r.doc.Components.Schemas) > 0 {
		b.WriteString("- [Schemas](#schemas)\n")
		for _, n := range sortedKeys(r.doc.Components.Schemas) {
			fmt.Fprintf(b, "  - [%s](#%s)\n", n, schemaAnchor(n))
		}
	}
	b.WriteByte('\n')

	for _, g := range gs {
		fmt.Fprintf(b, "## %s\n\n", g.Name)
		if d := strings.TrimSpace(g.Description); d != "" {
			b.WriteString(d + "\n\n")
		}
		for _, o := range g.Ops {
			if err := r.operation(o); err != nil {
				return fmt.Errorf("apidoc: %s %s: %w", o.Method, o.Path, err)
			}
		}
	}
	return r.schemas()
}

func (r *renderer) servers() {
	if len(r.doc.Servers) == 0 {
		return
	}
	b := &r.b
	b.WriteString("## Servers\n\n")
	rows := make([][]string, 0, len(r.doc.Servers))
	for _, s := range r.doc.Servers {
		if s != nil {
			rows = append(rows, []string{code(s.URL), cell(s.Description)})
		}
	}
	table(b, []string{"URL", "description"}, rows)
}

func (r *renderer) security() {
	c := r.doc.Components
	if c == nil || len(c.SecuritySchemes) == 0 {
		return
	}
	b := &r.b
	b.WriteString("## Authentication\n\n")
	var rows [][]string
	for _, name := range sortedKeys(c.SecuritySchemes) {
		ref := c.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		rows = append(rows, []string{code(name), cell(schemeKind(s)), cell(s.Description)})
	}
	table(b, []string{"scheme", "kind", "description"}, rows)
}

func schemeKind(s *openapi3.SecurityScheme) string {
	switch s.Type {
	case "http":
		k := "HTTP " + s.Scheme
		if s.Scheme == "basic" {
			k += " (header `Authorization: Basic base64(user:password)`)"
		}
		return k
	case "apiKey":
		return fmt.Sprintf("API key in %s %s", s.In, code(s.Name))
	}
	return s.Type
}
