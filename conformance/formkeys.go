package conformance

import (
	"mime"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// maxKeyInReport caps an undeclared form key quoted in a violation.
const maxKeyInReport = 40

// checkFormKeys reports the keys of a form body that its schema does not
// admit (spec.UndeclaredFormKeys), which kin-openapi never decodes.
func checkFormKeys(r *Report, op *openapi3.Operation, x Exchange) {
	if op.RequestBody == nil || op.RequestBody.Value == nil || len(x.RequestBody) == 0 {
		return
	}
	mt, _, err := mime.ParseMediaType(x.RequestHeader.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return // kin-openapi already reports a wrong or missing Content-Type
	}
	media := op.RequestBody.Value.Content.Get(mt)
	if media == nil || media.Schema == nil {
		return
	}
	form, err := url.ParseQuery(string(x.RequestBody))
	if err != nil {
		return // kin-openapi reports a body it cannot parse
	}
	for _, key := range spec.UndeclaredFormKeys(media.Schema.Value, form) {
		key = redact.Cap(redact.Escape(key), maxKeyInReport)
		r.add(Violation{Side: SideRequest, Location: "body/" + key, Message: `"` + key + `" is not a field of this form`})
	}
}
