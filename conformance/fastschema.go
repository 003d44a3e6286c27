package conformance

import (
	"encoding/json"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// schemaCheck is a response schema compiled for the values decodeJSONFast
// produces. Its accept reports whether a value certainly satisfies the
// schema as kin-openapi's VisitJSON judges it (as a response, with the
// formats conformance uses); it never rejects: a value it does not accept
// goes to VisitJSON, whose verdict and errors stand. It covers the keywords
// openapi.yaml's responses use (type, nullable, enum, pattern, minLength,
// maxLength, date-time, minimum, maximum, properties, required,
// additionalProperties, minProperties, maxProperties, items, anyOf); a schema with any other keyword
// compiles to nil and is always left to kin-openapi.
// TestSchemaCheckAgreesWithKin and FuzzSchemaCheck hold it to VisitJSON.
type schemaCheck struct {
	kind     checkKind
	nullable bool
	// string
	enum     []string
	minLen   uint64
	maxLen   *uint64
	pattern  *regexp.Regexp
	dateTime bool
	// number and integer
	min, max *float64
	// object
	props      map[string]*schemaCheck
	required   []string
	minProps   uint64
	maxProps   *uint64
	closed     bool         // additionalProperties: false
	additional *schemaCheck // additionalProperties: {schema}
	// array
	items *schemaCheck
	// anyOf
	anyOf []*schemaCheck
}

type checkKind int

const (
	kindAny checkKind = iota // the empty schema
	kindString
	kindNumber
	kindInteger
	kindBoolean
	kindObject
	kindArray
	kindAnyOf
)

// compileCheck compiles s, or returns nil when s uses a keyword it does not
// check.
func compileCheck(s *openapi3.Schema) *schemaCheck {
	c, ok := compileCheckMemo(s, map[*openapi3.Schema]*schemaCheck{})
	if !ok {
		return nil
	}
	return c
}

func compileCheckMemo(s *openapi3.Schema, memo map[*openapi3.Schema]*schemaCheck) (*schemaCheck, bool) {
	if s == nil {
		return nil, false
	}
	if c, ok := memo[s]; ok {
		return c, c != nil
	}
	memo[s] = nil // a cycle back here is unsupported until compiled
	c := &schemaCheck{nullable: s.Nullable}
	rest := *s
	rest.Extensions, rest.Origin, rest.Title, rest.Description, rest.Example, rest.Default = nil, nil, "", "", nil, nil
	rest.Deprecated, rest.ExternalDocs, rest.Nullable = false, nil, false
	rest.Type, rest.Format, rest.Enum, rest.Pattern, rest.MinLength, rest.MaxLength, rest.Min, rest.Max = nil, "", nil, "", 0, nil, nil, nil
	rest.Properties, rest.Required, rest.AdditionalProperties, rest.Items, rest.AnyOf = nil, nil, openapi3.AdditionalProperties{}, nil, nil
	rest.MinProps, rest.MaxProps = 0, nil
	if !reflect.DeepEqual(rest, openapi3.Schema{}) {
		return nil, false
	}
	typ := ""
	if s.Type != nil {
		if len(*s.Type) != 1 {
			return nil, false
		}
		typ = (*s.Type)[0]
	}
	if typ != openapi3.TypeString && (s.Pattern != "" || s.MinLength != 0 || s.MaxLength != nil || len(s.Enum) > 0) {
		return nil, false
	}
	if typ != openapi3.TypeNumber && typ != openapi3.TypeInteger && (s.Min != nil || s.Max != nil) {
		return nil, false
	}
	if typ != openapi3.TypeObject && (len(s.Properties) > 0 || len(s.Required) > 0 || s.AdditionalProperties.Has != nil ||
		s.AdditionalProperties.Schema != nil || s.MinProps != 0 || s.MaxProps != nil) {
		return nil, false
	}
	if typ != openapi3.TypeArray && s.Items != nil {
		return nil, false
	}
	if s.Format != "" && !(typ == openapi3.TypeString && s.Format == "date-time") {
		return nil, false
	}
	switch typ {
	case "":
		if len(s.AnyOf) == 0 {
			if s.Nullable {
				return nil, false
			}
			c.kind = kindAny
			break
		}
		c.kind = kindAnyOf
		for _, alt := range s.AnyOf {
			a, ok := compileCheckMemo(alt.Value, memo)
			if !ok {
				return nil, false
			}
			c.anyOf = append(c.anyOf, a)
		}
	case openapi3.TypeString:
		c.kind, c.minLen, c.maxLen, c.dateTime = kindString, s.MinLength, s.MaxLength, s.Format == "date-time"
		if s.Pattern != "" {
			if strings.Contains(s.Pattern, `\u`) { // kin-openapi rewrites code points
				return nil, false
			}
			re, err := regexp.Compile(s.Pattern)
			if err != nil {
				return nil, false
			}
			c.pattern = re
		}
		for _, e := range s.Enum {
			v, ok := e.(string)
			if !ok {
				return nil, false
			}
			c.enum = append(c.enum, v)
		}
	case openapi3.TypeNumber, openapi3.TypeInteger:
		c.kind, c.min, c.max = kindNumber, s.Min, s.Max
		if typ == openapi3.TypeInteger {
			c.kind = kindInteger
		}
	case openapi3.TypeBoolean:
		c.kind = kindBoolean
	case openapi3.TypeObject:
		c.kind, c.required, c.minProps, c.maxProps = kindObject, s.Required, s.MinProps, s.MaxProps
		c.closed = s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has
		if ref := s.AdditionalProperties.Schema; ref != nil {
			a, ok := compileCheckMemo(ref.Value, memo)
			if !ok {
				return nil, false
			}
			c.additional = a
		}
		c.props = make(map[string]*schemaCheck, len(s.Properties))
		for name, ref := range s.Properties {
			if ref == nil || ref.Value == nil || ref.Value.WriteOnly || ref.Value.ReadOnly {
				return nil, false
			}
			p, ok := compileCheckMemo(ref.Value, memo)
			if !ok {
				return nil, false
			}
			c.props[name] = p
		}
	case openapi3.TypeArray:
		c.kind = kindArray
		if s.Items == nil {
			return nil, false
		}
		it, ok := compileCheckMemo(s.Items.Value, memo)
		if !ok {
			return nil, false
		}
		c.items = it
	default:
		return nil, false
	}
	if len(s.AnyOf) > 0 && c.kind != kindAnyOf {
		return nil, false
	}
	memo[s] = c
	return c, true
}

// accept reports whether v certainly satisfies the schema.
func (c *schemaCheck) accept(v any) bool {
	if v == nil {
		return c.nullable
	}
	switch c.kind {
	case kindAny:
		return true
	case kindAnyOf:
		for _, a := range c.anyOf {
			if a.accept(v) {
				return true
			}
		}
		return false
	case kindString:
		s, ok := v.(string)
		return ok && c.acceptString(s)
	case kindNumber, kindInteger:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return false
		}
		if c.kind == kindInteger && f != math.Trunc(f) {
			return false
		}
		return (c.min == nil || f >= *c.min) && (c.max == nil || f <= *c.max)
	case kindBoolean:
		_, ok := v.(bool)
		return ok
	case kindObject:
		m, ok := v.(map[string]any)
		if !ok || uint64(len(m)) < c.minProps || (c.maxProps != nil && uint64(len(m)) > *c.maxProps) {
			return false
		}
		for k, x := range m {
			switch p, declared := c.props[k]; {
			case declared:
				if !p.accept(x) {
					return false
				}
			case c.closed:
				return false
			case c.additional != nil:
				if !c.additional.accept(x) {
					return false
				}
			}
		}
		for _, k := range c.required {
			if _, ok := m[k]; !ok {
				return false
			}
		}
		return true
	case kindArray:
		a, ok := v.([]any)
		if !ok {
			return false
		}
		for _, x := range a {
			if !c.items.accept(x) {
				return false
			}
		}
		return true
	}
	return false
}

func (c *schemaCheck) acceptString(s string) bool {
	if len(c.enum) > 0 {
		found := false
		for _, e := range c.enum {
			found = found || e == s
		}
		if !found {
			return false
		}
	}
	if c.minLen > 0 || c.maxLen != nil {
		if !utf8.ValidString(s) {
			return false
		}
		n := uint64(utf8.RuneCountInString(s))
		if n < c.minLen || (c.maxLen != nil && n > *c.maxLen) {
			return false
		}
	}
	if c.pattern != nil && !c.pattern.MatchString(s) {
		return false
	}
	return !c.dateTime || quickDateTime(s)
}
