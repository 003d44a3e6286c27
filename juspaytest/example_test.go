package juspaytest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/juspaytest"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// exampleT stands in for the *testing.T a real test has.
type exampleT struct{ cleanups []func() }

func (*exampleT) Helper()                           {}
func (t *exampleT) Cleanup(f func())                { t.cleanups = append(t.cleanups, f) }
func (*exampleT) Fatalf(format string, args ...any) { log.Fatalf(format, args...) }
func (t *exampleT) done() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}

// registerPayee is the code under test: it registers a customer's VPA,
// starts the penny drop, and waits for its outcome. It takes the await
// options so that a test can poll at the emulator's pace (nil in production:
// Juspay's pace).
func registerPayee(ctx context.Context, accounts wrapper.API, await *wrapper.AwaitOptions, customerID, vpa string) (wrapper.ValidationStatus, error) {
	acct, err := accounts.CreateAndValidateCustomerAccounts(ctx, customerID, wrapper.AccountInput{VPA: vpa})
	if err != nil {
		return "", err
	}
	if acct.ValidationStatus != wrapper.StatusPending {
		return "", fmt.Errorf("a new penny drop is %s, want PENDING", acct.ValidationStatus)
	}
	final, err := accounts.AwaitValidation(ctx, customerID, acct.CustomerAccountID, await)
	if err != nil {
		return "", err
	}
	return final.ValidationStatus, nil
}

// A test forces the penny drop of one VPA to fail, runs its code, and checks
// both the outcome and what the code sent.
func Example_forceFailure() {
	t := &exampleT{} // in a test: func TestX(t *testing.T)
	defer t.done()

	srv := juspaytest.NewServer(t)
	srv.ForceOutcome("asha@okhdfc", api.OutcomeFailure)

	status, err := registerPayee(context.Background(), srv.Client, srv.AwaitOptions(), "cst_1", "asha@okhdfc")
	fmt.Println("outcome:", status, err)

	req := srv.LastRequest(gen.OperationIDCreateCustomerAccounts)
	fmt.Println("sent:", req.Method, req.Path)
	fmt.Println("x-routing-id:", req.RoutingID())
	fmt.Println("command:", req.Form.Get("command"), "vpa:", req.Form.Get("vpa"))
	fmt.Println("authorization:", req.Header.Get("Authorization"))
	accts, _ := srv.Client.ListCustomerAccounts(context.Background(), "cst_1", nil)
	fmt.Println("penny drops:", srv.Validations("cst_1", accts.List[0].CustomerAccountID)) // sent by the create
	fmt.Println("validate calls:", len(srv.RequestsOf(gen.OperationIDValidateCustomerAccount)))
	// Output:
	// outcome: FAILURE <nil>
	// sent: POST /customers/cst_1/accounts
	// x-routing-id: cst_1
	// command: validate vpa: asha@okhdfc
	// authorization: [REDACTED]
	// penny drops: 1
	// validate calls: 0
}

// A penny drop through the kit is PENDING when the call returns, as at
// Juspay; AwaitValidation with the server's AwaitOptions sees it settle a
// few milliseconds later.
func ExampleServer_AwaitOptions() {
	t := &exampleT{}
	defer t.done()

	srv := juspaytest.NewServer(t)
	ctx := context.Background()
	acct, err := srv.Client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "ravi@okaxis"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("answered:", acct.ValidationStatus)
	final, err := srv.Client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, srv.AwaitOptions())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("settled:", final.ValidationStatus)
	// Output:
	// answered: PENDING
	// settled: ACTIVE
}

// Start a server and call it with the ready wrapper client.
func ExampleNewServer() {
	t := &exampleT{}
	defer t.done()

	srv := juspaytest.NewServer(t)
	ctx := context.Background()
	acct, err := srv.Client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "ravi@okaxis"})
	if err != nil {
		log.Fatal(err)
	}
	list, err := srv.Client.ListCustomerAccounts(ctx, "cst_1", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.ValidationStatus, len(list.List))
	// Output: CREATED 1
}

// Make the next call of an operation fail with a Juspay error, as when the
// gateway is down, and see the error the client returns.
func ExampleServer_FailNext() {
	t := &exampleT{}
	defer t.done()

	srv := juspaytest.NewServer(t)
	srv.FailNext(gen.OperationIDCreateCustomerAccounts, 1, 502)

	_, err := srv.Client.CreateCustomerAccounts(context.Background(), "cst_1", wrapper.AccountInput{VPA: "ravi@okaxis"})
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}
	fmt.Println("create calls:", len(srv.RequestsOf(gen.OperationIDCreateCustomerAccounts)), "answered", srv.Requests()[0].Status)
	// Output:
	// 502 internal_error
	// create calls: 1 answered 502
}

// Seed accounts in given states before the code under test runs.
func ExampleServer_Seed() {
	t := &exampleT{}
	defer t.done()

	srv := juspaytest.NewServer(t)
	ids := srv.Seed(
		api.SeedAccount{CustomerID: "cst_1", VPA: "ravi@okaxis", Status: "ACTIVE"},
		api.SeedAccount{CustomerID: "cst_1", AccountNumber: "026291800001191", IFSC: "HDFC0000123", Status: "FAILURE"},
	)
	for _, id := range ids {
		a, err := srv.Client.GetCustomerAccount(context.Background(), "cst_1", id)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(a.ValidationStatus)
	}
	// Output:
	// ACTIVE
	// FAILURE
}

// The generated client, with the server's key and the routing id filled in.
func ExampleServer_gen() {
	t := &exampleT{}
	defer t.done()

	srv := juspaytest.NewServer(t)
	srv.Seed(api.SeedAccount{CustomerID: "cst_1", VPA: "ravi@okaxis"})
	resp, err := srv.Gen.ListCustomerAccountsWithResponse(context.Background(), "cst_1", &gen.ListCustomerAccountsParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode(), len(resp.JSON200.List))
	fmt.Println("x-routing-id:", srv.LastRequest(gen.OperationIDListCustomerAccounts).RoutingID())
	// Output:
	// 200 1
	// x-routing-id: cst_1
}
