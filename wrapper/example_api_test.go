package wrapper_test

import (
	"context"
	"fmt"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// registerPayee is code under test: it takes a wrapper.API, so a test can
// hand it a fake instead of a *wrapper.Client.
func registerPayee(ctx context.Context, accounts wrapper.API, customerID, vpa string) (wrapper.ValidationStatus, error) {
	acct, err := accounts.CreateAndValidateCustomerAccounts(ctx, customerID, wrapper.AccountInput{VPA: vpa})
	if err != nil {
		return "", err
	}
	final, err := accounts.AwaitValidation(ctx, customerID, acct.CustomerAccountID, nil)
	if err != nil {
		return "", err
	}
	return final.ValidationStatus, nil
}

// fakeAccounts is a test double. Embedding wrapper.API keeps it compiling
// when methods are added; a call it does not implement panics (nil
// interface), which a test notices.
type fakeAccounts struct {
	wrapper.API
	created []string
}

func (f *fakeAccounts) CreateAndValidateCustomerAccounts(_ context.Context, _ string, in wrapper.AccountInput, _ ...wrapper.Option) (*wrapper.CustomerAccount, error) {
	f.created = append(f.created, in.VPA)
	return &wrapper.CustomerAccount{CustomerAccountID: "banh_fake1", ValidationStatus: wrapper.StatusPending}, nil
}

func (f *fakeAccounts) AwaitValidation(_ context.Context, _, id string, _ *wrapper.AwaitOptions, _ ...wrapper.Option) (*wrapper.CustomerAccount, error) {
	return &wrapper.CustomerAccount{CustomerAccountID: id, ValidationStatus: wrapper.StatusFailure}, nil
}

// Substitute a fake for the client in a unit test of code that takes a
// wrapper.API.
func ExampleAPI() {
	fake := &fakeAccounts{}
	status, err := registerPayee(context.Background(), fake, "cst_1", "asha@okhdfc")
	fmt.Println(status, err, fake.created)
	// Output: FAILURE <nil> [asha@okhdfc]
}
