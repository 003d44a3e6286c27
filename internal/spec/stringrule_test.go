package spec

import (
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
)

func TestCompileStringRuleRefuses(t *testing.T) {
	cases := map[string]*openapi3.Schema{
		`\u escape`:        {Pattern: `^\u0041$`},
		"bad pattern":      {Pattern: `(`},
		"non-string enum":  {Enum: []any{"a", 1.0}},
		"lookahead (RE2)":  {Pattern: `^(?=a)`},
		"backreference":    {Pattern: `(a)\1`},
		"enum of booleans": {Enum: []any{true}},
	}
	for name, s := range cases {
		_, ok := CompileStringRule(s)
		assert.False(t, ok, name)
	}
}

// TestStringRuleAgreesWithKin: Accept gives the expected verdict, and
// whatever it accepts kin-openapi's VisitJSON accepts too.
func TestStringRuleAgreesWithKin(t *testing.T) {
	maxLen := func(n uint64) *uint64 { return &n }
	cases := []struct {
		name   string
		schema *openapi3.Schema
		value  string
		want   bool
	}{
		{"no keywords", &openapi3.Schema{}, "anything", true},
		{"empty with no keywords", &openapi3.Schema{}, "", true},
		{"invalid UTF-8 is never accepted", &openapi3.Schema{}, "a\xffb", false},
		{"minLength in runes", &openapi3.Schema{MinLength: 3}, "äöü", true},
		{"minLength short", &openapi3.Schema{MinLength: 3}, "ab", false},
		{"maxLength in runes, not bytes", &openapi3.Schema{MaxLength: maxLen(3)}, "äöü", true},
		{"maxLength long", &openapi3.Schema{MaxLength: maxLen(3)}, "abcd", false},
		{"pattern match", &openapi3.Schema{Pattern: `^[0-9]{9,18}$`}, "123456789", true},
		{"pattern miss", &openapi3.Schema{Pattern: `^[0-9]{9,18}$`}, "12345678x", false},
		{"enum member", &openapi3.Schema{Enum: []any{"ACTIVE", "INACTIVE"}}, "INACTIVE", true},
		{"enum non-member", &openapi3.Schema{Enum: []any{"ACTIVE", "INACTIVE"}}, "active", false},
		{"all keywords", &openapi3.Schema{MinLength: 2, MaxLength: maxLen(4), Pattern: `^[A-Z]+$`, Enum: []any{"AB", "ABCDE"}}, "AB", true},
		{"enum member too long", &openapi3.Schema{MinLength: 2, MaxLength: maxLen(4), Pattern: `^[A-Z]+$`, Enum: []any{"AB", "ABCDE"}}, "ABCDE", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ok := CompileStringRule(c.schema)
			if !assert.True(t, ok) {
				return
			}
			got := r.Accept(c.value)
			assert.Equal(t, c.want, got)
			if got {
				s := *c.schema
				s.Type = &openapi3.Types{openapi3.TypeString}
				assert.NoError(t, s.VisitJSON(c.value), "Accept took what kin-openapi rejects")
			}
		})
	}
}

func ExampleCompileStringRule() {
	limit := uint64(18)
	r, ok := CompileStringRule(&openapi3.Schema{MinLength: 9, MaxLength: &limit, Pattern: `^[0-9]+$`})
	fmt.Println(ok, r.Accept("123456789"), r.Accept("12345"), r.Accept("12345678x"))
	// Output: true true false false
}
