package spec

import (
	"net/url"
	"regexp"
	"sort"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// AdditionalKeyPattern is the vendor extension on a form schema that says
// which undeclared keys the form admits: a regular expression every such key
// must match. The v3.2 create form uses it for Juspay's `metadata.KEY` dot
// keys, which OpenAPI 3.0 cannot express (it has no patternProperties), so
// the schema keeps additionalProperties open for generic tools and
// conformance and the emulator hold undeclared keys to the pattern.
const AdditionalKeyPattern = "x-additional-key-pattern"

var patterns sync.Map // string -> *regexp.Regexp

// UndeclaredFormKeys returns, sorted, the keys of a form that its schema does
// not admit: keys that are not declared properties when additionalProperties
// is false, or that do not match the schema's x-additional-key-pattern.
//
// kin-openapi decodes only the declared properties of an
// application/x-www-form-urlencoded body, so it never sees an unknown key
// such as `foo=1`, nor `metadata=map[k:v]` where `metadata.k=v` was meant;
// this is the check it leaves out.
func UndeclaredFormKeys(schema *openapi3.Schema, form url.Values) []string {
	if schema == nil {
		return nil
	}
	closed := schema.AdditionalProperties.Has != nil && !*schema.AdditionalProperties.Has
	var re *regexp.Regexp
	if p, ok := schema.Extensions[AdditionalKeyPattern].(string); ok {
		if cached, ok := patterns.Load(p); ok {
			re = cached.(*regexp.Regexp)
		} else if compiled, err := regexp.Compile(p); err == nil {
			patterns.Store(p, compiled)
			re = compiled
		}
	}
	var out []string
	for key := range form {
		if _, declared := schema.Properties[key]; !declared && (closed || (re != nil && !re.MatchString(key))) {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}
