package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

func dur(d time.Duration) *api.Duration { v := api.Duration(d); return &v }

// TestForceValidation: a rule decides the next penny drops of the accounts it
// matches, the most specific rule wins, Times counts, and the test values and
// the default outcome decide again once the rules are used up.
func TestForceValidation(t *testing.T) {
	t.Parallel()
	clk := newClock()
	e := start(t, api.WithClock(clk.Now), api.WithValidationDelay(delay))
	a := createNew(t, e, "c1", "vpa=asha@okhdfc")["customer_account_id"].(string)
	b := createNew(t, e, "c1", "account_number=30000000000002&ifsc=SBIN0001234")["customer_account_id"].(string) // fails by test value
	c := createNew(t, e, "c2", "vpa=ravi@okaxis")["customer_account_id"].(string)

	status := func(cust, id string) string { return getNew(t, e, cust, id)["validation_status"].(string) }
	validate := func(cust, id string) string { return validateNew(t, e, cust, id, "")["validation_status"].(string) }
	settle := func() { clk.Advance(delay + time.Second) }

	require.NoError(t, e.api.ForceValidation(api.ForceValidation{Outcome: api.OutcomeActive, Times: -1}))             // any account
	require.NoError(t, e.api.ForceValidation(api.ForceValidation{CustomerID: "c1", Outcome: api.OutcomeFailure}))     // more specific
	require.NoError(t, e.api.ForceValidation(api.ForceValidation{Value: "ASHA@okhdfc", Outcome: api.OutcomePending})) // more still
	require.NoError(t, e.api.ForceValidation(api.ForceValidation{AccountID: b, Outcome: api.OutcomeActive, Times: 2, Delay: dur(0)}))

	assert.Equal(t, "ACTIVE", validate("c1", b), "Delay 0 resolves at once; the rule beats the test value")
	assert.Equal(t, "PENDING", validate("c1", a), "the value rule (case-insensitive VPA) beats the customer rule")
	assert.Equal(t, "PENDING", validate("c2", c))
	settle()
	assert.Equal(t, "PENDING", status("c1", a), "a forced PENDING lasts LongPending")
	assert.Equal(t, "ACTIVE", status("c2", c), "the catch-all rule")
	assert.Equal(t, "ACTIVE", validate("c1", b), "the account rule's second time")
	assert.Equal(t, "PENDING", validate("c1", b), "the customer rule is next for b (server delay)")
	settle()
	assert.Equal(t, "FAILURE", status("c1", b))

	rules := e.api.Rules()
	require.Len(t, rules.Validations, 1, "only the Times -1 rule is left: %+v", rules)
	e.api.ClearRules()
	validate("c1", b)
	settle()
	assert.Equal(t, "FAILURE", status("c1", b), "without rules the test value decides again")
	assert.Equal(t, 4, validations(t, e, "c1", b), "every forced drop is a counted validation")

	for _, bad := range []api.ForceValidation{
		{Outcome: "DONE"}, {Outcome: api.OutcomeActive, Times: -2}, {Outcome: api.OutcomeActive, Delay: dur(-time.Second)},
	} {
		assert.Error(t, e.api.ForceValidation(bad), "%+v", bad)
	}
}

func validations(t *testing.T, e *emu, cust, id string) int {
	t.Helper()
	n, ok := e.api.Validations(cust, id)
	require.True(t, ok)
	return n
}

// TestValidationOutcomeOption: the server's default outcome applies to
// accounts no rule and no test value decides.
func TestValidationOutcomeOption(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithValidationDelay(0), api.WithValidationOutcome(api.OutcomeFailure))
	plain := createNew(t, e, "c1", "vpa=plain@upi&command=validate")
	assert.Equal(t, "FAILURE", plain["validation_status"])
	pending := createNew(t, e, "c1", "vpa=pending.x@upi&command=validate")
	assert.Equal(t, "PENDING", pending["validation_status"], "a test value still decides")

	o, err := api.ParseOutcome(" failure ")
	require.NoError(t, err)
	assert.Equal(t, api.OutcomeFailure, o)
	_, err = api.ParseOutcome("maybe")
	assert.ErrorContains(t, err, "want ACTIVE, FAILURE or PENDING")
}

// TestInjectFault: the next calls of an operation get the forced status and
// body, are delayed, or lose their connection, and nothing they asked for
// happens; other operations and customers are untouched.
func TestInjectFault(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithValidationDelay(0))
	id := createNew(t, e, "c1", "vpa=asha@okhdfc")["customer_account_id"].(string)
	get := call{method: "GET", path: "/customers/c1/customer-accounts/" + id}

	require.NoError(t, e.api.InjectFault(api.Fault{Operation: "getCustomerAccount", Status: 503, Times: 2, Header: map[string]string{"Retry-After": "1"}}))
	for range 2 {
		r := e.do(get)
		require.Equal(t, http.StatusServiceUnavailable, r.status)
		assert.Equal(t, "1", r.header.Get("Retry-After"))
		assert.Equal(t, "service_unavailable", r.json(t)["error_code"])
	}
	assert.Equal(t, http.StatusOK, e.do(get).status, "used up after Times")

	// A create answered by a fault creates nothing.
	require.NoError(t, e.api.InjectFault(api.Fault{Operation: "createCustomerAccounts", Status: 500, Code: "GATEWAY_DOWN", Message: "Gateway down."}))
	r := e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=two@upi"})
	require.Equal(t, http.StatusInternalServerError, r.status)
	info := r.json(t)
	assert.Equal(t, "Gateway down.", info["error_message"])
	assert.Equal(t, "GATEWAY_DOWN", info["error_info"].(map[string]any)["code"])
	list := e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).json(t)
	assert.EqualValues(t, 1, list["total"], "the faulted create created nothing")

	// Customer filter and a whole custom body.
	require.NoError(t, e.api.InjectFault(api.Fault{CustomerID: "c2", Status: 429, Body: json.RawMessage(`{"status":"error","error_code":"too_many"}`)}))
	assert.Equal(t, http.StatusOK, e.do(get).status, "another customer's fault")
	status, body := rawGet(t, e, "/customers/c2/customer-accounts/list")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.JSONEq(t, `{"status":"error","error_code":"too_many"}`, body, "the body as given (not held to the spec)")

	// A delay: the call runs, later.
	require.NoError(t, e.api.InjectFault(api.Fault{Operation: "getCustomerAccount", Delay: api.Duration(150 * time.Millisecond)}))
	t0 := time.Now()
	assert.Equal(t, http.StatusOK, e.do(get).status)
	assert.GreaterOrEqual(t, time.Since(t0), 150*time.Millisecond)

	// A reset: no answer at all (a POST, which net/http does not retry on
	// another connection).
	require.NoError(t, e.api.InjectFault(api.Fault{Operation: "createCustomerAccounts", Reset: true}))
	_, err := e.send(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=three@upi"})
	require.Error(t, err)
	list = e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).json(t)
	assert.EqualValues(t, 1, list["total"], "the reset create created nothing")

	for _, bad := range []api.Fault{
		{Operation: "frob", Status: 500}, {Status: 600}, {Status: 200}, {}, {Reset: true, Status: 500},
		{Status: 500, Body: json.RawMessage(`{`)}, {Delay: api.Duration(time.Hour)}, {Status: 500, Times: -3},
		{Status: 500, Header: map[string]string{"X": "a\r\nb"}},
	} {
		assert.Error(t, e.api.InjectFault(bad), "%+v", bad)
	}
}

// rawGet sends an authenticated GET without holding the answer to the spec.
func rawGet(t *testing.T, e *emu, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", e.srv.URL+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
	req.Header.Set("x-routing-id", "rid")
	resp, err := e.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// TestFaultDelayEndsWithClient: a delayed call ends when its client gives up.
func TestFaultDelayEndsWithClient(t *testing.T) {
	t.Parallel()
	e := start(t)
	require.NoError(t, e.api.InjectFault(api.Fault{Delay: api.Duration(api.MaxFaultDelay), Status: 503}))
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", e.srv.URL+"/customers/c1/customer-accounts/list", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
	req.Header.Set("x-routing-id", "c1")
	done := make(chan error, 1)
	go func() {
		resp, err := e.client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	cancel()
	assert.True(t, errors.Is(<-done, context.Canceled))
}

// TestFailureRate: rate 1 fails every call before it runs, rate 0 none, and a
// seed makes the choice reproducible.
func TestFailureRate(t *testing.T) {
	t.Parallel()
	all := start(t, api.WithFailureRate(1))
	r := all.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=ab@upi"})
	assert.Equal(t, http.StatusServiceUnavailable, r.status)
	assert.Equal(t, http.StatusUnauthorized, all.do(call{method: "GET", path: "/customers/c1/customer-accounts/list", auth: "-"}).status,
		"a request validation rejects is answered as usual")

	pattern := func(seed uint64) string {
		e := start(t, api.WithFailureRate(0.5), api.WithRandomSeed(seed), api.WithCustomers("c1"))
		var b strings.Builder
		for range 40 {
			if e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).status == http.StatusOK {
				b.WriteByte('.')
			} else {
				b.WriteByte('x')
			}
		}
		return b.String()
	}
	p := pattern(42)
	assert.Equal(t, p, pattern(42), "the same seed fails the same calls")
	assert.Contains(t, p, "x")
	assert.Contains(t, p, ".")
	none := start(t, api.WithFailureRate(0), api.WithCustomers("c1"))
	for range 20 {
		assert.Equal(t, http.StatusOK, none.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).status)
	}
}

// TestRecording: the server keeps what it received, with the key masked in
// every form, the decoded form, the operation and the answer; it keeps the
// last n of each merchant; nothing is kept without the option.
func TestRecording(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithRecording(3))
	e.do(call{method: "POST", path: "/customers/c1/accounts", body: "vpa=asha@okhdfc&command=validate",
		header: map[string]string{"X-Debug": "key=" + api.DefaultTestKey + " b64=" + strings.TrimPrefix(basic(api.DefaultTestKey, ""), "Basic ")}})
	e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list?count=5"})
	e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list", auth: basic("wrong", "")})
	reqs := e.api.Requests()
	require.Len(t, reqs, 3)
	create := reqs[0]
	assert.Equal(t, "POST", create.Method)
	assert.Equal(t, "/customers/c1/accounts", create.Path)
	assert.Equal(t, "createCustomerAccounts", create.Operation)
	assert.Equal(t, "validate", create.Form.Get("command"))
	assert.Equal(t, "asha@okhdfc", create.Form.Get("vpa"))
	assert.Equal(t, "rid", create.RoutingID())
	assert.Equal(t, http.StatusOK, create.Status)
	assert.True(t, create.Authorized)
	assert.Len(t, create.RequestID, 36)
	assert.Equal(t, "[REDACTED]", create.Header.Get("Authorization"))
	assert.Equal(t, "key=[REDACTED] b64=[REDACTED]", create.Header.Get("X-Debug"))
	assert.Equal(t, "count=5", reqs[1].Query)
	assert.Equal(t, http.StatusUnauthorized, reqs[2].Status)
	assert.False(t, reqs[2].Authorized)
	b, err := json.Marshal(reqs)
	require.NoError(t, err)
	assert.NotContains(t, string(b), api.DefaultTestKey)

	e.do(call{method: "GET", path: api.SpecPath})
	e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list?count=1"})
	e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list?count=2"})
	reqs = e.api.Requests()
	require.Len(t, reqs, 4, "the merchant's last 3 (the create pushed out) and the one of no merchant, the spec download not among them")
	assert.Equal(t, []string{"count=5", "", "count=1", "count=2"}, []string{reqs[0].Query, reqs[1].Query, reqs[2].Query, reqs[3].Query})
	assert.Equal(t, http.StatusUnauthorized, reqs[1].Status)
	e.api.ClearRequests()
	assert.Empty(t, e.api.Requests())

	assert.Nil(t, start(t).api.Requests(), "off by default")
}

// TestSeed: seeded accounts exist in the state asked for, in both families,
// and a refused seed says which account and why.
func TestSeed(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithValidationDelay(time.Hour))
	ctx := context.Background()
	ids, err := e.api.Seed(ctx,
		api.SeedAccount{CustomerID: "c1", RoutingID: "rid", VPA: "aa@upi"},
		api.SeedAccount{CustomerID: "c1", RoutingID: "rid", VPA: "bb@upi", Status: "ACTIVE"},
		api.SeedAccount{CustomerID: "c1", RoutingID: "rid", AccountNumber: "026291800001191", IFSC: "AABF0008032", Status: "FAILURE"},
		api.SeedAccount{CustomerID: "c1", RoutingID: "rid", VPA: "dd@upi", Status: "PENDING"},
		api.SeedAccount{CustomerID: "c2", RoutingID: "rid", V32: true, BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", Status: "ACTIVE", Metadata: map[string]string{"k": "v"}},
	)
	require.NoError(t, err)
	require.Len(t, ids, 5)
	for i, want := range []string{"CREATED", "ACTIVE", "FAILURE", "PENDING"} {
		assert.Equal(t, want, getNew(t, e, "c1", ids[i])["validation_status"], ids[i])
	}
	v32 := e.do(call{method: "GET", path: "/customers/c2/bank-accounts/" + ids[4]}).json(t)
	assert.Equal(t, "ACTIVE", v32["validation_status"])
	assert.Equal(t, map[string]any{"k": "v"}, v32["metadata"])
	assert.Empty(t, e.api.Rules().Validations, "seeding leaves no rule behind")
	assert.Equal(t, 1, validations(t, e, "c1", ids[1]))

	// By default the routing id is the customer id, and the first account pins it.
	c4, err := e.api.Seed(ctx, api.SeedAccount{CustomerID: "c4", VPA: "ok@upi"})
	require.NoError(t, err)
	r := e.do(call{method: "GET", path: "/customers/c4/customer-accounts/" + c4[0], header: map[string]string{"x-routing-id": "c4"}})
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, http.StatusBadRequest, e.do(call{method: "GET", path: "/customers/c4/customer-accounts/" + c4[0]}).status, "another routing id")

	_, err = e.api.Seed(ctx, api.SeedAccount{CustomerID: "c3", VPA: "ok@upi"}, api.SeedAccount{CustomerID: "c3", IFSC: "BAD", AccountNumber: "1"})
	assert.ErrorContains(t, err, "seed account 1")
	assert.ErrorContains(t, err, "400")
	for _, bad := range []api.SeedAccount{{VPA: "x@upi"}, {CustomerID: "c", VPA: "x@upi", Status: "DONE"}, {CustomerID: "c", VPA: "x@upi", Metadata: map[string]string{"a": "b"}}} {
		_, err := e.api.Seed(ctx, bad)
		assert.Error(t, err, "%+v", bad)
	}

	// A given id: the account is found under it, in both families, and
	// validated under it; a taken or unsafe id is refused.
	named, err := e.api.Seed(ctx,
		api.SeedAccount{CustomerID: "c5", RoutingID: "rid", VPA: "nn@upi", ID: "bank_woeriusdfk", Status: "ACTIVE"},
		api.SeedAccount{CustomerID: "c5", RoutingID: "rid", V32: true, BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", ID: "ba_1d85C5cQuninwyie"})
	require.NoError(t, err)
	assert.Equal(t, []string{"bank_woeriusdfk", "ba_1d85C5cQuninwyie"}, named)
	assert.Equal(t, "ACTIVE", getNew(t, e, "c5", "bank_woeriusdfk")["validation_status"])
	assert.Equal(t, "bank_woeriusdfk", getNew(t, e, "c5", "bank_woeriusdfk")["customer_account_id"])
	assert.Equal(t, http.StatusOK, e.do(call{method: "GET", path: "/customers/c5/bank-accounts/ba_1d85C5cQuninwyie"}).status)
	for _, bad := range []api.SeedAccount{{CustomerID: "c5", VPA: "mm@upi", ID: "bank_woeriusdfk"}, {CustomerID: "c5", VPA: "mm@upi", ID: "../x"}} {
		_, err := e.api.Seed(ctx, bad)
		assert.ErrorContains(t, err, "id", "%+v", bad)
	}

	seed, err := api.ReadSeed(strings.NewReader(`[{"customer_id":"c","vpa":"x@upi","status":"ACTIVE"}]`))
	require.NoError(t, err)
	assert.Equal(t, []api.SeedAccount{{CustomerID: "c", VPA: "x@upi", Status: "ACTIVE"}}, seed)
	_, err = api.ReadSeed(strings.NewReader(`[{"customer":"c"}]`))
	assert.ErrorContains(t, err, "unknown field")
}
