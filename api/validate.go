package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// fromValidation maps a kin-openapi request validation error to Juspay's
// shape: 401 for a failed Basic check, MISSING_MANDATORY_PARAMETER or
// INVALID_INPUT naming the field (only a field of this API: apiFields), with
// reasons written from the spec's schema (ruleOf), never from the value sent.
func fromValidation(err error, maxBody int64) *apiError {
	if me, ok := err.(openapi3.MultiError); ok {
		return fromErrors(me, maxBody)
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return errTooLarge(maxBody)
	}
	if _, ok := errors.AsType[*openapi3filter.SecurityRequirementsError](err); ok {
		return errUnauthorized()
	}
	re, ok := errors.AsType[*openapi3filter.RequestError](err)
	if !ok {
		return errInput(codeInvalid, fieldError{FieldName: "request", Reason: "does not match the API specification"})
	}
	if p := re.Parameter; p != nil {
		if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) || (p.Required && p.In == openapi3.ParameterInHeader && emptyHeader(re, p.Name)) {
			return errInput(codeMissing, fieldError{FieldName: p.Name, Reason: "is required"})
		}
		return errInput(codeInvalid, fieldError{FieldName: p.Name, Reason: reasonOf(re)})
	}
	// The request body.
	if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		return errInput(codeMissing, fieldError{FieldName: "body", Reason: "is required (an application/x-www-form-urlencoded form)"})
	}
	if se, ok := errors.AsType[*openapi3.SchemaError](re.Err); ok {
		name := "body"
		if ptr := se.JSONPointer(); len(ptr) > 0 && apiFields[ptr[0]] {
			name = ptr[0]
		}
		switch se.SchemaField {
		case "required": // kin-openapi puts the missing property in the pointer
			return errInput(codeMissing, fieldError{FieldName: name, Reason: "is required"})
		case "additionalProperties":
			return errInput(codeInvalid, fieldError{FieldName: "body", Reason: unknownFields(1)})
		}
		if se.SchemaField == "not" && name == "body" {
			if missing := missingOfAnyOf(se); len(missing) > 0 {
				return errInput(codeMissing, missing...)
			}
		}
		return errInput(codeInvalid, fieldError{FieldName: name, Reason: ruleOf(se)})
	}
	if pe, ok := errors.AsType[*openapi3filter.ParseError](re.Err); ok && len(pe.Path()) > 0 {
		if name, ok := pe.Path()[0].(string); ok && apiFields[name] {
			return errInput(codeInvalid, fieldError{FieldName: name, Reason: "could not be parsed as the type the API specification gives it"})
		}
	}
	if re.Reason != "" && re.Err == nil { // e.g. an unexpected Content-Type
		return errInput(codeInvalid, fieldError{FieldName: "Content-Type", Reason: "must be application/x-www-form-urlencoded"})
	}
	return errInput(codeInvalid, fieldError{FieldName: "body", Reason: "is not a valid application/x-www-form-urlencoded form of this operation"})
}

// fromErrors merges the errors of one request (Options.MultiError): a 401 or
// 413 wins, then INVALID_INPUT naming every invalid field, else
// MISSING_MANDATORY_PARAMETER naming every missing one.
func fromErrors(me openapi3.MultiError, maxBody int64) *apiError {
	var invalid, missing []fieldError
	for _, err := range me {
		var each []error
		if re, ok := err.(*openapi3filter.RequestError); ok {
			if inner, ok := re.Err.(openapi3.MultiError); ok { // the body's schema errors
				for _, e := range inner {
					one := *re
					one.Err = e
					each = append(each, &one)
				}
			}
		}
		if each == nil {
			each = []error{err}
		}
		for _, e := range each {
			a := fromValidation(e, maxBody)
			switch {
			case a.status != http.StatusBadRequest:
				return a
			case a.body.ErrorInfo.Code == codeMissing:
				missing = append(missing, a.body.ErrorInfo.Fields...)
			default:
				invalid = append(invalid, a.body.ErrorInfo.Fields...)
			}
		}
	}
	if len(invalid) > 0 {
		return errInput(codeInvalid, invalid...)
	}
	return errInput(codeMissing, missing...)
}

// missingOfAnyOf explains a form that fails its schema's `not: {not: {anyOf:
// [...]}}`, which is the anyOf (openapi.yaml wraps it so for generators that
// cannot build it), when each alternative only lists required fields (the
// create form: vpa, or account_number and ifsc). It names the fields missing
// from the alternative the form came closest to, and says what the
// alternatives are.
func missingOfAnyOf(se *openapi3.SchemaError) []fieldError {
	form, ok := se.Value.(map[string]any)
	if s := se.Schema; s == nil || s.Not == nil || s.Not.Value == nil || s.Not.Value.Not == nil || s.Not.Value.Not.Value == nil || !ok {
		return nil
	}
	var best, all, alternatives []string
	bestPresent := 0
	for _, alt := range se.Schema.Not.Value.Not.Value.AnyOf {
		if alt.Value == nil || len(alt.Value.Required) == 0 {
			return nil
		}
		required := alt.Value.Required
		alternatives = append(alternatives, strings.Join(required, " and "))
		all = append(all, required...)
		var missing []string
		for _, name := range required {
			if _, ok := form[name]; !ok {
				missing = append(missing, name)
			}
		}
		if present := len(required) - len(missing); present > bestPresent {
			best, bestPresent = missing, present
		}
	}
	if bestPresent == 0 { // nothing of any alternative was sent: name them all
		best = all
	}
	reason := "is required (send " + strings.Join(alternatives, ", or ") + ")"
	out := make([]fieldError, 0, len(best))
	for _, name := range best {
		out = append(out, fieldError{FieldName: name, Reason: reason})
	}
	return out
}

// emptyHeader reports whether the request sent the header only with empty values.
func emptyHeader(re *openapi3filter.RequestError, name string) bool {
	return re.Input != nil && re.Input.Request != nil && strings.Join(re.Input.Request.Header.Values(name), "") == ""
}

// reasonOf describes a parameter error without the value sent.
func reasonOf(re *openapi3filter.RequestError) string {
	if se, ok := errors.AsType[*openapi3.SchemaError](re.Err); ok {
		return ruleOf(se)
	}
	if _, ok := errors.AsType[*openapi3filter.ParseError](re.Err); ok {
		return "could not be parsed as the type the API specification gives it"
	}
	return "does not match the API specification"
}

// ruleOf states the rule a value broke from the failing keyword and the
// schema only, never from the value or kin-openapi's message (which may quote it).
func ruleOf(se *openapi3.SchemaError) string {
	sc := se.Schema
	if sc == nil {
		return "does not match the API specification"
	}
	num := func(f *float64) string { return strconv.FormatFloat(*f, 'f', -1, 64) }
	switch se.SchemaField {
	case "enum":
		vals := make([]string, 0, len(sc.Enum))
		for _, v := range sc.Enum {
			vals = append(vals, fmt.Sprint(v))
		}
		return "must be one of " + strings.Join(vals, ", ")
	case "pattern":
		if rule, ok := sc.Extensions["x-rule"].(string); ok {
			return rule // the pattern in words, from openapi.yaml
		}
		return "must match the pattern " + sc.Pattern
	case "type":
		if sc.Type != nil && len(*sc.Type) > 0 {
			return "must be of type " + strings.Join(*sc.Type, " or ")
		}
	case "format":
		return "must be in the format " + sc.Format
	case "minLength":
		return "must be at least " + strconv.FormatUint(sc.MinLength, 10) + " characters long"
	case "maxLength":
		if sc.MaxLength != nil {
			return "must be at most " + strconv.FormatUint(*sc.MaxLength, 10) + " characters long"
		}
	case "minimum", "exclusiveMinimum":
		if sc.Min != nil {
			return "must be at least " + num(sc.Min)
		}
	case "maximum", "exclusiveMaximum":
		if sc.Max != nil {
			return "must be at most " + num(sc.Max)
		}
	case "oneOf", "anyOf":
		return "does not match any form the API specification allows"
	}
	return "does not match the API specification (" + se.SchemaField + ")"
}

// fromRouting maps a route lookup failure to a Juspay-shaped 404 or 405.
func fromRouting(err error, r *http.Request) *apiError {
	if errors.Is(err, routers.ErrMethodNotAllowed) {
		method := "This method"
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
			http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
			method = "Method " + r.Method
		}
		return errOther(http.StatusMethodNotAllowed, errorCodeBadReq, codeBadMethod, categoryUser,
			method+" is not allowed on this path.")
	}
	return errOther(http.StatusNotFound, errorCodeBadReq, codeNoRoute, categoryUser,
		"No operation of the Customer Accounts API has this path; see /openapi.yaml.")
}
