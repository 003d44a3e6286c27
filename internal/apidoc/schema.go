package apidoc

import (
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// InferredExtension marks a name the source pages do not show; the
// description of the element holds the evidence for it.
const InferredExtension = "x-inferred"

// InferredMarker is what the reference prints for an element marked InferredExtension.
const InferredMarker = "**x-inferred**"

func inferred(ext map[string]any) bool { return ext[InferredExtension] == true }

// inline is the schema r defines in place; nil for a component reference or none.
func inline(r *openapi3.SchemaRef) *openapi3.Schema {
	if r == nil || r.Ref != "" {
		return nil
	}
	return r.Value
}

// typeOf describes a schema in a few words, linking named components (a
// composition that only constrains a type is formatOf's and requiredSets').
func typeOf(r *openapi3.SchemaRef) string {
	if r != nil && r.Ref != "" {
		n := path.Base(r.Ref)
		return fmt.Sprintf("[%s](#%s)", n, schemaAnchor(n))
	}
	s := inline(r)
	if s == nil {
		return "any"
	}
	t := "any"
	switch {
	case s.Type.Is(openapi3.TypeArray):
		t = "array of " + typeOf(s.Items)
	case len(s.Properties) == 0 && s.AdditionalProperties.Schema != nil && s.Type.Is(openapi3.TypeObject):
		t = "map of " + typeOf(s.AdditionalProperties.Schema)
	case s.Type.Is(openapi3.TypeObject) || (s.Type.IsEmpty() && len(s.Properties) > 0):
		t = "object"
	case !s.Type.IsEmpty():
		t = strings.Join(s.Type.Slice(), " or ")
	default:
		for _, c := range compositions(s) {
			if len(c.Refs) > 0 {
				var types []string
				for _, r := range c.Refs {
					types = append(types, typeOf(r))
				}
				t = c.Kind + " " + strings.Join(types, ", ")
				break
			}
		}
	}
	if s.Nullable {
		t += ", nullable"
	}
	return t
}

// constraintOnly reports whether a subschema of a composition only lists
// required fields (and perhaps bounds) and describes no type of its own.
func constraintOnly(r *openapi3.SchemaRef) bool {
	s := inline(r)
	return s != nil && len(s.Required) > 0 && s.Type.IsEmpty() && len(s.Properties) == 0 && s.Items == nil &&
		len(s.AnyOf)+len(s.OneOf)+len(s.AllOf) == 0
}

type composition struct {
	Kind string
	Refs openapi3.SchemaRefs
}

// compositions names a schema's anyOf, oneOf and allOf lists, and those of
// the schema under a `not` of a `not`, which means that schema (openapi.yaml
// wraps the create form's anyOf so, for generators that cannot build it).
func compositions(s *openapi3.Schema) []composition {
	out := []composition{{"any of", s.AnyOf}, {"exactly one of", s.OneOf}, {"all of", s.AllOf}}
	if n := s.Not; n != nil && n.Value != nil && n.Value.Not != nil && n.Value.Not.Value != nil {
		out = append(out, compositions(n.Value.Not.Value)...)
	}
	return out
}

// requiredSets describes, and returns the names of, the fields an object
// needs beyond its required list, from compositions whose members only list
// required fields: "any of (`account_number` and `ifsc`) or (`vpa`)".
func requiredSets(s *openapi3.Schema) (string, map[string]bool) {
	named := map[string]bool{}
	var out []string
	for _, c := range compositions(s) {
		var sets []string
		for _, r := range c.Refs {
			if constraintOnly(r) {
				for _, n := range r.Value.Required {
					named[n] = true
				}
				sets = append(sets, "("+codeList(r.Value.Required, " and ")+")")
			}
		}
		if len(sets) > 0 {
			out = append(out, c.Kind+" "+strings.Join(sets, " or "))
		}
	}
	return strings.Join(out, "; "), named
}

// formatOf lists an inline schema's format and constraints.
func formatOf(r *openapi3.SchemaRef) string {
	s := inline(r)
	if s == nil {
		return ""
	}
	var parts []string
	if s.Format != "" {
		parts = append(parts, code(s.Format))
	}
	add := func(name string, set bool, v any) { // v may be a pointer: literal prints what it points to
		if set {
			parts = append(parts, name+" "+code(literal(v)))
		}
	}
	add("pattern", s.Pattern != "", s.Pattern)
	add("minLength", s.MinLength > 0, s.MinLength)
	add("maxLength", s.MaxLength != nil, s.MaxLength)
	add("minimum", s.Min != nil, s.Min)
	add("maximum", s.Max != nil, s.Max)
	add("multipleOf", s.MultipleOf != nil, s.MultipleOf)
	add("minItems", s.MinItems > 0, s.MinItems)
	add("maxItems", s.MaxItems != nil, s.MaxItems)
	if s.UniqueItems {
		parts = append(parts, "unique items")
	}
	add("minProperties", s.MinProps > 0, s.MinProps)
	add("maxProperties", s.MaxProps != nil, s.MaxProps)
	typed := !s.Type.IsEmpty() || len(s.Properties) > 0
	for _, c := range compositions(s) {
		for _, sub := range c.Refs {
			if constraintOnly(sub) {
				continue // see requiredSets
			}
			switch f := formatOf(sub); {
			case typed: // the subschema constrains the type: name it, with its format
				parts = append(parts, strings.TrimSuffix(c.Kind+": "+typeOf(sub)+" ("+f+")", " ()"))
			case f != "":
				parts = append(parts, typeOf(sub)+": "+f)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// enumOf lists an inline schema's allowed values (its items', for an array).
func enumOf(r *openapi3.SchemaRef) string {
	s := inline(r)
	if s == nil {
		return ""
	}
	if len(s.Enum) == 0 && s.Type.Is(openapi3.TypeArray) {
		return enumOf(s.Items)
	}
	return codeList(s.Enum, ", ")
}

func codeList[T any](vs []T, sep string) string {
	var out []string
	for _, v := range vs {
		out = append(out, code(literal(v)))
	}
	return strings.Join(out, sep)
}

// literal prints a string as it is; anything else as compact JSON.
func literal(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v) // a value of a loaded document always encodes
	return string(b)
}

// codeOf is v as a code span, "" for nil.
func codeOf(v any) string {
	if v == nil {
		return ""
	}
	return code(literal(v))
}

// describe is a property's description, then its example and known values.
func describe(p *openapi3.SchemaRef) string {
	d := "See " + typeOf(p) + "."
	if v := inline(p); v != nil {
		d = strings.TrimSpace(v.Description)
		if v.Example != nil {
			if d != "" && !strings.HasSuffix(d, ".") {
				d += "."
			}
			d = strings.TrimSpace(d + " Example: " + code(literal(v.Example)) + ".")
		}
	}
	if known, ok := p.Value.Extensions[KnownValues].(map[string]any); ok {
		d = strings.TrimSpace(d + " Known values: " + codeList(sortedKeys(known), ", ") + ".")
	}
	return d
}

// fieldRows flattens the properties of s, sorted by name, into rows of the
// field table: inline objects as "parent.child", inline array items as
// "parent[].child". conditional names the fields a composition may require.
func fieldRows(prefix string, s *openapi3.Schema, conditional map[string]bool, depth int) [][]string {
	var rows [][]string
	for name, p := range sorted(s.Properties) {
		path := prefix + name
		req := yesNo[slices.Contains(s.Required, name)]
		if req == "no" && conditional[path] {
			req = "conditional (see below)"
		}
		v := inline(p)
		mark := inferred(p.Extensions) || v != nil && inferred(v.Extensions)
		rows = append(rows, tableRow(path, p, req, codeOf(p.Value.Default), mark, p.Value.Deprecated, describe(p)))
		switch {
		case v == nil || depth >= 8:
		case len(v.Properties) > 0:
			rows = append(rows, fieldRows(path+".", v, conditional, depth+1)...)
		case v.Type.Is(openapi3.TypeArray) && inline(v.Items) != nil && len(v.Items.Value.Properties) > 0:
			rows = append(rows, fieldRows(path+"[].", v.Items.Value, conditional, depth+1)...)
		}
	}
	return rows
}

// tableRow is a field or parameter table's row; extra is a default or an example.
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

// yesNo is the required column of a table.
var yesNo = map[bool]string{true: "**yes**", false: "no"}

// object writes an object's field table, its required sets and other allowed keys.
func (r *renderer) object(s *openapi3.Schema) {
	sets, conditional := requiredSets(s)
	r.table("", []string{"field", "type", "required", "format", "enum", "default", "inferred", "description (the evidence, when inferred)"},
		fieldRows("", s, conditional, 0))
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
	for k, v := range sorted(ext) {
		if k != InferredExtension {
			parts = append(parts, code(k)+" "+code(literal(v)))
		}
	}
	return strings.Join(parts, ", ")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func sorted[V any](m map[string]V) iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for _, k := range sortedKeys(m) {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}
