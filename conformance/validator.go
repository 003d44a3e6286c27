package conformance

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// Validator holds exchanges to the embedded openapi.yaml. It is safe for
// concurrent use; the spec is parsed once per process and shared.
type Validator struct {
	router routers.Router
	ops    map[string]spec.Operation
	auth   openapi3filter.AuthenticationFunc
}

// Option configures a Validator.
type Option func(*Validator)

// WithKeyCheck restricts the API keys the Basic check accepts (by default any
// non-empty key, as user name with the EMPTY password Juspay documents).
func WithKeyCheck(accept func(key string) bool) Option {
	return func(v *Validator) {
		if accept != nil {
			v.auth = spec.BasicAuth(accept)
		}
	}
}

// NewValidator returns a Validator over the embedded spec.
func NewValidator(opts ...Option) (*Validator, error) {
	router, err := spec.Router()
	if err != nil {
		return nil, err
	}
	ops, err := spec.Operations()
	if err != nil {
		return nil, err
	}
	v := &Validator{router: router, ops: ops, auth: spec.BasicAuth(func(string) bool { return true })}
	for _, opt := range opts {
		opt(v)
	}
	return v, nil
}

// Exchange is one request and its response, as bytes. Scheme and host of URL
// are ignored: the sandbox, production and loopback all match.
type Exchange struct {
	Method         string
	URL            *url.URL
	RequestHeader  http.Header
	RequestBody    []byte
	Status         int // 0: there is no response; only the request is validated
	ResponseHeader http.Header
	ResponseBody   []byte
}

// ValidateExchange validates x's request and, when x.Status is set, its
// response. It returns nil or a *Report of every violation.
func (v *Validator) ValidateExchange(ctx context.Context, x Exchange) error {
	return v.check(ctx, x, checks{request: true, response: x.Status != 0})
}

// checks selects what check validates; a skipped body was too large to buffer.
type checks struct {
	request, response, skipRequestBody, skipResponseBody bool
}

// Validate validates req and, when resp is not nil, resp, reading and
// restoring both bodies. It returns nil or a *Report of every violation.
func (v *Validator) Validate(ctx context.Context, req *http.Request, resp *http.Response) error {
	if req == nil || req.URL == nil {
		return errors.New("conformance: a request with a URL is needed")
	}
	x := Exchange{Method: cmp.Or(req.Method, http.MethodGet), URL: req.URL, RequestHeader: req.Header}
	out, body, _, err := capture(req, math.MaxInt64-1)
	req.Body, x.RequestBody = out.Body, body
	if err != nil {
		return fmt.Errorf("conformance: read request body: %w", err)
	}
	if resp != nil {
		x.Status, x.ResponseHeader = resp.StatusCode, resp.Header
		if x.ResponseBody, _, err = buffer(&resp.Body, math.MaxInt64-1); err != nil {
			return fmt.Errorf("conformance: read response body: %w", err)
		}
	}
	return v.check(ctx, x, checks{request: true, response: resp != nil})
}

// ValidateRequest validates req alone; its body is read and restored.
func (v *Validator) ValidateRequest(ctx context.Context, req *http.Request) error {
	return v.Validate(ctx, req, nil)
}

// ValidateResponseBody validates a response of the named operation that has no
// recorded request (a doc sample, say); a nil header means application/json.
func (v *Validator) ValidateResponseBody(ctx context.Context, operationID string, status int, header http.Header, body []byte) error {
	op, ok := v.ops[operationID]
	if !ok {
		return fmt.Errorf("conformance: unknown operation %q", operationID)
	}
	if header == nil {
		header = http.Header{"Content-Type": {"application/json"}}
	}
	x := Exchange{Method: op.Method, URL: &url.URL{Path: op.Path}, Status: status, ResponseHeader: header, ResponseBody: body}
	return v.check(ctx, x, checks{response: true})
}

// Operation returns the operationId a method and path route to ("" for none).
func (v *Validator) Operation(method string, u *url.URL) string {
	req := &http.Request{Method: method, URL: u, Header: http.Header{}}
	route, _, err := v.router.FindRoute(req)
	if err != nil {
		return ""
	}
	return route.Operation.OperationID
}

// Statuses returns the sorted response keys an operation declares ("200", "default").
func (v *Validator) Statuses(operationID string) []string {
	op, ok := v.ops[operationID]
	if !ok {
		return nil
	}
	return slices.Sorted(maps.Keys(op.Spec.Responses.Map()))
}

// OperationIDs returns every operationId of the spec, sorted.
func (v *Validator) OperationIDs() []string { return slices.Sorted(maps.Keys(v.ops)) }

// check validates a copy of the exchange built from bytes, so kin-openapi
// touches neither the caller's request nor its response.
func (v *Validator) check(ctx context.Context, x Exchange, c checks) error {
	r, err := v.report(ctx, x, c)
	if err != nil || r.OK() {
		return err
	}
	return r
}

// report validates x; the error is for an exchange that cannot be validated.
func (v *Validator) report(ctx context.Context, x Exchange, c checks) (*Report, error) {
	if x.URL == nil {
		return nil, errors.New("conformance: exchange has no URL")
	}
	req, err := http.NewRequestWithContext(ctx, x.Method, x.URL.String(), bytes.NewReader(x.RequestBody))
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	req.Header = x.RequestHeader.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	r := &Report{Method: x.Method, Path: x.URL.Path, Status: x.Status}
	defer r.mask(maskerOf(x))
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		r.add(Violation{Location: "route", Message: fmt.Sprintf("no documented operation for %s %s", x.Method, x.URL.Path)})
		return r, nil
	}
	r.Operation, r.Path = route.Operation.OperationID, route.Path
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: &openapi3filter.Options{
		ExcludeRequestBody:    c.skipRequestBody,
		ExcludeResponseBody:   c.skipResponseBody,
		MultiError:            true,
		IncludeResponseStatus: true,
		AuthenticationFunc:    v.auth,
		SkipSettingDefaults:   true, // what is validated is exactly what was sent
	}}
	if c.request {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			r.addErr(SideRequest, err)
		}
		if !c.skipRequestBody {
			checkFormKeys(r, route.Operation, x)
		}
	}
	if c.response {
		v.checkResponse(ctx, r, in, x, c.skipResponseBody)
	}
	return r, nil
}

// checkResponse adds what kin-openapi finds and what it is silent on: a
// status only "default" covers must be an error, a declared body not empty.
func (v *Validator) checkResponse(ctx context.Context, r *Report, in *openapi3filter.RequestValidationInput, x Exchange, skipBody bool) {
	op := in.Route.Operation
	resp := op.Responses.Status(x.Status)
	if resp == nil && x.Status >= 400 {
		resp = op.Responses.Default()
	}
	if resp == nil {
		r.add(Violation{Side: SideResponse, Location: "status", Message: fmt.Sprintf(
			"status %d is not declared (declared: %s; default covers error statuses only)", x.Status, strings.Join(v.Statuses(op.OperationID), ", "))})
		return
	}
	if !skipBody && len(resp.Value.Content) > 0 && len(bytes.TrimSpace(x.ResponseBody)) == 0 {
		r.add(Violation{Side: SideResponse, Location: "body", Message: fmt.Sprintf(
			"empty body; status %d declares %s", x.Status, strings.Join(slices.Sorted(maps.Keys(resp.Value.Content)), ", "))})
		return
	}
	rin := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 x.Status,
		Header:                 x.ResponseHeader,
		Body:                   io.NopCloser(bytes.NewReader(x.ResponseBody)),
		Options:                in.Options,
	}
	if err := openapi3filter.ValidateResponse(ctx, rin); err != nil {
		r.addErr(SideResponse, err)
	}
}
