// Package spec loads the embedded openapi.yaml once for the packages that
// validate against it (conformance and the api emulator). It is internal so
// the client in wrapper never pays kin-openapi's start-up cost.
package spec

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
)

var (
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	errLd  error
)

func load() {
	loader := openapi3.NewLoader()
	d, err := loader.LoadFromData(juspayaccounts.OpenAPISpec())
	if err != nil {
		errLd = fmt.Errorf("spec: load openapi.yaml: %w", err)
		return
	}
	if err := d.Validate(context.Background()); err != nil {
		errLd = fmt.Errorf("spec: openapi.yaml is invalid: %w", err)
		return
	}
	// kin-openapi's router matches scheme and host against servers; with none
	// it matches the documented paths on any host (sandbox, production, loopback).
	d.Servers = nil
	r, err := gorillamux.NewRouter(d)
	if err != nil {
		errLd = fmt.Errorf("spec: build router: %w", err)
		return
	}
	doc, router = d, r
}

// Doc returns the parsed and validated document. It is shared: callers must not modify it.
func Doc() (*openapi3.T, error) {
	once.Do(load)
	return doc, errLd
}

// Router returns a router that finds an operation by method and path whatever the host.
func Router() (routers.Router, error) {
	once.Do(load)
	return router, errLd
}

// Operations maps every operationId to its method and path template.
func Operations() (map[string]Operation, error) {
	d, err := Doc()
	if err != nil {
		return nil, err
	}
	ops := map[string]Operation{}
	for path, item := range d.Paths.Map() {
		for method, op := range item.Operations() {
			ops[op.OperationID] = Operation{ID: op.OperationID, Method: method, Path: path, Spec: op}
		}
	}
	return ops, nil
}

// Operation is one documented call.
type Operation struct {
	ID     string // operationId, e.g. "listCustomerAccounts"
	Method string // "GET" or "POST"
	Path   string // template, e.g. "/customers/{customer_id}/customer-accounts/list"
	Spec   *openapi3.Operation
}

// ErrBadCredentials is returned by a BasicAuth check that rejects a request.
var ErrBadCredentials = errors.New("basic auth: missing, malformed or unknown API key, or a non-empty password")

// BasicAuth returns a kin-openapi AuthenticationFunc that does the real check
// Juspay documents: HTTP Basic with an accepted API key as the user name and an
// EMPTY password. (kin-openapi's NoopAuthenticationFunc would accept requests
// with no Authorization header at all.)
func BasicAuth(accept func(key string) bool) openapi3filter.AuthenticationFunc {
	return func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		if in.SecurityScheme == nil || in.SecurityScheme.Type != "http" || !strings.EqualFold(in.SecurityScheme.Scheme, "basic") {
			return fmt.Errorf("unsupported security scheme %q", in.SecuritySchemeName)
		}
		key, ok := BasicKey(in.RequestValidationInput.Request)
		if !ok || !accept(key) {
			return ErrBadCredentials
		}
		return nil
	}
}

// BasicKey returns the API key of a request authenticated as Juspay documents
// (Basic, key as user name, empty password). ok is false otherwise.
func BasicKey(r *http.Request) (key string, ok bool) {
	user, pass, ok := r.BasicAuth()
	if !ok || user == "" || pass != "" {
		return "", false
	}
	return user, true
}
