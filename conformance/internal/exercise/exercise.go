// Package exercise drives every wrapper method against a server, provoking
// the error statuses the server documents; the conformance tests run it
// against the emulator through a conformance.Transport.
package exercise

//lint:file-ignore SA1019 the script exercises every wrapper method, the deprecated v3.2 calls included.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

const (
	// Customer is the customer every scripted call is made for.
	Customer = "cst_conformance"
	// BadKey is an API key the emulator does not accept.
	BadKey = "key_not_registered"
	// ValidationDelay is how long the emulator's penny drop stays PENDING.
	ValidationDelay = 5 * time.Millisecond
	// MaxBodyBytes is the emulator's body cap: a larger form gets a 413,
	// which only the spec's "default" response covers.
	MaxBodyBytes = 1 << 10
)

// Step is one scripted call and how it ended.
type Step struct {
	Name       string
	Want       error // nil, or the sentinel the error must match (wrapper.ErrNotFound, ...)
	WantStatus int   // when set, the call must end in a *wrapper.APIError with this status
	Err        error
}

// OK reports whether the call ended as scripted.
func (s Step) OK() bool {
	if s.WantStatus != 0 {
		e, ok := errors.AsType[*wrapper.APIError](s.Err)
		return ok && e.StatusCode == s.WantStatus
	}
	return errors.Is(s.Err, s.Want)
}

func (s Step) String() string {
	want := "success"
	switch {
	case s.WantStatus != 0:
		want = fmt.Sprintf("status %d", s.WantStatus)
	case s.Want != nil:
		want = s.Want.Error()
	}
	return fmt.Sprintf("%s: want %s, got %v", s.Name, want, s.Err)
}

// StartEmulator serves on loopback a fresh emulator accepting api.DefaultTestKey.
func StartEmulator() *httptest.Server {
	return httptest.NewServer(api.New(api.WithValidationDelay(ValidationDelay), api.WithMaxBodyBytes(MaxBodyBytes)))
}

// Emulator runs the script against baseURL through hc, one exchange a call.
func Emulator(ctx context.Context, baseURL string, hc *http.Client) ([]Step, error) {
	client := func(key string) (*wrapper.Client, error) {
		return wrapper.New(key, wrapper.WithBaseURL(baseURL), wrapper.WithHTTPClient(hc), wrapper.WithRetryPolicy(wrapper.NoRetries()))
	}
	c, err := client(api.DefaultTestKey)
	if err != nil {
		return nil, err
	}
	bad, err := client(BadKey)
	if err != nil {
		return nil, err
	}
	v32, badV32 := c.BankAccountsV32(), bad.BankAccountsV32()

	var steps []Step
	errOf := func(_ any, err error) error { return err }
	run := func(name string, want error, err error) bool {
		steps = append(steps, Step{Name: name, Want: want, Err: err})
		return err == nil
	}
	bank := wrapper.AccountInput{BankAccount: &wrapper.CustomerBankAccountInput{
		BankCode: "JP_HDFC", AccountNumber: "50100123450001", IFSC: "HDFC0001234", BeneficiaryName: "Asha Rao"}}
	// A name over the emulator's 100 characters: a form that conforms to the
	// spec (which states no length) and that the server refuses.
	longName := strings.Repeat("n", 101)
	badName := wrapper.AccountInput{BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: "50100123450001", IFSC: "HDFC0001234", BeneficiaryName: longName}}
	v32In := wrapper.V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC0092343",
		BeneficiaryName: "test", Metadata: map[string]string{"param1": "value1", "param2": "value2"}}
	v32Bad := v32In
	v32Bad.BeneficiaryName = longName

	// Every method, succeeding.
	var bankID, vpaID, baID, baID2 string
	if a, err := c.CreateCustomerAccounts(ctx, Customer, bank); run("CreateCustomerAccounts", nil, err) {
		bankID = a.CustomerAccountID
	}
	if a, err := c.CreateAndValidateCustomerAccounts(ctx, Customer, wrapper.AccountInput{VPA: "asha@okhdfcbank"}); run("CreateAndValidateCustomerAccounts", nil, err) {
		vpaID = a.CustomerAccountID
	}
	run("ValidateCustomerAccount", nil, errOf(c.ValidateCustomerAccount(ctx, Customer, bankID, &wrapper.ValidateInput{GatewayID: "23", Amount: "1.5"})))
	run("AwaitValidation", nil, errOf(c.AwaitValidation(ctx, Customer, bankID, &wrapper.AwaitOptions{Interval: time.Millisecond, MaxInterval: 2 * time.Millisecond})))
	run("GetCustomerAccount", nil, errOf(c.GetCustomerAccount(ctx, Customer, vpaID)))
	run("ListCustomerAccounts", nil, errOf(c.ListCustomerAccounts(ctx, Customer, &wrapper.ListOptions{Offset: 0, Count: 10})))
	if b, err := v32.Create(ctx, Customer, v32In); run("v32.Create", nil, err) {
		baID = b.ID
	}
	if b, err := v32.CreateAndValidate(ctx, Customer, v32In); run("v32.CreateAndValidate", nil, err) {
		baID2 = b.ID
	}
	run("v32.Validate", nil, errOf(v32.Validate(ctx, Customer, baID)))
	run("v32.Get", nil, errOf(v32.Get(ctx, Customer, baID)))
	run("v32.List", nil, errOf(v32.List(ctx, Customer)))
	run("v32.Delete", nil, errOf(v32.Delete(ctx, Customer, baID2)))

	// 400: conforming requests the server refuses (a request that breaks a
	// pattern of the spec would be a violation of its own).
	run("CreateCustomerAccounts name the server refuses", wrapper.ErrInvalidInput, errOf(c.CreateCustomerAccounts(ctx, Customer, badName)))
	// VPAs starting with "pending" stay PENDING on the emulator: a second
	// validate is refused (DUPLICATE_REQUEST).
	pending, err := c.CreateAndValidateCustomerAccounts(ctx, Customer, wrapper.AccountInput{VPA: "pending.asha@okhdfcbank"})
	if err == nil {
		err = errOf(c.ValidateCustomerAccount(ctx, Customer, pending.CustomerAccountID, nil))
	}
	run("ValidateCustomerAccount while PENDING", wrapper.ErrInvalidInput, err)
	run("v32.Create name the server refuses", wrapper.ErrInvalidInput, errOf(v32.Create(ctx, Customer, v32Bad)))

	// 401: a key the server does not know, on every operation.
	unauth := wrapper.ErrUnauthorized
	run("CreateCustomerAccounts bad key", unauth, errOf(bad.CreateCustomerAccounts(ctx, Customer, bank)))
	run("ValidateCustomerAccount bad key", unauth, errOf(bad.ValidateCustomerAccount(ctx, Customer, bankID, nil)))
	run("GetCustomerAccount bad key", unauth, errOf(bad.GetCustomerAccount(ctx, Customer, bankID)))
	run("ListCustomerAccounts bad key", unauth, errOf(bad.ListCustomerAccounts(ctx, Customer, nil)))
	run("v32.Create bad key", unauth, errOf(badV32.Create(ctx, Customer, v32In)))
	run("v32.Validate bad key", unauth, errOf(badV32.Validate(ctx, Customer, baID)))
	run("v32.Get bad key", unauth, errOf(badV32.Get(ctx, Customer, baID)))
	run("v32.List bad key", unauth, errOf(badV32.List(ctx, Customer)))
	run("v32.Delete bad key", unauth, errOf(badV32.Delete(ctx, Customer, baID)))

	// 404: unknown accounts and customers.
	nf := wrapper.ErrNotFound
	run("ValidateCustomerAccount unknown account", nf, errOf(c.ValidateCustomerAccount(ctx, Customer, "banh_unknown", nil)))
	run("GetCustomerAccount unknown account", nf, errOf(c.GetCustomerAccount(ctx, Customer, "banh_unknown")))
	run("ListCustomerAccounts unknown customer", nf, errOf(c.ListCustomerAccounts(ctx, "cst_unknown", nil)))
	run("v32.Validate unknown account", nf, errOf(v32.Validate(ctx, Customer, "ba_unknown")))
	run("v32.Get unknown account", nf, errOf(v32.Get(ctx, Customer, "ba_unknown")))
	run("v32.List unknown customer", nf, errOf(v32.List(ctx, "cst_unknown")))
	run("v32.Delete deleted account", nf, errOf(v32.Delete(ctx, Customer, baID2)))

	// 413, an error status only "default" covers: a form over the body cap.
	huge := strings.Repeat("r", 2*MaxBodyBytes)
	tooLarge := func(name string, err error) {
		steps = append(steps, Step{Name: name, WantStatus: http.StatusRequestEntityTooLarge, Err: err})
	}
	bigBank := *bank.BankAccount
	bigBank.BeneficiaryName = huge
	tooLarge("CreateCustomerAccounts oversized form", errOf(c.CreateCustomerAccounts(ctx, Customer, wrapper.AccountInput{BankAccount: &bigBank})))
	big := v32In
	big.Metadata = map[string]string{"note": huge}
	tooLarge("v32.Create oversized form", errOf(v32.Create(ctx, Customer, big)))
	return steps, nil
}
