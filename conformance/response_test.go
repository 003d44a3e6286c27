package conformance

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFastResponseAgreesWithKin: for every documented sample, and for
// mutations of it that break the schema in different ways, the report with
// the fast JSON path equals the report of kin-openapi's ValidateResponse.
func TestFastResponseAgreesWithKin(t *testing.T) {
	v := newValidator(t)
	ctx := context.Background()
	files, err := filepath.Glob(filepath.Join(samplesDir, "*.json"))
	require.NoError(t, err)
	mutations := []func(string) string{
		func(s string) string { return s },
		func(s string) string { return strings.Replace(s, `"object"`, `"objekt"`, 1) },                         // a required field missing
		func(s string) string { return strings.Replace(s, `"ACTIVE"`, `"ENABLED"`, 1) },                        // not in the enum
		func(s string) string { return strings.Replace(s, `"customer_id": "`, `"customer_id": 7, "x": "`, 1) }, // wrong type
		func(s string) string { return strings.Replace(s, `"list": [`, `"list": {"a": [`, 1) },                 // not an array (and no longer JSON)
		func(s string) string { return strings.Replace(s, `"total": 2`, `"total": "two"`, 1) },
		func(s string) string { return strings.Replace(s, `: null`, `: []`, -1) },
		func(s string) string { return `{}` },
		func(s string) string { return `[]` },
		func(s string) string { return s + ` trailing` },
	}
	defer func() { fastResponses = true }()
	compared := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		parts := strings.Split(filepath.Base(f), ".") // op.status.json
		if len(parts) != 3 {
			continue
		}
		status := 0
		for _, c := range parts[1] {
			status = status*10 + int(c-'0')
		}
		for i, m := range mutations {
			body := []byte(m(string(b)))
			fastResponses = false
			kin := v.ValidateResponseBody(ctx, parts[0], status, nil, body)
			fastResponses = true
			fast := v.ValidateResponseBody(ctx, parts[0], status, nil, body)
			if kin == nil {
				assert.NoError(t, fast, "%s mutation %d", f, i)
				continue
			}
			require.Error(t, fast, "%s mutation %d: kin-openapi finds %v", f, i, kin)
			assert.Equal(t, kin.Error(), fast.Error(), "%s mutation %d", f, i)
			compared++
		}
	}
	t.Logf("%d failing reports compared", compared)
	assert.Greater(t, compared, 20, "the mutations break the schema")
}
