package apidoc

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// The directives that place a snippet under an operation (several may name
// one) or once before the operations.
const (
	operationDirective = "//apidoc:operation "
	setupDirective     = "//apidoc:setup"
)

// Snippets are Go functions shown in the reference, taken from a compiled
// file so that the build and the tests hold them to the code they call.
type Snippets struct {
	// Setup is shown once before the operations.
	Setup string
	// ByOperation maps an operationId to its snippets, in file order.
	ByOperation map[string][]string
}

// ParseSnippets reads the functions of a Go file marked `//apidoc:operation
// OPERATION_ID` or `//apidoc:setup`: each snippet is the function's doc
// comment (directives left out) and its declaration, as written.
func ParseSnippets(filename string, src []byte) (*Snippets, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("apidoc: snippets: %w", err)
	}
	out := &Snippets{ByOperation: map[string][]string{}}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Doc == nil {
			continue
		}
		var s string
		if doc := strings.TrimRight(fn.Doc.Text(), "\n"); doc != "" {
			s = comment(doc)
		}
		s += string(src[fset.Position(fn.Type.Pos()).Offset:fset.Position(fn.End()).Offset])
		for _, c := range fn.Doc.List {
			op, isOp := strings.CutPrefix(c.Text, operationDirective)
			switch {
			case isOp && strings.TrimSpace(op) == "":
				return nil, fmt.Errorf("apidoc: snippets: %s: %s names no operation", fn.Name.Name, strings.TrimSpace(operationDirective))
			case isOp:
				out.ByOperation[strings.TrimSpace(op)] = append(out.ByOperation[strings.TrimSpace(op)], s)
			case c.Text == setupDirective && out.Setup != "":
				return nil, fmt.Errorf("apidoc: snippets: %s: a second %s function (%s)", filename, setupDirective, fn.Name.Name)
			case c.Text == setupDirective:
				out.Setup = s
			}
		}
	}
	return out, nil
}

// comment turns text into Go line comments.
func comment(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimSpace("// "+l) + "\n")
	}
	return b.String()
}
