// Package juspayaccounts is the root of the juspay-accounts SDK: it holds the
// OpenAPI document that every other package is built from. Users import the
// wrapper package:
//
//	import "github.com/pennydrop/juspay-accounts/wrapper"
//
// go generate writes from the document the models and client in gen/ (never
// edited by hand), docs/API.md (internal/apidoc), the rules the wrapper checks
// before sending (internal/contract) and the masked fields (internal/redact).
// The conformance validator and the api emulator load it through [OpenAPISpec].
package juspayaccounts

import _ "embed"

//go:generate go tool -modfile=tools/go.mod oapi-codegen -config gen/models.cfg.yaml openapi.yaml
//go:generate go tool -modfile=tools/go.mod oapi-codegen -config gen/client.cfg.yaml openapi.yaml
//go:generate go tool -modfile=tools/go.mod oapi-codegen -config gen/server.cfg.yaml openapi.yaml
//go:generate go run ./internal/contract/cmd/contractgen -spec openapi.yaml -out internal/contract/contract.gen.go ValidationAmount=ValidateCustomerAccountForm.validation_amount VPA=CreateCustomerAccountForm.vpa
//go:generate go run ./internal/apidoc/cmd/apidoc -spec openapi.yaml -snippets internal/apidoc/snippets/snippets.go -out docs/API.md -godoc gen/doc.gen.go -codes gen/codes.gen.go
//go:generate go run ./internal/redact/cmd/fieldsgen -spec openapi.yaml -out internal/redact/fields.gen.go

//go:embed openapi.yaml
var openAPISpec []byte

// OpenAPISpec returns a fresh copy of the embedded openapi.yaml, the single
// source of truth for every endpoint, schema, header and error body.
func OpenAPISpec() []byte {
	return append([]byte(nil), openAPISpec...)
}
