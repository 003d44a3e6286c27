package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// fromValidation maps a kin-openapi request validation error to Juspay's
// error shape: a failed Basic check is the documented 401; a missing required
// parameter or form field is MISSING_MANDATORY_PARAMETER; anything else is
// INVALID_INPUT naming the parameter or form field. Reasons come from
// kin-openapi's SchemaError.Reason and never repeat the value sent.
func fromValidation(err error, maxBody int64) *apiError {
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
		if ptr := se.JSONPointer(); len(ptr) > 0 {
			name = fieldName(ptr[0])
		}
		if se.SchemaField == "required" {
			return errInput(codeMissing, fieldError{FieldName: name, Reason: "is required"})
		}
		if se.SchemaField == "anyOf" && name == "body" {
			if missing := missingOfAnyOf(se); len(missing) > 0 {
				return errInput(codeMissing, missing...)
			}
		}
		return errInput(codeInvalid, fieldError{FieldName: name, Reason: se.Reason})
	}
	if pe, ok := errors.AsType[*openapi3filter.ParseError](re.Err); ok && len(pe.Path()) > 0 {
		if name, ok := pe.Path()[0].(string); ok {
			return errInput(codeInvalid, fieldError{FieldName: fieldName(name), Reason: "could not be parsed: " + pe.Reason})
		}
	}
	if re.Reason != "" && re.Err == nil { // e.g. an unexpected Content-Type
		return errInput(codeInvalid, fieldError{FieldName: "Content-Type", Reason: "must be application/x-www-form-urlencoded"})
	}
	return errInput(codeInvalid, fieldError{FieldName: "body", Reason: "is not a valid application/x-www-form-urlencoded form of this operation"})
}

// missingOfAnyOf explains a form that matches none of its schema's anyOf
// alternatives when each alternative only lists required fields (the create
// form: vpa, or account_number and ifsc). It names the fields missing from the
// alternative the form came closest to, and says what the alternatives are.
func missingOfAnyOf(se *openapi3.SchemaError) []fieldError {
	form, ok := se.Value.(map[string]any)
	if se.Schema == nil || !ok {
		return nil
	}
	var best, all []string
	var alternatives []string
	bestPresent := 0
	for _, alt := range se.Schema.AnyOf {
		if alt.Value == nil || len(alt.Value.Required) == 0 {
			return nil
		}
		alternatives = append(alternatives, strings.Join(alt.Value.Required, " and "))
		var missing []string
		for _, name := range alt.Value.Required {
			if _, ok := form[name]; !ok {
				missing = append(missing, name)
			}
		}
		all = append(all, alt.Value.Required...)
		if present := len(alt.Value.Required) - len(missing); present > bestPresent {
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
	if re.Input == nil || re.Input.Request == nil {
		return false
	}
	for _, v := range re.Input.Request.Header.Values(name) {
		if v != "" {
			return false
		}
	}
	return true
}

// reasonOf describes a parameter error without the value sent.
func reasonOf(re *openapi3filter.RequestError) string {
	if se, ok := errors.AsType[*openapi3.SchemaError](re.Err); ok && se.Reason != "" {
		return se.Reason
	}
	if pe, ok := errors.AsType[*openapi3filter.ParseError](re.Err); ok && pe.Reason != "" {
		return pe.Reason
	}
	return "does not match the API specification"
}

// fromRouting maps a route lookup failure to a Juspay-shaped 404 or 405.
func fromRouting(err error, r *http.Request) *apiError {
	if errors.Is(err, routers.ErrMethodNotAllowed) {
		return errOther(http.StatusMethodNotAllowed, errorCodeBadReq, codeBadMethod, categoryUser,
			"Method "+fieldName(r.Method)+" is not allowed on this path.")
	}
	return errOther(http.StatusNotFound, errorCodeBadReq, codeNoRoute, categoryUser,
		"No operation of the Customer Accounts API has this path; see /openapi.yaml.")
}
