package api

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// The fast path accepts, without kin-openapi's allocations, the requests that
// kin-openapi's router and request validation would accept: it is compiled
// from the same document at start-up, for the constructs openapi.yaml uses
// (string and integer parameters with minLength, maxLength, pattern, enum,
// minimum and maximum; form bodies of string properties with required and
// anyOf-of-required; HTTP Basic security). It never rejects anything: a
// request it cannot accept for certain (an unsupported construct, an escaped
// path, a repeated key, any violation) goes through kin-openapi, whose
// verdict and error stand. So every error response is still kin-openapi's,
// and TestFastPathAgreesWithKin holds the two to each other.

// fastPath is the compiled router and validator; nil when the document uses
// a path template it cannot match exactly as kin-openapi's router does.
type fastPath struct {
	items []fastItem // in kin-openapi's matching order
	keys  [][]byte   // accepted API keys
}

type fastItem struct {
	segs []string           // a literal segment, or "" for a parameter
	ops  map[string]*fastOp // by method; an unsupported operation is absent
}

type fastOp struct {
	id      string
	auth    bool // HTTP Basic with an accepted key is required
	params  []fastParam
	hasBody bool
	body    fastBody
	custSeg int // index of the customer_id segment, -1 if none
}

type fastParam struct {
	in       string
	name     string // for a header, its canonical key
	seg      int    // for a path parameter, its segment
	required bool
	schema   fastSchema
}

type fastSchema struct {
	integer  bool
	minLen   uint64
	maxLen   *uint64
	pattern  *regexp.Regexp
	enum     []string
	min, max *float64
}

type fastBody struct {
	required bool
	props    map[string]fastSchema
	need     []string   // required properties
	anyOf    [][]string // alternatives of required properties
}

const formMediaType = "application/x-www-form-urlencoded"

// newFastPath compiles doc; keys are the accepted API keys.
func newFastPath(doc *openapi3.T, keys []string) *fastPath {
	fp := &fastPath{}
	for _, k := range keys {
		fp.keys = append(fp.keys, []byte(k))
	}
	global := doc.Security
	for _, path := range doc.Paths.InMatchingOrder() {
		segs, ok := templateSegments(path)
		if !ok {
			return nil // cannot be sure which template kin-openapi matches first
		}
		item := doc.Paths.Value(path)
		fi := fastItem{segs: segs, ops: map[string]*fastOp{}}
		for method, op := range item.Operations() {
			if fo, ok := compileOp(doc, path, segs, item, op, global); ok {
				fi.ops[method] = fo
			}
		}
		fp.items = append(fp.items, fi)
	}
	return fp
}

// templateSegments splits "/a/{b}/c" into ["a", "", "c"]; ok is false for a
// template with a segment that mixes literals and parameters.
func templateSegments(path string) ([]string, bool) {
	if !strings.HasPrefix(path, "/") {
		return nil, false
	}
	parts := strings.Split(path[1:], "/")
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") && strings.Count(p, "{") == 1 && !strings.Contains(p, ":"):
			parts[i] = ""
		case p == "" || strings.ContainsAny(p, "{}%"):
			return nil, false
		}
	}
	return parts, true
}

func paramSegment(path string, segs []string, name string) int {
	parts := strings.Split(path[1:], "/")
	for i, p := range parts {
		if segs[i] == "" && p == "{"+name+"}" {
			return i
		}
	}
	return -1
}

func compileOp(doc *openapi3.T, path string, segs []string, item *openapi3.PathItem, op *openapi3.Operation, global openapi3.SecurityRequirements) (*fastOp, bool) {
	fo := &fastOp{id: op.OperationID, custSeg: paramSegment(path, segs, "customer_id")}
	security := global
	if op.Security != nil {
		security = *op.Security
	}
	switch {
	case len(security) == 0:
	case len(security) == 1 && len(security[0]) == 1:
		for name := range security[0] {
			ref := doc.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil || ref.Value.Type != "http" || !strings.EqualFold(ref.Value.Scheme, "basic") {
				return nil, false
			}
		}
		fo.auth = true
	default:
		return nil, false
	}
	var params openapi3.Parameters
	for _, p := range item.Parameters {
		if op.Parameters.GetByInAndName(p.Value.In, p.Value.Name) == nil {
			params = append(params, p)
		}
	}
	params = append(params, op.Parameters...)
	for _, ref := range params {
		p := ref.Value
		if p == nil || p.Schema == nil || p.Schema.Value == nil || p.Content != nil || p.Style != "" || p.Explode != nil ||
			p.AllowEmptyValue || p.AllowReserved {
			return nil, false
		}
		s, ok := compileSchema(p.Schema.Value)
		if !ok {
			return nil, false
		}
		fp := fastParam{in: p.In, name: p.Name, required: p.Required, schema: s}
		switch p.In {
		case openapi3.ParameterInPath:
			if fp.seg = paramSegment(path, segs, p.Name); fp.seg < 0 {
				return nil, false
			}
		case openapi3.ParameterInHeader:
			fp.name = http.CanonicalHeaderKey(p.Name)
		case openapi3.ParameterInQuery:
		default:
			return nil, false
		}
		fo.params = append(fo.params, fp)
	}
	if rb := op.RequestBody; rb != nil {
		if rb.Value == nil {
			return nil, false
		}
		fo.hasBody = true
		fo.body.required = rb.Value.Required
		mt := rb.Value.Content[formMediaType]
		if len(rb.Value.Content) != 1 || mt == nil || mt.Schema == nil || mt.Schema.Value == nil || len(mt.Encoding) > 0 {
			return nil, false
		}
		if !compileForm(mt.Schema.Value, &fo.body) {
			return nil, false
		}
	}
	return fo, true
}

// compileSchema compiles a string or integer schema that uses only the
// keywords the fast path checks.
func compileSchema(s *openapi3.Schema) (fastSchema, bool) {
	var out fastSchema
	rest := *s
	rest.Extensions, rest.Origin, rest.Title, rest.Description, rest.Example, rest.Default, rest.Deprecated = nil, nil, "", "", nil, nil, false
	rest.Type, rest.Enum, rest.MinLength, rest.MaxLength, rest.Pattern, rest.Min, rest.Max = nil, nil, 0, nil, "", nil, nil
	if !reflect.DeepEqual(rest, openapi3.Schema{}) || s.Type == nil || len(*s.Type) != 1 {
		return out, false
	}
	switch (*s.Type)[0] {
	case openapi3.TypeString:
		if s.Min != nil || s.Max != nil {
			return out, false
		}
		out.minLen, out.maxLen = s.MinLength, s.MaxLength
		if s.Pattern != "" {
			if strings.Contains(s.Pattern, `\u`) { // kin-openapi rewrites code points
				return out, false
			}
			re, err := regexp.Compile(s.Pattern)
			if err != nil {
				return out, false
			}
			out.pattern = re
		}
		for _, e := range s.Enum {
			v, ok := e.(string)
			if !ok {
				return out, false
			}
			out.enum = append(out.enum, v)
		}
	case openapi3.TypeInteger:
		if s.MinLength != 0 || s.MaxLength != nil || s.Pattern != "" || len(s.Enum) > 0 {
			return out, false
		}
		out.integer, out.min, out.max = true, s.Min, s.Max
	default:
		return out, false
	}
	return out, true
}

// compileForm compiles an object schema of string properties, required and
// anyOf alternatives that only list required properties.
func compileForm(s *openapi3.Schema, b *fastBody) bool {
	rest := *s
	rest.Extensions, rest.Origin, rest.Title, rest.Description, rest.Example = nil, nil, "", "", nil
	rest.Type, rest.Properties, rest.Required, rest.AnyOf, rest.AdditionalProperties = nil, nil, nil, nil, openapi3.AdditionalProperties{}
	if !reflect.DeepEqual(rest, openapi3.Schema{}) || !s.Type.Is(openapi3.TypeObject) {
		return false
	}
	// kin-openapi decodes only declared properties, so additionalProperties
	// never sees a form key; the handlers refuse undeclared keys themselves.
	b.props = map[string]fastSchema{}
	for name, ref := range s.Properties {
		if ref == nil || ref.Value == nil || !ref.Value.Type.Is(openapi3.TypeString) {
			return false
		}
		fs, ok := compileSchema(ref.Value)
		if !ok {
			return false
		}
		b.props[name] = fs
	}
	// A required name that is not a declared property is never decoded by
	// kin-openapi, so it could never be satisfied: leave such a form to it.
	declared := func(names []string) bool {
		for _, n := range names {
			if _, ok := b.props[n]; !ok {
				return false
			}
		}
		return true
	}
	if !declared(s.Required) {
		return false
	}
	b.need = s.Required
	for _, alt := range s.AnyOf {
		if alt == nil || alt.Value == nil {
			return false
		}
		only := *alt.Value
		only.Required, only.Extensions, only.Description = nil, nil, ""
		if !reflect.DeepEqual(only, openapi3.Schema{}) || len(alt.Value.Required) == 0 || !declared(alt.Value.Required) {
			return false
		}
		b.anyOf = append(b.anyOf, alt.Value.Required)
	}
	return true
}

// check reports whether v certainly satisfies the schema.
func (s *fastSchema) check(v string) bool {
	if s.integer {
		if v == "" || len(v) > 15 {
			return false
		}
		for i := 0; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				return false
			}
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return false
		}
		f := float64(n)
		return (s.min == nil || f >= *s.min) && (s.max == nil || f <= *s.max)
	}
	if !utf8.ValidString(v) {
		return false
	}
	if s.minLen > 0 || s.maxLen != nil {
		n := uint64(utf8.RuneCountInString(v))
		if n < s.minLen || (s.maxLen != nil && n > *s.maxLen) {
			return false
		}
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		return false
	}
	if len(s.enum) > 0 {
		for _, e := range s.enum {
			if v == e {
				return true
			}
		}
		return false
	}
	return true
}

// match finds the operation of r; ok is false when the fast path cannot be
// sure of the route kin-openapi's router would find.
func (fp *fastPath) match(r *http.Request) (op *fastOp, path string, ok bool) {
	path = r.URL.EscapedPath()
	if len(path) < 2 || path[0] != '/' || strings.IndexByte(path, '%') >= 0 {
		return nil, "", false
	}
	for i := range fp.items {
		it := &fp.items[i]
		if !segmentsMatch(path[1:], it.segs) {
			continue
		}
		op, ok := it.ops[r.Method]
		return op, path, ok
	}
	return nil, "", false
}

// segmentsMatch reports whether the slash-separated p matches segs, each
// parameter segment taking one or more characters other than '/'.
func segmentsMatch(p string, segs []string) bool {
	for i, s := range segs {
		var part string
		if j := strings.IndexByte(p, '/'); j >= 0 {
			if i == len(segs)-1 {
				return false
			}
			part, p = p[:j], p[j+1:]
		} else {
			if i != len(segs)-1 {
				return false
			}
			part, p = p, ""
		}
		if s == "" {
			if part == "" {
				return false
			}
		} else if part != s {
			return false
		}
	}
	return true
}

// segment returns the i-th segment of the escaped path (which has no '%').
func segment(path string, i int) string {
	p := path[1:]
	for ; i > 0; i-- {
		p = p[strings.IndexByte(p, '/')+1:]
	}
	if j := strings.IndexByte(p, '/'); j >= 0 {
		return p[:j]
	}
	return p
}

// accept reports whether r certainly passes kin-openapi's validation of op.
// For an operation with a body it reads the body: on success r.Body is a
// *parsedBody holding the parsed form; otherwise r.Body is restored to give
// the same bytes (and read error) to kin-openapi.
func (fp *fastPath) accept(r *http.Request, op *fastOp, path string) bool {
	if op.auth && !fp.authorized(r.Header) {
		return false
	}
	var query url.Values
	for i := range op.params {
		p := &op.params[i]
		var v string
		switch p.in {
		case openapi3.ParameterInPath:
			v = segment(path, p.seg)
		case openapi3.ParameterInHeader:
			vs := r.Header[p.name]
			if len(vs) == 0 {
				if p.required {
					return false
				}
				continue
			}
			v = vs[0]
		case openapi3.ParameterInQuery:
			if query == nil {
				if r.URL.RawQuery == "" {
					query = url.Values{}
				} else {
					var err error
					if query, err = url.ParseQuery(r.URL.RawQuery); err != nil {
						return false
					}
				}
			}
			vs, present := query[p.name]
			if !present {
				if p.required {
					return false
				}
				continue
			}
			if len(vs) != 1 {
				return false
			}
			v = vs[0]
		}
		if !p.schema.check(v) {
			return false
		}
	}
	if !op.hasBody {
		return r.Body == nil || r.Body == http.NoBody
	}
	return fp.acceptBody(r, &op.body)
}

// authorized is spec.BasicAuth(acceptKey) without allocating.
func (fp *fastPath) authorized(h http.Header) bool {
	vs := h["Authorization"]
	if len(vs) == 0 {
		return false
	}
	scheme, enc, found := strings.Cut(vs[0], " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return false
	}
	enc = strings.TrimSpace(enc)
	var src, buf [256]byte
	if len(enc) > len(src) {
		return false
	}
	n, err := base64.StdEncoding.Decode(buf[:], src[:copy(src[:], enc)])
	if err != nil || n < 2 || buf[n-1] != ':' {
		return false
	}
	user := buf[:n-1]
	for _, c := range user {
		if c == ':' {
			return false
		}
	}
	ok := 0
	for _, k := range fp.keys {
		ok |= subtle.ConstantTimeCompare(k, user)
	}
	return ok == 1
}

// parsedBody is a request body the fast path has read and parsed; readForm
// takes the form from it instead of parsing the bytes again.
type parsedBody struct {
	strings.Reader
	values url.Values
}

// Close implements io.Closer.
func (*parsedBody) Close() error { return nil }

// errReader returns err after the bytes before it.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func (fp *fastPath) acceptBody(r *http.Request, b *fastBody) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return !b.required
	}
	body := r.Body
	var data []byte
	var err error
	if n := r.ContentLength; n >= 0 {
		data = make([]byte, n, n+1)
		var got int
		got, err = io.ReadFull(body, data)
		data = data[:got]
		if err == nil {
			if m, _ := body.Read(data[n : n+1]); m > 0 {
				// Longer than announced: leave it all to kin-openapi.
				r.Body = readCloser{io.MultiReader(bytes.NewReader(data[:n+1]), body), body}
				return false
			}
		}
	} else {
		data, err = io.ReadAll(body)
	}
	if err != nil {
		r.Body = readCloser{io.MultiReader(bytes.NewReader(data), errReader{err}), body}
		return false
	}
	s := string(data)
	ok, values := b.accept(s, r.Header["Content-Type"])
	if !ok {
		r.Body = readCloser{strings.NewReader(s), body}
		return false
	}
	_ = body.Close()
	pb := &parsedBody{values: values}
	pb.Reset(s)
	r.Body = pb
	return true
}

// readCloser reads from Reader and closes Closer.
type readCloser struct {
	io.Reader
	io.Closer
}

func (b *fastBody) accept(s string, contentType []string) (bool, url.Values) {
	if s == "" {
		return !b.required, url.Values{}
	}
	if len(contentType) == 0 || contentType[0] != formMediaType {
		return false, nil
	}
	values, err := url.ParseQuery(s)
	if err != nil {
		return false, nil
	}
	for name, vs := range values {
		fs, declared := b.props[name]
		if !declared {
			continue // kin-openapi decodes declared properties only
		}
		if len(vs) != 1 || !fs.check(vs[0]) {
			return false, nil
		}
	}
	for _, name := range b.need {
		if _, ok := values[name]; !ok {
			return false, nil
		}
	}
	if len(b.anyOf) == 0 {
		return true, values
	}
	for _, alt := range b.anyOf {
		all := true
		for _, name := range alt {
			if _, ok := values[name]; !ok {
				all = false
				break
			}
		}
		if all {
			return true, values
		}
	}
	return false, nil
}

// check routes and validates r: through the fast path when it accepts r,
// else through kin-openapi, whose error it writes. It returns the
// customer_id path parameter (as routed, still escaped).
func (s *Server) check(rw *recorder, r *http.Request) (customerID string, ok bool) {
	if s.fast != nil {
		if op, path, ok := s.fast.match(r); ok && s.fast.accept(r, op, path) {
			rw.op = op.id
			if op.custSeg >= 0 {
				customerID = segment(path, op.custSeg)
			}
			return customerID, true
		}
	}
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		writeError(rw, fromRouting(err, r))
		return "", false
	}
	rw.op = route.Operation.OperationID
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: &s.validate}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		writeError(rw, fromValidation(err, s.cfg.maxBodyBytes))
		return "", false
	}
	return params["customer_id"], true
}
