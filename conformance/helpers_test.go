package conformance

import (
	"encoding/base64"
	"flag"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// update rewrites the files the tests compare against (cassettes made on
// loopback, golden request bodies): go test ./conformance -run X -update.
var update = flag.Bool("update", false, "rewrite synthetic/emulator cassettes and golden files")

var (
	samplesDir   = filepath.Join("..", "testdata", "samples")
	cassetteDir  = filepath.Join("testdata", "cassettes")
	goldenDir    = filepath.Join("testdata", "golden")
	testKey      = "key_test_0123456789abcdef"
	testCustomer = "cst_zqqmw0v4exbhvv2l"
)

func newValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator()
	require.NoError(t, err)
	return v
}

// basic is the Authorization value Juspay documents: Basic base64("key:").
func basic(key string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"))
}

// reportOf fails the test unless err is a *Report, and returns it.
func reportOf(t testing.TB, err error) *Report {
	t.Helper()
	require.Error(t, err)
	r, ok := err.(*Report)
	require.Truef(t, ok, "want *Report, got %T: %v", err, err)
	return r
}

func jsonHeader() http.Header { return http.Header{"Content-Type": {"application/json"}} }
