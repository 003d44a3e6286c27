package apidoc

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

func (r *renderer) operation(o Operation) error {
	b := &r.b
	op := o.Op
	fmt.Fprintf(b, "%s\n\n### %s\n\n", anchor(opAnchor(op.OperationID)), cell(cmp.Or(op.Summary, op.OperationID)))
	fmt.Fprintf(b, "%s · operationId %s\n\n", code(o.Method+" "+o.Path), code(op.OperationID))
	if op.Deprecated {
		b.WriteString("> **Deprecated.**\n\n")
	}
	if ed := op.ExternalDocs; ed != nil && ed.URL != "" {
		fmt.Fprintf(b, "%s: [%s](%s)\n\n", r.opts.ExternalDocsLabel, cmp.Or(strings.TrimSpace(ed.Description), ed.URL), ed.URL)
	}
	if d := strings.TrimSpace(op.Description); d != "" {
		b.WriteString(d + "\n\n")
	}
	r.auth(op)
	r.parameters(o)
	if err := r.requestBody(op); err != nil {
		return err
	}
	if err := r.responses(op); err != nil {
		return err
	}
	r.curl(o)
	r.goSnippets(op)
	return nil
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
		r.b.WriteString("**Authentication:** none.\n\n")
		return
	}
	var alts []string
	for _, req := range sec {
		names := sortedKeys(req)
		for i, n := range names {
			names[i] = code(n)
		}
		if len(names) == 0 {
			alts = append(alts, "none")
			continue
		}
		alts = append(alts, strings.Join(names, " and "))
	}
	fmt.Fprintf(&r.b, "**Authentication:** %s (see [Authentication](#authentication)).\n\n", strings.Join(alts, " or "))
}

// params merges path-item and operation parameters (the operation's win)
// and sorts them: path parameters in URL order, then query, header and
// cookie parameters by name.
func params(o Operation) []*openapi3.Parameter {
	byKey := map[string]*openapi3.Parameter{}
	var keys []string
	for _, list := range []openapi3.Parameters{o.Item.Parameters, o.Op.Parameters} {
		for _, ref := range list {
			if ref == nil || ref.Value == nil {
				continue
			}
			k := ref.Value.In + "\x00" + ref.Value.Name
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = ref.Value
		}
	}
	out := make([]*openapi3.Parameter, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	rank := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	slices.SortStableFunc(out, func(a, b *openapi3.Parameter) int {
		if c := cmp.Compare(rank[a.In], rank[b.In]); c != 0 {
			return c
		}
		if a.In == "path" {
			return cmp.Compare(strings.Index(o.Path, "{"+a.Name+"}"), strings.Index(o.Path, "{"+b.Name+"}"))
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}

// paramExample is the parameter's example, or its schema's.
func paramExample(p *openapi3.Parameter) any {
	if p.Example != nil {
		return p.Example
	}
	for _, name := range sortedKeys(p.Examples) {
		if e := p.Examples[name]; e != nil && e.Value != nil && e.Value.Value != nil {
			return e.Value.Value
		}
	}
	if p.Schema != nil && p.Schema.Value != nil {
		if p.Schema.Value.Example != nil {
			return p.Schema.Value.Example
		}
		if p.Schema.Value.Default != nil {
			return p.Schema.Value.Default
		}
		if len(p.Schema.Value.Enum) > 0 {
			return p.Schema.Value.Enum[0]
		}
	}
	return nil
}

func (r *renderer) parameters(o Operation) {
	ps := params(o)
	if len(ps) == 0 {
		return
	}
	b := &r.b
	b.WriteString("#### Parameters and headers\n\n")
	rows := make([][]string, 0, len(ps))
	for _, p := range ps {
		ex := ""
		if v := paramExample(p); v != nil {
			ex = code(literal(v))
		}
		rows = append(rows, slices.Insert(tableRow(p.Name, p.Schema, required(p.Required), ex, inferred(p.Extensions), p.Deprecated, p.Description), 1, p.In))
	}
	table(b, []string{"name", "in", "type", "required", "format", "enum", "example", "inferred", "description (the evidence, when inferred)"}, rows)
}

func (r *renderer) requestBody(op *openapi3.Operation) error {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	rb := op.RequestBody.Value
	req := "optional"
	if rb.Required {
		req = "required"
	}
	fmt.Fprintf(&r.b, "#### Request body\n\n%s\n\n", strings.TrimSpace("The body is "+req+". "+strings.TrimSpace(rb.Description)))
	return r.content(rb.Content, "schema", true)
}

func (r *renderer) responses(op *openapi3.Operation) error {
	if op.Responses == nil || op.Responses.Len() == 0 {
		return nil
	}
	b := &r.b
	b.WriteString("#### Responses\n\n")
	m := op.Responses.Map()
	statuses := sortedKeys(m) // codes and ranges (2XX) by text, then "default"
	if i := slices.Index(statuses, "default"); i >= 0 {
		statuses = append(slices.Delete(statuses, i, i+1), "default")
	}
	for _, status := range statuses {
		ref := m[status]
		if ref == nil || ref.Value == nil {
			continue
		}
		resp := ref.Value
		fmt.Fprintf(b, "##### %s\n\n", status)
		if resp.Description != nil && strings.TrimSpace(*resp.Description) != "" {
			b.WriteString(strings.TrimSpace(*resp.Description) + "\n\n")
		}
		var rows [][]string
		for _, h := range sortedKeys(resp.Headers) {
			if hr := resp.Headers[h]; hr != nil && hr.Value != nil {
				rows = append(rows, []string{code(h), cell(typeOf(hr.Value.Schema)), cell(hr.Value.Description)})
			}
		}
		table(b, []string{"response header", "type", "description"}, rows)
		if err := r.content(resp.Content, "body", false); err != nil {
			return err
		}
	}
	return nil
}

// content writes each media type of a body: its schema (noun names it), the
// field table of an inline object (of any object schema when expand is
// set) and the examples.
func (r *renderer) content(c openapi3.Content, noun string, expand bool) error {
	b := &r.b
	for _, name := range sortedKeys(c) {
		mt := c[name]
		fmt.Fprintf(b, "Content type %s", code(name))
		if mt.Schema != nil {
			fmt.Fprintf(b, ", %s %s", noun, typeOf(mt.Schema))
		}
		b.WriteString(".\n\n")
		if ref := mt.Schema; ref != nil && ref.Value != nil && (expand || ref.Ref == "" && len(ref.Value.Properties) > 0) {
			if d := strings.TrimSpace(ref.Value.Description); d != "" {
				b.WriteString(d + "\n\n")
			}
			if inferred(ref.Extensions) || inferred(ref.Value.Extensions) {
				b.WriteString("This schema is marked " + InferredMarker + ".\n\n")
			}
			if x := extensionsOf(ref.Value.Extensions); x != "" {
				b.WriteString("Extensions: " + x + ".\n\n")
			}
			writeObject(b, ref.Value)
		}
		if err := writeExamples(b, name, mt); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) schemas() error {
	c := r.doc.Components
	if c == nil || len(c.Schemas) == 0 {
		return nil
	}
	b := &r.b
	b.WriteString("## Schemas\n\n")
	for _, name := range sortedKeys(c.Schemas) {
		ref := c.Schemas[name]
		fmt.Fprintf(b, "%s\n\n### %s\n\n", anchor(schemaAnchor(name)), name)
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		if inferred(ref.Extensions) || inferred(s.Extensions) {
			b.WriteString("This schema is marked " + InferredMarker + "; the description gives the evidence.\n\n")
		}
		if s.Deprecated {
			b.WriteString("> **Deprecated.**\n\n")
		}
		if d := strings.TrimSpace(s.Description); d != "" {
			b.WriteString(d + "\n\n")
		}
		fmt.Fprintf(b, "Type: %s", typeOf(&openapi3.SchemaRef{Value: s}))
		if f := formatOf(&openapi3.SchemaRef{Value: s}); f != "" {
			b.WriteString("; " + f)
		}
		if e := enumOf(&openapi3.SchemaRef{Value: s}); e != "" {
			b.WriteString("; one of " + e)
		}
		if s.Default != nil {
			b.WriteString("; default " + code(literal(s.Default)))
		}
		if s.Example != nil {
			b.WriteString("; example " + code(literal(s.Example)))
		}
		b.WriteString(".\n\n")
		if x := extensionsOf(s.Extensions); x != "" {
			b.WriteString("Extensions: " + x + ".\n\n")
		}
		if len(s.Properties) > 0 {
			writeObject(b, s)
		} else if sets, _ := requiredSets(s); sets != "" {
			fmt.Fprintf(b, "Required: %s.\n\n", sets)
		}
	}
	return nil
}
