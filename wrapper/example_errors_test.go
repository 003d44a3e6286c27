package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Tell Juspay's errors apart: errors.Is with the sentinels for the kind of
// failure, errors.As with *APIError for the status, Juspay's codes and the
// request id to quote to support.
func ExampleAPIError() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()

	// An account that does not exist: 404.
	_, err := client.GetCustomerAccount(ctx, "cst_1", "banh_missing")
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Status, apiErr.Code, apiErr.Info.Code, apiErr.Info.Category)
		fmt.Println("not found:", errors.Is(err, wrapper.ErrNotFound), "request id kept:", apiErr.RequestID != "")
	}

	// Input the wrapper lets through and Juspay refuses (here the IFSC
	// format): 400, with the field and the rule in Info.Fields.
	_, err = client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "026291800001191", IFSC: "SBIN1234"},
	})
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Info.Code, "invalid input:", errors.Is(err, wrapper.ErrInvalidInput))
		for _, f := range apiErr.Info.Fields {
			fmt.Println(" ", f.FieldName, f.Reason)
		}
	}

	// A second validate while the first penny drop is PENDING: Juspay
	// refuses it, and AwaitValidation is the way to learn the outcome.
	acct, err := client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, nil)
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Info.Code)
	}

	// A wrong API key: 401. Error() never shows the key.
	bad, err := wrapper.New("not_the_key", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	_, err = bad.ListCustomerAccounts(ctx, "cst_1", nil)
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, "unauthorized:", errors.Is(err, wrapper.ErrUnauthorized))
	}
	// Output:
	// 404 invalid_request_error object_not_found RESOURCE_NOT_FOUND USER_ERROR
	// not found: true request id kept: true
	// 400 INVALID_INPUT invalid input: true
	//   ifsc must be an IFSC: 4 upper-case letters, 0, then 6 upper-case letters or digits
	// 400 DUPLICATE_REQUEST
	// 401 access_denied unauthorized: true
}

// Input the wrapper can tell is wrong is refused with an *InputError before
// any byte is sent. It names the field and the rule, never the value.
func ExampleInputError() {
	sent := 0
	countRequests := func(req *http.Request, _ wrapper.Attempt, next wrapper.MiddlewareNext) (*http.Response, error) {
		sent++
		return next(req)
	}
	srv, client := startEmulator(wrapper.WithMiddleware(countRequests))
	defer srv.Close()
	ctx := context.Background()

	_, err1 := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{})
	_, err2 := client.GetCustomerAccount(ctx, "..", "banh_1")
	_, err3 := client.ValidateCustomerAccount(ctx, "cst_1", "banh_1", &wrapper.ValidateInput{Amount: "0.001"})
	for _, err := range []error{err1, err2, err3} {
		var inErr *wrapper.InputError
		if errors.As(err, &inErr) {
			fmt.Printf("%s (field %s, invalid input: %v)\n", err, inErr.Field, errors.Is(err, wrapper.ErrInvalidInput))
		}
	}
	fmt.Println("requests sent:", sent)
	// Output:
	// juspay: invalid input: bank_account or vpa is required (field bank_account, invalid input: true)
	// juspay: invalid input: customer_id must not be a dot segment ("." or "..") (field customer_id, invalid input: true)
	// juspay: invalid input: validation_amount must be an amount in rupees above 0 and at most 100, with at most 2 decimals, in plain digits (like 1 or 0.50) (field validation_amount, invalid input: true)
	// requests sent: 0
}

// AwaitValidation gives up when its context ends (or AwaitOptions.MaxWait
// passes) with an *AwaitError holding the last status and account it saw. The
// penny drop may still complete: look again later, never validate again.
func ExampleAwaitError() {
	srv, client := startEmulator()
	defer srv.Close()
	// VPAs starting with "pending" stay PENDING for an hour on the emulator.
	acct, err := client.CreateAndValidateCustomerAccounts(context.Background(), "cst_1", wrapper.AccountInput{VPA: "pending.asha@upi"})
	if err != nil {
		log.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, &wrapper.AwaitOptions{Interval: 10 * time.Millisecond})
	var awaitErr *wrapper.AwaitError
	if errors.As(err, &awaitErr) {
		// awaitErr.LastStatus is PENDING here (or "" had no poll answered
		// in time), and awaitErr.Account the last account seen.
		fmt.Println("still waiting; deadline exceeded:", errors.Is(err, context.DeadlineExceeded))
	}
	// Output:
	// still waiting; deadline exceeded: true
}

// A 2xx response whose body does not decode (here an HTML page from a proxy,
// which the emulator never sends) is a *DecodeError: the call's outcome is
// unknown, so after a create or validate, look with a get or list before
// trying again.
func ExampleDecodeError() {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html>Service temporarily unavailable</html>")
	}))
	defer proxy.Close()
	client, err := wrapper.New("my_api_key", wrapper.WithBaseURL(proxy.URL))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.CreateCustomerAccounts(context.Background(), "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	var decErr *wrapper.DecodeError
	if errors.As(err, &decErr) {
		fmt.Println(decErr.StatusCode, decErr.Method, decErr.Path, string(decErr.Body))
	}
	// Output:
	// 200 POST /customers/cst_1/accounts <html>Service temporarily unavailable</html>
}

// Test for one of Juspay's error codes with errors.Is and the generated
// constants (gen.ErrorCode; an open set: a code without a constant still
// decodes into APIError.Code). Validating again while a penny drop is
// PENDING (the emulator keeps VPAs starting with "pending" PENDING) is
// refused with DUPLICATE_REQUEST: await the outcome instead.
func ExampleAPIError_Is() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()

	acct, err := client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "pending.asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, nil)
	fmt.Println("duplicate:", errors.Is(err, gen.ErrorCodeDuplicateRequest))
	fmt.Println("invalid input:", errors.Is(err, wrapper.ErrInvalidInput))
	fmt.Println("not found:", errors.Is(err, gen.ErrorCodeResourceNotFound))
	// Output:
	// duplicate: true
	// invalid input: true
	// not found: false
}
