package api

import (
	"cmp"
	"net/http"
	"strconv"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
)

// operations implements the generated server interface. Requests reach it
// validated against the spec: it holds only the rules openapi.yaml cannot state.
type operations struct{ s *Server }

var _ gen.ServerInterface = (*operations)(nil)

// createFields are the fields of the createCustomerAccounts form.
var createFields = []string{"command", "bank_code", "account_number", "ifsc", "beneficiary_name", "vpa", "gateway_id", "gateway_reference_id"}

// CreateCustomerAccounts creates one bank account or UPI VPA (CREATED), or with
// command=validate creates it and starts its penny drop.
func (o *operations) CreateCustomerAccounts(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, _ gen.CreateCustomerAccountsParams) {
	f := readForm(r, o.s.cfg.maxBodyBytes, "", createFields...)
	bank := f.Has("account_number") || f.Has("ifsc") || f.Has("bank_code") || f.Has("beneficiary_name")
	switch vpa := f.Get("vpa") != ""; { // an empty vpa is none (openapi.yaml)
	case vpa && bank:
		f.fail("vpa", "give either vpa or a bank account (account_number, ifsc), not both")
	case !vpa && !(f.Has("account_number") && f.Has("ifsc")): // the anyOf, with an empty vpa as none
		var missing []fieldError
		for _, name := range []string{"account_number", "ifsc"} {
			if !f.Has(name) {
				missing = append(missing, fieldError{FieldName: name, Reason: "is required (send account_number and ifsc, or vpa)"})
			}
		}
		f.err = cmp.Or(f.err, errInput(codeMissing, missing...))
	}
	f.checkName("beneficiary_name")
	if f.answered(w) {
		return
	}
	a := f.account(customerID)
	a.vpa = f.Get("vpa")
	o.create(w, r, &f, a, customerAccountPrefix)
}

// ValidateCustomerAccount starts a penny drop (PENDING, then ACTIVE or FAILURE).
func (o *operations) ValidateCustomerAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.CustomerAccountID, _ gen.ValidateCustomerAccountParams) {
	o.validate(w, r, customerID, accountID, nil, "gateway_id", "validation_amount")
}

// GetCustomerAccount returns one account with its current validation state.
func (o *operations) GetCustomerAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.CustomerAccountID, _ gen.GetCustomerAccountParams) {
	o.get(w, r, customerID, accountID, nil)
}

// ListCustomerAccounts lists the customer's accounts in creation order, paged
// by offset and count (default: all).
func (o *operations) ListCustomerAccounts(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, p gen.ListCustomerAccountsParams) {
	offset, count := 0, 0
	if p.Offset != nil {
		offset = *p.Offset
	}
	if p.Count != nil {
		count = *p.Count
	}
	o.list(w, r, customerID, nil, offset, count)
}

// The helpers below serve both families: keep is nil for the customer
// accounts and bankOnly for the v3.2 family, which answers in its own shape.

// scope returns the store key of the request's customer, refusing a call
// whose x-routing-id differs from the one the customer's first account pinned.
func (o *operations) scope(w http.ResponseWriter, r *http.Request, customerID string) (string, bool) {
	key := o.s.customerKey(o.s.owner(r), customerID)
	if o.s.store.routing(key, r.Header.Get(routingHeader)) != storeOK {
		writeError(w, o.s.storeError(storeRoutingMismatch))
		return "", false
	}
	return key, true
}

// create stores a for the request's merchant (validating with command=validate).
func (o *operations) create(w http.ResponseWriter, r *http.Request, f *form, a *account, prefix string) {
	now := o.s.now()
	a.owner = o.s.owner(r)
	key := o.s.customerKey(a.owner, a.customerID)
	created, serr := o.s.store.add(key, a, r.Header.Get(routingHeader), prefix, now, f.Get("command") == "validate", o.s.cfg.validationDelay)
	o.answer(w, created, serr, now, prefix == bankAccountPrefix)
}

// validate reads the validate form (fields: those it admits) and starts a penny drop.
func (o *operations) validate(w http.ResponseWriter, r *http.Request, customerID, accountID string, keep func(*account) bool, fields ...string) {
	f := readForm(r, o.s.cfg.maxBodyBytes, "", fields...)
	if f.answered(w) {
		return
	}
	amount := cmp.Or(f.Get("validation_amount"), defaultValidationAmount) // its pattern admits no empty value
	key, ok := o.scope(w, r, customerID)
	if !ok {
		return
	}
	now := o.s.now()
	a, serr := o.s.store.validate(key, accountID, keep, now, amount, o.s.cfg.validationDelay, nil)
	o.answer(w, a, serr, now, keep != nil)
}

func (o *operations) get(w http.ResponseWriter, r *http.Request, customerID, accountID string, keep func(*account) bool) {
	key, ok := o.scope(w, r, customerID)
	if !ok {
		return
	}
	a, serr := o.s.store.get(key, accountID, keep)
	o.answer(w, a, serr, o.s.now(), keep != nil)
}

// listJSON is the CustomerAccountList and v3.2 BankAccountList response.
type listJSON[T any] struct {
	Object string `json:"object"`
	List   []T    `json:"list"`
	Offset int    `json:"offset"`
	Count  int    `json:"count"`
	Total  int    `json:"total"`
}

func newList[T any](accts []account, offset, total int, shape func(*account) T) listJSON[T] {
	out := listJSON[T]{Object: "list", List: make([]T, len(accts)), Offset: offset, Count: len(accts), Total: total}
	for i := range accts {
		out.List[i] = shape(&accts[i])
	}
	return out
}

func (o *operations) list(w http.ResponseWriter, r *http.Request, customerID string, keep func(*account) bool, offset, count int) {
	key, ok := o.scope(w, r, customerID)
	if !ok {
		return
	}
	accts, total, serr := o.s.store.list(key, keep, offset, count)
	now := o.s.now()
	switch {
	case serr != storeOK:
		writeError(w, o.s.storeError(serr))
	case keep != nil:
		writeJSON(w, http.StatusOK, newList(accts, offset, total, func(a *account) bankAccount { return a.bankAccount(now) }))
	default:
		writeJSON(w, http.StatusOK, newList(accts, offset, total, func(a *account) customerAccount { return a.customerAccount(now) }))
	}
}

// answer writes the account in its family's shape, or the store's error.
func (o *operations) answer(w http.ResponseWriter, a account, serr storeErr, now time.Time, v32 bool) {
	switch {
	case serr != storeOK:
		writeError(w, o.s.storeError(serr))
	case v32:
		writeJSON(w, http.StatusOK, a.bankAccount(now))
	default:
		writeJSON(w, http.StatusOK, a.customerAccount(now))
	}
}

// storeError maps a store outcome to its response.
func (s *Server) storeError(e storeErr) *apiError {
	switch e {
	case storeCustomerFull:
		return errInput(codeLimitExceeded, fieldError{FieldName: "customer_id",
			Reason: "already has the most accounts the emulator keeps per customer (" + strconv.Itoa(s.cfg.maxAccountsPerCustomer) + ")"})
	case storeFull:
		return errOther(http.StatusServiceUnavailable, errorCodeNoService, codeCapacity, categoryServer,
			"The emulator holds the most accounts and customers it keeps ("+strconv.Itoa(s.cfg.maxAccounts)+").")
	case storePending:
		return errInput(codeDuplicate, fieldError{FieldName: "customer_account_id",
			Reason: "a penny drop for this account is still PENDING; poll get instead of validating again"})
	case storeRoutingMismatch:
		return errInput(codeInvalid, fieldError{FieldName: "x-routing-id",
			Reason: "must be the x-routing-id this customer's first account was created with: Juspay asks for the same x-routing-id on every call for a customer"})
	default:
		return errNotFound()
	}
}
