package apidoc

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// example is one named example of a media type.
type example struct {
	Name, Summary string
	Value         any
}

// examplesOf returns a media type's examples sorted by name; a lone
// `example` comes first, named "example".
func examplesOf(mt *openapi3.MediaType) []example {
	var out []example
	if mt.Example != nil {
		out = append(out, example{Name: "example", Value: mt.Example})
	}
	for _, name := range sortedKeys(mt.Examples) {
		if e := mt.Examples[name].Value; e != nil {
			var v any = e.Value
			if v == nil && e.ExternalValue != "" {
				v = "(external value: " + e.ExternalValue + ")"
			}
			out = append(out, example{name, e.Summary, v})
		}
	}
	return out
}

// jsonText renders v as indented JSON with sorted keys and without HTML
// escaping, so the output is stable and readable.
func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return literal(v)
	}
	return strings.TrimRight(buf.String(), "\n")
}

// formPairs flattens an example into form fields: nested objects use dots
// (metadata.param1), arrays repeat the key. Keys are sorted.
func formPairs(prefix string, v any) [][2]string {
	switch x := v.(type) {
	case map[string]any:
		var out [][2]string
		for _, k := range sortedKeys(x) {
			out = append(out, formPairs(strings.TrimPrefix(prefix+"."+k, "."), x[k])...)
		}
		return out
	case []any:
		var out [][2]string
		for _, e := range x {
			out = append(out, formPairs(prefix, e)...)
		}
		return out
	}
	return [][2]string{{prefix, literal(v)}}
}

// formText is an example encoded as application/x-www-form-urlencoded.
func formText(v any) string {
	var parts []string
	for _, p := range formPairs("", v) {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	return strings.Join(parts, "&")
}

func isForm(mediaType string) bool {
	return strings.HasPrefix(mediaType, "application/x-www-form-urlencoded")
}

// examples writes every example of a media type: forms as the encoded body,
// anything else as indented JSON.
func (r *renderer) examples(mediaType string, mt *openapi3.MediaType) {
	for _, e := range examplesOf(mt) {
		r.WriteString("Example " + code(e.Name))
		if e.Summary != "" {
			r.WriteString(": " + strings.TrimSpace(e.Summary))
		}
		r.WriteString("\n\n")
		if isForm(mediaType) {
			r.WriteString(fence("text", formText(e.Value)) + "\n")
		} else {
			r.WriteString(fence("json", jsonText(e.Value)) + "\n")
		}
	}
}
