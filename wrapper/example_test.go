package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// fakeJuspay is a tiny stand-in for Juspay on loopback so the examples run
// offline: a new account is PENDING on the first get and ACTIVE after.
func fakeJuspay() *httptest.Server {
	gets := 0
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		acct := func(status string) string {
			return `{"object":"customer_account","customer_account_id":"banh_1","customer_id":"cst_1",` +
				`"account_details":{"vpa":"9164326296@upi"},"validation_amount":1,"currency":"INR","validation_status":"` + status + `"}`
		}
		switch {
		case strings.HasSuffix(r.URL.Path, "/missing"):
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"status":"invalid_request_error","error_code":"object_not_found","error_message":"Cannot find what you are looking for",`+
				`"error_info":{"code":"RESOURCE_NOT_FOUND","category":"USER_ERROR","request_id":"req-1"}}`)
		case strings.HasSuffix(r.URL.Path, "/list"):
			fmt.Fprint(w, `{"object":"list","list":[`+acct("ACTIVE")+`],"offset":0,"count":1,"total":1}`)
		case r.Method == http.MethodGet:
			gets++
			if gets == 1 {
				fmt.Fprint(w, acct("PENDING"))
				return
			}
			fmt.Fprint(w, acct("ACTIVE"))
		default:
			fmt.Fprint(w, acct("PENDING"))
		}
	}))
}

// Register a UPI VPA, start its penny drop in the same call, and wait until
// Juspay reports the outcome.
func Example() {
	srv := fakeJuspay()
	defer srv.Close()

	// In production: wrapper.New(os.Getenv("JUSPAY_API_KEY"), wrapper.WithEnvironment(wrapper.Production))
	client, err := wrapper.New("my_api_key", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	acct, err := client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "9164326296@upi"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", acct.CustomerAccountID, acct.ValidationStatus)

	final, err := client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, &wrapper.AwaitOptions{Interval: 10 * time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("validation", final.ValidationStatus)
	// Output:
	// created banh_1 PENDING
	// validation ACTIVE
}

// List a customer's accounts, one page at a time.
func ExampleClient_ListCustomerAccounts() {
	srv := fakeJuspay()
	defer srv.Close()
	client, err := wrapper.New("my_api_key", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.ListCustomerAccounts(context.Background(), "cst_1", &wrapper.ListOptions{Count: 20})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page.List {
		fmt.Println(a.CustomerAccountID, a.ValidationStatus, a.AccountDetails.VPA)
	}
	// Output:
	// banh_1 ACTIVE 9164326296@upi
}

// Register a bank account, then validate it with a chosen amount.
func ExampleClient_ValidateCustomerAccount() {
	srv := fakeJuspay()
	defer srv.Close()
	client, err := wrapper.New("my_api_key", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	acct, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.BankAccountDetailsInput{AccountNumber: "026291800001191", IFSC: "SBIN0001234", BeneficiaryName: "Asha Rao"},
	})
	if err != nil {
		log.Fatal(err)
	}
	// A validate moves money: it is never retried automatically, and a PENDING
	// result is resolved with AwaitValidation, never by validating again.
	acct, err = client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, &wrapper.ValidateInput{Amount: "1"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.ValidationStatus)
	// Output:
	// PENDING
}

// Tell errors apart with errors.Is and errors.As.
func ExampleAPIError() {
	srv := fakeJuspay()
	defer srv.Close()
	client, err := wrapper.New("my_api_key", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.GetCustomerAccount(context.Background(), "cst_1", "missing")
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(errors.Is(err, wrapper.ErrNotFound), apiErr.StatusCode, apiErr.Code, apiErr.RequestID)
	}

	// Bad input never leaves the machine.
	_, err = client.CreateCustomerAccounts(context.Background(), "cst_1", wrapper.AccountInput{})
	var inErr *wrapper.InputError
	if errors.As(err, &inErr) {
		fmt.Println(errors.Is(err, wrapper.ErrInvalidInput), inErr.Field)
	}
	// Output:
	// true 404 object_not_found req-1
	// true bank_account
}

// Configure the client: environment, merchant id, a shared http.Client,
// retries and logging.
func ExampleNew() {
	client, err := wrapper.New("my_api_key",
		wrapper.WithEnvironment(wrapper.Production),
		wrapper.WithMerchantID("my_merchant"),
		wrapper.WithAPIVersion("2024-06-01"),
		wrapper.WithHTTPClient(&http.Client{Transport: http.DefaultTransport}),
		wrapper.WithTimeout(15*time.Second),
		wrapper.WithRetryPolicy(wrapper.RetryPolicy{MaxRetries: 3}),
		wrapper.WithUserAgentSuffix("myapp/1.0"),
	)
	fmt.Println(client != nil, err)

	_, err = wrapper.New("my_api_key", wrapper.WithBaseURL("http://api.example.com"))
	fmt.Println(err)
	// Output:
	// true <nil>
	// wrapper: base URL "http://api.example.com": plain http is allowed only to a loopback host; use https
}
