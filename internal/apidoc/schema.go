package apidoc

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// InferredExtension marks a name the source pages do not show; the
// description of the element holds the evidence for it.
const InferredExtension = "x-inferred"

// InferredMarker is what the reference prints for an element that carries
// InferredExtension.
const InferredMarker = "**x-inferred**"

// inferred reports whether ext sets InferredExtension to true.
func inferred(ext map[string]any) bool { return ext[InferredExtension] == true }

// schemaInferred reports whether a property is marked inferred: on the
// reference itself, or on its inline schema (a referenced component carries
// its own marker in its own section).
func schemaInferred(r *openapi3.SchemaRef) bool {
	if r == nil {
		return false
	}
	return inferred(r.Extensions) || (r.Ref == "" && r.Value != nil && inferred(r.Value.Extensions))
}

// typeOf describes a schema in a few words, linking named components. A
// composition (anyOf, oneOf, allOf) that only constrains a typed schema (for
// example an object whose anyOf lists which fields are required) is left to
// formatOf and requiredSets.
func typeOf(r *openapi3.SchemaRef) string {
	if r == nil {
		return "any"
	}
	if r.Ref != "" {
		n := path.Base(r.Ref)
		return fmt.Sprintf("[%s](#%s)", n, schemaAnchor(n))
	}
	s := r.Value
	if s == nil {
		return "any"
	}
	var t string
	switch {
	case s.Type.Is(openapi3.TypeArray):
		t = "array of " + typeOf(s.Items)
	case s.Type.Is(openapi3.TypeObject) || (s.Type.IsEmpty() && len(s.Properties) > 0):
		t = "object"
		if len(s.Properties) == 0 && s.AdditionalProperties.Schema != nil {
			t = "map of " + typeOf(s.AdditionalProperties.Schema)
		}
	case !s.Type.IsEmpty():
		t = strings.Join(s.Type.Slice(), " or ")
	case len(s.AnyOf) > 0:
		t = "any of " + joinTypes(s.AnyOf, ", ")
	case len(s.OneOf) > 0:
		t = "one of " + joinTypes(s.OneOf, ", ")
	case len(s.AllOf) > 0:
		t = "all of " + joinTypes(s.AllOf, ", ")
	default:
		t = "any"
	}
	if s.Nullable {
		t += ", nullable"
	}
	return t
}

func joinTypes(rs openapi3.SchemaRefs, sep string) string {
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		parts = append(parts, typeOf(r))
	}
	return strings.Join(parts, sep)
}

// constraintOnly reports whether a subschema of a composition only adds
// constraints (required fields, bounds) and describes no type of its own.
func constraintOnly(r *openapi3.SchemaRef) bool {
	if r == nil || r.Ref != "" || r.Value == nil {
		return false
	}
	s := r.Value
	return s.Type.IsEmpty() && len(s.Properties) == 0 && s.Items == nil &&
		len(s.AnyOf)+len(s.OneOf)+len(s.AllOf) == 0
}

// compositions names a schema's anyOf, oneOf and allOf lists.
func compositions(s *openapi3.Schema) []struct {
	Kind string
	Refs openapi3.SchemaRefs
} {
	return []struct {
		Kind string
		Refs openapi3.SchemaRefs
	}{{"any of", s.AnyOf}, {"exactly one of", s.OneOf}, {"all of", s.AllOf}}
}

// requiredSets describes the fields an object needs beyond its required
// list, from compositions whose members only list required fields, e.g.
// "any of (`account_number` and `ifsc`) or (`vpa`)". It also returns every
// field such a set names.
func requiredSets(s *openapi3.Schema) (string, map[string]bool) {
	named := map[string]bool{}
	var out []string
	for _, c := range compositions(s) {
		var sets []string
		for _, r := range c.Refs {
			if !constraintOnly(r) || len(r.Value.Required) == 0 {
				continue
			}
			names := make([]string, 0, len(r.Value.Required))
			for _, n := range r.Value.Required {
				named[n] = true
				names = append(names, code(n))
			}
			sets = append(sets, "("+strings.Join(names, " and ")+")")
		}
		if len(sets) > 0 {
			out = append(out, c.Kind+" "+strings.Join(sets, " or "))
		}
	}
	return strings.Join(out, "; "), named
}

// formatOf lists a schema's format and constraints; a component reference is
// described by its own section.
func formatOf(r *openapi3.SchemaRef) string {
	if r == nil || r.Value == nil || r.Ref != "" {
		return ""
	}
	s := r.Value
	var parts []string
	add := func(k string, v any) { parts = append(parts, k+" "+code(literal(v))) }
	if s.Format != "" {
		parts = append(parts, code(s.Format))
	}
	if s.Pattern != "" {
		add("pattern", s.Pattern)
	}
	if s.MinLength > 0 {
		add("minLength", s.MinLength)
	}
	if s.MaxLength != nil {
		add("maxLength", *s.MaxLength)
	}
	if s.Min != nil {
		add("minimum", *s.Min)
	}
	if s.Max != nil {
		add("maximum", *s.Max)
	}
	if s.MultipleOf != nil {
		add("multipleOf", *s.MultipleOf)
	}
	if s.MinItems > 0 {
		add("minItems", s.MinItems)
	}
	if s.MaxItems != nil {
		add("maxItems", *s.MaxItems)
	}
	if s.UniqueItems {
		parts = append(parts, "unique items")
	}
	if s.MinProps > 0 {
		add("minProperties", s.MinProps)
	}
	if s.MaxProps != nil {
		add("maxProperties", *s.MaxProps)
	}
	typed := !s.Type.IsEmpty() || len(s.Properties) > 0
	for _, c := range compositions(s) {
		for _, sub := range c.Refs {
			if constraintOnly(sub) && len(sub.Value.Required) > 0 {
				continue // see requiredSets
			}
			f := formatOf(sub)
			switch {
			case typed && f != "":
				parts = append(parts, c.Kind+": "+typeOf(sub)+" ("+f+")")
			case typed:
				parts = append(parts, c.Kind+": "+typeOf(sub))
			case f != "":
				parts = append(parts, typeOf(sub)+": "+f)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// enumOf lists the allowed values of a schema (of its items, for an array).
func enumOf(r *openapi3.SchemaRef) string {
	if r == nil || r.Value == nil || r.Ref != "" {
		return ""
	}
	s := r.Value
	if len(s.Enum) == 0 && s.Type.Is(openapi3.TypeArray) {
		return enumOf(s.Items)
	}
	vals := make([]string, 0, len(s.Enum))
	for _, v := range s.Enum {
		vals = append(vals, code(literal(v)))
	}
	return strings.Join(vals, ", ")
}

// defaultOf is the schema's default value as a code span, or "".
func defaultOf(r *openapi3.SchemaRef) string {
	if r == nil || r.Value == nil || r.Value.Default == nil {
		return ""
	}
	return code(literal(r.Value.Default))
}

// literal prints a scalar as it is written; anything else as compact JSON.
func literal(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case uint64:
		return strconv.FormatUint(x, 10)
	case nil:
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// describe is a schema's description, plus its example when it has one.
func describe(r *openapi3.SchemaRef, desc string) string {
	d := strings.TrimSpace(desc)
	if r != nil && r.Value != nil && r.Ref == "" && r.Value.Example != nil {
		if d != "" && !strings.HasSuffix(d, ".") {
			d += "."
		}
		d = strings.TrimSpace(d + " Example: " + code(literal(r.Value.Example)) + ".")
	}
	if r == nil || r.Value == nil {
		return d
	}
	if known, ok := r.Value.Extensions[KnownValues].(map[string]any); ok {
		var vals []string
		for _, k := range sortedKeys(known) {
			vals = append(vals, code(k))
		}
		d = strings.TrimSpace(d + " Known values: " + strings.Join(vals, ", ") + ".")
	}
	return d
}

// field is one property of an object schema, flattened: nested inline
// objects appear as "parent.child" and inline array items as "parent[].child".
type field struct {
	Path     string
	Schema   *openapi3.SchemaRef
	Required bool
}

// fieldsOf flattens the properties of s, sorted by name at every level.
// Named components are not expanded: their rows link to their own section.
func fieldsOf(s *openapi3.Schema) []field {
	var out []field
	var walk func(prefix string, s *openapi3.Schema, depth int)
	walk = func(prefix string, s *openapi3.Schema, depth int) {
		if s == nil || depth > 8 {
			return
		}
		for _, name := range sortedKeys(s.Properties) {
			p := s.Properties[name]
			path := prefix + name
			out = append(out, field{Path: path, Schema: p, Required: slices.Contains(s.Required, name)})
			if p == nil || p.Ref != "" || p.Value == nil {
				continue
			}
			switch v := p.Value; {
			case len(v.Properties) > 0:
				walk(path+".", v, depth+1)
			case v.Type.Is(openapi3.TypeArray) && v.Items != nil && v.Items.Ref == "" && v.Items.Value != nil && len(v.Items.Value.Properties) > 0:
				walk(path+"[].", v.Items.Value, depth+1)
			}
		}
	}
	walk("", s, 0)
	return out
}

// fieldRows renders fields as rows of the field table (see object);
// conditional names the fields a composition may require.
func fieldRows(fs []field, conditional map[string]bool) [][]string {
	rows := make([][]string, 0, len(fs))
	for _, f := range fs {
		var desc string
		if f.Schema != nil && f.Schema.Value != nil && f.Schema.Ref == "" {
			desc = f.Schema.Value.Description
		}
		if f.Schema != nil && f.Schema.Ref != "" && desc == "" {
			desc = "See " + typeOf(f.Schema) + "."
		}
		req := required(f.Required)
		if !f.Required && conditional[f.Path] {
			req = "conditional (see below)"
		}
		deprecated := f.Schema != nil && f.Schema.Value != nil && f.Schema.Value.Deprecated
		rows = append(rows, tableRow(f.Path, f.Schema, req, defaultOf(f.Schema), schemaInferred(f.Schema), deprecated, describe(f.Schema, desc)))
	}
	return rows
}

// tableRow is a row of a field or parameter table: name, type, required, format,
// enum, extra (a default or an example), inferred and description.
func tableRow(name string, s *openapi3.SchemaRef, req, extra string, isInferred, deprecated bool, desc string) []string {
	mark := ""
	if isInferred {
		mark = InferredMarker
	}
	if deprecated {
		desc = "**Deprecated.** " + desc
	}
	return []string{code(name), cell(typeOf(s)), req, cell(formatOf(s)), cell(enumOf(s)), cell(extra), mark, cell(desc)}
}

func required(b bool) string {
	if b {
		return "**yes**"
	}
	return "no"
}

// object writes the field table of an object schema, the fields its
// compositions require and a line on the keys it allows beyond its
// properties.
func (r *renderer) object(s *openapi3.Schema) {
	sets, conditional := requiredSets(s)
	r.table("", []string{"field", "type", "required", "format", "enum", "default", "inferred", "description (the evidence, when inferred)"},
		fieldRows(fieldsOf(s), conditional))
	if sets != "" {
		fmt.Fprintf(r, "Required: %s.\n\n", sets)
	}
	switch ap := s.AdditionalProperties; {
	case len(s.Properties) == 0:
	case ap.Schema != nil:
		fmt.Fprintf(r, "Other keys are allowed (additionalProperties), with values of type %s.\n\n", typeOf(ap.Schema))
	case ap.Has != nil && *ap.Has:
		r.WriteString("Other keys are allowed (additionalProperties).\n\n")
	case ap.Has != nil && !*ap.Has:
		r.WriteString("No other keys are allowed (additionalProperties: false).\n\n")
	}
}

// extensionsOf lists a schema's x- extensions other than x-inferred, sorted.
func extensionsOf(ext map[string]any) string {
	var parts []string
	for _, k := range sortedKeys(ext) {
		if k == InferredExtension {
			continue
		}
		parts = append(parts, code(k)+" "+code(literal(ext[k])))
	}
	return strings.Join(parts, ", ")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
