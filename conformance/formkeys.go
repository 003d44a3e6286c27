package conformance

import (
	"fmt"
	"mime"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// maxKeyInReport caps an undeclared form key quoted in a violation: it is a
// name the client chose, not a value, but it may be long or odd.
const maxKeyInReport = 40

// checkFormKeys reports the keys of a form body that its schema does not
// admit (spec.UndeclaredFormKeys): kin-openapi decodes only declared
// properties, so `foo=1`, or `metadata=map[k:v]` where `metadata.k=v` was
// meant, would otherwise pass unseen.
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
		r.add(Violation{Side: SideRequest, Location: "body/" + printableKey(key),
			Message: fmt.Sprintf("%q is not a field of this form", printableKey(key))})
	}
}

// printableKey keeps a key short and printable for a report.
func printableKey(k string) string {
	out := make([]rune, 0, len(k))
	for _, c := range k {
		if len(out) == maxKeyInReport {
			return string(out) + "..."
		}
		if c < 0x20 || c == 0x7f {
			c = '?'
		}
		out = append(out, c)
	}
	return string(out)
}
