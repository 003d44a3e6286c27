package wrapper

import (
	"context"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/gen"
)

// byteCounter is a loopback TCP listener that counts the connections it
// accepts and every byte they carry, and never answers.
type byteCounter struct {
	ln           net.Listener
	conns, bytes atomic.Int64
	wg           sync.WaitGroup
}

func newByteCounter(t *testing.T) *byteCounter {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	b := &byteCounter{ln: ln}
	b.wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			b.conns.Add(1)
			b.wg.Go(func() {
				defer conn.Close()
				n, _ := io.Copy(io.Discard, conn)
				b.bytes.Add(n)
			})
		}
	})
	t.Cleanup(func() { ln.Close(); b.wg.Wait() })
	return b
}

// TestDotIDsNeverLeave: gen's request builders resolve the operation path
// with url.URL.Parse, which removes dot segments, so a customer, customer
// account or bank account id "." or ".." would reach another endpoint. Every
// method refuses them with an *InputError naming the id before calling gen,
// and not one byte reaches the server.
func TestDotIDsNeverLeave(t *testing.T) {
	// The hazard, in gen itself: ".." as an account id reaches the customer.
	req, err := gen.NewGetCustomerAccountRequest("http://127.0.0.1/", "cst_1", "..", &gen.GetCustomerAccountParams{XRoutingID: "cst_1"})
	require.NoError(t, err)
	assert.Equal(t, "/customers/cst_1/", req.URL.Path)

	srv := newByteCounter(t)
	c, err := New(testKey, WithBaseURL("http://"+srv.ln.Addr().String()), WithRetryPolicy(NoRetries()), WithTimeout(100*time.Millisecond))
	require.NoError(t, err)
	ctx := context.Background()
	b := c.BankAccountsV32()
	drain := func(_ any, err error) error { return err }
	calls := map[string]struct {
		field string
		call  func(id string) error
	}{
		"CreateCustomerAccounts/customer": {"customer_id", func(id string) error {
			return drain(c.CreateCustomerAccounts(ctx, id, AccountInput{VPA: "a@upi"}))
		}},
		"CreateAndValidateCustomerAccounts/customer": {"customer_id", func(id string) error {
			return drain(c.CreateAndValidateCustomerAccounts(ctx, id, AccountInput{VPA: "a@upi"}))
		}},
		"ValidateCustomerAccount/customer": {"customer_id", func(id string) error {
			return drain(c.ValidateCustomerAccount(ctx, id, "banh_1", nil))
		}},
		"ValidateCustomerAccount/account": {"customer_account_id", func(id string) error {
			return drain(c.ValidateCustomerAccount(ctx, "cst_1", id, nil))
		}},
		"GetCustomerAccount/customer": {"customer_id", func(id string) error { return drain(c.GetCustomerAccount(ctx, id, "banh_1")) }},
		"GetCustomerAccount/account":  {"customer_account_id", func(id string) error { return drain(c.GetCustomerAccount(ctx, "cst_1", id)) }},
		"ListCustomerAccounts/customer": {"customer_id", func(id string) error {
			return drain(c.ListCustomerAccounts(ctx, id, &ListOptions{Count: 2}))
		}},
		"AllCustomerAccounts/customer": {"customer_id", func(id string) error {
			for _, err := range c.AllCustomerAccounts(ctx, id, nil) {
				return err
			}
			return nil
		}},
		"v32.Create/customer": {"customer_id", func(id string) error {
			return drain(b.Create(ctx, id, V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC0000001"}))
		}},
		"v32.CreateAndValidate/customer": {"customer_id", func(id string) error {
			return drain(b.CreateAndValidate(ctx, id, V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC0000001"}))
		}},
		"v32.Validate/customer": {"customer_id", func(id string) error { return drain(b.Validate(ctx, id, "ba_1")) }},
		"v32.Validate/account":  {"bank_account_id", func(id string) error { return drain(b.Validate(ctx, "cst_1", id)) }},
		"v32.List/customer":     {"customer_id", func(id string) error { return drain(b.List(ctx, id)) }},
		"v32.Get/customer":      {"customer_id", func(id string) error { return drain(b.Get(ctx, id, "ba_1")) }},
		"v32.Get/account":       {"bank_account_id", func(id string) error { return drain(b.Get(ctx, "cst_1", id)) }},
		"v32.Delete/customer":   {"customer_id", func(id string) error { return drain(b.Delete(ctx, id, "ba_1")) }},
		"v32.Delete/account":    {"bank_account_id", func(id string) error { return drain(b.Delete(ctx, "cst_1", id)) }},
	}
	for name, tc := range calls {
		for _, id := range []string{".", ".."} {
			err := tc.call(id)
			var ie *InputError
			if assert.ErrorAs(t, err, &ie, "%s(%q)", name, id) {
				assert.Equal(t, tc.field, ie.Field, name)
				assert.Contains(t, ie.Reason, "dot segment", name)
			}
		}
	}
	assert.Zero(t, srv.conns.Load(), "no connection was made")
	assert.Zero(t, srv.bytes.Load(), "no byte reached the server")

	// The counter is real: a valid call's bytes arrive (the server never
	// answers, so the call times out).
	_, err = c.GetCustomerAccount(ctx, "cst_1", "banh_1")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Eventually(t, func() bool { return srv.bytes.Load() > 0 }, 10*time.Second, 5*time.Millisecond)
}
