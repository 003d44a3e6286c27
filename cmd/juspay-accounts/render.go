package main

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// render prints a result as a table in which account numbers, VPAs and
// names are masked and every cell is escaped, so that a server value cannot
// break a column or drive the terminal.
func render(w io.Writer, v any) error {
	const (
		customers = "CUSTOMER ACCOUNT\tSTATUS\tKIND\tACCOUNT\tCREATED\tLAST VALIDATED"
		banks     = "BANK ACCOUNT\tSTATUS\tIFSC\tACCOUNT\tBENEFICIARY\tCREATED\tLAST VALIDATED"
	)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	switch r := v.(type) {
	case *wrapper.CustomerAccount:
		rows(tw, customers, []wrapper.CustomerAccount{*r}, customerAccountRow)
	case *wrapper.CustomerAccountList:
		rows(tw, customers, r.List, customerAccountRow)
		fmt.Fprintf(tw, "(%d of %d)\n", len(r.List), r.Total)
	case *wrapper.V32BankAccount:
		rows(tw, banks, []wrapper.V32BankAccount{*r}, bankAccountRow)
	case *wrapper.V32BankAccountList:
		rows(tw, banks, r.List, bankAccountRow)
		fmt.Fprintf(tw, "(%d of %d)\n", len(r.List), r.Total)
	case *wrapper.DeleteBankAccountResult:
		fmt.Fprintln(tw, "BANK ACCOUNT\tSTATUS")
		row(tw, r.BankAccountID, r.BankAccountStatus)
	default:
		return fmt.Errorf("render: unexpected result %T", v)
	}
	return tw.Flush()
}

func rows[T any](w io.Writer, header string, items []T, each func(io.Writer, *T)) {
	fmt.Fprintln(w, header)
	for i := range items {
		each(w, &items[i])
	}
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
	row(w, a.CustomerAccountID, string(a.ValidationStatus), kind, account, timeOrDash(a.DateCreated), timeOrDash(a.LastValidated))
}

func bankAccountRow(w io.Writer, b *wrapper.V32BankAccount) {
	row(w, b.ID, cmp.Or(string(b.ValidationStatus), "-"), b.IFSC, redact.Value(redact.AccountNumberKind, b.AccountNumber),
		cmp.Or(redact.Value(redact.NameKind, b.BeneficiaryName), "-"), timeOrDash(b.DateCreated), timeOrDash(b.LastValidated))
}

// row writes one table row of cells, each escaped.
func row(w io.Writer, cells ...string) {
	for i, c := range cells {
		cells[i] = redact.Escape(c)
	}
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// printRulesTable prints the pending rules as two tables, the value a
// validation rule matches masked; a fault's message and body are left out.
func printRulesTable(w io.Writer, rules api.Rules) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VALIDATION RULES\tCUSTOMER\tACCOUNT\tVALUE (masked)\tOUTCOME\tDELAY\tTIMES")
	for i, v := range rules.Validations {
		delay := "-"
		if v.Delay != nil {
			delay = time.Duration(*v.Delay).String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, cmp.Or(printable(v.CustomerID), "-"), cmp.Or(printable(v.AccountID), "-"),
			cmp.Or(printable(maskMatchValue(v.Value)), "-"), printable(string(v.Outcome)), delay, times(v.Times))
	}
	fmt.Fprintln(tw) // an empty line ends the first table's columns
	fmt.Fprintln(tw, "FAULTS\tOPERATION\tCUSTOMER\tSTATUS\tERROR-CODE\tDELAY\tRESET\tHEADERS\tTIMES")
	for i, f := range rules.Faults {
		status := "-"
		if f.Status != 0 {
			status = strconv.Itoa(f.Status)
		}
		if len(f.Body) > 0 {
			status += " (custom body)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%t\t%s\t%s\n", i+1, cmp.Or(printable(f.Operation), "-"), cmp.Or(printable(f.CustomerID), "-"), status,
			cmp.Or(printable(f.ErrorCode), "-"), time.Duration(f.Delay), f.Reset, cmp.Or(headerList(f.Header), "-"), times(f.Times))
	}
	fmt.Fprintf(tw, "(%d validation rule(s), %d fault(s); --json for the endpoint's JSON, unmasked)\n", len(rules.Validations), len(rules.Faults))
	return tw.Flush()
}

// printRequestsTable prints the recorded requests, forms decoded and masked.
func printRequestsTable(w io.Writer, requests []api.RecordedRequest) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tMETHOD\tPATH\tOPERATION\tSTATUS\tX-ROUTING-ID\tFORM (masked)")
	for _, r := range requests {
		status := fmt.Sprint(r.Status)
		if r.Forced {
			status += " (forced)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Time.UTC().Format(time.RFC3339), printable(r.Method), printable(r.Path),
			cmp.Or(printable(r.Operation), "-"), status, cmp.Or(printable(r.RoutingID()), "-"), cmp.Or(maskedForm(r.Form), "-"))
	}
	fmt.Fprintf(tw, "(%d requests)\n", len(requests))
	return tw.Flush()
}

// maskMatchValue masks a rule's value as a VPA (with an '@') or an account number.
func maskMatchValue(v string) string {
	if strings.Contains(v, "@") {
		return redact.Value(redact.VPAKind, v)
	}
	return redact.Value(redact.AccountNumberKind, v)
}

func times(n int) string {
	if n < 0 {
		return "every"
	}
	return strconv.Itoa(n)
}

func headerList(h map[string]string) string {
	v := url.Values{}
	for k, x := range h {
		v.Set(k, x)
	}
	return pairs(v, ",")
}

// maskedForm decodes and masks a recorded form, whether or not the emulator did.
func maskedForm(form url.Values) string {
	var none *redact.Masker
	form, _ = url.ParseQuery(none.Form(form.Encode()))
	return pairs(form, "&")
}

// pairs joins v's KEY=VALUE pairs, sorted, each side printable.
func pairs(v url.Values, sep string) string {
	var parts []string
	for k, vs := range v {
		for _, x := range vs {
			parts = append(parts, printable(k)+"="+printable(x))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, sep)
}

// printable quotes s when it holds a space, '&', '=' or a character that is
// not graphic, so that a table cell stays one unambiguous cell.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return r == '&' || r == '=' || r == '"' || !unicode.IsGraphic(r) || unicode.IsSpace(r)
	}) >= 0 {
		return strconv.Quote(s)
	}
	return s
}
