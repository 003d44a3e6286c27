package apidoc

import (
	"bytes"
	"strings"
	"testing"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
)

// synthetic exercises what the real spec does not: inline nested objects and
// arrays, pipes and backticks in text, a JSON body, x-inferred on a
// parameter, a ref and a schema, enums on array items, response headers, an
// untagged operation without security, and path-level parameters.
const synthetic = `
openapi: 3.0.3
info: {title: Pets, version: "1"}
servers: [{url: "https://pets.example/v1/"}]
security: [{key: []}]
tags: [{name: pets, description: All the pets.}]
paths:
  /pets/{pet_id}:
    parameters:
      - {name: pet_id, in: path, required: true, schema: {type: string}, example: "p 1"}
    put:
      operationId: putPet
      tags: [pets]
      summary: Put a pet | replace it
      parameters:
        - name: mode
          in: query
          required: true
          x-inferred: true
          description: Guessed from "mode" in the pages.
          schema: {type: string, enum: [fast, slow]}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string, maxLength: 20, description: "Name with a | pipe and a ` + "`tick`" + `"}
                tags:
                  type: array
                  items: {type: string, enum: [cute, loud]}
                owner:
                  type: object
                  properties:
                    email: {type: string, format: email, x-inferred: true, description: Seen in a screenshot.}
                toys:
                  type: array
                  items:
                    type: object
                    properties:
                      kind: {type: string, enum: [ball, rope]}
            examples:
              one: {summary: A pet, value: {name: Rex, tags: [cute], owner: {email: a@b.c}}}
      responses:
        "201":
          description: Stored.
          headers:
            Location: {description: Where it is., schema: {type: string}}
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: string}
              example: {id: p1}
        default:
          description: Error.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Err"}
  /ping:
    get:
      operationId: ping
      security: []
      responses:
        "200": {description: Pong.}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key, description: The key.}
  schemas:
    Err:
      type: object
      x-inferred: true
      description: Shape guessed from another API.
      properties:
        code: {type: integer, enum: [1, 2]}
        when: {type: string, format: date-time, nullable: true}
    Form:
      type: object
      additionalProperties: false
      x-key-rule: "^k"
      anyOf:
        - required: [a, b]
        - required: [c]
      properties:
        a: {type: string}
        b: {type: string}
        c: {type: string}
        n:
          anyOf:
            - {type: integer, minimum: 0}
            - {type: string, pattern: "^[0-9]+$"}
    ErrOrEmpty:
      anyOf:
        - $ref: "#/components/schemas/Err"
        - type: object
          maxProperties: 0
`

func TestRenderSynthetic(t *testing.T) {
	doc, err := Load([]byte(synthetic))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Render(doc, Options{Source: "pets.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	md := string(out)
	checkCoverage(t, doc, md)
	for _, want := range []string{
		"# Pets reference",
		"### Put a pet \\| replace it",
		"`PUT /pets/{pet_id}` · operationId `putPet`",
		"| `pet_id` | path | string | **yes** |",
		"| `mode` | query | string | **yes** |  | `fast`, `slow` | `fast` | **x-inferred** | Guessed from \"mode\" in the pages. |",
		"| `name` | string | **yes** | maxLength `20` |",
		"Name with a \\| pipe and a `tick`",
		"| `tags` | array of string | no |  | `cute`, `loud` |",
		"| `owner.email` | string | no | `email` |  |  | **x-inferred** | Seen in a screenshot. |",
		"| `toys[].kind` | string | no |  | `ball`, `rope` |",
		"| `Location` | string | Where it is. |",
		"| `id` | string | no |",
		"\"id\": \"p1\"",
		"| `when` | string, nullable | no | `date-time` |",
		"This schema is marked **x-inferred**",
		"curl -X PUT 'https://pets.example/v1/pets/p%201?mode=fast' \\\n  -H \"X-Key: $KEY\" \\\n  -H 'Content-Type: application/json' \\\n  --data '{",
		"- Other operations\n  - [GET /ping](#op-ping) `ping`",
		"**Authentication:** none.",
		"No Go snippet for this operation yet.",
		"## pets\n\nAll the pets.",
		"| `a` | string | conditional (see below) |",
		"| `c` | string | conditional (see below) |",
		"Required: any of (`a` and `b`) or (`c`).",
		"No other keys are allowed (additionalProperties: false).",
		"Extensions: `x-key-rule` `^k`.",
		"| `n` | any of integer, string | no | integer: minimum `0`, string: pattern `^[0-9]+$` |",
		"Type: any of [Err](#schema-err), object; object: maxProperties `0`.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	var first []byte
	for i := range 5 {
		doc, err := Load(juspayaccounts.OpenAPISpec())
		if err != nil {
			t.Fatal(err)
		}
		out, err := Render(doc, Options{Source: "openapi.yaml"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = out
			continue
		}
		if !bytes.Equal(first, out) {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
}

func TestLoadRejectsInvalid(t *testing.T) {
	for _, tc := range []struct{ name, spec string }{
		{"not yaml", "{"},
		{"no info", "openapi: 3.0.3\npaths: {}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Load([]byte(tc.spec)); err == nil {
				t.Fatal("no error")
			}
		})
	}
	if _, err := Render(nil, Options{}); err == nil {
		t.Fatal("Render(nil): no error")
	}
}

func TestParseSnippets(t *testing.T) {
	src := `package x

// Make one.
//
//apidoc:setup
func setup() {}

// A and B, two lines
// of comment.
//
//apidoc:operation opA
//apidoc:operation opB
func both(a int) int {
	return a
}

// Not shown.
func hidden() {}

//apidoc:operation opA
func second() {}
`
	sn, err := ParseSnippets("x.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := "// Make one.\nfunc setup() {}"; sn.Setup != want {
		t.Errorf("Setup = %q, want %q", sn.Setup, want)
	}
	both := "// A and B, two lines\n// of comment.\nfunc both(a int) int {\n\treturn a\n}"
	if got := sn.ByOperation["opA"]; len(got) != 2 || got[0] != both || got[1] != "func second() {}" {
		t.Errorf("opA = %q", got)
	}
	if got := sn.ByOperation["opB"]; len(got) != 1 || got[0] != both {
		t.Errorf("opB = %q", got)
	}
	if len(sn.ByOperation) != 2 {
		t.Errorf("operations = %v, want opA and opB", sn.ByOperation)
	}

	for _, tc := range []struct{ name, src, want string }{
		{"syntax", "package x\nfunc (", "snippets"},
		{"two setups", "package x\n//apidoc:setup\nfunc a() {}\n//apidoc:setup\nfunc b() {}\n", "second //apidoc:setup function (b)"},
		{"no operation", "package x\n//apidoc:operation  \nfunc a() {}\n", "names no operation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSnippets("x.go", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  plain  ", "plain"},
		{"a\nb", "a b"},
		{"a\n\nb", "a<br>b"},
		{"list:\n* one\n* two\n", "list:<br>* one<br>* two"},
		{"a | b", `a \| b`},
		{"x\r\ny", "x y"},
	} {
		if got := cell(tc.in); got != tc.want {
			t.Errorf("cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"a", "`a`"},
		{"a`b", "`` a`b ``"},
		{"a``b", "``` a``b ```"},
	} {
		if got := code(tc.in); got != tc.want {
			t.Errorf("code(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := fence("go", "x := \"```\""); !strings.HasPrefix(got, "````go\n") || !strings.HasSuffix(got, "\n````\n") {
		t.Errorf("fence did not lengthen: %q", got)
	}
}

func TestFormText(t *testing.T) {
	got := formText(map[string]any{"b": "x y", "a": 1.5, "metadata": map[string]any{"k2": "v2", "k1": "v&1"}, "list": []any{"p", "q"}})
	if want := "a=1.5&b=x+y&list=p&list=q&metadata.k1=v%261&metadata.k2=v2"; got != want {
		t.Errorf("formText = %q, want %q", got, want)
	}
}
