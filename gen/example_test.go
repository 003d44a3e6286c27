package gen_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// formContentType is the content type of every request body of this API.
const formContentType = "application/x-www-form-urlencoded"

// The flow with the generated client alone: create and validate, wait for the
// outcome by polling get, and list. wrapper.NewGenClient gives the client
// auth, x-routing-id, retries of reads and safe logging; here it talks to the
// offline emulator (package api). Forms go through the ...WithBody methods,
// because the generated form encoder writes nested keys as a[b] where Juspay
// expects a.b.
func Example() {
	srv := httptest.NewServer(api.New(api.WithValidationDelay(20 * time.Millisecond)))
	defer srv.Close()
	// In production:
	//   wrapper.NewGenClient(os.Getenv("JUSPAY_API_KEY"), wrapper.WithEnvironment(wrapper.Production))
	client, err := wrapper.NewGenClient(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// Create and validate (command=validate): the penny drop starts at once.
	form := url.Values{"command": {"validate"}, "account_number": {"026291800001191"}, "ifsc": {"SBIN0001234"}}
	created, err := client.CreateCustomerAccountsWithBodyWithResponse(ctx, "cst_1", &gen.CreateCustomerAccountsParams{},
		formContentType, strings.NewReader(form.Encode()))
	if err != nil {
		log.Fatal(err)
	}
	if created.JSON200 == nil {
		log.Fatal(created.Status(), string(created.Body))
	}
	acct := *created.JSON200
	fmt.Println("created:", created.StatusCode(), acct.ValidationStatus)

	// Await: poll get until the outcome is known (wrapper.Client's
	// AwaitValidation does this with backoff and a deadline).
	for acct.ValidationStatus == gen.ValidationStatusPending {
		time.Sleep(5 * time.Millisecond)
		got, err := client.GetCustomerAccountWithResponse(ctx, "cst_1", acct.CustomerAccountID, &gen.GetCustomerAccountParams{})
		if err != nil {
			log.Fatal(err)
		}
		if got.JSON200 == nil {
			log.Fatal(got.Status(), string(got.Body))
		}
		acct = *got.JSON200
	}
	fmt.Println("outcome:", acct.ValidationStatus)

	// List, one page.
	list, err := client.ListCustomerAccountsWithResponse(ctx, "cst_1", &gen.ListCustomerAccountsParams{})
	if err != nil {
		log.Fatal(err)
	}
	if list.JSON200 == nil {
		log.Fatal(list.Status(), string(list.Body))
	}
	fmt.Println("listed:", len(list.JSON200.List), "of", list.JSON200.Total)
	// Output:
	// created: 200 PENDING
	// outcome: ACTIVE
	// listed: 1 of 1
}

// Each <Op>WithResponse method decodes the body of every status the spec
// declares into its JSON<status> field; check the status before using one.
// (err is set, and status and body are lost, only when a body does not match
// the spec: the wrapper package keeps both.)
func ExampleGetCustomerAccountResponse() {
	srv := httptest.NewServer(api.New())
	defer srv.Close()
	client, err := wrapper.NewGenClient(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	resp, err := client.GetCustomerAccountWithResponse(context.Background(), "cst_1", "banh_missing", &gen.GetCustomerAccountParams{})
	if err != nil {
		log.Fatal(err)
	}
	switch {
	case resp.JSON200 != nil:
		fmt.Println("found", resp.JSON200.ValidationStatus)
	case resp.JSON404 != nil:
		e := resp.JSON404
		fmt.Println(resp.StatusCode(), e.ErrorCode, e.ErrorInfo.Code, e.ErrorInfo.RequestID != "")
	default:
		fmt.Println("unexpected:", resp.Status())
	}
	// Output:
	// 404 object_not_found RESOURCE_NOT_FOUND true
}
