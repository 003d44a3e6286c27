// Package apidoc renders an OpenAPI document as a Markdown API reference
// (operations with their parameters, bodies, responses, examples, curl calls
// and Go snippets, then the schemas) and as the documentation and constants
// of the generated package; the output depends only on its inputs.
package apidoc

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Options tune Render.
type Options struct {
	// Source names the document in the header, e.g. "openapi.yaml".
	Source string
	// Snippets holds the Go snippets (see ParseSnippets); nil for none.
	Snippets *Snippets
}

// Load parses and validates an OpenAPI document (Components never nil).
func Load(data []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("apidoc: load: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("apidoc: invalid document: %w", err)
	}
	doc.Components = cmp.Or(doc.Components, &openapi3.Components{})
	return doc, nil
}

// Operation is one operation of the document, with where it lives.
type Operation struct {
	Method, Path string
	Item         *openapi3.PathItem
	Op           *openapi3.Operation
}

// Operations lists every operation, sorted by path and then method.
func Operations(doc *openapi3.T) []Operation {
	var ops []Operation
	for _, path := range doc.Paths.Keys() {
		item := doc.Paths.Value(path)
		for method, op := range sorted(item.Operations()) {
			ops = append(ops, Operation{Method: strings.ToUpper(method), Path: path, Item: item, Op: op})
		}
	}
	return ops
}

// group is the operations of one tag.
type group struct {
	Name, Description string
	Ops               []Operation
}

// groups places every operation under its first tag ("Other operations" if
// none): the document's tags in its order, then the others as they occur.
func groups(doc *openapi3.T, ops []Operation) []group {
	var out []group
	for _, t := range doc.Tags {
		out = append(out, group{Name: t.Name, Description: t.Description})
	}
	for _, o := range ops {
		name := "Other operations"
		if len(o.Op.Tags) > 0 {
			name = o.Op.Tags[0]
		}
		i := slices.IndexFunc(out, func(g group) bool { return g.Name == name })
		if i < 0 {
			i, out = len(out), append(out, group{Name: name})
		}
		out[i].Ops = append(out[i].Ops, o)
	}
	return slices.DeleteFunc(out, func(g group) bool { return len(g.Ops) == 0 })
}

// Render writes the reference for doc.
func Render(doc *openapi3.T, opts Options) ([]byte, error) {
	if doc == nil || doc.Info == nil {
		return nil, errors.New("apidoc: no document")
	}
	opts.Snippets = cmp.Or(opts.Snippets, &Snippets{})
	r := &renderer{doc: doc, opts: opts}
	from, edit := "", ""
	if src := opts.Source; src != "" {
		from, edit = " from "+src, fmt.Sprintf("Generated from [`%s`](../%s); edit that file, not this one.\n\n", src, src)
	}
	fmt.Fprintf(r, "# %s reference\n\n<!-- Generated%s by `go generate ./...`. DO NOT EDIT. -->\n\n%s", cmp.Or(doc.Info.Title, "API"), from, edit)
	if v := r.doc.Info.Version; v != "" {
		fmt.Fprintf(r, "API version: %s (OpenAPI %s)\n\n", code(v), r.doc.OpenAPI)
	}
	r.para(r.doc.Info.Description)
	r.externalDocs(r.doc.ExternalDocs)
	var rows [][]string
	for _, s := range r.doc.Servers {
		rows = append(rows, []string{code(s.URL), cell(s.Description)})
	}
	r.table("## Servers\n\n", []string{"URL", "description"}, rows)
	rows = nil
	for name, s := range sorted(r.doc.Components.SecuritySchemes) {
		kind, _ := r.scheme(name, s.Value)
		rows = append(rows, []string{code(name), cell(kind), cell(s.Value.Description)})
	}
	r.table("## Authentication\n\n", []string{"scheme", "kind", "description"}, rows)
	if s := r.opts.Snippets.Setup; s != "" {
		r.WriteString("## Go client\n\nThe Go snippets below call the `wrapper` package; each takes a client made like this:\n\n")
		r.WriteString(fence("go", s) + "\n")
	}

	gs := groups(r.doc, Operations(r.doc))
	r.WriteString("## Contents\n\n")
	for _, g := range gs {
		fmt.Fprintf(r, "- %s\n", g.Name)
		for _, o := range g.Ops {
			fmt.Fprintf(r, "  - [%s %s](#%s) %s", o.Method, o.Path, opAnchor(o.Op.OperationID), code(o.Op.OperationID))
			if o.Op.Deprecated {
				r.WriteString(" (deprecated)")
			}
			r.WriteString("\n")
		}
	}
	if len(r.doc.Components.Schemas) > 0 {
		r.WriteString("- [Schemas](#schemas)\n")
		for _, n := range sortedKeys(r.doc.Components.Schemas) {
			fmt.Fprintf(r, "  - [%s](#%s)\n", n, schemaAnchor(n))
		}
	}
	r.WriteString("\n")
	for _, g := range gs {
		fmt.Fprintf(r, "## %s\n\n", g.Name)
		r.para(g.Description)
		for _, o := range g.Ops {
			r.operation(o)
		}
	}
	if len(r.doc.Components.Schemas) > 0 {
		r.WriteString("## Schemas\n\n")
	}
	for name, s := range sorted(r.doc.Components.Schemas) {
		fmt.Fprintf(r, "%s\n\n### %s\n\n", anchor(schemaAnchor(name)), name)
		r.schema(s, true)
	}
	return []byte(r.String()), nil
}

type renderer struct {
	strings.Builder
	doc  *openapi3.T
	opts Options
}

func (r *renderer) externalDocs(ed *openapi3.ExternalDocs) {
	if ed != nil && ed.URL != "" {
		fmt.Fprintf(r, "Juspay page: [%s](%s)\n\n", cmp.Or(strings.TrimSpace(ed.Description), ed.URL), ed.URL)
	}
}

// scheme is a security scheme's kind and the curl option supplying it ("" if none).
func (r *renderer) scheme(name string, s *openapi3.SecurityScheme) (kind, curl string) {
	switch {
	case s.Type == "http" && s.Scheme == "basic":
		return "HTTP basic (header `Authorization: Basic base64(user:password)`)", `-u "$JUSPAY_API_KEY:"`
	case s.Type == "http":
		return "HTTP " + s.Scheme, ""
	case s.Type == "apiKey" && s.In == "header":
		return "API key in header " + code(s.Name), fmt.Sprintf("-H %q", s.Name+": $"+strings.ToUpper(slug(name)))
	case s.Type == "apiKey":
		return fmt.Sprintf("API key in %s %s", s.In, code(s.Name)), ""
	}
	return s.Type, ""
}

// cell makes s safe inside one Markdown table cell: paragraphs and list
// items keep a visible break (<br>), other line breaks become spaces, and
// pipes are escaped (GitHub's tables also need that inside code spans).
func cell(s string) string {
	var b strings.Builder
	blank := false // the line before was blank
	for i, l := range strings.Split(strings.TrimSpace(s), "\n") {
		switch l = strings.TrimSpace(l); {
		case l == "":
			blank = true
			continue
		case i == 0:
		case blank || listItem.MatchString(l):
			b.WriteString("<br>")
		default:
			b.WriteByte(' ')
		}
		blank = false
		b.WriteString(l)
	}
	return strings.ReplaceAll(b.String(), "|", `\|`)
}

var listItem = regexp.MustCompile(`^[*+-] `)

func code(s string) string {
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	t := ticks(s, 2)
	return t + " " + s + " " + t
}

// fence returns a fenced code block of the given language.
func fence(lang, body string) string {
	f := ticks(body, 3)
	return f + lang + "\n" + strings.TrimRight(body, "\n") + "\n" + f + "\n"
}

// ticks is the shortest run of at least n backticks that s does not hold.
func ticks(s string, n int) string {
	t := strings.Repeat("`", n)
	for strings.Contains(s, t) {
		t += "`"
	}
	return t
}

// anchor is an explicit HTML anchor: links do not depend on a renderer's heading ids.
func anchor(id string) string { return fmt.Sprintf(`<a id="%s"></a>`, id) }

func opAnchor(operationID string) string { return "op-" + slug(operationID) }

func schemaAnchor(name string) string { return "schema-" + slug(name) }

// slug lowers the case and turns all but ASCII letters, digits, '-' and '_' into '-'.
func slug(s string) string { return nonSlug.ReplaceAllString(strings.ToLower(s), "-") }

var nonSlug = regexp.MustCompile(`[^a-z0-9_-]`)

// table writes a Markdown table after heading, or nothing if rows is empty.
func (r *renderer) table(heading string, header []string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	r.WriteString(heading + "| " + strings.Join(header, " | ") + " |\n|" + strings.Repeat("---|", len(header)) + "\n")
	for _, row := range rows {
		r.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	r.WriteString("\n")
}

func (r *renderer) para(s string) {
	if s = strings.TrimSpace(s); s != "" {
		r.WriteString(s + "\n\n")
	}
}
