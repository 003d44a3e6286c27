// Package contract holds the rules of openapi.yaml that the wrapper checks
// before it sends a request, generated into Go (contract.gen.go, by
// cmd/contractgen from `go generate`) so that the wrapper states no rule of
// its own and needs no OpenAPI library at run time. The emulator (package api)
// holds requests to the same rules through kin-openapi and the embedded spec.
package contract

import "regexp"

// Rule is the rule of one form field in openapi.yaml: its pattern, and the
// pattern in words (its x-rule) for error messages, which never repeat the value.
type Rule struct {
	Field  string // the form field, e.g. "validation_amount"
	Reason string // the rule in words, e.g. "must be ..."
	re     *regexp.Regexp
}

func newRule(field, pattern, reason string) Rule {
	return Rule{Field: field, Reason: reason, re: regexp.MustCompile(pattern)}
}

// Pattern returns the field's pattern as openapi.yaml states it.
func (r Rule) Pattern() string { return r.re.String() }

// Match reports whether v satisfies the rule.
func (r Rule) Match(v string) bool { return r.re.MatchString(v) }
