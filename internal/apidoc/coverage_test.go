package apidoc

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
)

// reporter is the part of *testing.T the coverage check uses, so a test can
// prove the check fails.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// failures records what a check reported.
type failures struct{ msgs []string }

func (f *failures) Helper() {}
func (f *failures) Errorf(format string, args ...any) {
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}

// section returns the part of md from the anchor id to the next anchor.
func section(t reporter, md, id string) string {
	t.Helper()
	start := strings.Index(md, anchor(id))
	if start < 0 {
		t.Errorf("no section %q in the output", id)
		return ""
	}
	rest := md[start+len(anchor(id)):]
	if end := strings.Index(rest, `<a id="`); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// row returns the table row of field (or parameter) name in sec, or "".
func row(sec, name string) string {
	for _, line := range strings.Split(sec, "\n") {
		if strings.HasPrefix(line, "| "+code(name)+" |") {
			return line
		}
	}
	return ""
}

// isInferred reads x-inferred without the renderer's helper.
func isInferred(ext map[string]any) bool {
	v, ok := ext["x-inferred"]
	return ok && (v == true || strings.TrimSpace(strings.Trim(toString(v), `"`)) == "true")
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return literal(v)
}

// checkProperties walks the inline properties of s, as a reader expects to
// find them in sec (nested objects as a.b, array items as a[].b), and fails
// for every property, enum value or x-inferred marker that is missing.
func checkProperties(t reporter, where, sec, prefix string, s *openapi3.Schema) {
	t.Helper()
	if s == nil {
		return
	}
	checkEnum(t, where, sec, s)
	for name, p := range s.Properties {
		path := prefix + name
		r := row(sec, path)
		if r == "" {
			t.Errorf("%s: property %s missing", where, path)
			continue
		}
		inline := p.Ref == "" && p.Value != nil
		if isInferred(p.Extensions) || (inline && isInferred(p.Value.Extensions)) {
			if !strings.Contains(r, InferredMarker) {
				t.Errorf("%s: property %s: no %s marker in %q", where, path, InferredMarker, r)
			}
			if inline && !strings.Contains(r, cell(p.Value.Description)) {
				t.Errorf("%s: property %s: the evidence (description) is missing from %q", where, path, r)
			}
		}
		if !inline {
			continue
		}
		for _, v := range p.Value.Enum {
			if !strings.Contains(r, code(literal(v))) {
				t.Errorf("%s: property %s: enum value %v missing from %q", where, path, v, r)
			}
		}
		switch {
		case len(p.Value.Properties) > 0:
			checkProperties(t, where, sec, path+".", p.Value)
		case p.Value.Items != nil && p.Value.Items.Ref == "" && p.Value.Items.Value != nil:
			for _, v := range p.Value.Items.Value.Enum {
				if !strings.Contains(r, code(literal(v))) {
					t.Errorf("%s: property %s: item enum value %v missing from %q", where, path, v, r)
				}
			}
			if len(p.Value.Items.Value.Properties) > 0 {
				checkProperties(t, where, sec, path+"[].", p.Value.Items.Value)
			}
		}
	}
}

func checkEnum(t reporter, where, sec string, s *openapi3.Schema) {
	t.Helper()
	for _, v := range s.Enum {
		if !strings.Contains(sec, code(literal(v))) {
			t.Errorf("%s: enum value %v missing", where, v)
		}
	}
}

// checkCoverage fails for every operationId, parameter, request field,
// response, example, schema property, enum value or x-inferred marker of
// doc that md does not show.
func checkCoverage(t reporter, doc *openapi3.T, md string) {
	t.Helper()
	for _, o := range Operations(doc) {
		op := o.Op
		id := op.OperationID
		sec := section(t, md, opAnchor(id))
		if sec == "" {
			continue
		}
		for _, s := range []string{"operationId " + code(id), code(o.Method + " " + o.Path), "#### curl", "#### Go"} {
			if !strings.Contains(sec, s) {
				t.Errorf("%s: %q missing", id, s)
			}
		}
		if op.Summary != "" && !strings.Contains(sec, "### "+cell(op.Summary)) {
			t.Errorf("%s: summary missing", id)
		}
		if op.Deprecated && !strings.Contains(sec, "**Deprecated.**") {
			t.Errorf("%s: deprecation missing", id)
		}
		if ed := op.ExternalDocs; ed != nil && !strings.Contains(sec, "]("+ed.URL+")") {
			t.Errorf("%s: external docs %s missing", id, ed.URL)
		}
		for _, ref := range append(append(openapi3.Parameters{}, o.Item.Parameters...), op.Parameters...) {
			p := ref.Value
			r := row(sec, p.Name)
			if r == "" {
				t.Errorf("%s: parameter %s missing", id, p.Name)
				continue
			}
			if p.Required != strings.Contains(r, "**yes**") {
				t.Errorf("%s: parameter %s: required=%v not shown in %q", id, p.Name, p.Required, r)
			}
			if isInferred(p.Extensions) && (!strings.Contains(r, InferredMarker) || !strings.Contains(r, cell(p.Description))) {
				t.Errorf("%s: parameter %s: inferred marker or evidence missing from %q", id, p.Name, r)
			}
			if p.Schema != nil && p.Schema.Value != nil {
				checkEnum(t, id+" parameter "+p.Name, r, p.Schema.Value)
			}
		}
		if rb := op.RequestBody; rb != nil && rb.Value != nil {
			for mtName, mt := range rb.Value.Content {
				if !strings.Contains(sec, code(mtName)) {
					t.Errorf("%s: request content type %s missing", id, mtName)
				}
				if mt.Schema != nil && mt.Schema.Value != nil {
					checkProperties(t, id+" request", sec, "", mt.Schema.Value)
				}
				checkExamples(t, id+" request", sec, mtName, mt)
			}
		}
		if op.Responses != nil {
			for status, ref := range op.Responses.Map() {
				if !strings.Contains(sec, "##### "+status+"\n") {
					t.Errorf("%s: response %s missing", id, status)
				}
				for mtName, mt := range ref.Value.Content {
					if mt.Schema != nil && mt.Schema.Ref == "" && mt.Schema.Value != nil {
						checkProperties(t, id+" response "+status, sec, "", mt.Schema.Value)
					}
					checkExamples(t, id+" response "+status, sec, mtName, mt)
				}
			}
		}
	}
	if doc.Components == nil {
		return
	}
	for name, ref := range doc.Components.Schemas {
		sec := section(t, md, schemaAnchor(name))
		if sec == "" {
			continue
		}
		s := ref.Value
		if (isInferred(ref.Extensions) || isInferred(s.Extensions)) && (!strings.Contains(sec, InferredMarker) || !strings.Contains(sec, strings.TrimSpace(s.Description))) {
			t.Errorf("schema %s: inferred marker or evidence missing", name)
		}
		checkProperties(t, "schema "+name, sec, "", s)
		for _, sub := range append(append(s.AnyOf, s.OneOf...), s.AllOf...) {
			if sub.Ref == "" && sub.Value != nil {
				checkProperties(t, "schema "+name, sec, "", sub.Value)
			}
		}
	}
}

func checkExamples(t reporter, where, sec, mtName string, mt *openapi3.MediaType) {
	t.Helper()
	for _, e := range examplesOf(mt) {
		want := formText(e.Value)
		if !isForm(mtName) {
			want = jsonText(e.Value)
		}
		if !strings.Contains(sec, "Example "+code(e.Name)) || !strings.Contains(sec, want) {
			t.Errorf("%s: example %s missing or different", where, e.Name)
		}
	}
}

// TestReferenceCoversSpec holds the reference of the real openapi.yaml to
// the document: nothing in it may be missing from docs/API.md.
func TestReferenceCoversSpec(t *testing.T) {
	doc, err := Load(juspayaccounts.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("snippets/snippets.go")
	if err != nil {
		t.Fatal(err)
	}
	sn, err := ParseSnippets("snippets.go", src)
	if err != nil {
		t.Fatal(err)
	}
	md, err := Render(doc, Options{Source: "openapi.yaml", Snippets: sn})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverage(t, doc, string(md))
	ops := Operations(doc)
	if len(ops) == 0 {
		t.Fatal("the spec has no operations")
	}
	for _, o := range ops {
		sec := section(t, string(md), opAnchor(o.Op.OperationID))
		for _, s := range sn.ByOperation[o.Op.OperationID] {
			if !strings.Contains(sec, fence("go", s)) {
				t.Errorf("%s: Go snippet missing", o.Op.OperationID)
			}
		}
		if strings.Contains(sec, "No Go snippet") {
			t.Errorf("%s: no Go snippet; add one to snippets/snippets.go", o.Op.OperationID)
		}
	}
}

// TestCoverageCheckFails proves the coverage check can fail: each mutation
// removes one thing from a correct reference.
func TestCoverageCheckFails(t *testing.T) {
	doc, err := Load(juspayaccounts.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	good, err := Render(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, old, new string }{
		{"operationId", "operationId `listCustomerAccounts`", "operationId `x`"},
		{"property", "| `customer_account_id` |", "| `x` |"},
		{"enum value", "`FAILURE`", "`X`"},
		{"inferred marker", "| **x-inferred** | UPI VPA.", "|  | UPI VPA."},
		{"parameter", "| `offset` |", "| `x` |"},
		{"example", `"validation_status": "PENDING"`, `"validation_status": "X"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(good), tc.old) {
				t.Fatalf("the reference has no %q to remove", tc.old)
			}
			bad := strings.Replace(string(good), tc.old, tc.new, 1)
			var f failures
			checkCoverage(&f, doc, string(good))
			if len(f.msgs) != 0 {
				t.Fatalf("the unmodified reference fails: %v", f.msgs)
			}
			checkCoverage(&f, doc, bad)
			if len(f.msgs) == 0 {
				t.Errorf("removing %q went unnoticed", tc.old)
			}
		})
	}
}
