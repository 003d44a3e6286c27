package wrapper_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Use the generated client directly, with the wrapper's auth, headers,
// retries and logging: here against the emulator. The x-routing-id header
// defaults to the customer id of each call.
func ExampleNewGenClient() {
	srv := httptest.NewServer(api.New()) // the offline emulator
	defer srv.Close()

	// In production: wrapper.NewGenClient(os.Getenv("JUSPAY_API_KEY"), wrapper.WithEnvironment(wrapper.Production))
	client, err := wrapper.NewGenClient(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Forms go through the ...WithBody methods (Juspay's nested keys are
	// a.b, which the generated form encoder does not write).
	form := url.Values{"command": {"create"}, "vpa": {"9164326296@upi"}}
	created, err := client.CreateCustomerAccountsWithBodyWithResponse(ctx, "cst_1", &gen.CreateCustomerAccountsParams{},
		"application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil || created.JSON200 == nil {
		log.Fatal(err, created.Status())
	}

	list, err := client.ListCustomerAccountsWithResponse(ctx, "cst_1", &gen.ListCustomerAccountsParams{})
	if err != nil || list.JSON200 == nil {
		log.Fatal(err, list.Status())
	}
	fmt.Println(list.StatusCode(), len(list.JSON200.List), "account")

	got, err := client.GetCustomerAccountWithResponse(ctx, "cst_1", list.JSON200.List[0].CustomerAccountID, &gen.GetCustomerAccountParams{})
	if err != nil || got.JSON200 == nil {
		log.Fatal(err, got.Status())
	}
	a := got.JSON200
	fmt.Println(a.CustomerAccountID == created.JSON200.CustomerAccountID, a.AccountDetails.VPA, a.ValidationStatus)
	// Output:
	// 200 1 account
	// true 9164326296@upi CREATED
}

// The low-level generated client returns the *http.Response of each call;
// decode it with the matching gen.Parse<Op>Response (which reads the whole
// body: the client caps it at MaxResponseBody, MaxErrorBody for an error of
// a read).
func ExampleNewGenBaseClient() {
	srv := httptest.NewServer(api.New()) // the offline emulator
	defer srv.Close()
	client, err := wrapper.NewGenBaseClient(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	resp, err := client.ListCustomerAccounts(context.Background(), "cst_unknown", &gen.ListCustomerAccountsParams{})
	if err != nil {
		log.Fatal(err)
	}
	list, err := gen.ParseListCustomerAccountsResponse(resp)
	if err != nil {
		log.Fatal(err)
	}
	if list.JSON404 != nil {
		fmt.Println(list.StatusCode(), list.JSON404.ErrorCode)
	}
	// Output:
	// 404 object_not_found
}
