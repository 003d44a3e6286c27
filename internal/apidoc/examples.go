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
	Name    string
	Summary string
	Value   any
}

// examplesOf returns a media type's examples sorted by name; a lone
// `example` comes first, named "example".
func examplesOf(mt *openapi3.MediaType) []example {
	if mt == nil {
		return nil
	}
	var out []example
	if mt.Example != nil {
		out = append(out, example{Name: "example", Value: mt.Example})
	}
	for _, name := range sortedKeys(mt.Examples) {
		ref := mt.Examples[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		e := example{Name: name, Summary: ref.Value.Summary, Value: ref.Value.Value}
		if e.Value == nil && ref.Value.ExternalValue != "" {
			e.Value = "(external value: " + ref.Value.ExternalValue + ")"
		}
		out = append(out, e)
	}
	return out
}

// jsonText renders v as indented JSON with sorted keys and without HTML
// escaping, so the output is stable and readable.
func jsonText(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimRight(buf.String(), "\n"), nil
}

// formPairs flattens an example into form fields: nested objects use dots
// (metadata.param1), arrays repeat the key. Keys are sorted.
func formPairs(v any) [][2]string {
	var out [][2]string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(x) {
				key := k
				if prefix != "" {
					key = prefix + "." + k
				}
				walk(key, x[k])
			}
		case []any:
			for _, e := range x {
				walk(prefix, e)
			}
		default:
			out = append(out, [2]string{prefix, literal(x)})
		}
	}
	walk("", v)
	return out
}

// formText is an example encoded as application/x-www-form-urlencoded.
func formText(v any) string {
	pairs := formPairs(v)
	parts := make([]string, 0, len(pairs))
	for _, p := range pairs {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	return strings.Join(parts, "&")
}

func isForm(mediaType string) bool {
	return strings.HasPrefix(mediaType, "application/x-www-form-urlencoded")
}

// writeExamples writes every example of a media type: forms as the encoded
// body, JSON (and anything else) as indented JSON.
func writeExamples(b *strings.Builder, mediaType string, mt *openapi3.MediaType) error {
	for _, e := range examplesOf(mt) {
		title := "Example " + code(e.Name)
		if e.Summary != "" {
			title += ": " + strings.TrimSpace(e.Summary)
		}
		b.WriteString(title + "\n\n")
		if isForm(mediaType) {
			b.WriteString(fence("text", formText(e.Value)))
		} else {
			j, err := jsonText(e.Value)
			if err != nil {
				return err
			}
			b.WriteString(fence("json", j))
		}
		b.WriteByte('\n')
	}
	return nil
}
