package main

//lint:file-ignore SA1019 the v32 command exposes the deprecated v3.2 calls on purpose.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// commands are the calls of the customer accounts API.
var commands = map[string]command{
	"list": {
		summary: "list a customer's accounts",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			fs.IntVar(&a.offset, "offset", 0, "index of the first account")
			fs.IntVar(&a.count, "count", 0, "maximum number of accounts")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			var page *wrapper.ListOptions
			if a.offset != 0 || a.count != 0 {
				page = &wrapper.ListOptions{Offset: a.offset, Count: a.count}
			}
			return nilIfError(c.ListCustomerAccounts(ctx, a.customer, page, callOpts(a)...))
		},
	},
	"get": {
		summary: "get one customer account",
		account: "customer account id",
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			return nilIfError(c.GetCustomerAccount(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
	"create": {
		summary: "create a customer account (bank account or VPA); --validate also starts the penny drop",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			bankFlags(fs, a)
			fs.StringVar(&a.vpa, "vpa", "", "UPI VPA, instead of a bank account")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			in := wrapper.AccountInput{VPA: a.vpa, GatewayID: a.gatewayID, GatewayReferenceID: a.gatewayRef}
			if a.accountNumber != "" || a.ifsc != "" || a.bankCode != "" || a.name != "" {
				in.BankAccount = &wrapper.CustomerBankAccountInput{
					BankCode: a.bankCode, AccountNumber: a.accountNumber, IFSC: a.ifsc, BeneficiaryName: a.name,
				}
			}
			if a.validate {
				return nilIfError(c.CreateAndValidateCustomerAccounts(ctx, a.customer, in, callOpts(a)...))
			}
			return nilIfError(c.CreateCustomerAccounts(ctx, a.customer, in, callOpts(a)...))
		},
	},
	"validate": {
		summary: "validate a customer account by penny drop (money moves; never retried)",
		account: "customer account id",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			fs.StringVar(&a.gatewayID, "gateway-id", "", "preferred gateway")
			fs.StringVar(&a.amount, "amount", "", "penny drop amount in rupees (default: Juspay's, 1)")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			var in *wrapper.ValidateInput
			if a.gatewayID != "" || a.amount != "" {
				in = &wrapper.ValidateInput{GatewayID: a.gatewayID, Amount: wrapper.Amount(a.amount)}
			}
			return nilIfError(c.ValidateCustomerAccount(ctx, a.customer, a.account, in, callOpts(a)...))
		},
	},
	"await": {
		summary: "poll a customer account until its validation is ACTIVE or FAILURE",
		account: "customer account id",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			fs.DurationVar(&a.wait, "wait", 2*time.Minute, "how long to wait at most")
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			ctx, cancel := context.WithTimeout(ctx, a.wait)
			defer cancel()
			acc, err := c.GetCustomerAccount(ctx, a.customer, a.account, callOpts(a)...)
			switch {
			case err != nil:
				return nil, err
			case acc.ValidationStatus == wrapper.StatusCreated: // never validated: no penny drop is on its way
				return nil, fmt.Errorf("customer account %s is CREATED: %w; start one first with: juspay-accounts validate --customer %s --account %s",
					a.account, errNotValidated, a.customer, a.account)
			case acc.ValidationStatus != wrapper.StatusActive && acc.ValidationStatus != wrapper.StatusFailure:
				fmt.Fprintf(a.progress, "juspay-accounts: await: %s is %s; polling until ACTIVE or FAILURE (at most %s, a dot per poll) ",
					redact.Escape(a.account), redact.Escape(string(acc.ValidationStatus)), a.wait)
				a.polling.Store(true)
				acc, err = c.AwaitValidation(ctx, a.customer, a.account, nil, callOpts(a)...)
				a.polling.Store(false)
				fmt.Fprintln(a.progress)
				if err != nil {
					return nil, err
				}
			}
			if acc.ValidationStatus == wrapper.StatusFailure {
				return acc, errValidationFailed
			}
			return acc, nil
		},
	},
}

// legacyCommands are the deprecated v3.2 bank account calls (juspay-accounts v32 ...).
var legacyCommands = map[string]command{
	"create": {
		summary: "[deprecated v3.2] create a bank account; --validate also validates it",
		flags: func(fs *flag.FlagSet, a *callArgs) {
			bankFlags(fs, a)
			fs.Func("metadata", "custom KEY=VALUE pair, sent as metadata.KEY (repeatable)", pairInto(&a.metadata, "KEY"))
		},
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			in := wrapper.V32BankAccountInput{
				BankCode: a.bankCode, AccountNumber: a.accountNumber, IFSC: a.ifsc, BeneficiaryName: a.name,
				GatewayID: a.gatewayID, GatewayReferenceID: a.gatewayRef, Metadata: a.metadata,
			}
			if a.validate {
				return nilIfError(c.BankAccountsV32().CreateAndValidate(ctx, a.customer, in, callOpts(a)...))
			}
			return nilIfError(c.BankAccountsV32().Create(ctx, a.customer, in, callOpts(a)...))
		},
	},
	"validate": {
		summary: "[deprecated v3.2] validate a bank account (money moves; never retried)",
		account: "bank account id",
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			return nilIfError(c.BankAccountsV32().Validate(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
	"list": {
		summary: "[deprecated v3.2] list a customer's bank accounts",
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			return nilIfError(c.BankAccountsV32().List(ctx, a.customer, callOpts(a)...))
		},
	},
	"get": {
		summary: "[deprecated v3.2] get a bank account",
		account: "bank account id",
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			return nilIfError(c.BankAccountsV32().Get(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
	"delete": {
		summary: "[deprecated v3.2] delete a bank account",
		account: "bank account id",
		call: func(ctx context.Context, c *wrapper.Client, a *callArgs) (any, error) {
			return nilIfError(c.BankAccountsV32().Delete(ctx, a.customer, a.account, callOpts(a)...))
		},
	},
}

func bankFlags(fs *flag.FlagSet, a *callArgs) {
	fs.StringVar(&a.accountNumber, "account-number", "", "bank account number")
	fs.StringVar(&a.ifsc, "ifsc", "", "IFSC code of the branch")
	fs.StringVar(&a.bankCode, "bank-code", "", "Juspay bank code, e.g. JP_HDFC")
	fs.StringVar(&a.name, "name", "", "beneficiary name")
	fs.StringVar(&a.gatewayID, "gateway-id", "", "gateway to validate through")
	fs.StringVar(&a.gatewayRef, "gateway-reference-id", "", "reference id at that gateway")
	fs.BoolVar(&a.validate, "validate", false, "create and validate at once (a penny drop: money moves)")
}

// pairInto is a repeatable NAME=VALUE flag that sets (*m)[NAME]; its error
// never quotes the value, which may be personal.
func pairInto(m *map[string]string, name string) func(string) error {
	return func(s string) error {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return errors.New("want " + name + "=VALUE with a non-empty " + name)
		}
		if *m == nil {
			*m = map[string]string{}
		}
		(*m)[k] = v
		return nil
	}
}

// nilIfError turns a typed nil pointer into an untyped nil so that nothing is printed on error.
func nilIfError[T any](v *T, err error) (any, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return v, nil
}
