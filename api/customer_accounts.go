package api

import (
	"net/http"

	"github.com/pennydrop/juspay-accounts/gen"
)

// operations implements the generated server interface; every request has
// passed the spec validation in Server.ServeHTTP before it gets here.
type operations struct{ s *Server }

var _ gen.ServerInterface = (*operations)(nil)

// createFields are the fields of the createCustomerAccounts form.
var createFields = []string{"command", "bank_code", "account_number", "ifsc", "beneficiary_name", "vpa", "gateway_id", "gateway_reference_id"}

// CreateCustomerAccounts creates one bank account or UPI VPA (CREATED), or with
// command=validate creates it and starts its penny drop.
func (o *operations) CreateCustomerAccounts(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, _ gen.CreateCustomerAccountsParams) {
	f, e := readForm(r, o.s.cfg.maxBodyBytes, "", createFields...)
	if e != nil {
		writeError(w, e)
		return
	}
	command := f.checkCommand("create", "validate")
	var missing []fieldError
	bankFields := f.has("account_number") || f.has("ifsc") || f.has("bank_code") || f.has("beneficiary_name")
	vpa := f.get("vpa") != "" // an empty vpa is none (openapi.yaml)
	switch {
	case vpa && bankFields:
		f.fail("vpa", "give either vpa or a bank account (account_number, ifsc), not both")
	case vpa: // its format, like every pattern of openapi.yaml, was held in Server.check
	case bankFields:
		f.require(&missing, "account_number", "ifsc")
		f.checkName("beneficiary_name")
	default:
		missing = append(missing,
			fieldError{FieldName: "account_number", Reason: "is required for a bank account (with ifsc), unless vpa is given"},
			fieldError{FieldName: "ifsc", Reason: "is required for a bank account (with account_number), unless vpa is given"},
			fieldError{FieldName: "vpa", Reason: "is required for a UPI account, unless account_number and ifsc are given"})
	}
	if e := f.result(missing); e != nil {
		writeError(w, e)
		return
	}
	a := f.account(customerID)
	a.vpa = f.get("vpa")
	now := o.s.now()
	a.owner = o.s.owner(r)
	key := o.s.customerKey(a.owner, customerID)
	created, serr := o.s.store.add(key, a, r.Header.Get(routingHeader), customerAccountPrefix, now, command == "validate", o.s.cfg.validationDelay)
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, created.customerAccount(now))
}

// ValidateCustomerAccount starts a penny drop (PENDING, then ACTIVE or FAILURE).
func (o *operations) ValidateCustomerAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.CustomerAccountID, _ gen.ValidateCustomerAccountParams) {
	f, e := readForm(r, o.s.cfg.maxBodyBytes, "", "gateway_id", "validation_amount")
	if e != nil {
		writeError(w, e)
		return
	}
	amount := defaultValidationAmount // as sent otherwise: its pattern admits plain decimals only
	if f.has("validation_amount") {
		amount = f.get("validation_amount")
	}
	if e := f.result(nil); e != nil {
		writeError(w, e)
		return
	}
	key, e := o.s.scope(r, customerID)
	if e != nil {
		writeError(w, e)
		return
	}
	now := o.s.now()
	a, serr := o.s.store.validate(key, accountID, nil, now, amount, o.s.cfg.validationDelay)
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, a.customerAccount(now))
}

// GetCustomerAccount returns one account with its current validation state.
func (o *operations) GetCustomerAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.CustomerAccountID, _ gen.GetCustomerAccountParams) {
	key, e := o.s.scope(r, customerID)
	if e != nil {
		writeError(w, e)
		return
	}
	a, serr := o.s.store.get(key, accountID, nil)
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, a.customerAccount(o.s.now()))
}

// customerAccountListJSON is the CustomerAccountList response.
type customerAccountListJSON struct {
	Object string            `json:"object"`
	List   []customerAccount `json:"list"`
	Offset int               `json:"offset"`
	Count  int               `json:"count"`
	Total  int               `json:"total"`
}

// ListCustomerAccounts lists the customer's accounts in creation order, paged
// by offset and count (default: all).
func (o *operations) ListCustomerAccounts(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, p gen.ListCustomerAccountsParams) {
	key, e := o.s.scope(r, customerID)
	if e != nil {
		writeError(w, e)
		return
	}
	offset, count := 0, 0
	if p.Offset != nil {
		offset = *p.Offset
	}
	if p.Count != nil {
		count = *p.Count
	}
	now := o.s.now()
	accts, total, serr := list(o.s.store, key, nil, offset, count, func(a *account) customerAccount { return a.customerAccount(now) })
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, &customerAccountListJSON{Object: "list", List: accts, Offset: offset, Count: len(accts), Total: total})
}

// storeError maps a store outcome to its response.
func (s *Server) storeError(e storeErr) *apiError {
	switch e {
	case storeCustomerFull:
		return errInput(codeLimitExceeded, fieldError{FieldName: "customer_id",
			Reason: "already has the most accounts the emulator keeps per customer (" + itoa(s.cfg.maxAccountsPerCustomer) + ")"})
	case storeFull:
		return errOther(http.StatusServiceUnavailable, errorCodeNoService, codeCapacity, categoryServer,
			"The emulator holds the most accounts and customers it keeps ("+itoa(s.cfg.maxAccounts)+").")
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
