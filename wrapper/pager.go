package wrapper

import (
	"context"
	"iter"
)

// AllCustomerAccounts returns an iterator over every account of customerID,
// fetched one page per request with ListCustomerAccounts as the loop needs
// them. page sets the first offset and the page size (Count; zero lets
// Juspay choose); nil starts at the beginning with Juspay's page size.
//
// Each page asks for the offset after the accounts already yielded; the
// iterator stops after the page that reaches the list's total (when Juspay
// sends no total: after an empty page, or a page shorter than Count). An
// error (including ctx ending) is yielded once, with a zero account, and
// ends the iteration; breaking out of the loop sends no further request.
//
//	for acct, err := range client.AllCustomerAccounts(ctx, "cst_1", &wrapper.ListOptions{Count: 50}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(acct.CustomerAccountID, acct.ValidationStatus)
//	}
func (c *Client) AllCustomerAccounts(ctx context.Context, customerID string, page *ListOptions, opts ...CallOption) iter.Seq2[CustomerAccount, error] {
	return func(yield func(CustomerAccount, error) bool) {
		var next ListOptions
		if page != nil {
			next = *page
		}
		for {
			if err := ctx.Err(); err != nil {
				yield(CustomerAccount{}, err)
				return
			}
			l, err := c.ListCustomerAccounts(ctx, customerID, &next, opts...)
			if err != nil {
				yield(CustomerAccount{}, err)
				return
			}
			for _, a := range l.List {
				if !yield(a, nil) {
					return
				}
			}
			next.Offset += len(l.List)
			total := int(l.Total) // 0 when Juspay sent none
			switch {
			case len(l.List) == 0:
				return
			case total > 0 && next.Offset >= total:
				return
			case total <= 0 && next.Count > 0 && len(l.List) < next.Count:
				return
			}
		}
	}
}
