package wrapper

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
)

// DefaultMaxPages is how many pages AllCustomerAccounts requests at most
// unless ListOptions.MaxPages says otherwise.
const DefaultMaxPages = 1000

// ErrPaging matches a *PagingError.
var ErrPaging = errors.New("juspay: the list does not page as documented")

// PagingError ends AllCustomerAccounts when the server's pages cannot be
// trusted to end: a page repeats an account already yielded (offset ignored)
// or the iteration passes ListOptions.MaxPages.
type PagingError struct {
	Page   int    // the page that stopped the iteration, 1 for the first
	Reason string // what was wrong with it
}

// Error says which page stopped the iteration and why.
func (e *PagingError) Error() string {
	return fmt.Sprintf("%v: page %d %s", ErrPaging, e.Page, e.Reason)
}

// Is makes errors.Is(err, ErrPaging) true.
func (e *PagingError) Is(target error) bool { return target == ErrPaging }

// AllCustomerAccounts iterates over every account of customerID, one
// ListCustomerAccounts page per request as the loop needs them; page sets
// the first offset, the page size (Count) and the page cap (MaxPages), nil
// starts at the beginning.
//
// It stops after the page that reaches the list's total (without a total:
// after an empty page or one shorter than Count). It never yields an account
// twice: a page that repeats one, or the page past MaxPages, ends it with a
// *PagingError. An error (ctx ending included) is yielded once, with a zero
// account, and ends the iteration.
//
//	for acct, err := range client.AllCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Count: 50}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(acct.CustomerAccountID, acct.ValidationStatus)
//	}
func (c *Client) AllCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...Option) iter.Seq2[CustomerAccount, error] {
	return func(yield func(CustomerAccount, error) bool) {
		var next ListOptions
		if page != nil {
			next = *page
		}
		maxPages := cmp.Or(max(next.MaxPages, 0), DefaultMaxPages)
		seen := map[string]bool{}
		for n := 1; ; n++ {
			if n > maxPages {
				yield(CustomerAccount{}, &PagingError{Page: n, Reason: fmt.Sprintf("is past the cap of %d pages (ListOptions.MaxPages)", maxPages)})
				return
			}
			l, err := c.ListCustomerAccounts(ctx, customerID, &next, opts...)
			if err = cmp.Or(err, ctx.Err()); err != nil {
				yield(CustomerAccount{}, err)
				return
			}
			for _, a := range l.List {
				if seen[a.CustomerAccountID] {
					yield(CustomerAccount{}, &PagingError{Page: n, Reason: "repeats an account already yielded (is offset ignored?)"})
					return
				}
				seen[a.CustomerAccountID] = true
				if !yield(a, nil) {
					return
				}
			}
			next.Offset += len(l.List)
			total := int(l.Total) // 0 when Juspay sent none
			if len(l.List) == 0 || total > 0 && next.Offset >= total || total <= 0 && next.Count > 0 && len(l.List) < next.Count {
				return
			}
		}
	}
}
