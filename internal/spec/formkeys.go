package spec

import (
	"net/url"
	"regexp"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// AdditionalKeyPattern is the vendor extension on a form schema whose regular
// expression every undeclared key must match: OpenAPI 3.0 has no
// patternProperties for the v3.2 form's `metadata.KEY` keys.
const AdditionalKeyPattern = "x-additional-key-pattern"

// UndeclaredFormKeys returns, sorted, the undeclared keys of a form that its
// schema does not admit (additionalProperties false, or no match of its
// x-additional-key-pattern), which kin-openapi never decodes: `foo=1`, or
// `metadata=map[k:v]` where `metadata.k=v` was meant.
func UndeclaredFormKeys(schema *openapi3.Schema, form url.Values) []string {
	if schema == nil {
		return nil
	}
	closed := schema.AdditionalProperties.Has != nil && !*schema.AdditionalProperties.Has
	var re *regexp.Regexp
	if p, ok := schema.Extensions[AdditionalKeyPattern].(string); ok {
		re, _ = regexp.Compile(p) // an invalid pattern checks nothing
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
