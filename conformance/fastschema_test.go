package conformance

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleSchemas returns each documented sample body with the response schema
// it is validated against.
func sampleSchemas(t testing.TB, v *Validator) (bodies []any, schemas []*openapi3.Schema) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(samplesDir, "*.json"))
	require.NoError(t, err)
	for _, f := range files {
		parts := strings.Split(filepath.Base(f), ".")
		status, err := strconv.Atoi(parts[1])
		require.NoError(t, err)
		op, ok := v.ops[parts[0]]
		require.True(t, ok, f)
		resp := op.Spec.Responses.Status(status)
		if resp == nil {
			resp = op.Spec.Responses.Default()
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		val, ok := decodeJSONFast(string(b))
		require.True(t, ok, f)
		bodies = append(bodies, val)
		schemas = append(schemas, resp.Value.Content.Get("application/json").Schema.Value)
	}
	return bodies, schemas
}

// mutate returns a deep copy of v with one node replaced, added or removed.
func mutate(rng *rand.Rand, v any) any {
	repl := []any{nil, "x", "", "ACTIVE", "2023-06-06T13:28:20Z", "2023-02-30T00:00:00Z", json.Number("1.5"), json.Number("-1"),
		json.Number("7"), json.Number("1e400"), true, map[string]any{}, []any{}, map[string]any{"vpa": "a@b"}, "12.50", "00"}
	var walk func(x any, depth int) any
	walk = func(x any, depth int) any {
		switch t := x.(type) {
		case map[string]any:
			out := make(map[string]any, len(t))
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			target := ""
			if len(keys) > 0 {
				target = keys[rng.IntN(len(keys))]
			}
			for k, e := range t {
				if k == target {
					switch rng.IntN(6) {
					case 0:
						continue // removed
					case 1:
						out[k] = repl[rng.IntN(len(repl))]
						continue
					}
					out[k] = walk(e, depth+1)
					continue
				}
				out[k] = e
			}
			if rng.IntN(8) == 0 {
				out["extra_field"] = repl[rng.IntN(len(repl))]
			}
			return out
		case []any:
			out := append([]any{}, t...)
			if len(out) > 0 {
				i := rng.IntN(len(out))
				if rng.IntN(3) == 0 {
					out[i] = repl[rng.IntN(len(repl))]
				} else {
					out[i] = walk(out[i], depth+1)
				}
			}
			return out
		default:
			if rng.IntN(2) == 0 {
				return repl[rng.IntN(len(repl))]
			}
			return x
		}
	}
	return walk(v, 0)
}

// TestSchemaCheckAgreesWithKin: over the samples and thousands of mutations
// of them, whatever the compiled check accepts, kin-openapi's VisitJSON
// accepts; and the check does accept every sample, so conformance uses it.
func TestSchemaCheckAgreesWithKin(t *testing.T) {
	v := newValidator(t)
	bodies, schemas := sampleSchemas(t, v)
	for i, s := range schemas {
		c := v.checks[s]
		require.NotNil(t, c, "every response schema compiles (sample %d)", i)
		assert.True(t, c.accept(bodies[i]), "sample %d is taken by the check", i)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	accepted, rejected := 0, 0
	for n := 0; n < 20000; n++ {
		i := rng.IntN(len(bodies))
		val := mutate(rng, bodies[i])
		for range rng.IntN(3) {
			val = mutate(rng, val)
		}
		kin := schemas[i].VisitJSON(val, v.visitOptions...)
		if v.checks[schemas[i]].accept(val) {
			accepted++
			require.NoError(t, kin, "the check accepted what kin-openapi rejects: %#v", val)
		} else if kin != nil {
			rejected++
		}
	}
	t.Logf("of 20000 mutations: %d accepted by the check, %d rejected by kin-openapi", accepted, rejected)
	assert.Positive(t, accepted)
	assert.Positive(t, rejected)
}

// FuzzSchemaCheck holds the check to kin-openapi on documents of any shape.
func FuzzSchemaCheck(f *testing.F) {
	v := newValidator(f)
	bodies, schemas := sampleSchemas(f, v)
	for _, b := range bodies {
		raw, err := json.Marshal(b)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw), uint8(0))
	}
	f.Fuzz(func(t *testing.T, doc string, which uint8) {
		val, ok := decodeJSONFast(doc)
		if !ok {
			return
		}
		s := schemas[int(which)%len(schemas)]
		if v.checks[s].accept(val) {
			require.NoError(t, s.VisitJSON(val, v.visitOptions...), "the check accepted what kin-openapi rejects: %s", doc)
		}
	})
}
