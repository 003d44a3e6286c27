package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedTableIsCurrent: fields.gen.go is what fieldsgen writes from
// openapi.yaml today (run `make generate` after editing the spec).
func TestGeneratedTableIsCurrent(t *testing.T) {
	spec, err := os.ReadFile("../../../../openapi.yaml")
	require.NoError(t, err)
	want, err := generate(spec)
	require.NoError(t, err)
	got, err := os.ReadFile("../../fields.gen.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "internal/redact/fields.gen.go is out of step with openapi.yaml: run make generate")
}

// TestGenerateRefuses: a mark the generator cannot honour fails generation
// with an error that names the place and the rule.
func TestGenerateRefuses(t *testing.T) {
	const head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
	cases := []struct{ name, schemas, want string }{
		{"unknown kind", "    A:\n      type: object\n      properties:\n        p:\n          type: string\n          x-sensitive: phone\n",
			`#/components/schemas/A/properties/p: x-sensitive phone is not one of`},
		{"two kinds for one name", "    A:\n      type: object\n      properties:\n        p:\n          type: string\n          x-sensitive: name\n" +
			"    B:\n      type: object\n      properties:\n        p:\n          type: string\n",
			`"p" is None here and NameKind at #/components/schemas/A/properties/p`},
		{"additional keys without a key pattern", "    A:\n      type: object\n      x-additional-sensitive: secret\n",
			`#/components/schemas/A: x-additional-sensitive needs an x-additional-key-pattern`},
	}
	for _, c := range cases {
		_, err := generate([]byte(head + c.schemas))
		if assert.Error(t, err, c.name) {
			assert.True(t, strings.Contains(err.Error(), c.want), "%s: %v", c.name, err)
		}
	}
}
