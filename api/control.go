package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/routers"

	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// ControlPrefix is where WithControl serves the control endpoint: JSON routes
// (GET ControlPrefix lists them) to read and forget recorded requests, add and
// clear rules, and seed accounts. Every route needs an accepted API key, as
// the API does, and acts only on that key's merchant; a bad body gets a 400
// in Juspay's shape that never echoes what was sent.
const ControlPrefix = "/_emulator/"

// controlRoutes documents the routes for GET ControlPrefix.
var controlRoutes = []string{
	"GET /_emulator/requests[?operation=ID&customer_id=ID&raw=1]", "DELETE /_emulator/requests",
	"POST /_emulator/validations", "POST /_emulator/faults", "GET /_emulator/rules", "DELETE /_emulator/rules",
	"POST /_emulator/accounts",
}

// controlMethods are the methods of each route under ControlPrefix.
var controlMethods = map[string][]string{
	"": {http.MethodGet}, "requests": {http.MethodGet, http.MethodDelete}, "validations": {http.MethodPost},
	"faults": {http.MethodPost}, "rules": {http.MethodGet, http.MethodDelete}, "accounts": {http.MethodPost},
}

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	key, _ := spec.BasicKey(r)
	merchant := s.keyIndex(key) + 1
	if merchant == 0 {
		writeError(w, errUnauthorized())
		return
	}
	route := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, ControlPrefix), "/")
	methods, ok := controlMethods[route]
	switch {
	case !ok:
		writeError(w, errOther(http.StatusNotFound, errorCodeBadReq, codeNoRoute, categoryUser,
			"No control route has this path; GET "+ControlPrefix+" lists them."))
		return
	case !slices.Contains(methods, r.Method):
		w.Header().Set("Allow", strings.Join(methods, ", "))
		writeError(w, fromRouting(routers.ErrMethodNotAllowed, r))
		return
	}
	switch r.Method + " " + route {
	case "GET ":
		writeJSON(w, http.StatusOK, map[string][]string{"routes": controlRoutes})
	case "GET requests":
		q := r.URL.Query()
		op, cust, raw := q.Get("operation"), q.Get("customer_id"), q.Get("raw") == "1"
		out := []RecordedRequest{}
		for _, rec := range s.traffic.list(merchant) {
			if (op == "" || rec.Operation == op) && (cust == "" || strings.HasPrefix(rec.Path, "/customers/"+cust+"/")) {
				if !raw {
					rec = s.masked(rec)
				}
				out = append(out, rec)
			}
		}
		writeJSON(w, http.StatusOK, map[string][]RecordedRequest{"requests": out})
	case "DELETE requests":
		s.traffic.clear(merchant)
		w.WriteHeader(http.StatusNoContent)
	case "POST validations":
		f := ForceValidation{merchant: merchant}
		if decodeControl(w, r, &f) {
			s.answerRule(w, s.ForceValidation(f), merchant)
		}
	case "POST faults":
		f := Fault{merchant: merchant}
		if decodeControl(w, r, &f) {
			s.answerRule(w, s.InjectFault(f), merchant)
		}
	case "GET rules":
		writeJSON(w, http.StatusOK, s.rules(merchant))
	case "DELETE rules":
		s.clearRules(merchant)
		w.WriteHeader(http.StatusNoContent)
	case "POST accounts":
		var seed []SeedAccount
		if !decodeControl(w, r, &seed) {
			return
		}
		for i := range seed {
			if seed[i].Key != "" && seed[i].Key != key {
				writeError(w, errInput(codeInvalid, fieldError{FieldName: "key", Reason: "must be empty or the key this call authenticates with"}))
				return
			}
			seed[i].Key = key
		}
		ids, err := s.Seed(r.Context(), seed...)
		if err != nil {
			writeError(w, controlError(err))
			return
		}
		writeJSON(w, http.StatusCreated, map[string][]string{"ids": ids})
	}
}

func (s *Server) answerRule(w http.ResponseWriter, err error, merchant int) {
	if err != nil {
		writeError(w, controlError(err))
		return
	}
	writeJSON(w, http.StatusCreated, s.rules(merchant))
}

// decodeControl reads a JSON body (at most 1 MiB, no unknown fields) or answers 400.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	err := jsonError(dec.Decode(v))
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON value")
	}
	if err != nil {
		writeError(w, controlError(err))
	}
	return err == nil
}

// jsonError rewords encoding/json's errors, which quote what was sent.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooLarge):
		return errors.New("the body exceeds 1 MiB")
	case errors.As(err, &syntax):
		return fmt.Errorf("not valid JSON (at byte %d)", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Errorf("a value has the wrong JSON type (want %s)", typ.Type)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errors.New("has an unknown field (not named)")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("empty or cut short: want a JSON value")
	case strings.HasPrefix(err.Error(), "json: "):
		return errors.New("not a JSON value this route takes")
	}
	return err // our own types' messages, which quote nothing
}

// controlError is the 400 of a refused control call (messages quote nothing sent).
func controlError(err error) *apiError {
	return errInput(codeInvalid, fieldError{FieldName: "body", Reason: strings.TrimPrefix(err.Error(), "api: ")})
}
