package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/routers"

	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// ControlPrefix is where WithControl serves the control endpoint. Every
// route needs HTTP Basic with an accepted API key (as the API does) and
// answers JSON:
//
//	GET    /_emulator/                 the routes below
//	GET    /_emulator/requests         recorded requests, oldest first: {"requests": [RecordedRequest...]}
//	                                   (?operation=ID and ?customer_id=ID filter them)
//	DELETE /_emulator/requests         forget them (204)
//	POST   /_emulator/validations      add a ForceValidation rule (201, the Rules)
//	POST   /_emulator/faults           add a Fault rule (201, the Rules)
//	GET    /_emulator/rules            the rules not used up: {"validations": [...], "faults": [...]}
//	DELETE /_emulator/rules            clear them (204)
//	POST   /_emulator/accounts         seed: a JSON array of SeedAccount (201, {"ids": [...]})
//
// A bad body gets a 400 in Juspay's error shape naming the problem.
const ControlPrefix = "/_emulator/"

const maxControlBody = 1 << 20

// controlRoutes documents the routes for GET ControlPrefix.
var controlRoutes = []string{
	"GET /_emulator/requests[?operation=ID&customer_id=ID]", "DELETE /_emulator/requests",
	"POST /_emulator/validations", "POST /_emulator/faults", "GET /_emulator/rules", "DELETE /_emulator/rules",
	"POST /_emulator/accounts",
}

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	if key, ok := spec.BasicKey(r); !ok || !s.acceptKey(key) {
		writeError(w, errUnauthorized())
		return
	}
	route := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, ControlPrefix), "/")
	allow := func(methods ...string) bool {
		for _, m := range methods {
			if r.Method == m {
				return true
			}
		}
		w.Header().Set("Allow", strings.Join(methods, ", "))
		writeError(w, fromRouting(routers.ErrMethodNotAllowed, r))
		return false
	}
	switch route {
	case "":
		if allow(http.MethodGet) {
			writeJSON(w, http.StatusOK, map[string][]string{"routes": controlRoutes})
		}
	case "requests":
		if !allow(http.MethodGet, http.MethodDelete) {
			return
		}
		if r.Method == http.MethodDelete {
			s.ClearRequests()
			w.WriteHeader(http.StatusNoContent)
			return
		}
		op, cust := r.URL.Query().Get("operation"), r.URL.Query().Get("customer_id")
		out := []RecordedRequest{}
		for _, rec := range s.Requests() {
			if (op == "" || rec.Operation == op) && (cust == "" || strings.HasPrefix(rec.Path, "/customers/"+cust+"/")) {
				out = append(out, rec.Masked())
			}
		}
		writeJSON(w, http.StatusOK, map[string][]RecordedRequest{"requests": out})
	case "validations":
		var f ForceValidation
		if allow(http.MethodPost) && decodeControl(w, r, &f) {
			s.answerRule(w, s.ForceValidation(f))
		}
	case "faults":
		var f Fault
		if allow(http.MethodPost) && decodeControl(w, r, &f) {
			s.answerRule(w, s.InjectFault(f))
		}
	case "rules":
		if !allow(http.MethodGet, http.MethodDelete) {
			return
		}
		if r.Method == http.MethodDelete {
			s.ClearRules()
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, s.Rules())
	case "accounts":
		var seed []SeedAccount
		if !allow(http.MethodPost) || !decodeControl(w, r, &seed) {
			return
		}
		ids, err := s.Seed(r.Context(), seed...)
		if err != nil {
			writeError(w, controlError(err))
			return
		}
		writeJSON(w, http.StatusCreated, map[string][]string{"ids": ids})
	default:
		writeError(w, errOther(http.StatusNotFound, errorCodeBadReq, codeNoRoute, categoryUser,
			"No control route has this path; GET "+ControlPrefix+" lists them."))
	}
}

func (s *Server) answerRule(w http.ResponseWriter, err error) {
	if err != nil {
		writeError(w, controlError(err))
		return
	}
	writeJSON(w, http.StatusCreated, s.Rules())
}

// decodeControl reads a JSON body into v, refusing unknown fields and
// trailing data; on failure it answers 400 and returns false.
func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxControlBody+1))
	if err == nil && len(b) > maxControlBody {
		err = errors.New("the body exceeds 1 MiB")
	}
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err = dec.Decode(v); err == nil && dec.More() {
			err = errors.New("trailing data after the JSON value")
		}
	}
	if err != nil {
		writeError(w, controlError(err))
		return false
	}
	return true
}

func controlError(err error) *apiError {
	msg := strings.TrimPrefix(err.Error(), "api: ")
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	return errInput(codeInvalid, fieldError{FieldName: "body", Reason: fieldNamePrintable(msg)})
}

// fieldNamePrintable replaces unprintable characters of a message.
func fieldNamePrintable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
