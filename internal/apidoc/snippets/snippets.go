// Package snippets holds the Go snippets of docs/API.md (see
// apidoc.ParseSnippets), compiled so that the build holds them to the
// wrapper's API and the tests run them against the emulator.
package snippets

//lint:file-ignore SA1019 the reference has a Go snippet for every operation, the deprecated v3.2 ones included.

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Make a client for Juspay's sandbox; the API key comes from the
// environment and is never printed. Pass
// wrapper.WithEnvironment(wrapper.Production) for production, or
// wrapper.WithBaseURL("http://127.0.0.1:8080") for a local emulator
// (`juspay-accounts serve`).
//
//apidoc:setup
func newClient() (*wrapper.Client, error) {
	return wrapper.New(os.Getenv("JUSPAY_API_KEY"))
}

// Register a bank account without validating it (command=create).
//
//apidoc:operation createCustomerAccounts
func createCustomerAccount(ctx context.Context, client *wrapper.Client, customerID string) error {
	acct, err := client.CreateCustomerAccounts(ctx, customerID, wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{
			BankCode:        "JP_HDFC",
			AccountNumber:   "026291800001191",
			IFSC:            "HDFC0000123",
			BeneficiaryName: "test",
		},
	})
	if err != nil {
		return err
	}
	fmt.Println(acct.ValidationStatus) // CREATED
	return nil
}

// Register a UPI VPA and start its penny drop in the same call
// (command=validate). Money moves: the wrapper never retries it once sent.
//
//apidoc:operation createCustomerAccounts
func createAndValidateCustomerAccount(ctx context.Context, client *wrapper.Client, customerID string) error {
	acct, err := client.CreateAndValidateCustomerAccounts(ctx, customerID, wrapper.AccountInput{VPA: "9164326296@upi"})
	if err != nil {
		return err
	}
	fmt.Println(acct.ValidationStatus) // usually PENDING; then AwaitValidation
	return nil
}

// Start the penny drop of an existing account, then poll until Juspay
// reports ACTIVE or FAILURE (a FAILURE is a result, not an error).
//
//apidoc:operation validateCustomerAccount
func validateCustomerAccount(ctx context.Context, client *wrapper.Client, customerID, accountID string) error {
	if _, err := client.ValidateCustomerAccount(ctx, customerID, accountID, &wrapper.ValidateInput{Amount: "1"}); err != nil {
		return err
	}
	final, err := client.AwaitValidation(ctx, customerID, accountID, nil)
	if err != nil {
		return err
	}
	fmt.Println(final.ValidationStatus) // ACTIVE or FAILURE
	return nil
}

// Read one account; an unknown id is a 404 that errors.Is matches.
//
//apidoc:operation getCustomerAccount
func getCustomerAccount(ctx context.Context, client *wrapper.Client, customerID, accountID string) error {
	acct, err := client.GetCustomerAccount(ctx, customerID, accountID)
	if errors.Is(err, wrapper.ErrNotFound) {
		fmt.Println("no such account")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Println(acct.ValidationStatus)
	return nil
}

// List the customer's accounts, ten at a time from the first.
//
//apidoc:operation listCustomerAccounts
func listCustomerAccounts(ctx context.Context, client *wrapper.Client, customerID string) error {
	page, err := client.ListCustomerAccounts(ctx, customerID, &wrapper.ListOptions{Offset: 0, Count: 10})
	if err != nil {
		return err
	}
	for _, acct := range page.List {
		fmt.Println(acct.ValidationStatus)
	}
	return nil
}

// Create a v3.2 bank account (deprecated API; use CreateAndValidate to
// validate it in the same call).
//
//apidoc:operation createBankAccount
func createBankAccountV32(ctx context.Context, client *wrapper.Client, customerID string) error {
	acct, err := client.BankAccountsV32().Create(ctx, customerID, wrapper.V32BankAccountInput{
		BankCode:        "JP_HDFC",
		AccountNumber:   "40002323422",
		IFSC:            "HDFC092343",
		BeneficiaryName: "test",
		Metadata:        map[string]string{"param1": "value1"},
	})
	if err != nil {
		return err
	}
	fmt.Println(acct.ValidationStatus) // CREATED
	return nil
}

// Validate a v3.2 bank account by penny drop (never retried once sent).
//
//apidoc:operation validateBankAccount
func validateBankAccountV32(ctx context.Context, client *wrapper.Client, customerID, bankAccountID string) error {
	acct, err := client.BankAccountsV32().Validate(ctx, customerID, bankAccountID)
	if err != nil {
		return err
	}
	fmt.Println(acct.ValidationStatus)
	return nil
}

// List a customer's v3.2 bank accounts.
//
//apidoc:operation listBankAccounts
func listBankAccountsV32(ctx context.Context, client *wrapper.Client, customerID string) error {
	list, err := client.BankAccountsV32().List(ctx, customerID)
	if err != nil {
		return err
	}
	for _, acct := range list.List {
		fmt.Println(acct.ValidationStatus)
	}
	return nil
}

// Read one v3.2 bank account.
//
//apidoc:operation getBankAccount
func getBankAccountV32(ctx context.Context, client *wrapper.Client, customerID, bankAccountID string) error {
	acct, err := client.BankAccountsV32().Get(ctx, customerID, bankAccountID)
	if err != nil {
		return err
	}
	fmt.Println(acct.ValidationStatus)
	return nil
}

// Delete a v3.2 bank account (command=delete).
//
//apidoc:operation deleteBankAccount
func deleteBankAccountV32(ctx context.Context, client *wrapper.Client, customerID, bankAccountID string) error {
	res, err := client.BankAccountsV32().Delete(ctx, customerID, bankAccountID)
	if err != nil {
		return err
	}
	fmt.Println(res.BankAccountStatus) // deleted
	return nil
}
