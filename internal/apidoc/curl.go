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

// curl writes a call to the operation's first server (else the document's)
// with the required parameters set to their examples and the body of the
// first request example.
func (r *renderer) curl(o Operation) {
	servers := r.doc.Servers
	if o.Op.Servers != nil && len(*o.Op.Servers) > 0 {
		servers = *o.Op.Servers
	}
	base := "http://localhost"
	if len(servers) > 0 {
		base = strings.TrimRight(servers[0].URL, "/")
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
	u := base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	lines = append(lines, first+" "+shellQuote(u))
	if auth := r.curlAuth(o.Op); auth != "" {
		lines = append(lines, auth)
	}
	for _, h := range headers {
		lines = append(lines, "-H "+shellQuote(h))
	}
	r.WriteString("#### curl\n\n" + fence("sh", strings.Join(append(lines, data...), " \\\n  ")) + "\n")
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
		switch s := ref.Value; {
		case s.Type == "http" && s.Scheme == "basic":
			return r.opts.CurlBasicAuth
		case s.Type == "http" && s.Scheme == "bearer":
			return `-H "Authorization: Bearer $TOKEN"`
		case s.Type == "apiKey" && s.In == "header":
			return fmt.Sprintf("-H %q", s.Name+": $"+strings.ToUpper(slug(name)))
		}
	}
	return ""
}
