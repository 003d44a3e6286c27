package apidoc

import (
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
)

// TestRenderCodes: codes.gen.go is valid Go with a constant for every code
// the issue names and for every operationId of the spec.
func TestRenderCodes(t *testing.T) {
	doc, err := Load(juspayaccounts.OpenAPISpec())
	require.NoError(t, err)
	src, err := RenderCodes(doc)
	require.NoError(t, err)
	f, err := parser.ParseFile(token.NewFileSet(), "codes.gen.go", src, 0)
	require.NoError(t, err)
	declared := map[string]bool{}
	for name := range f.Scope.Objects {
		declared[name] = true
	}
	for _, code := range []string{"access_denied", "object_not_found", "invalid_request", "UNAUTHORIZED",
		"RESOURCE_NOT_FOUND", "INVALID_INPUT", "MISSING_MANDATORY_PARAMETER", "ALREADY_EXISTS",
		"DUPLICATE_REQUEST", "GATEWAY_NOT_FOUND", "INVALID_ACCOUNT_DETAILS"} {
		assert.True(t, declared["ErrorCode"+constName(code)], code)
	}
	ops := Operations(doc)
	require.Len(t, ops, 9)
	for _, o := range ops {
		assert.True(t, declared["OperationID"+goName(o.Op.OperationID)], o.Op.OperationID)
	}
}

func TestRenderCodesRefuses(t *testing.T) {
	for _, tc := range []struct{ name, known, want string }{
		{"two values, one constant", "{invalid_request: a, INVALID_REQUEST: b}", "both make the constant ErrorCodeInvalidRequest"},
		{"a list, not a map", "[a, b]", "must map each value to its meaning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Load([]byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    E:
      type: object
      properties:
        code: {type: string, x-known-values: ` + tc.known + `}
`))
			require.NoError(t, err)
			_, err = RenderCodes(doc)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
