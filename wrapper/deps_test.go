package wrapper

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoKinOpenAPIDependency keeps kin-openapi (and its start-up cost) and
// Swagger UI's files (api/docsui) out of the import graph of the package
// users import.
func TestNoKinOpenAPIDependency(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, string(out))
	deps := string(out)
	require.Contains(t, deps, "github.com/pennydrop/juspay-accounts/gen", "the list is real")
	for _, line := range strings.Split(deps, "\n") {
		if strings.Contains(line, "getkin") || strings.HasSuffix(line, "/internal/spec") ||
			strings.Contains(line, "swaggo") || strings.HasSuffix(line, "/api/docsui") {
			t.Errorf("wrapper depends on %s", line)
		}
	}
}
