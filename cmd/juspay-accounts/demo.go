package main

//lint:file-ignore SA1019 the demo runs the deprecated v3.2 calls on purpose, to show they still work.

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

const demoCustomer = "cst_demo_0001"

// runDemo starts the emulator on a free loopback port and runs the whole
// lifecycle through the wrapper over real HTTP, printing what each call did.
func runDemo(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	delay := fs.Duration("delay", 400*time.Millisecond, "how long the emulated penny drop stays PENDING")
	if err := parseFlags(fs, args, stdout, "Run the whole lifecycle against an in-process emulator (no key, no network).", ""); err != nil {
		return err
	}

	srv, ln, err := api.Listen("", api.New(api.WithValidationDelay(*delay)))
	if err != nil {
		return fmt.Errorf("demo: listen on loopback: %w", err)
	}
	go srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on Shutdown
	defer func() {
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()

	base := "http://" + ln.Addr().String()
	d := &demo{ctx: ctx, out: stdout}
	d.c, err = wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(base), dots(stdout, &d.polling))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Emulator listening on %s (in-process, test key, penny drop takes %s)\n\n", base, *delay)
	return d.run()
}

// demo records a table row per call; while polling is set, each request prints a dot.
type demo struct {
	ctx     context.Context
	c       *wrapper.Client
	out     io.Writer
	rows    [][2]string
	polling atomic.Bool
}

func (d *demo) step(call, result string) { d.rows = append(d.rows, [2]string{call, result}) }

func (d *demo) run() error {
	ctx, c := d.ctx, d.c
	bank, err := c.CreateCustomerAccounts(ctx, demoCustomer, wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{BankCode: "JP_HDFC", AccountNumber: "026291800001191", IFSC: "HDFC0000123", BeneficiaryName: "Asha Rao"},
	})
	if err != nil {
		return fmt.Errorf("create bank account: %w", err)
	}
	d.step("CreateCustomerAccounts (bank account)", accountResult(bank))

	upi, err := c.CreateAndValidateCustomerAccounts(ctx, demoCustomer, wrapper.AccountInput{VPA: "asha.rao@okhdfc"})
	if err != nil {
		return fmt.Errorf("create and validate VPA: %w", err)
	}
	d.step("CreateAndValidateCustomerAccounts (UPI VPA)", accountResult(upi))

	validated, err := c.ValidateCustomerAccount(ctx, demoCustomer, bank.CustomerAccountID, nil)
	if err != nil {
		return fmt.Errorf("validate bank account: %w", err)
	}
	d.step("ValidateCustomerAccount (bank account)", accountResult(validated))

	// Account numbers ending in 0002 are the emulator's test value for a failing penny drop.
	failing, err := c.CreateAndValidateCustomerAccounts(ctx, demoCustomer, wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{BankCode: "JP_SBI", AccountNumber: "30000000000002", IFSC: "SBIN0001234", BeneficiaryName: "Ravi Kumar"},
	})
	if err != nil {
		return fmt.Errorf("create and validate failing bank account: %w", err)
	}
	d.step("CreateAndValidateCustomerAccounts (test value ...0002)", accountResult(failing))

	for _, id := range []string{bank.CustomerAccountID, upi.CustomerAccountID, failing.CustomerAccountID} {
		if err := d.await(id); err != nil {
			return fmt.Errorf("await %s: %w", id, err)
		}
	}

	got, err := c.GetCustomerAccount(ctx, demoCustomer, bank.CustomerAccountID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	d.step("GetCustomerAccount", accountResult(got))

	list, err := c.ListCustomerAccounts(ctx, demoCustomer, nil)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	d.step("ListCustomerAccounts", fmt.Sprintf("%d accounts", len(list.List)))

	if err := d.legacy(); err != nil {
		return err
	}

	_, err = c.GetCustomerAccount(ctx, demoCustomer, "banh_doesnotexist00")
	d.step("GetCustomerAccount (unknown id)", errorResult(err))
	_, err = c.CreateCustomerAccounts(ctx, demoCustomer, wrapper.AccountInput{
		BankAccount: &wrapper.CustomerBankAccountInput{BankCode: "JP_HDFC", AccountNumber: "12345678901", IFSC: "NOT-AN-IFSC"},
	})
	d.step("CreateCustomerAccounts (bad IFSC)", errorResult(err))

	tw := tabwriter.NewWriter(d.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STEP\tCALL\tRESULT")
	for i, r := range d.rows {
		fmt.Fprintf(tw, "%d\t%s\t%s\n", i+1, r[0], r[1])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(d.out, "\nAccounts of %s now:\n", demoCustomer)
	list, err = c.ListCustomerAccounts(ctx, demoCustomer, nil)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	return render(d.out, list)
}

// legacy runs the deprecated v3.2 family on the same emulator.
func (d *demo) legacy() error {
	ctx, v32 := d.ctx, d.c.BankAccountsV32()
	ba, err := v32.Create(ctx, demoCustomer, wrapper.V32BankAccountInput{
		BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC0000456", BeneficiaryName: "test",
		Metadata: map[string]string{"param1": "value1"},
	})
	if err != nil {
		return fmt.Errorf("v3.2 create: %w", err)
	}
	d.step("BankAccountsV32().Create", bankResult(ba))
	if ba, err = v32.Validate(ctx, demoCustomer, ba.ID); err != nil {
		return fmt.Errorf("v3.2 validate: %w", err)
	}
	d.step("BankAccountsV32().Validate", bankResult(ba))
	list, err := v32.List(ctx, demoCustomer)
	if err != nil {
		return fmt.Errorf("v3.2 list: %w", err)
	}
	d.step("BankAccountsV32().List", fmt.Sprintf("%d bank accounts", len(list.List)))
	if ba, err = v32.Get(ctx, demoCustomer, ba.ID); err != nil {
		return fmt.Errorf("v3.2 get: %w", err)
	}
	d.step("BankAccountsV32().Get", bankResult(ba))
	del, err := v32.Delete(ctx, demoCustomer, ba.ID)
	if err != nil {
		return fmt.Errorf("v3.2 delete: %w", err)
	}
	d.step("BankAccountsV32().Delete", del.BankAccountID+"  "+del.BankAccountStatus)
	_, err = v32.Get(ctx, demoCustomer, ba.ID)
	d.step("BankAccountsV32().Get (deleted)", errorResult(err))
	return nil
}

// await polls a validation to its end, a dot per poll, and records how long it took.
func (d *demo) await(id string) error {
	start := time.Now()
	fmt.Fprintf(d.out, "awaiting the penny drop on %s ", id)
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	d.polling.Store(true)
	acc, err := d.c.AwaitValidation(ctx, demoCustomer, id, &wrapper.AwaitOptions{Interval: 50 * time.Millisecond, MaxInterval: 200 * time.Millisecond})
	d.polling.Store(false)
	if err != nil {
		fmt.Fprintln(d.out, " failed")
		return err
	}
	fmt.Fprintf(d.out, " %s\n", acc.ValidationStatus)
	d.step("AwaitValidation", fmt.Sprintf("%s after %s", accountResult(acc), time.Since(start).Round(10*time.Millisecond)))
	return nil
}

func accountResult(a *wrapper.CustomerAccount) string {
	return a.CustomerAccountID + "  " + string(a.ValidationStatus)
}

func bankResult(b *wrapper.V32BankAccount) string {
	return b.ID + "  " + cmp.Or(string(b.ValidationStatus), "-")
}

// errorResult describes an expected error for the table.
func errorResult(err error) string {
	apiErr, isAPI := errors.AsType[*wrapper.APIError](err)
	switch {
	case err == nil:
		return "unexpected success"
	case isAPI:
		s := fmt.Sprintf("error %d %s", apiErr.StatusCode, apiErr.Code)
		if apiErr.Info != nil {
			for _, f := range apiErr.Info.Fields {
				s += fmt.Sprintf(" (%s: %s)", f.FieldName, f.Reason)
			}
		}
		return s
	default:
		return "error: " + err.Error()
	}
}
