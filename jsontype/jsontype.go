// Package jsontype holds the JSON types of fields that Juspay's field tables
// type "String" while its samples send a number or object. openapi.yaml
// accepts both forms (anyOf) and gen's models use these types (x-go-type), so
// either form decodes into the documented Go type. Each type marshals in one
// form; an input of neither is an *Error that names the type and the rule,
// never the value (it may be personal data), only its JSON kind and length.
package jsontype

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Int is a non-negative count (list offset, count and total), typed "String"
// by Juspay's table and sent as a number by its sample: it decodes a JSON
// integer or a string of decimal digits, and null as 0; it marshals as a number.
type Int int

// UnmarshalJSON decodes 12, "12" or null.
func (n *Int) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	lit := string(b)
	if lit == "null" {
		*n = 0
		return nil
	}
	if (strings.HasPrefix(lit, `"`) && json.Unmarshal(b, &lit) != nil) || lit == "" || strings.Trim(lit, "0123456789") != "" {
		return invalid("Int", b, "a JSON integer or a string of decimal digits")
	}
	v, err := strconv.ParseInt(lit, 10, strconv.IntSize)
	if err != nil {
		return invalid("Int", b, "an integer that fits in a Go int")
	}
	*n = Int(v)
	return nil
}

// String is a text value that Juspay's sample may send as a number
// (juspay_bank_code: `12`). It decodes a JSON string, a JSON number as its
// literal text ("12", never "12.000000"), and null as ""; it marshals as a string.
type String string

// UnmarshalJSON decodes "12", 12 or null.
func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	var v string
	var err error
	switch {
	case string(b) == "null":
	case bytes.HasPrefix(b, []byte(`"`)):
		err = json.Unmarshal(b, &v)
	default:
		var num json.Number
		err = json.Unmarshal(b, &num)
		v = string(num)
	}
	if err != nil {
		return invalid("String", b, "a JSON string or number")
	}
	*s = String(v)
	return nil
}

// Metadata is a v3.2 bank account's custom key-value pairs, sent as an object
// by Juspay's samples (`{"param1": "value1"}`), and marshalled as one. It
// decodes an object (numbers and booleans as their literal text), a string
// holding one, any other non-empty string whole under "", and null or "" as nil.
type Metadata map[string]string

// UnmarshalJSON decodes an object, a string holding one, a plain string or null.
func (m *Metadata) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*m = nil
		return nil
	case bytes.HasPrefix(b, []byte("{")):
		obj, err := decodeObject(b)
		if err != nil {
			return err
		}
		*m = obj
		return nil
	case bytes.HasPrefix(b, []byte(`"`)):
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return invalid("Metadata", b, "a JSON object or string")
		}
		*m = nil
		if obj, err := decodeObject([]byte(s)); err == nil {
			*m = obj
		} else if s != "" {
			*m = Metadata{"": s}
		}
		return nil
	}
	return invalid("Metadata", b, "a JSON object or string")
}

// decodeObject decodes an object of strings, numbers, booleans or nulls.
func decodeObject(b []byte) (Metadata, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || raw == nil {
		return nil, invalid("Metadata", b, "a JSON object")
	}
	out := make(Metadata, len(raw))
	for k, v := range raw {
		var s String
		if string(v) == "true" || string(v) == "false" {
			s = String(v)
		} else if s.UnmarshalJSON(v) != nil {
			return nil, invalid("Metadata", b, "an object whose values are strings, numbers or booleans")
		}
		out[k] = string(s)
	}
	return out, nil
}

func invalid(typ string, b []byte, rule string) error {
	return &Error{Type: typ, Kind: kind(b), Size: len(b), Rule: rule}
}

// Error reports a JSON value of neither documented form, by its kind and
// size, never the value itself.
type Error struct {
	Type string // "Int", "String" or "Metadata"
	Kind string // JSON kind of the value: "string", "number", "object", ...
	Size int    // length of the JSON value in bytes
	Rule string // what the type accepts
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("jsontype.%s: got a JSON %s of %d bytes, want %s", e.Type, e.Kind, e.Size, e.Rule)
}

// kinds names the JSON kind of a value by its first byte (digits aside).
var kinds = map[byte]string{'"': "string", '{': "object", '[': "array", 't': "boolean", 'f': "boolean", 'n': "null", '-': "number"}

func kind(b []byte) string {
	switch {
	case len(b) == 0:
		return "empty value"
	case b[0] >= '0' && b[0] <= '9':
		return "number"
	case kinds[b[0]] != "":
		return kinds[b[0]]
	}
	return "invalid value"
}
