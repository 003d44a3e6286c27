package apidoc

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Directives that place a function of a snippet file in the reference.
const (
	// OperationDirective (`//apidoc:operation OPERATION_ID`) shows the
	// function under that operation; several functions may name one.
	OperationDirective = "//apidoc:operation "
	// SetupDirective (`//apidoc:setup`) shows the function once, before the
	// operations.
	SetupDirective = "//apidoc:setup"
)

// Snippets are Go functions, taken from a compiled Go file, shown in the
// reference. Keeping them in a real file lets the build and the tests hold
// them to the code they call.
type Snippets struct {
	// Setup is shown once before the operations.
	Setup string
	// ByOperation maps an operationId to its snippets, in file order.
	ByOperation map[string][]string
}

// ParseSnippets reads the functions of a Go source file that carry a
// directive. Each snippet is the function's doc comment (directives left
// out) and its declaration, exactly as written.
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
		var ops []string
		setup := false
		for _, c := range fn.Doc.List {
			switch {
			case strings.HasPrefix(c.Text, OperationDirective):
				ops = append(ops, strings.TrimSpace(strings.TrimPrefix(c.Text, OperationDirective)))
			case c.Text == SetupDirective:
				setup = true
			}
		}
		if len(ops) == 0 && !setup {
			continue
		}
		var s string // the doc comment without directives, then the declaration
		if doc := fn.Doc.Text(); doc != "" {
			for _, line := range strings.Split(strings.TrimRight(doc, "\n"), "\n") {
				s += strings.TrimSpace("// "+line) + "\n"
			}
		}
		s += string(src[fset.Position(fn.Type.Pos()).Offset:fset.Position(fn.End()).Offset])
		if setup {
			if out.Setup != "" {
				return nil, fmt.Errorf("apidoc: snippets: %s: a second %s function (%s)", filename, SetupDirective, fn.Name.Name)
			}
			out.Setup = s
		}
		for _, op := range ops {
			if op == "" {
				return nil, fmt.Errorf("apidoc: snippets: %s: %s names no operation", fn.Name.Name, strings.TrimSpace(OperationDirective))
			}
			out.ByOperation[op] = append(out.ByOperation[op], s)
		}
	}
	return out, nil
}
