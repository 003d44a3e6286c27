package api_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Test code that uses the client against the emulator on loopback: the whole
// flow, create -> validate -> await -> list, with a test value that forces a
// failed penny drop, and Validations to check how many pennies were sent. In
// a test, close the server with t.Cleanup(srv.Close); or let package
// juspaytest do the whole set-up (juspaytest.NewServer(t)).
func Example() {
	emu := api.New(api.WithValidationDelay(10 * time.Millisecond))
	srv := httptest.NewServer(emu)
	defer srv.Close()
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Account numbers ending in 0002 fail (api.FailingAccountSuffix); others turn ACTIVE.
	for _, number := range []string{"026291800001191", "026291800000002"} {
		acct, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
			BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: number, IFSC: "SBIN0001234"},
		})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := client.ValidateCustomerAccount(ctx, "cst_1", acct.CustomerAccountID, nil); err != nil {
			log.Fatal(err)
		}
		final, err := client.AwaitValidation(ctx, "cst_1", acct.CustomerAccountID, &wrapper.AwaitOptions{Interval: 5 * time.Millisecond})
		if err != nil {
			log.Fatal(err)
		}
		pennies, _ := emu.Validations("cst_1", acct.CustomerAccountID)
		fmt.Println(number[len(number)-4:], final.ValidationStatus, "pennies sent:", pennies)
	}

	list, err := client.ListCustomerAccounts(ctx, "cst_1", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("accounts:", list.Total)
	// Output:
	// 1191 ACTIVE pennies sent: 1
	// 0002 FAILURE pennies sent: 1
	// accounts: 2
}

// Drive the penny drop with a clock the test controls, instead of waiting:
// an account stays PENDING until the clock passes the validation delay.
func ExampleWithClock() {
	var mu sync.Mutex
	now := time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }

	srv := httptest.NewServer(api.New(api.WithClock(clock), api.WithValidationDelay(2*time.Second)))
	defer srv.Close()
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	acct, err := client.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.ValidationStatus)

	advance(time.Second)
	acct, err = client.GetCustomerAccount(ctx, "cst_1", acct.CustomerAccountID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.ValidationStatus)

	advance(time.Second)
	acct, err = client.GetCustomerAccount(ctx, "cst_1", acct.CustomerAccountID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.ValidationStatus, acct.LastValidated.Format(time.RFC3339))
	// Output:
	// PENDING
	// PENDING
	// ACTIVE 2025-01-02T10:00:02Z
}

// Each accepted key is a merchant of its own: what one key creates, another
// never sees (the documented 404, as if it did not exist).
func ExampleWithKeys() {
	srv := httptest.NewServer(api.New(api.WithKeys("key_merchant_a", "key_merchant_b")))
	defer srv.Close()
	a, err := wrapper.New("key_merchant_a", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	b, err := wrapper.New("key_merchant_b", wrapper.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	acct, err := a.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = a.GetCustomerAccount(ctx, "cst_1", acct.CustomerAccountID)
	fmt.Println("merchant a:", err)
	_, err = b.GetCustomerAccount(ctx, "cst_1", acct.CustomerAccountID)
	fmt.Println("merchant b, not found:", errors.Is(err, wrapper.ErrNotFound))
	// Output:
	// merchant a: <nil>
	// merchant b, not found: true
}
