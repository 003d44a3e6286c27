// Package form encodes application/x-www-form-urlencoded bodies the way
// Juspay documents them, deterministically: keys sorted, nested maps as dot
// keys ("metadata.param1=value1"), amounts as plain decimals (never
// exponents), values escaped with net/url's query escaping (space as '+',
// '&', '=', '+', '%' and every non-ASCII byte percent-encoded).
//
// It replaces the generated ...WithFormdataBody encoders, which render maps as
// "metadata=map[k:v]" and floats with exponents.
package form

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Values is a form under construction: one value per key. The zero value is
// not usable; make one with New or make(Values).
type Values map[string]string

// New returns an empty form.
func New() Values { return make(Values, 8) }

// Set sets key to value, replacing any earlier value.
func (v Values) Set(key, value string) { v[key] = value }

// SetIfNotEmpty sets key only when value is not empty, so optional fields
// are left out rather than sent blank.
func (v Values) SetIfNotEmpty(key, value string) {
	if value != "" {
		v[key] = value
	}
}

// SetMap sets every entry of m under prefix as a dot key: SetMap("metadata",
// {"param1": "value1"}) sets "metadata.param1=value1". Empty keys are an
// error: they would produce "metadata." which no server can map back.
func (v Values) SetMap(prefix string, m map[string]string) error {
	for k, val := range m {
		if k == "" {
			return fmt.Errorf("form: %s has an empty key", prefix)
		}
		v[prefix+"."+k] = val
	}
	return nil
}

// SetDecimal sets key to amount written as a plain decimal. amount may be any
// JSON number ("1", "0.50", "1e6", "2.5E-1"); it is rewritten exactly
// ("1000000", "0.25"), never through a binary float. An empty amount leaves
// the key unset.
func (v Values) SetDecimal(key, amount string) error {
	if amount == "" {
		return nil
	}
	d, err := Decimal(amount)
	if err != nil {
		return fmt.Errorf("form: %s: %w", key, err)
	}
	v[key] = d
	return nil
}

// Encode returns the form with keys in sorted order, each key and value
// escaped with url.QueryEscape.
func (v Values) Encode() string {
	if len(v) == 0 {
		return ""
	}
	keys := make([]string, 0, len(v))
	n := 0
	for k, val := range v {
		keys = append(keys, k)
		n += len(k) + len(val) + 2
	}
	sort.Strings(keys)
	var b strings.Builder
	b.Grow(n + n/4)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v[k]))
	}
	return b.String()
}
