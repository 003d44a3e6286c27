package spec

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// StringRule is the string keywords of a schema (minLength, maxLength,
// pattern and enum) compiled for the fast paths of the api emulator and of
// conformance, which accept without kin-openapi's allocations what
// kin-openapi would certainly accept. Its zero value accepts every valid
// UTF-8 string.
type StringRule struct {
	minLen  uint64
	maxLen  *uint64
	pattern *regexp.Regexp
	enum    []string
}

// CompileStringRule compiles the minLength, maxLength, pattern and enum of s.
// ok is false when Accept could not judge them as kin-openapi does: a pattern
// with a \u escape (kin-openapi rewrites code points), a pattern Go's regexp
// does not compile, or an enum value that is not a string. The caller checks
// the type and every other keyword of s.
func CompileStringRule(s *openapi3.Schema) (r StringRule, ok bool) {
	r.minLen, r.maxLen = s.MinLength, s.MaxLength
	if s.Pattern != "" {
		if strings.Contains(s.Pattern, `\u`) { // kin-openapi rewrites code points
			return StringRule{}, false
		}
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return StringRule{}, false
		}
		r.pattern = re
	}
	for _, e := range s.Enum {
		v, ok := e.(string)
		if !ok {
			return StringRule{}, false
		}
		r.enum = append(r.enum, v)
	}
	return r, true
}

// Accept reports whether v certainly satisfies the rule: v is valid UTF-8,
// its length in runes (as kin-openapi counts it) is within minLength and
// maxLength, it matches the pattern and it is one of the enum values. It
// does not allocate.
func (r *StringRule) Accept(v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	if r.minLen > 0 || r.maxLen != nil {
		n := uint64(utf8.RuneCountInString(v))
		if n < r.minLen || (r.maxLen != nil && n > *r.maxLen) {
			return false
		}
	}
	if r.pattern != nil && !r.pattern.MatchString(v) {
		return false
	}
	if len(r.enum) > 0 {
		for _, e := range r.enum {
			if v == e {
				return true
			}
		}
		return false
	}
	return true
}
