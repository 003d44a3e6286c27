package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// render prints a result as a table in which account numbers, VPAs and
// names are masked and every cell is escaped (redact.Escape: a server value
// cannot break a column or drive the terminal); --json prints the raw body
// instead: see wrapper.WithRawResponse in callOpts.
func render(w io.Writer, v any) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	switch r := v.(type) {
	case *wrapper.CustomerAccount:
		customerAccountHeader(tw)
		customerAccountRow(tw, r)
	case *wrapper.CustomerAccountList:
		customerAccountHeader(tw)
		for i := range r.List {
			customerAccountRow(tw, &r.List[i])
		}
		fmt.Fprintf(tw, "(%d of %d)\n", len(r.List), r.Total)
	case *wrapper.V32BankAccount:
		bankAccountHeader(tw)
		bankAccountRow(tw, r)
	case *wrapper.V32BankAccountList:
		bankAccountHeader(tw)
		for i := range r.List {
			bankAccountRow(tw, &r.List[i])
		}
		fmt.Fprintf(tw, "(%d of %d)\n", len(r.List), r.Total)
	case *wrapper.DeleteBankAccountResult:
		fmt.Fprintf(tw, "BANK ACCOUNT\tSTATUS\n%s\t%s\n", cell(r.BankAccountID), cell(r.BankAccountStatus))
	default:
		return fmt.Errorf("render: unexpected result %T", v)
	}
	return tw.Flush()
}

func customerAccountHeader(w io.Writer) {
	fmt.Fprintln(w, "CUSTOMER ACCOUNT\tSTATUS\tKIND\tACCOUNT\tCREATED\tLAST VALIDATED")
}

func customerAccountRow(w io.Writer, a *wrapper.CustomerAccount) {
	kind, account := "-", "-"
	switch d := a.AccountDetails; {
	case d.VPA != "":
		kind, account = "upi", redact.Value(redact.VPAKind, d.VPA)
	case d.BankAccount != (wrapper.CustomerBankAccountDetails{}):
		kind = "bank"
		account = d.BankAccount.IFSC + " " + redact.Value(redact.AccountNumberKind, d.BankAccount.Account)
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", cell(a.CustomerAccountID), cell(string(a.ValidationStatus)), kind, cell(account),
		timeOrDash(a.DateCreated), timeOrDash(a.LastValidated))
}

func bankAccountHeader(w io.Writer) {
	fmt.Fprintln(w, "BANK ACCOUNT\tSTATUS\tIFSC\tACCOUNT\tBENEFICIARY\tCREATED\tLAST VALIDATED")
}

func bankAccountRow(w io.Writer, b *wrapper.V32BankAccount) {
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cell(b.ID), orDash(cell(string(b.ValidationStatus))), cell(b.IFSC),
		cell(redact.Value(redact.AccountNumberKind, b.AccountNumber)), orDash(cell(redact.Value(redact.NameKind, b.BeneficiaryName))),
		timeOrDash(b.DateCreated), timeOrDash(b.LastValidated))
}

// cell escapes a server value for a table cell.
func cell(s string) string { return redact.Escape(s) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
