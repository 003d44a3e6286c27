package wrapper_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// The examples run against the offline emulator (package api) on loopback:
// the same spec, Juspay's error shapes, and penny drops that resolve by
// themselves. Its test values force an outcome: account numbers ending in
// 0002 and VPAs starting with "fail" fail; every other account turns ACTIVE.

// startEmulator starts the emulator on loopback, with penny drops that stay
// PENDING for 20 ms, and returns it with a Client for it (api.DefaultTestKey,
// plus opts). Close the server when done.
func startEmulator(opts ...wrapper.Option) (*httptest.Server, *wrapper.Client) {
	srv := httptest.NewServer(api.New(api.WithValidationDelay(20 * time.Millisecond)))
	client, err := wrapper.New(api.DefaultTestKey, append([]wrapper.Option{wrapper.WithBaseURL(srv.URL)}, opts...)...)
	if err != nil {
		srv.Close()
		log.Fatal(err)
	}
	return srv, client
}

// The whole flow: create a bank account, validate it by penny drop, wait for
// the outcome, and list the customer's accounts.
func Example() {
	// The offline emulator stands in for Juspay here; its penny drops resolve
	// after 20 ms.
	srv := httptest.NewServer(api.New(api.WithValidationDelay(20 * time.Millisecond)))
	defer srv.Close()

	// In production:
	//   wrapper.New(os.Getenv("JUSPAY_API_KEY"), wrapper.WithEnvironment(wrapper.Production))
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	// 1. Create: the account is registered, not validated yet.
	acct, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "026291800001191", IFSC: "SBIN0001234", BeneficiaryName: "Asha Rao"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", acct.ValidationStatus)

	// 2. Validate: the penny drop is sent; its outcome comes later. Money
	// moves, so this is never retried automatically.
	acct, err = client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("validate:", acct.ValidationStatus)

	// 3. Await: poll until ACTIVE or FAILURE (Juspay documents no webhook).
	// The options poll fast for the emulator; nil uses sensible defaults.
	acct, err = client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, &wrapper.AwaitOptions{Interval: 5 * time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("outcome:", acct.ValidationStatus)

	// 4. List: every account of the customer, with its status.
	for a, err := range client.AllCustomerAccounts(ctx, "cst_1", nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("listed:", a.AccountDetails.BankAccount.BankName, a.ValidationStatus)
	}
	// Output:
	// created: CREATED
	// validate: PENDING
	// outcome: ACTIVE
	// listed: SBI ACTIVE
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
		wrapper.WithLogger(slog.Default()), // a line per attempt: a 2xx at Debug, a retry at Info
	)
	fmt.Println(client != nil, err)

	_, err = wrapper.New("my_api_key", wrapper.WithBaseURL("http://api.example.com"))
	fmt.Println(err)
	// Output:
	// true <nil>
	// juspay: invalid input: base URL must use https (plain http only to a loopback host, or with WithInsecurePlainHTTP)
}

// Register a bank account and a UPI VPA without validating them.
func ExampleClient_CreateCustomerAccounts() {
	srv, client := startEmulator() // the emulator on loopback, and a Client for it
	defer srv.Close()
	ctx := context.Background()

	bank, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{
			BankCode:        "JP_HDFC", // optional
			AccountNumber:   "50100012345678",
			IFSC:            "HDFC0000123",
			BeneficiaryName: "Asha Rao", // optional
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	b := bank.AccountDetails.BankAccount
	fmt.Println(bank.Object, bank.CustomerID, bank.ValidationStatus, b.BankName, b.IFSC)

	upi, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(upi.Object, upi.CustomerID, upi.ValidationStatus, upi.AccountDetails.VPA)
	// Output:
	// customer_account cst_1 CREATED HDFC Bank HDFC0000123
	// customer_account cst_1 CREATED asha@okhdfc
}

// Register a UPI VPA and start its penny drop in the same call, then wait for
// the outcome. A FAILURE is an outcome, not an error.
func ExampleClient_CreateAndValidateCustomerAccounts() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()

	for _, vpa := range []string{"asha@okhdfc", "fail.ravi@upi"} { // "fail..." fails on the emulator
		acct, err := client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: vpa})
		if err != nil {
			log.Fatal(err)
		}
		// Poll fast for the emulator; against Juspay, nil options poll after
		// 1 s, then every 1.5 times longer, up to 15 s.
		final, err := client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, &wrapper.AwaitOptions{Interval: 5 * time.Millisecond})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(vpa, acct.ValidationStatus, "->", final.ValidationStatus)
	}
	// Output:
	// asha@okhdfc PENDING -> ACTIVE
	// fail.ravi@upi PENDING -> FAILURE
}

// Validate an account registered earlier, with a chosen amount.
func ExampleClient_ValidateCustomerAccount() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	acct, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "026291800001191", IFSC: "SBIN0001234"},
	})
	if err != nil {
		log.Fatal(err)
	}

	// A validate moves money: it is never retried automatically, and a
	// PENDING result is resolved with AwaitValidation, never by validating
	// again. The amount is in rupees, sent as an exact decimal; nil input
	// lets Juspay use its default of 1 INR.
	acct, err = client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, &wrapper.ValidateInput{Amount: "1.5"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.ValidationStatus, acct.ValidationAmount, acct.Currency)
	// Output:
	// PENDING 1.5 INR
}

// Wait for the outcome of a penny drop.
func ExampleClient_AwaitValidation() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // bounds the whole wait
	defer cancel()

	acct, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "026291800000002", IFSC: "SBIN0001234"}, // ...0002 fails on the emulator
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, nil); err != nil {
		log.Fatal(err)
	}

	// nil options poll after 1 s, then every 1.5 times longer, up to 15 s; here
	// the emulator answers within milliseconds.
	final, err := client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, &wrapper.AwaitOptions{
		Interval:    5 * time.Millisecond,
		MaxInterval: 20 * time.Millisecond,
	})
	if err != nil {
		log.Fatal(err) // ctx ended first, or the account is gone: an *AwaitError
	}
	switch final.ValidationStatus {
	case wrapper.StatusActive:
		fmt.Println("validated; last validated set:", !final.LastValidated.IsZero())
	case wrapper.StatusFailure:
		fmt.Println("validation failed; last validated set:", !final.LastValidated.IsZero())
	}
	// Output:
	// validation failed; last validated set: true
}

// Read one account again, for example to show its status.
func ExampleClient_GetCustomerAccount() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	created, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}

	acct, err := client.GetCustomerAccount(ctx, "cst_1", created.CustomerAccountID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.CustomerAccountID == created.CustomerAccountID, acct.AccountDetails.VPA, acct.ValidationStatus)
	fmt.Println("never validated:", acct.LastValidated.IsZero())
	// Output:
	// true asha@okhdfc CREATED
	// never validated: true
}

// List a customer's accounts one page at a time.
func ExampleClient_ListCustomerAccounts() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	for _, vpa := range []string{"asha@upi", "ravi@okhdfc", "meena@ybl"} {
		if _, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: vpa}); err != nil {
			log.Fatal(err)
		}
	}

	page, err := client.ListCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Offset: 1, Count: 2})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("offset %d, count %d, total %d\n", page.Offset, page.Count, page.Total)
	for _, a := range page.List {
		fmt.Println(a.AccountDetails.VPA, a.ValidationStatus)
	}
	// Output:
	// offset 1, count 2, total 3
	// ravi@okhdfc CREATED
	// meena@ybl CREATED
}

// Go through every account of a customer, one page per request: the iterator
// asks for the next page only when the loop needs it.
func ExampleClient_AllCustomerAccounts() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()
	for _, vpa := range []string{"asha@upi", "ravi@okhdfc", "meena@ybl"} {
		if _, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: vpa}); err != nil {
			log.Fatal(err)
		}
	}

	for acct, err := range client.AllCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Count: 2}) {
		if err != nil {
			fmt.Println("error:", err) // yielded once; the loop then ends
			break
		}
		fmt.Println(acct.AccountDetails.VPA, acct.ValidationStatus)
	}
	// Output:
	// asha@upi CREATED
	// ravi@okhdfc CREATED
	// meena@ybl CREATED
}
