package api

import (
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pennydrop/juspay-accounts/internal/suggest"
)

// metaKeyRE is the KEY of a v3.2 metadata.KEY field (openapi.yaml can only
// state it as an extension, x-additional-key-pattern).
var metaKeyRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]{1,64}$`)

// form is a parsed form body with the problems found in it.
type form struct {
	url.Values
	errs []fieldError // invalid fields
	err  *apiError    // an error that wins over errs (an unreadable body, a missing field)
}

// readForm parses the form body, reporting fields not in allowed (nor with
// prefix: v3.2 metadata.KEY) and repeated ones, which kin-openapi lets pass.
func readForm(r *http.Request, maxBytes int64, prefix string, allowed ...string) (f form) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return form{err: fromValidation(err, maxBytes)} // 413 for a body beyond the cap
	}
	if f.Values, err = url.ParseQuery(string(b)); err != nil {
		return form{err: errInput(codeInvalid, fieldError{FieldName: "body", Reason: "is not a valid application/x-www-form-urlencoded body"})}
	}
	unnamed, repeated := 0, 0 // names the client made up, and prefixed names given twice: counted, not named
	var near []string         // fields of the operation an unknown name looks like a misspelling of
	for _, name := range f.names() {
		known := slices.Contains(allowed, name) || (prefix != "" && strings.HasPrefix(name, prefix))
		switch {
		case !known && apiFields[name]:
			f.errs = append(f.errs, fieldError{FieldName: name, Reason: "is not a field of this operation"})
		case !known:
			unnamed++
			if n := nearest(name, allowed); n != "" && !slices.Contains(near, n) {
				near = append(near, n)
			}
		case len(f.Values[name]) > 1 && prefix != "" && strings.HasPrefix(name, prefix):
			repeated++
		case len(f.Values[name]) > 1:
			f.errs = append(f.errs, fieldError{FieldName: name, Reason: "is given more than once"})
		}
	}
	if repeated > 0 {
		f.errs = append(f.errs, fieldError{FieldName: strings.TrimSuffix(prefix, "."),
			Reason: "has " + strconv.Itoa(repeated) + " key(s) given more than once (not named)"})
	}
	if unnamed > 0 {
		reason := unknownFields(unnamed)
		if len(near) > 0 {
			reason += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		f.errs = append(f.errs, fieldError{FieldName: "body", Reason: reason})
	}
	return f
}

// apiFields are the form fields of openapi.yaml: an unknown field is named
// only when it is one of them; a name a client made up is counted, never
// repeated (a mis-encoded body can put data where a name belongs).
var apiFields = map[string]bool{
	"command": true, "bank_code": true, "account_number": true, "ifsc": true, "beneficiary_name": true,
	"vpa": true, "gateway_id": true, "gateway_reference_id": true, "validation_amount": true, "metadata": true,
}

// nearest returns the allowed field within two edits of name, or "".
func nearest(name string, allowed []string) string {
	if len(name) > 64 {
		return ""
	}
	for _, a := range allowed {
		if suggest.Distance(name, a) <= 2 {
			return a
		}
	}
	return ""
}

// unknownFields says how many fields the operation does not have, without naming them.
func unknownFields(n int) string {
	if n == 1 {
		return "has 1 field this operation does not have (not named: it is no field of this API)"
	}
	return "has " + strconv.Itoa(n) + " fields this operation does not have (not named: they are no fields of this API)"
}

// account returns a new account with the fields both create forms share.
func (f *form) account(customerID string) *account {
	return &account{
		customerID:      customerID,
		accountNumber:   f.Get("account_number"),
		ifsc:            f.Get("ifsc"),
		bankCode:        f.Get("bank_code"),
		beneficiaryName: f.Get("beneficiary_name"),
	}
}

// names returns the form's field names, sorted.
func (f *form) names() []string {
	names := slices.AppendSeq(make([]string, 0, len(f.Values)), maps.Keys(f.Values))
	slices.Sort(names)
	return names
}

func (f *form) fail(name, reason string) {
	f.errs = append(f.errs, fieldError{FieldName: name, Reason: reason})
}

// checkName validates a beneficiary name, if sent.
func (f *form) checkName(name string) {
	if !f.Has(name) {
		return
	}
	v := f.Get(name)
	switch {
	case strings.TrimSpace(v) == "":
		f.fail(name, "must not be empty")
	case utf8.RuneCountInString(v) > maxNameLen || !utf8.ValidString(v):
		f.fail(name, "must be valid UTF-8 of at most 100 characters")
	case strings.IndexFunc(v, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		f.fail(name, "must not contain control characters")
	}
}

// metadata returns the metadata.KEY fields as a map, checking keys and values.
func (f *form) metadata() map[string]string {
	var m map[string]string
	for _, name := range f.names() {
		key, ok := strings.CutPrefix(name, "metadata.")
		if !ok {
			continue
		}
		v := f.Get(name)
		// Errors name "metadata", never the merchant's key.
		switch {
		case !metaKeyRE.MatchString(key):
			f.fail("metadata", "has a key that is not 1 to 64 letters, digits or _.-")
		case len(v) > maxMetadataValueLen || !utf8.ValidString(v):
			f.fail("metadata", "has a value that is not valid UTF-8 of at most 256 bytes")
		case len(m) >= maxMetadataEntries:
			f.fail("metadata", "has more than 20 fields")
		default:
			if m == nil {
				m = map[string]string{}
			}
			m[key] = v
		}
	}
	return m
}

// answered writes the form's error (f.err, else INVALID_INPUT naming every
// invalid field), if any, and reports whether it did.
func (f *form) answered(w http.ResponseWriter) bool {
	e := f.err
	if e == nil && len(f.errs) > 0 {
		e = errInput(codeInvalid, f.errs...)
	}
	if e != nil {
		writeError(w, e)
	}
	return e != nil
}
