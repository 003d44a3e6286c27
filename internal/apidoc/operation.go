package apidoc

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

func (r *renderer) operation(o Operation) {
	op := o.Op
	fmt.Fprintf(r, "%s\n\n### %s\n\n", anchor(opAnchor(op.OperationID)), cell(cmp.Or(op.Summary, op.OperationID)))
	fmt.Fprintf(r, "%s · operationId %s\n\n", code(o.Method+" "+o.Path), code(op.OperationID))
	if op.Deprecated {
		r.WriteString("> **Deprecated.**\n\n")
	}
	r.externalDocs(op.ExternalDocs)
	r.para(op.Description)
	r.auth(op)
	r.parameters(o)
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		req := "optional"
		if rb.Value.Required {
			req = "required"
		}
		r.WriteString("#### Request body\n\n")
		r.para("The body is " + req + ". " + rb.Value.Description)
		r.content(rb.Value.Content, "schema", true)
	}
	r.responses(op)
	r.curl(o)
	r.WriteString("#### Go\n\n")
	snippets := r.opts.Snippets.ByOperation[op.OperationID]
	if len(snippets) == 0 {
		r.WriteString("No Go snippet for this operation yet.\n\n")
	}
	for _, s := range snippets {
		r.WriteString(fence("go", s) + "\n")
	}
}

// securityOf is the operation's security, or the document's.
func (r *renderer) securityOf(op *openapi3.Operation) openapi3.SecurityRequirements {
	if op.Security != nil {
		return *op.Security
	}
	return r.doc.Security
}

func (r *renderer) auth(op *openapi3.Operation) {
	sec := r.securityOf(op)
	if len(sec) == 0 {
		r.WriteString("**Authentication:** none.\n\n")
		return
	}
	var alts []string
	for _, req := range sec {
		alts = append(alts, cmp.Or(codeList(sortedKeys(req), " and "), "none"))
	}
	fmt.Fprintf(r, "**Authentication:** %s (see [Authentication](#authentication)).\n\n", strings.Join(alts, " or "))
}

// params merges path-item and operation parameters (the operation's win):
// path ones in URL order, then query, header and cookie ones by name.
func params(o Operation) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	for _, ref := range append(slices.Clone(o.Op.Parameters), o.Item.Parameters...) {
		if p := ref.Value; !slices.ContainsFunc(out, func(q *openapi3.Parameter) bool { return q.In == p.In && q.Name == p.Name }) {
			out = append(out, p)
		}
	}
	rank := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	slices.SortFunc(out, func(a, b *openapi3.Parameter) int {
		return cmp.Or(cmp.Compare(rank[a.In], rank[b.In]),
			cmp.Compare(strings.Index(o.Path, "{"+a.Name+"}"), strings.Index(o.Path, "{"+b.Name+"}")),
			cmp.Compare(a.Name, b.Name))
	})
	return out
}

// paramExample is p's example, else its schema's example, default or first enum value.
func paramExample(p *openapi3.Parameter) any {
	if p.Example != nil {
		return p.Example
	}
	if p.Schema == nil || p.Schema.Value == nil {
		return nil
	}
	switch s := p.Schema.Value; {
	case s.Example != nil:
		return s.Example
	case s.Default != nil:
		return s.Default
	case len(s.Enum) > 0:
		return s.Enum[0]
	}
	return nil
}

func (r *renderer) parameters(o Operation) {
	var rows [][]string
	for _, p := range params(o) {
		ex := codeOf(paramExample(p))
		rows = append(rows, slices.Insert(tableRow(p.Name, p.Schema, yesNo[p.Required], ex, inferred(p.Extensions), p.Deprecated, p.Description), 1, p.In))
	}
	r.table("#### Parameters and headers\n\n", []string{"name", "in", "type", "required", "format", "enum", "example", "inferred", "description (the evidence, when inferred)"}, rows)
}

func (r *renderer) responses(op *openapi3.Operation) {
	if op.Responses.Len() == 0 {
		return
	}
	r.WriteString("#### Responses\n\n")
	m := op.Responses.Map()
	statuses := sortedKeys(m) // codes and ranges (2XX) by text, then "default"
	if i := slices.Index(statuses, "default"); i >= 0 {
		statuses = append(slices.Delete(statuses, i, i+1), "default")
	}
	for _, status := range statuses {
		resp := m[status].Value
		fmt.Fprintf(r, "##### %s\n\n", status)
		if resp.Description != nil {
			r.para(*resp.Description)
		}
		var rows [][]string
		for name, h := range sorted(resp.Headers) {
			rows = append(rows, []string{code(name), cell(typeOf(h.Value.Schema)), cell(h.Value.Description)})
		}
		r.table("", []string{"response header", "type", "description"}, rows)
		r.content(resp.Content, "body", false)
	}
}

// content writes each media type of a body: its schema (called noun), the
// fields of an inline object (of any object if expand) and the examples.
func (r *renderer) content(c openapi3.Content, noun string, expand bool) {
	for name, mt := range sorted(c) {
		fmt.Fprintf(r, "Content type %s", code(name))
		if mt.Schema != nil {
			fmt.Fprintf(r, ", %s %s", noun, typeOf(mt.Schema))
		}
		r.WriteString(".\n\n")
		if ref := mt.Schema; ref != nil && ref.Value != nil && (expand || ref.Ref == "" && len(ref.Value.Properties) > 0) {
			r.schema(ref, false)
		}
		r.examples(name, mt)
	}
}

// schema writes a schema's marks, description, extensions and fields; and,
// withType, a line on its type, format, enum, default and example.
func (r *renderer) schema(ref *openapi3.SchemaRef, withType bool) {
	s := ref.Value
	if inferred(ref.Extensions) || inferred(s.Extensions) {
		r.WriteString("This schema is marked " + InferredMarker + "; the description gives the evidence.\n\n")
	}
	if s.Deprecated {
		r.WriteString("> **Deprecated.**\n\n")
	}
	r.para(s.Description)
	if withType {
		inline := &openapi3.SchemaRef{Value: s}
		r.WriteString("Type: " + typeOf(inline))
		for _, part := range [][2]string{{"", formatOf(inline)}, {"one of ", enumOf(inline)}, {"default ", codeOf(s.Default)}, {"example ", codeOf(s.Example)}} {
			if part[1] != "" {
				r.WriteString("; " + part[0] + part[1])
			}
		}
		r.WriteString(".\n\n")
	}
	if x := extensionsOf(s.Extensions); x != "" {
		r.WriteString("Extensions: " + x + ".\n\n")
	}
	r.object(s)
}
