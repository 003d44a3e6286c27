package conformance

import (
	"context"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// validateResponse is openapi3filter.ValidateResponse with the JSON body
// decoded once, by decodeJSONFast, instead of by encoding/json's Decoder
// (which scans the document twice and allocates every string): kin-openapi
// still checks the status, the headers and the content type, and its schema
// visitor still judges the decoded value, with the same options and the same
// error as ValidateResponse. A body decodeJSONFast does not take, and any
// response that is not plain JSON, goes to ValidateResponse unchanged.
func (v *Validator) validateResponse(ctx context.Context, in *openapi3filter.ResponseValidationInput, resp *openapi3.Response, body []byte, skipBody bool) error {
	ct := jsonContent(in, resp)
	if ct == nil || skipBody || in.Options == nil || in.Options.ExcludeResponseBody ||
		!in.Options.MultiError || in.Options.ExcludeWriteOnlyValidations || len(in.Options.SchemaValidationOptions) > 0 {
		return openapi3filter.ValidateResponse(ctx, in)
	}
	value, ok := decodeJSONFast(string(body))
	if !ok || !fastResponses {
		return openapi3filter.ValidateResponse(ctx, in)
	}
	// Status and headers: kin-openapi returns after them when told to leave
	// the body out.
	head := *in
	head.Options = v.headOptions
	if err := openapi3filter.ValidateResponse(ctx, &head); err != nil {
		return err
	}
	if c := v.checks[ct.Schema.Value]; c != nil && c.accept(value) {
		return nil // certainly valid: kin-openapi's visit would find nothing
	}
	visit := v.visitOptions
	if in.RequestValidationInput.Route.Spec.IsOpenAPI31OrLater() {
		visit = append(visit[:len(visit):len(visit)], openapi3.EnableJSONSchema2020())
	}
	if err := ct.Schema.Value.VisitJSON(value, visit...); err != nil {
		id := strings.TrimSpace(ct.Schema.Ref)
		if id == "" {
			id = strings.TrimSpace(ct.Schema.Value.Title)
		}
		if id != "" {
			id = " " + id
		}
		return &openapi3filter.ResponseError{Input: in, Reason: "response body doesn't match schema" + id, Err: err}
	}
	return nil
}

// fastResponses turns the fast JSON path off, for the tests that compare it
// with kin-openapi's own.
var fastResponses = true

// jsonContent returns the media type that kin-openapi would validate the body
// against when it is plain application/json with an object or array schema
// and no encodings; otherwise nil.
func jsonContent(in *openapi3filter.ResponseValidationInput, resp *openapi3.Response) *openapi3.MediaType {
	if resp == nil || in.RequestValidationInput == nil || in.RequestValidationInput.Request == nil ||
		in.RequestValidationInput.Request.Method == "HEAD" || in.Options != nil && in.Options.ExcludeResponseBody {
		return nil
	}
	if in.RequestValidationInput.Route == nil || in.RequestValidationInput.Route.Operation == nil {
		return nil
	}
	header := in.Header.Get("Content-Type")
	ct := resp.Content.Get(header)
	if ct == nil || ct.Schema == nil || ct.Schema.Value == nil || len(ct.Encoding) > 0 {
		return nil
	}
	switch in.Status {
	case 301, 304, 307, 308: // kin-openapi never validates these
		return nil
	}
	// The media type kin-openapi picks its body decoder by.
	if mt, _, _ := strings.Cut(header, ";"); strings.ToLower(strings.TrimSpace(mt)) != "application/json" {
		return nil
	}
	if t := ct.Schema.Value.Type; t == nil || !(t.Is(openapi3.TypeObject) || t.Is(openapi3.TypeArray)) {
		return nil
	}
	return ct
}
