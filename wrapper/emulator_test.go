package wrapper_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The emulator holds every request to openapi.yaml (kin-openapi) and rejects
// unknown or repeated form fields, so these flows prove the wrapper's
// requests are what the spec describes, not only what the golden files say.
func emulator(t *testing.T, opts ...api.Option) (*wrapper.Client, *api.Server) {
	t.Helper()
	emu := api.New(append([]api.Option{api.WithValidationDelay(5 * time.Millisecond)}, opts...)...)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL), wrapper.WithMerchantID("m1"), wrapper.WithAPIVersion("2024-06-01"))
	require.NoError(t, err)
	return c, emu
}

func TestEmulatorCustomerAccountsFlow(t *testing.T) {
	c, emu := emulator(t)
	ctx := context.Background()
	fast := &wrapper.AwaitOptions{Interval: 2 * time.Millisecond, MaxInterval: 10 * time.Millisecond}

	bank, err := c.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{BankCode: "JP_SBI", AccountNumber: "026291800001191", IFSC: "SBIN0001234", BeneficiaryName: "Asha Rao & Co"},
	})
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusCreated, bank.ValidationStatus)

	v, err := c.ValidateCustomerAccount(ctx, "cst_1", bank.CustomerAccountID, &wrapper.ValidateInput{Amount: "1"})
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusPending, v.ValidationStatus)
	final, err := c.AwaitValidation(ctx, "cst_1", bank.CustomerAccountID, fast)
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusActive, final.ValidationStatus)
	n, ok := emu.Validations("cst_1", bank.CustomerAccountID)
	assert.True(t, ok)
	assert.Equal(t, 1, n, "exactly one penny")

	upi, err := c.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "9164326296@upi"})
	require.NoError(t, err)
	final, err = c.AwaitValidation(ctx, "cst_1", upi.CustomerAccountID, fast)
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusActive, final.ValidationStatus)

	failing, err := c.CreateAndValidateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "fail.me@upi"})
	require.NoError(t, err)
	final, err = c.AwaitValidation(ctx, "cst_1", failing.CustomerAccountID, fast)
	require.NoError(t, err)
	assert.Equal(t, wrapper.StatusFailure, final.ValidationStatus)

	list, err := c.ListCustomerAccounts(ctx, "cst_1", nil)
	require.NoError(t, err)
	assert.Len(t, list.List, 3)
	page, err := c.ListCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Offset: 1, Count: 1})
	require.NoError(t, err)
	assert.Len(t, page.List, 1)

	_, err = c.GetCustomerAccount(ctx, "cst_1", "banh_does_not_exist")
	assert.ErrorIs(t, err, wrapper.ErrNotFound)
	var ae *wrapper.APIError
	require.ErrorAs(t, err, &ae)
	assert.NotEmpty(t, ae.RequestID)
}

func TestEmulatorV32Flow(t *testing.T) {
	c, _ := emulator(t)
	ctx := context.Background()
	b := c.BankAccountsV32()
	in := wrapper.V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", BeneficiaryName: "test",
		Metadata: map[string]string{"param1": "value1", "param2": "value 2&x"}}
	a, err := b.Create(ctx, "cst_2", in)
	require.NoError(t, err)
	require.NotNil(t, a.Metadata)
	assert.Equal(t, map[string]string{"param1": "value1", "param2": "value 2&x"}, map[string]string(a.Metadata), "metadata round-trips through dot keys")
	_, err = b.Validate(ctx, "cst_2", a.ID)
	require.NoError(t, err)
	got, err := b.Get(ctx, "cst_2", a.ID)
	require.NoError(t, err)
	assert.Equal(t, a.ID, got.ID)
	l, err := b.List(ctx, "cst_2")
	require.NoError(t, err)
	assert.Len(t, l.List, 1)
	d, err := b.Delete(ctx, "cst_2", a.ID)
	require.NoError(t, err)
	assert.Equal(t, "deleted", d.BankAccountStatus)
	_, err = b.Get(ctx, "cst_2", a.ID)
	assert.ErrorIs(t, err, wrapper.ErrNotFound)
	a2, err := b.CreateAndValidate(ctx, "cst_2", in)
	require.NoError(t, err)
	assert.NotEqual(t, a.ID, a2.ID)
}

func TestEmulatorErrors(t *testing.T) {
	_, emu := emulator(t)
	srv := httptest.NewServer(emu)
	defer srv.Close()
	bad, err := wrapper.New("wrong_key", wrapper.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, err = bad.ListCustomerAccounts(context.Background(), "cst_1", nil)
	assert.ErrorIs(t, err, wrapper.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "wrong_key")

	c, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	require.NoError(t, err)
	// Passes the wrapper's checks; the emulator checks the IFSC format as Juspay does.
	_, err = c.CreateCustomerAccounts(context.Background(), "cst_1", wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "026291800001191", IFSC: "BAD"},
	})
	require.Error(t, err)
	assert.True(t, errors.Is(err, wrapper.ErrInvalidInput), "%v", err)
	var ae *wrapper.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	require.NotNil(t, ae.Info)
	assert.NotContains(t, err.Error(), "026291800001191")
}
