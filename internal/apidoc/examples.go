package apidoc

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

type example struct {
	Name, Summary string
	Value         any
}

// examplesOf returns a media type's examples by name, a lone `example` first.
func examplesOf(mt *openapi3.MediaType) []example {
	var out []example
	if mt.Example != nil {
		out = append(out, example{Name: "example", Value: mt.Example})
	}
	for name, e := range sorted(mt.Examples) {
		out = append(out, example{name, e.Value.Summary, e.Value.Value})
	}
	return out
}

// jsonText is v as indented JSON, keys sorted and HTML not escaped.
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
	var out [][2]string
	switch x := v.(type) {
	case map[string]any:
		for k, v := range sorted(x) {
			out = append(out, formPairs(strings.TrimPrefix(prefix+"."+k, "."), v)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, formPairs(prefix, e)...)
		}
	default:
		out = append(out, [2]string{prefix, literal(v)})
	}
	return out
}

func isForm(mediaType string) bool {
	return strings.HasPrefix(mediaType, "application/x-www-form-urlencoded")
}

// examples writes a media type's examples: forms encoded, the rest as JSON.
func (r *renderer) examples(mediaType string, mt *openapi3.MediaType) {
	for _, e := range examplesOf(mt) {
		r.WriteString("Example " + code(e.Name))
		if e.Summary != "" {
			r.WriteString(": " + strings.TrimSpace(e.Summary))
		}
		body := fence("json", jsonText(e.Value))
		if isForm(mediaType) {
			body = fence("text", formText(e.Value))
		}
		r.WriteString("\n\n" + body + "\n")
	}
}

// formText is an example encoded as application/x-www-form-urlencoded.
func formText(v any) string {
	var parts []string
	for _, p := range formPairs("", v) {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	return strings.Join(parts, "&")
}

// curl writes a call to the first server with the required parameters set to
// their examples and the body of the first request example.
func (r *renderer) curl(o Operation) {
	base := "http://localhost"
	if len(r.doc.Servers) > 0 {
		base = strings.TrimRight(r.doc.Servers[0].URL, "/")
	}
	path, query, lines := o.Path, url.Values{}, []string{}
	var headers, data []string
	for _, p := range params(o) {
		val := strings.ToUpper(p.Name)
		if v := paramExample(p); v != nil {
			val = literal(v)
		}
		switch {
		case p.In == "path":
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(val))
		case !p.Required:
		case p.In == "query":
			query.Add(p.Name, val)
		case p.In == "header":
			headers = append(headers, p.Name+": "+val)
		}
	}
	if rb := o.Op.RequestBody; rb != nil && rb.Value != nil && len(rb.Value.Content) > 0 {
		ct := sortedKeys(rb.Value.Content)[0]
		if ex := examplesOf(rb.Value.Content[ct]); len(ex) > 0 && isForm(ct) {
			for _, p := range formPairs("", ex[0].Value) {
				data = append(data, "--data-urlencode "+shellQuote(p[0]+"="+p[1]))
			}
		} else if len(ex) > 0 {
			headers = append(headers, "Content-Type: "+ct)
			data = append(data, "--data "+shellQuote(jsonText(ex[0].Value)))
		}
	}
	first := "curl"
	if o.Method != "GET" && !(o.Method == "POST" && len(data) > 0) {
		first += " -X " + o.Method
	}
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	lines = append(lines, first+" "+shellQuote(base+path))
	if sec := r.securityOf(o.Op); len(sec) > 0 {
		for _, name := range sortedKeys(sec[0]) {
			if _, auth := r.scheme(name, r.doc.Components.SecuritySchemes[name].Value); auth != "" {
				lines = append(lines, auth)
				break
			}
		}
	}
	for _, h := range headers {
		lines = append(lines, "-H "+shellQuote(h))
	}
	r.WriteString("#### curl\n\n" + fence("sh", strings.Join(append(lines, data...), " \\\n  ")) + "\n")
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
