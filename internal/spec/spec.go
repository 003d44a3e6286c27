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

// load parses and validates the embedded document once, and builds its router.
var load = sync.OnceValues(func() (loaded, error) {
	d, err := openapi3.NewLoader().LoadFromData(juspayaccounts.OpenAPISpec())
	if err != nil {
		return loaded{}, fmt.Errorf("spec: load openapi.yaml: %w", err)
	}
	if err := d.Validate(context.Background()); err != nil {
		return loaded{}, fmt.Errorf("spec: openapi.yaml is invalid: %w", err)
	}
	// kin-openapi's router matches scheme and host against servers; with none
	// it matches the documented paths on any host (sandbox, production, loopback).
	d.Servers = nil
	r, err := gorillamux.NewRouter(d)
	if err != nil {
		return loaded{}, fmt.Errorf("spec: build router: %w", err)
	}
	return loaded{d, r}, nil
})

type loaded struct {
	doc    *openapi3.T
	router routers.Router
}

// Doc returns the parsed and validated document. It is shared: callers must not modify it.
func Doc() (*openapi3.T, error) {
	l, err := load()
	return l.doc, err
}

// Router returns a router that finds an operation by method and path whatever the host.
func Router() (routers.Router, error) {
	l, err := load()
	return l.router, err
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
			ops[op.OperationID] = Operation{Method: method, Path: path, Spec: op}
		}
	}
	return ops, nil
}

// Operation is one documented call.
type Operation struct {
	Method string // "GET" or "POST"
	Path   string // template, e.g. "/customers/{customer_id}/customer-accounts/list"
	Spec   *openapi3.Operation
}

// BasicAuth returns a kin-openapi AuthenticationFunc that does Juspay's check
// (HTTP Basic, an accepted API key as user name, an EMPTY password), where
// kin-openapi's NoopAuthenticationFunc accepts requests with no Authorization.
func BasicAuth(accept func(key string) bool) openapi3filter.AuthenticationFunc {
	return func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		if in.SecurityScheme == nil || in.SecurityScheme.Type != "http" || !strings.EqualFold(in.SecurityScheme.Scheme, "basic") {
			return fmt.Errorf("unsupported security scheme %q", in.SecuritySchemeName)
		}
		key, ok := BasicKey(in.RequestValidationInput.Request)
		if !ok || !accept(key) {
			return errors.New("basic auth: missing, malformed or unknown API key, or a non-empty password")
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
