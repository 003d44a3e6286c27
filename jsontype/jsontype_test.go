package jsontype_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/jsontype"
)

func TestInt(t *testing.T) {
	for _, c := range []struct {
		in   string
		want jsontype.Int
	}{
		{`0`, 0}, {`2`, 2}, {`"2"`, 2}, {`"0"`, 0}, {` 17 `, 17}, {`null`, 0}, {`"000123"`, 123},
	} {
		var n jsontype.Int = 99
		require.NoError(t, json.Unmarshal([]byte(c.in), &n), c.in)
		assert.Equal(t, c.want, n, c.in)
	}
	for _, bad := range []string{`-1`, `"-1"`, `1.5`, `"1.5"`, `1e3`, `""`, `"two"`, `true`, `{}`, `[1]`, `"1 "`, `99999999999999999999999`} {
		var n jsontype.Int
		err := json.Unmarshal([]byte(bad), &n)
		var je *jsontype.Error
		require.True(t, errors.As(err, &je), "%s: %v", bad, err)
		assert.Equal(t, "Int", je.Type)
		assert.NotEmpty(t, je.Kind, bad)
		assert.Equal(t, len(strings.TrimSpace(bad)), je.Size, bad)
	}
	out, err := json.Marshal(struct{ N jsontype.Int }{5})
	require.NoError(t, err)
	assert.JSONEq(t, `{"N":5}`, string(out), "marshals as a number")
}

func TestString(t *testing.T) {
	for _, c := range []struct {
		in   string
		want jsontype.String
	}{
		{`"12"`, "12"}, {`12`, "12"}, {`"JP_HDFC"`, "JP_HDFC"}, {`12.50`, "12.50"}, {`null`, ""}, {`""`, ""},
	} {
		var s jsontype.String = "x"
		require.NoError(t, json.Unmarshal([]byte(c.in), &s), c.in)
		assert.Equal(t, c.want, s, c.in)
	}
	for _, bad := range []string{`true`, `{"a":1}`, `[1]`, `"unterminated`} {
		var s jsontype.String
		err := json.Unmarshal([]byte(bad), &s)
		assert.Error(t, err, bad)
	}
	out, err := json.Marshal(jsontype.String("12"))
	require.NoError(t, err)
	assert.Equal(t, `"12"`, string(out), "marshals as a string")
}

func TestMetadata(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     jsontype.Metadata
	}{
		{"object (the samples)", `{"param1":"value1","param2":"value2"}`, jsontype.Metadata{"param1": "value1", "param2": "value2"}},
		{"object with a number and a boolean", `{"n":12,"b":true}`, jsontype.Metadata{"n": "12", "b": "true"}},
		{"string holding an object (the table's String)", `"{\"param1\":\"value1\"}"`, jsontype.Metadata{"param1": "value1"}},
		{"plain string, kept whole", `"param1=value1"`, jsontype.Metadata{"": "param1=value1"}},
		{"string that looks like an object but is not", `"{oops"`, jsontype.Metadata{"": "{oops"}},
		{"string null, kept whole", `"null"`, jsontype.Metadata{"": "null"}},
		{"string holding an object, spaced", `" {\"a\":1} "`, jsontype.Metadata{"a": "1"}},
		{"empty string", `""`, nil},
		{"null", `null`, nil},
		{"empty object", `{}`, jsontype.Metadata{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var m jsontype.Metadata
			require.NoError(t, json.Unmarshal([]byte(c.in), &m))
			assert.Equal(t, c.want, m)
		})
	}
	for _, bad := range []string{`12`, `true`, `[]`, `{"k":{"nested":1}}`, `{"k":[1]}`} {
		var m jsontype.Metadata
		err := json.Unmarshal([]byte(bad), &m)
		var je *jsontype.Error
		assert.True(t, errors.As(err, &je), "%s: %v", bad, err)
	}
	out, err := json.Marshal(jsontype.Metadata{"param1": "value1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"param1":"value1"}`, string(out))
}

func TestErrorNeverQuotesTheValue(t *testing.T) {
	var m jsontype.Metadata
	err := json.Unmarshal([]byte(`{"vpa":{"secret":"ravi@okaxis"}}`), &m)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "ravi")
	assert.Contains(t, err.Error(), "jsontype.Metadata")
}

// Example shows a list page decoded whether Juspay sends its counts as
// numbers (its sample) or strings (its field table).
func Example() {
	var page struct {
		Offset jsontype.Int `json:"offset"`
		Total  jsontype.Int `json:"total"`
	}
	_ = json.Unmarshal([]byte(`{"offset": 0, "total": "2"}`), &page)
	fmt.Println(page.Offset, page.Total)
	// Output: 0 2
}
