package wrapper_test

//lint:file-ignore SA1019 the examples of the deprecated v3.2 calls call them on purpose.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// The deprecated v3.2 bank account calls: create, validate, list, get and
// delete. New code should use the customer account methods of Client.
func ExampleBankAccountsV32() {
	srv, client := startEmulator() // the emulator on loopback, and a Client for it
	defer srv.Close()
	ctx := context.Background()
	v32 := client.BankAccountsV32()

	// Juspay's documented sample request.
	acct, err := v32.Create(ctx, "cst_1", wrapper.V32BankAccountInput{
		BankCode:        "JP_HDFC",
		AccountNumber:   "40002323422",
		IFSC:            "HDFC092343",
		BeneficiaryName: "test",
		Metadata:        map[string]string{"param1": "value1", "param2": "value2"}, // sent as metadata.param1=value1
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("create:", acct.Object, acct.BankName, acct.ValidationStatus, acct.Metadata["param1"])

	// Money moves: never retried automatically. There is no await for v3.2:
	// poll Get until the status is not PENDING.
	acct, err = v32.Validate(ctx, "cst_1", acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("validate:", acct.ValidationStatus)
	for acct.ValidationStatus == wrapper.StatusPending {
		time.Sleep(5 * time.Millisecond)
		if acct, err = v32.Get(ctx, "cst_1", acct.ID); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("get:", acct.ValidationStatus)

	list, err := v32.List(ctx, "cst_1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("list:", len(list.List))

	deleted, err := v32.Delete(ctx, "cst_1", acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("delete:", deleted.BankAccountID == acct.ID, deleted.BankAccountStatus)

	_, err = v32.Get(ctx, "cst_1", acct.ID)
	fmt.Println("get after delete, not found:", errors.Is(err, wrapper.ErrNotFound))
	// Output:
	// create: bank_account HDFC Bank CREATED value1
	// validate: PENDING
	// get: ACTIVE
	// list: 1
	// delete: true deleted
	// get after delete, not found: true
}
