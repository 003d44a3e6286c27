package conformance

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// Side says which half of an exchange a violation is in.
type Side string

const (
	// SideRequest: the request broke the spec (the client's fault).
	SideRequest Side = "request"
	// SideResponse: the response broke the spec (the server's fault, or the spec's).
	SideResponse Side = "response"
)

// Violation is one way an exchange departs from openapi.yaml.
type Violation struct {
	Operation string // operationId, "" when no operation matched
	Method    string // HTTP method
	Path      string // the operation's path template, or the request path when none matched
	Status    int    // response status, 0 when there is no response
	Side      Side   // request or response ("" for routing)
	// Location is where the problem is: "route", "status", "header
	// x-routing-id", "query count", "path customer_id", "body" or a pointer
	// below it ("body/list/0/validation_status", "body/<form field>").
	Location string
	// Message says what is wrong. Schema violations never quote the value
	// (kin-openapi's schema reasons are used, not its error strings); only a
	// parameter that does not parse (query count=abc) is quoted.
	Message string
}

// String renders the violation on one line.
func (v Violation) String() string {
	loc := strings.TrimPrefix(string(v.Side)+" "+v.Location, " ")
	status := "-" // no response
	if v.Status != 0 {
		status = strconv.Itoa(v.Status)
	}
	return fmt.Sprintf("%s %s %s [%s] %s: %s", cmp.Or(v.Operation, "(no operation)"), v.Method, v.Path, status, loc, v.Message)
}

// Report lists every violation of one exchange: the error a Validator returns.
type Report struct {
	Operation  string
	Method     string
	Path       string
	Status     int
	Violations []Violation
}

// Error lists every violation, one per line.
func (r *Report) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "conformance: %d violation(s) of openapi.yaml", len(r.Violations))
	for _, v := range r.Violations {
		b.WriteString("\n  ")
		b.WriteString(v.String())
	}
	return b.String()
}

// Locations returns the Location of every violation, in order (handy in tests).
func (r *Report) Locations() []string {
	out := make([]string, len(r.Violations))
	for i, v := range r.Violations {
		out[i] = v.Location
	}
	return out
}

func (r *Report) add(v Violation) {
	r.Violations = append(r.Violations, v)
}

// mask masks every message (kin-openapi's may quote the exchange) and the
// path, and writes the exchange's identity on every violation.
func (r *Report) mask(s *redact.Masker) {
	r.Path = redact.Cap(redact.Escape(s.Known(r.Path)), redact.MaxValueLen)
	for i := range r.Violations {
		v := &r.Violations[i]
		v.Message = s.Text(v.Message)
		v.Operation, v.Method, v.Path, v.Status = r.Operation, r.Method, r.Path, r.Status
	}
}

// OK reports whether the exchange conformed.
func (r *Report) OK() bool { return len(r.Violations) == 0 }

// addErr converts what kin-openapi returned into violations.
func (r *Report) addErr(side Side, err error) {
	if me, ok := err.(openapi3.MultiError); ok {
		for _, e := range me {
			r.addErr(side, e)
		}
		return
	}
	var (
		req *openapi3filter.RequestError
		res *openapi3filter.ResponseError
		sec *openapi3filter.SecurityRequirementsError
		sch *openapi3.SchemaError
	)
	switch {
	case errors.As(err, &sec):
		msgs := make([]string, 0, len(sec.Errors))
		for _, e := range sec.Errors {
			msgs = append(msgs, e.Error())
		}
		r.add(Violation{Side: side, Location: "header Authorization", Message: strings.Join(msgs, "; ")})
	case errors.As(err, &req):
		loc := "request"
		switch {
		case req.Parameter != nil:
			loc = req.Parameter.In + " " + req.Parameter.Name
		case req.RequestBody != nil:
			loc = "body"
		}
		r.addReason(side, loc, req.Reason, req.Err)
	case errors.As(err, &res):
		loc := "body"
		switch {
		case strings.Contains(res.Reason, "Content-Type"):
			loc = "header Content-Type"
		case strings.Contains(res.Reason, "status"):
			loc = "status"
		}
		r.addReason(side, loc, res.Reason, res.Err)
	case errors.As(err, &sch):
		r.addSchema(side, "body", sch)
	default:
		r.add(Violation{Side: side, Location: string(side), Message: err.Error()})
	}
}

// addSchema adds a violation per schema error of err under prefix, if any.
func (r *Report) addSchema(side Side, prefix string, err error) bool {
	switch e := err.(type) {
	case openapi3.MultiError:
		ok := len(e) > 0
		for _, x := range e {
			if !r.addSchema(side, prefix, x) {
				r.add(Violation{Side: side, Location: prefix, Message: x.Error()})
			}
		}
		return ok
	case *openapi3.SchemaError:
		loc := prefix
		if p := e.JSONPointer(); len(p) > 0 {
			loc += "/" + strings.Join(p, "/")
		}
		r.add(Violation{Side: side, Location: loc, Message: schemaReason(e)})
		return true
	}
	return false
}

// schemaReason is the reason of a schema error without the offending value.
func schemaReason(e *openapi3.SchemaError) string {
	if e.Reason != "" {
		return e.Reason
	}
	if inner, ok := errors.AsType[*openapi3.SchemaError](e.Origin); ok && inner.Reason != "" {
		return inner.Reason
	}
	return fmt.Sprintf("doesn't match schema %q", e.SchemaField)
}

// addReason adds the schema errors of err, or else one violation with the
// reason kin-openapi gave and err's text.
func (r *Report) addReason(side Side, loc, reason string, err error) {
	if r.addSchema(side, loc, err) {
		return
	}
	switch {
	case err == nil:
	case reason == "" || reason == err.Error():
		reason = err.Error()
	default:
		reason += ": " + err.Error()
	}
	r.add(Violation{Side: side, Location: loc, Message: reason})
}
