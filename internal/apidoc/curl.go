package apidoc

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// serverURL is the operation's first server, or the document's.
func (r *renderer) serverURL(op *openapi3.Operation) string {
	if op.Servers != nil && len(*op.Servers) > 0 && (*op.Servers)[0] != nil {
		return strings.TrimRight((*op.Servers)[0].URL, "/")
	}
	if len(r.doc.Servers) > 0 && r.doc.Servers[0] != nil {
		return strings.TrimRight(r.doc.Servers[0].URL, "/")
	}
	return "http://localhost"
}

// curl writes a call to the first server with the required parameters set
// to their examples and the body of the first request example.
func (r *renderer) curl(o Operation) {
	op := o.Op
	path := o.Path
	var query url.Values
	var headers []string
	for _, p := range params(o) {
		v := paramExample(p)
		val := strings.ToUpper(p.Name)
		if v != nil {
			val = literal(v)
		}
		switch {
		case p.In == "path":
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(val))
		case !p.Required:
		case p.In == "query":
			if query == nil {
				query = url.Values{}
			}
			query.Add(p.Name, val)
		case p.In == "header":
			headers = append(headers, p.Name+": "+val)
		}
	}
	u := r.serverURL(op) + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var lines []string
	auth := r.curlAuth(op)
	var data []string
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		ct := sortedKeys(op.RequestBody.Value.Content)
		if len(ct) > 0 {
			mt := op.RequestBody.Value.Content[ct[0]]
			if ex := examplesOf(mt); len(ex) > 0 {
				if isForm(ct[0]) {
					for _, p := range formPairs(ex[0].Value) {
						data = append(data, "--data-urlencode "+shellQuote(p[0]+"="+p[1]))
					}
				} else if j, err := jsonText(ex[0].Value); err == nil {
					headers = append(headers, "Content-Type: "+ct[0])
					data = append(data, "--data "+shellQuote(j))
				}
			}
		}
	}
	first := "curl"
	if o.Method != "GET" && !(o.Method == "POST" && len(data) > 0) {
		first += " -X " + o.Method
	}
	lines = append(lines, first+" "+shellQuote(u))
	if auth != "" {
		lines = append(lines, auth)
	}
	for _, h := range headers {
		lines = append(lines, "-H "+shellQuote(h))
	}
	lines = append(lines, data...)
	b := &r.b
	b.WriteString("#### curl\n\n")
	b.WriteString(fence("sh", strings.Join(lines, " \\\n  ")) + "\n")
}

// curlAuth is the curl option for the operation's first security scheme.
func (r *renderer) curlAuth(op *openapi3.Operation) string {
	sec := r.securityOf(op)
	if len(sec) == 0 || r.doc.Components == nil {
		return ""
	}
	for _, name := range sortedKeys(sec[0]) {
		ref := r.doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		env := "$" + strings.ToUpper(slug(name))
		switch {
		case s.Type == "http" && s.Scheme == "basic":
			if r.opts.CurlBasicAuth != "" {
				return r.opts.CurlBasicAuth
			}
			return `-u "$USERNAME:$PASSWORD"`
		case s.Type == "http" && s.Scheme == "bearer":
			return `-H "Authorization: Bearer $TOKEN"`
		case s.Type == "apiKey" && s.In == "header":
			return fmt.Sprintf("-H %q", s.Name+": "+env)
		}
	}
	return ""
}
