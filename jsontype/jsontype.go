// Package jsontype holds the few JSON types that Juspay's documents describe
// in two forms at once: a field table that types a value "String" and a
// sample that sends it as a JSON number or object. openapi.yaml accepts both
// forms (anyOf), and the generated models in gen/ use these types (through
// x-go-type) so that either form decodes into the documented Go type.
//
// Each type marshals in one canonical form, and an input of neither
// documented form is an error that names the type and the rule; values are
// never quoted in full in an error (they may be personal data), only their
// JSON kind and length.
package jsontype

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Int is a non-negative count (list offset, count and total). Juspay's list
// page types these "String" in its field table and sends numbers in its
// sample (`"offset": 0`), so Int decodes a JSON integer or a string of
// decimal digits, and null as 0. It marshals as a JSON number.
type Int int

// UnmarshalJSON decodes 12, "12" or null.
func (n *Int) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*n = 0
		return nil
	}
	lit := b
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return invalid("Int", b, "a JSON integer or a string of decimal digits")
		}
		lit = []byte(s)
	}
	if !allDigits(lit) {
		return invalid("Int", b, "a JSON integer or a string of decimal digits")
	}
	v, err := strconv.ParseInt(string(lit), 10, strconv.IntSize)
	if err != nil {
		return invalid("Int", b, "an integer that fits in a Go int")
	}
	*n = Int(v)
	return nil
}

// String is a text value that Juspay's table types "String" while its sample
// may send a number (juspay_bank_code: `12`). It decodes a JSON string, or a
// JSON number as its literal text ("12", never "12.000000"), and null as "".
// It marshals as a JSON string.
type String string

// UnmarshalJSON decodes "12", 12 or null.
func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*s = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return invalid("String", b, "a JSON string or number")
		}
		*s = String(v)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return invalid("String", b, "a JSON string or number")
	}
	num, ok := v.(json.Number)
	if !ok {
		return invalid("String", b, "a JSON string or number")
	}
	*s = String(num)
	return nil
}

// Metadata is the custom key-value pairs of a v3.2 bank account. Juspay's
// table types metadata "String" and its samples send an object
// (`{"param1": "value1"}`), so Metadata decodes:
//   - a JSON object: string values as they are, numbers and booleans as their
//     literal text;
//   - a JSON string that holds such an object (`"{\"param1\":\"value1\"}"`);
//   - any other non-empty string, kept whole under the key "" so nothing is
//     lost;
//   - null or "" as an empty (nil) Metadata.
//
// It marshals as a JSON object.
type Metadata map[string]string

// UnmarshalJSON decodes an object, a string holding one, a plain string or null.
func (m *Metadata) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*m = nil
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return invalid("Metadata", b, "a JSON object or string")
		}
		if s == "" {
			*m = nil
			return nil
		}
		inner := bytes.TrimSpace([]byte(s))
		if len(inner) > 0 && inner[0] == '{' {
			if obj, err := decodeObject(inner); err == nil {
				*m = obj
				return nil
			}
		}
		*m = Metadata{"": s}
		return nil
	case len(b) > 0 && b[0] == '{':
		obj, err := decodeObject(b)
		if err != nil {
			return err
		}
		*m = obj
		return nil
	}
	return invalid("Metadata", b, "a JSON object or string")
}

func decodeObject(b []byte) (Metadata, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, invalid("Metadata", b, "a JSON object")
	}
	out := make(Metadata, len(raw))
	for k, v := range raw {
		var s String
		if err := s.UnmarshalJSON(v); err != nil {
			v = bytes.TrimSpace(v)
			if string(v) != "true" && string(v) != "false" {
				return nil, invalid("Metadata", b, "an object whose values are strings, numbers or booleans")
			}
			s = String(v)
		}
		out[k] = string(s)
	}
	return out, nil
}

func allDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// invalid describes a value by its JSON kind and size, never by its content.
func invalid(typ string, b []byte, rule string) error {
	return &Error{Type: typ, Kind: kind(b), Size: len(b), Rule: rule}
}

// Error reports a JSON value of neither documented form. It names the Go
// type, the JSON kind and size of the value and the rule it broke; it never
// holds the value itself.
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

func kind(b []byte) string {
	if len(b) == 0 {
		return "empty value"
	}
	switch c := b[0]; {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "number"
	}
	return "invalid value"
}
