package wrapper_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// Keep exactly what Juspay answered, for an audit log or for a field the
// typed result does not have yet.
func ExampleWithRawResponse() {
	srv, client := startEmulator()
	defer srv.Close()

	var raw wrapper.RawResponse
	acct, err := client.CreateCustomerAccounts(context.Background(), "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"},
		wrapper.WithRawResponse(&raw))
	if err != nil {
		log.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(raw.Body, &fields); err != nil {
		log.Fatal(err)
	}
	fmt.Println(raw.Response.StatusCode, raw.Response.Header.Get("Content-Type"))
	fmt.Println(fields["customer_account_id"] == acct.CustomerAccountID, fields["validation_status"])
	// The request as sent, with the API key masked.
	fmt.Println(raw.Response.Request.Method, raw.Response.Request.Header.Get("Authorization"))
	// Output:
	// 200 application/json
	// true CREATED
	// POST [REDACTED]
}

// Send a customer's calls with another x-routing-id than the customer id, for
// example an order id for a guest. Juspay asks for the same value on every
// call for that customer; the emulator refuses another one.
func ExampleWithRoutingID() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()

	_, err := client.CreateCustomerAccounts(ctx, "guest_42", wrapper.AccountInput{VPA: "asha@okhdfc"}, wrapper.WithRoutingID("order_42"))
	if err != nil {
		log.Fatal(err)
	}
	list, err := client.ListCustomerAccounts(ctx, "guest_42", nil, wrapper.WithRoutingID("order_42"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("accounts:", len(list.List))

	_, err = client.ListCustomerAccounts(ctx, "guest_42", nil) // x-routing-id: guest_42
	var apiErr *wrapper.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Info.Code, apiErr.Info.Fields[0].FieldName)
	}
	// Output:
	// accounts: 1
	// 400 INVALID_INPUT x-routing-id
}

// Trace or measure every attempt of every call with a Middleware: it sees the
// operation id and the attempt number (to name a span or a metric without
// parsing ids out of the path), the request as sent (never log its
// Authorization header) and the response. WithHeader adds a header of your
// own to one call.
func ExampleWithMiddleware() {
	trace := func(req *http.Request, a wrapper.Attempt, next wrapper.MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if err != nil {
			fmt.Println(a.Operation, a.Number, "failed:", err)
			return nil, err
		}
		fmt.Println(a.Operation, a.Number, req.Header.Get("X-Trace-Id"), resp.StatusCode)
		return resp, nil
	}
	srv, client := startEmulator(wrapper.WithMiddleware(trace))
	defer srv.Close()
	ctx := context.Background()

	if _, err := client.CreateCustomerAccounts(ctx, "cst_1", wrapper.AccountInput{VPA: "asha@okhdfc"}, wrapper.WithHeader("X-Trace-Id", "t-1")); err != nil {
		log.Fatal(err)
	}
	if _, err := client.ListCustomerAccounts(ctx, "cst_1", nil, wrapper.WithHeader("X-Trace-Id", "t-2")); err != nil {
		log.Fatal(err)
	}
	// Output:
	// createCustomerAccounts 1 t-1 200
	// listCustomerAccounts 1 t-2 200
}

// Give one call its own timeout and retry policy. An invalid option fails the
// call with an *InputError before anything is sent.
func ExampleWithTimeout() {
	srv, client := startEmulator()
	defer srv.Close()
	ctx := context.Background()

	_, err := client.ListCustomerAccounts(ctx, "cst_1", nil,
		wrapper.WithTimeout(5*time.Second), wrapper.WithRetryPolicy(wrapper.NoRetries()))
	fmt.Println("not found:", errors.Is(err, wrapper.ErrNotFound)) // cst_1 has no account yet

	// A server slower than the timeout: the call ends with a *TimeoutError
	// naming the option, which matches context.DeadlineExceeded.
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	_, err = client.ListCustomerAccounts(ctx, "cst_1", nil, wrapper.WithBaseURL(slow.URL), wrapper.WithTimeout(50*time.Millisecond))
	var timeout *wrapper.TimeoutError
	if errors.As(err, &timeout) {
		fmt.Println(timeout.Option, timeout.After, errors.Is(err, context.DeadlineExceeded))
	}

	_, err = client.ListCustomerAccounts(ctx, "cst_1", nil, wrapper.WithTimeout(0))
	fmt.Println(err)
	// Output:
	// not found: true
	// WithTimeout 50ms true
	// juspay: invalid input: WithTimeout must be positive
}
