package conformance

import (
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodeJSONFast decodes a JSON document into the values kin-openapi's JSON
// body decoder produces (encoding/json with UseNumber: map[string]any, []any,
// json.Number, string, bool, nil) in one pass, with strings sharing the
// memory of s. It handles the documents APIs usually send; for anything else
// (a string with an escape sequence or invalid UTF-8, a duplicate object key,
// trailing data, nesting deeper than maxJSONDepth, any syntax error) ok is
// false and the caller decodes with kin-openapi, whose value or error stands.
// FuzzDecodeJSONFast holds it to encoding/json.
func decodeJSONFast(s string) (v any, ok bool) {
	d := jsonDecoder{s: s}
	d.space()
	v, ok = d.value(0)
	if !ok {
		return nil, false
	}
	d.space()
	return v, d.i == len(s)
}

const maxJSONDepth = 200

type jsonDecoder struct {
	s string
	i int
}

func (d *jsonDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value(depth int) (any, bool) {
	if d.i >= len(d.s) || depth > maxJSONDepth {
		return nil, false
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object(depth)
	case c == '[':
		return d.array(depth)
	case c == '"':
		if v, ok := d.str(); ok {
			return v, true
		}
		return nil, false
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	default:
		for _, lit := range [...]struct {
			text string
			v    any
		}{{"true", true}, {"false", false}, {"null", nil}} {
			if len(d.s)-d.i >= len(lit.text) && d.s[d.i:d.i+len(lit.text)] == lit.text {
				d.i += len(lit.text)
				return lit.v, true
			}
		}
		return nil, false
	}
}

func (d *jsonDecoder) object(depth int) (any, bool) {
	d.i++ // '{'
	m := map[string]any{}
	d.space()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return m, true
	}
	for {
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return nil, false
		}
		key, ok := d.str()
		if !ok {
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false
		}
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			return nil, false
		}
		d.i++
		d.space()
		v, ok := d.value(depth + 1)
		if !ok {
			return nil, false
		}
		m[key] = v
		d.space()
		if d.i >= len(d.s) {
			return nil, false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
			d.space()
		case '}':
			d.i++
			return m, true
		default:
			return nil, false
		}
	}
}

func (d *jsonDecoder) array(depth int) (any, bool) {
	d.i++ // '['
	a := make([]any, 0)
	d.space()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		return a, true
	}
	for {
		v, ok := d.value(depth + 1)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		d.space()
		if d.i >= len(d.s) {
			return nil, false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
			d.space()
		case ']':
			d.i++
			return a, true
		default:
			return nil, false
		}
	}
}

// str decodes a string without escape sequences.
func (d *jsonDecoder) str() (string, bool) {
	start := d.i + 1
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			v := d.s[start:j]
			if !utf8.ValidString(v) {
				return "", false
			}
			d.i = j + 1
			return v, true
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

func (d *jsonDecoder) number() (any, bool) {
	start := d.i
	if d.s[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.s) && d.s[d.i] == '0':
		d.i++
	case d.digits() == 0:
		return nil, false
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if d.digits() == 0 {
			return nil, false
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if d.digits() == 0 {
			return nil, false
		}
	}
	return json.Number(d.s[start:d.i]), true
}

func (d *jsonDecoder) digits() int {
	n := 0
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		d.i++
		n++
	}
	return n
}

// dateTimeFormat is kin-openapi's "date-time" format check with a fast
// accept for the form Juspay sends ("2023-06-06T13:28:20Z"): a value of that
// form that kin-openapi's check (an RFC 3339 regular expression, then the
// day of the month) accepts is accepted without the regular expression;
// every other value goes to kin-openapi's check, whose error stands.
type dateTimeFormat struct {
	slow openapi3.StringFormatValidator
}

// Validate implements openapi3.StringFormatValidator.
func (f dateTimeFormat) Validate(v string) error {
	if quickDateTime(v) {
		return nil
	}
	return f.slow.Validate(v)
}

// quickDateTime reports whether v is YYYY-MM-DDTHH:MM:SSZ with the ranges
// kin-openapi's date-time expression allows and a day its month has.
func quickDateTime(v string) bool {
	if len(v) != 20 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' || v[16] != ':' || v[19] != 'Z' {
		return false
	}
	num := func(i int) int {
		a, b := v[i], v[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return -1
		}
		return int(a-'0')*10 + int(b-'0')
	}
	if num(0) < 0 || num(2) < 0 {
		return false
	}
	month, day, hour, minute, second := num(5), num(8), num(11), num(14), num(17)
	if month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 {
		return false
	}
	_, err := time.Parse(time.DateOnly, v[:len(time.DateOnly)])
	return err == nil
}
