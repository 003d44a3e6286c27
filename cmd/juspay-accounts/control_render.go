package main

import (
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
)

// printRulesTable prints the pending rules as two tables. The value a
// validation rule matches (an account number or a VPA) is masked; a fault's
// message and body are not shown (--json has them).
func printRulesTable(w io.Writer, rules api.Rules) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VALIDATION RULES\tCUSTOMER\tACCOUNT\tVALUE (masked)\tOUTCOME\tDELAY\tTIMES")
	for i, v := range rules.Validations {
		delay := "-"
		if v.Delay != nil {
			delay = time.Duration(*v.Delay).String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, orDash(printable(v.CustomerID)), orDash(printable(v.AccountID)),
			orDash(printable(maskMatchValue(v.Value))), printable(string(v.Outcome)), delay, times(v.Times))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FAULTS\tOPERATION\tCUSTOMER\tSTATUS\tERROR-CODE\tDELAY\tRESET\tHEADERS\tTIMES")
	for i, f := range rules.Faults {
		status := "-"
		if f.Status != 0 {
			status = strconv.Itoa(f.Status)
		}
		if len(f.Body) > 0 {
			status += " (custom body)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%t\t%s\t%s\n", i+1, orDash(printable(f.Operation)), orDash(printable(f.CustomerID)), status,
			orDash(printable(f.ErrorCode)), time.Duration(f.Delay), f.Reset, orDash(headerList(f.Header)), times(f.Times))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d validation rule(s), %d fault(s); --json for the endpoint's JSON, unmasked)\n", len(rules.Validations), len(rules.Faults))
	return nil
}

// printRequestsTable prints the recorded requests, each form decoded and
// masked.
func printRequestsTable(w io.Writer, requests []api.RecordedRequest) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tMETHOD\tPATH\tOPERATION\tSTATUS\tX-ROUTING-ID\tFORM (masked)")
	for _, r := range requests {
		status := fmt.Sprint(r.Status)
		if r.Forced {
			status += " (forced)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Time.UTC().Format(time.RFC3339), printable(r.Method), printable(r.Path),
			orDash(printable(r.Operation)), status, orDash(printable(r.RoutingID())), orDash(maskedForm(r.Form)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d requests)\n", len(requests))
	return nil
}

// maskMatchValue masks the value a validation rule matches: a VPA keeps its
// provider, anything else is masked as an account number.
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
	parts := make([]string, 0, len(h))
	for k, v := range h {
		parts = append(parts, printable(k)+"="+printable(v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// maskedForm shows a recorded form decoded, keys sorted, masked by
// redact.Masker.Form (vpa=****@okhdfc; metadata and undeclared fields
// [REDACTED]) even if the emulator did not mask it. A value with spaces, '&'
// or control characters is quoted so that it cannot break the table's
// columns.
func maskedForm(form url.Values) string {
	var none *redact.Masker
	form, _ = url.ParseQuery(none.Form(form.Encode()))
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range form[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(printable(k))
			b.WriteByte('=')
			b.WriteString(printable(v))
		}
	}
	return b.String()
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
