package docsui

import (
	"context"
	"fmt"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
	"github.com/pennydrop/juspay-accounts/api"
)

// SeedExamples creates, for key, what the spec's parameter examples name, so
// that every "Try it out" form of /docs works as pre-filled: the example
// customer (customer_id) pinned to the example x-routing-id, with a customer
// account under the example customer_account_id and a v3.2 bank account
// under the example bank_account_id, both CREATED (so validate and delete
// work too). `serve` calls it when it accepts the public demo key.
func SeedExamples(ctx context.Context, emu *api.Server, key string) error {
	spec, err := specTree(juspayaccounts.OpenAPISpec())
	if err != nil {
		return err
	}
	ex := map[string]string{}
	for _, name := range []string{"CustomerId", "RoutingId", "CustomerAccountId", "BankAccountId"} {
		ex[name] = parameterExample(spec, name)
		if ex[name] == "" {
			return fmt.Errorf("docsui: openapi.yaml: parameter %s has no example", name)
		}
	}
	_, err = emu.Seed(ctx,
		api.SeedAccount{CustomerID: ex["CustomerId"], Key: key, RoutingID: ex["RoutingId"], ID: ex["CustomerAccountId"],
			VPA: "4225246777@yesg"},
		api.SeedAccount{CustomerID: ex["CustomerId"], Key: key, RoutingID: ex["RoutingId"], ID: ex["BankAccountId"], V32: true,
			BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", BeneficiaryName: "test"},
	)
	if err != nil {
		return fmt.Errorf("docsui: seed the examples: %w", err)
	}
	return nil
}

// parameterExample is the example of components.parameters[name], as text.
func parameterExample(spec map[string]any, name string) string {
	comps, _ := spec["components"].(map[string]any)
	params, _ := comps["parameters"].(map[string]any)
	p, _ := params[name].(map[string]any)
	if v, ok := p["example"]; ok && v != nil {
		return fmt.Sprint(v)
	}
	return ""
}
