package conformance_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/conformance"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Hold every exchange of a client to the spec: plug a Transport into the
// wrapper's HTTP client (in staging, against Juspay's sandbox; here against
// the emulator) and run the flow create -> validate -> await -> list.
// Violations are reported to a callback or a logger; the client gets every
// response unchanged.
func ExampleNewTransport() {
	srv := httptest.NewServer(api.New(api.WithValidationDelay(0))) // penny drops resolve at once
	defer srv.Close()

	tr, err := conformance.NewTransport(nil,
		conformance.WithOnExchange(func(r conformance.Report) {
			fmt.Println(r.Operation, r.Status, "conforms:", r.OK())
		}),
		conformance.WithOnViolation(func(r conformance.Report) {
			for _, v := range r.Violations {
				fmt.Println("  ", v.Side, v.Location, v.Message)
			}
		}))
	if err != nil {
		log.Fatal(err)
	}
	// In staging: wrapper.New(os.Getenv("JUSPAY_API_KEY"), wrapper.WithHTTPClient(&http.Client{Transport: tr}))
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL), wrapper.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	acct, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, nil); err != nil {
		log.Fatal(err)
	}
	if _, err := client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, nil); err != nil {
		log.Fatal(err)
	}
	if _, err := client.ListCustomerAccounts(ctx, "cst_1", nil); err != nil {
		log.Fatal(err)
	}
	// Output:
	// createCustomerAccounts 200 conforms: true
	// validateCustomerAccount 200 conforms: true
	// getCustomerAccount 200 conforms: true
	// listCustomerAccounts 200 conforms: true
}

// Check one request against the spec: the Report lists every violation at
// once, each naming where it is. Schema violations never quote the value.
func ExampleValidator_ValidateRequest() {
	v, err := conformance.NewValidator()
	if err != nil {
		log.Fatal(err)
	}
	// A create with no x-routing-id header and a field the form does not have.
	req := httptest.NewRequest(http.MethodPost, "https://sandbox.juspay.in/customers/cst_1/accounts",
		strings.NewReader("vpa=asha%40okhdfc&colour=blue"))
	req.SetBasicAuth("my_api_key", "")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")

	err = v.ValidateRequest(context.Background(), req)
	var report *conformance.Report
	if errors.As(err, &report) {
		fmt.Println(report.Operation, report.OK())
		for _, viol := range report.Violations {
			fmt.Printf("%s %s: %s\n", viol.Side, viol.Location, viol.Message)
		}
	}
	// Output:
	// createCustomerAccounts false
	// request header x-routing-id: value is required but missing
	// request body/colour: "colour" is not a field of this form
}
