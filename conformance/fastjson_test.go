package conformance

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stdDecode is kin-openapi's JSON body decoder: encoding/json with UseNumber.
func stdDecode(s string) (any, error) {
	var v any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// agree fails if decodeJSONFast takes a document and decodes it differently
// from encoding/json (or takes one encoding/json refuses).
func agree(t *testing.T, s string) bool {
	t.Helper()
	got, ok := decodeJSONFast(s)
	if !ok {
		return false
	}
	want, err := stdDecode(s)
	require.NoError(t, err, "decodeJSONFast took a document encoding/json refuses: %q", s)
	assert.Equal(t, want, got, "%q", s)
	return true
}

func TestDecodeJSONFast(t *testing.T) {
	cases := []struct {
		doc   string
		taken bool
	}{
		{`{}`, true}, {`[]`, true}, {` {"a" : [1, -0.5e+3, 0, true, false, null, "x"] } `, true},
		{`{"a":{"b":{"c":[]}}}`, true}, {`"x"`, true}, {`12`, true}, {`-0`, true}, {`1E9`, true},
		{`{"a":"\n"}`, false},       // an escape: left to encoding/json
		{"{\"a\":\"\xff\"}", false}, // invalid UTF-8
		{`{"a":1,"a":2}`, false},    // a duplicate key
		{`{"a":1} x`, false},        // trailing data
		{`{"a":01}`, false}, {`{"a":1.}`, false}, {`{"a":.5}`, false}, {`{"a":-}`, false}, {`{"a":1e}`, false},
		{`{"a":1,}`, false}, {`[1,]`, false}, {`{a:1}`, false}, {`{"a"}`, false}, {`tru`, false}, {``, false},
		{`{"a":"b` + "\t" + `"}`, false}, {`[` + strings.Repeat(`[`, maxJSONDepth+2), false},
	}
	for _, c := range cases {
		assert.Equal(t, c.taken, agree(t, c.doc), "%q", c.doc)
	}
	// Every documented sample is taken, so conformance does use the fast decoder.
	files, err := filepath.Glob(filepath.Join(samplesDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		if !bytes.Contains(b, []byte(`\`)) {
			assert.True(t, agree(t, string(b)), f)
		}
	}
}

func FuzzDecodeJSONFast(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `[-1.5e3,"x",true]`, `{"a":"b","c":{}}`, `{"a":1,"a":2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { agree(t, s) })
}

// FuzzQuickDateTime: every value quickDateTime accepts, kin-openapi's own
// date-time check accepts.
func FuzzQuickDateTime(f *testing.F) {
	for _, s := range []string{"2023-06-06T13:28:20Z", "2024-02-29T23:59:60Z", "2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-06-06T24:00:00Z"} {
		f.Add(s)
	}
	kin := openapi3.SchemaStringFormats["date-time"]
	f.Fuzz(func(t *testing.T, s string) {
		if quickDateTime(s) {
			assert.NoError(t, kin.Validate(s), "%q", s)
		}
	})
}

func TestQuickDateTime(t *testing.T) {
	kin := openapi3.SchemaStringFormats["date-time"]
	for _, c := range []struct {
		v    string
		fast bool
	}{
		{"2023-06-06T13:28:20Z", true}, {"2024-02-29T23:59:60Z", true},
		{"2023-02-29T00:00:00Z", false}, {"2023-13-01T00:00:00Z", false}, {"2023-06-06T24:00:00Z", false},
		{"2023-06-06T13:28:20.5Z", false}, {"2023-06-06T13:28:20+05:30", false}, {"2023-06-06 13:28:20Z", false},
	} {
		assert.Equal(t, c.fast, quickDateTime(c.v), c.v)
		if c.fast {
			assert.NoError(t, kin.Validate(c.v), c.v)
		}
	}
	// A value left to kin-openapi gets its verdict.
	f := dateTimeFormat{slow: kin}
	assert.NoError(t, f.Validate("2023-06-06T13:28:20.5+05:30"))
	assert.Error(t, f.Validate("2023-02-29T00:00:00Z"))
}
