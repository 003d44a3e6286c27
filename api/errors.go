package api

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/pennydrop/juspay-accounts/gen"
)

// requestIDHeader carries every response's request id (error_info.request_id).
const requestIDHeader = "X-Request-Id"

// apiError is a Juspay-shaped error response before it gets its request id.
type apiError struct {
	status int
	body   gen.ErrorResponse
}

// fieldError is gen's model of an error_info.fields entry. Reasons never
// repeat the value sent.
type fieldError = gen.ErrorField

// errUnauthorized is the documented 401 body.
func errUnauthorized() *apiError {
	e := errOther(http.StatusUnauthorized, string(gen.ErrorCodeAccessDenied), string(gen.ErrorCodeUnauthorized), categoryUser, "Invalid API Key. Please pass a valid and active api key.")
	e.body.ErrorMessage = ""
	return e
}

// errNotFound is the documented 404 body (the same texts for a customer and an account).
func errNotFound() *apiError {
	e := errOther(http.StatusNotFound, string(gen.ErrorCodeObjectNotFound), codeNoRoute, categoryUser, "Customer account not found.")
	e.body.Status, e.body.ErrorMessage = "invalid_request_error", "Cannot find what you are looking for"
	e.body.ErrorInfo.UserMessage = "Cannot process your request as customer account not found."
	return e
}

// errInput is a 400 about the request's input with error_info.code code.
func errInput(code string, fields ...fieldError) *apiError {
	msg := "Invalid request."
	if len(fields) > 0 {
		f := fields[0]
		if code == codeMissing {
			msg = "Mandatory parameter " + f.FieldName + " is missing."
		} else {
			msg = "Invalid value for " + f.FieldName + ": " + f.Reason + "."
		}
		if len(fields) > 1 {
			msg += " (" + strconv.Itoa(len(fields)-1) + " more in error_info.fields)"
		}
	}
	e := errOther(http.StatusBadRequest, errorCodeBadReq, code, categoryUser, msg, fields...)
	e.body.ErrorInfo.UserMessage = "Invalid request."
	return e
}

// Codes of error_code and error_info.code: gen's where openapi.yaml names them.
const (
	codeMissing        = string(gen.ErrorCodeMissingMandatoryParameter)
	codeInvalid        = string(gen.ErrorCodeInvalidInput)
	codeDuplicate      = string(gen.ErrorCodeDuplicateRequest)
	codeLimitExceeded  = "LIMIT_EXCEEDED"
	codeCapacity       = "CAPACITY_EXCEEDED"
	codeTooLarge       = "PAYLOAD_TOO_LARGE"
	codeNoRoute        = string(gen.ErrorCodeResourceNotFound)
	codeBadMethod      = "METHOD_NOT_ALLOWED"
	codeInternal       = "INTERNAL_SERVER_ERROR"
	categoryUser       = "USER_ERROR"
	categoryServer     = "SERVER_ERROR"
	errorCodeBadReq    = string(gen.ErrorCodeInvalidRequest)
	errorCodeInternal  = "internal_error"
	errorCodeNoService = "service_unavailable"
)

// errOther builds an error of any status in the documented shape.
func errOther(status int, errorCode, code, category, msg string, fields ...fieldError) *apiError {
	return &apiError{status: status, body: gen.ErrorResponse{
		Status:       "error",
		ErrorCode:    errorCode,
		ErrorMessage: msg,
		ErrorInfo: gen.ErrorInfo{
			UserMessage:      http.StatusText(status) + ".",
			DeveloperMessage: msg,
			Code:             code,
			Category:         category,
			Fields:           fields,
		},
	}}
}

func errTooLarge(limit int64) *apiError {
	return errOther(http.StatusRequestEntityTooLarge, errorCodeBadReq, codeTooLarge, categoryUser,
		"The request body exceeds "+strconv.FormatInt(limit, 10)+" bytes.",
		fieldError{FieldName: "body", Reason: "exceeds " + strconv.FormatInt(limit, 10) + " bytes"})
}

func errInternal() *apiError {
	return errOther(http.StatusInternalServerError, errorCodeInternal, codeInternal, categoryServer,
		"The emulator hit an internal error; it is logged with this request_id.")
}

// newRequestID returns a random UUID (version 4), like Juspay's request ids.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// writeError writes e with the request id the server put in the response header.
func writeError(w http.ResponseWriter, e *apiError) {
	e.body.ErrorInfo.RequestID = w.Header().Get(requestIDHeader)
	e.body.ErrorInfo.Href = "NA"
	writeJSON(w, e.status, e.body)
}

// writeJSON writes v as the JSON body of a response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil { // only our own types are marshalled; this is a bug
		panic("api: marshal response: " + err.Error())
	}
	writeBody(w, status, "application/json", b)
}

// writeBody writes b as the body of a response (net/http drops it for HEAD).
func writeBody(w http.ResponseWriter, status int, contentType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
