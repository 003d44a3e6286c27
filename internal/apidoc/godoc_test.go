package apidoc

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
)

// TestRenderGoDoc: the generated package documentation is valid Go, is the
// package's doc comment, and names every operation with its method and path.
func TestRenderGoDoc(t *testing.T) {
	doc, err := Load(juspayaccounts.OpenAPISpec())
	require.NoError(t, err)
	src, err := RenderGoDoc(doc, "gen", "docs/API.md")
	require.NoError(t, err)
	f, err := parser.ParseFile(token.NewFileSet(), "doc.gen.go", src, parser.ParseComments)
	require.NoError(t, err)
	assert.Equal(t, "gen", f.Name.Name)
	require.NotNil(t, f.Doc, "the text is the package's doc comment")
	text := f.Doc.Text()
	assert.True(t, strings.HasPrefix(text, "Package gen "), text)
	assert.Contains(t, text, doc.Info.Title)
	assert.Contains(t, text, "docs/API.md")
	ops := Operations(doc)
	require.NotEmpty(t, ops)
	for _, o := range ops {
		assert.Contains(t, text, goName(o.Op.OperationID)+": "+o.Method+" "+o.Path, o.Op.OperationID)
	}
	assert.Empty(t, f.Decls, "documentation only")
}
