package conformance_test

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/pennydrop/juspay-accounts/conformance"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Validate every exchange of a client in staging: violations are logged,
// responses reach the client unchanged.
func ExampleNewTransport() {
	tr, err := conformance.NewTransport(nil, conformance.WithLogger(slog.Default()),
		conformance.WithOnViolation(func(r conformance.Report) {
			for _, v := range r.Violations {
				fmt.Println(v.Operation, v.Status, v.Location, v.Message)
			}
		}))
	if err != nil {
		panic(err)
	}
	client, err := wrapper.New("key_live_...", wrapper.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		panic(err)
	}
	_ = client // client.ListCustomerAccounts(ctx, "cst_...", nil) and so on
}
