package api

import (
	"net/http"

	"github.com/pennydrop/juspay-accounts/gen"
)

// bankOnly keeps the accounts the v3.2 family sees: bank accounts, not VPAs.
func bankOnly(a *account) bool { return a.isBank() }

// CreateBankAccount is the v3.2 create (command=create, the default) or
// create-and-validate (command=validate), with metadata.KEY fields.
func (o *operations) CreateBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, _ gen.CreateBankAccountParams) {
	f, e := readForm(r, o.s.cfg.maxBodyBytes, "metadata.",
		"bank_code", "account_number", "ifsc", "beneficiary_name", "gateway_id", "gateway_reference_id", "command")
	if e != nil {
		writeError(w, e)
		return
	}
	command := f.checkCommand("create", "validate")
	var missing []fieldError
	f.require(&missing, "bank_code", "account_number", "ifsc")
	f.checkName("beneficiary_name")
	meta := f.metadata()
	if e := f.result(missing); e != nil {
		writeError(w, e)
		return
	}
	a := f.account(customerID)
	a.metadata = meta
	now := o.s.now()
	a.owner = o.s.owner(r)
	key := o.s.customerKey(a.owner, customerID)
	created, serr := o.s.store.add(key, a, r.Header.Get(routingHeader), bankAccountPrefix, now, command == "validate", o.s.cfg.validationDelay)
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, created.bankAccount(now))
}

// ValidateBankAccount starts a penny drop of 1 INR on a bank account.
func (o *operations) ValidateBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.BankAccountID, _ gen.ValidateBankAccountParams) {
	f, e := readForm(r, o.s.cfg.maxBodyBytes, "")
	if e != nil {
		writeError(w, e)
		return
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
	a, serr := o.s.store.validate(key, accountID, bankOnly, now, defaultValidationAmount, o.s.cfg.validationDelay)
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, a.bankAccount(now))
}

// bankAccountListJSON is the v3.2 BankAccountList response.
type bankAccountListJSON struct {
	Object string        `json:"object"`
	List   []bankAccount `json:"list"`
	Offset int           `json:"offset"`
	Count  int           `json:"count"`
	Total  int           `json:"total"`
}

// ListBankAccounts lists the customer's bank accounts in creation order.
func (o *operations) ListBankAccounts(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, _ gen.ListBankAccountsParams) {
	key, e := o.s.scope(r, customerID)
	if e != nil {
		writeError(w, e)
		return
	}
	now := o.s.now()
	accts, total, serr := list(o.s.store, key, bankOnly, 0, 0, func(a *account) bankAccount { return a.bankAccount(now) })
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, &bankAccountListJSON{Object: "list", List: accts, Count: len(accts), Total: total})
}

// GetBankAccount returns one bank account in the v3.2 shape.
func (o *operations) GetBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.BankAccountID, _ gen.GetBankAccountParams) {
	key, e := o.s.scope(r, customerID)
	if e != nil {
		writeError(w, e)
		return
	}
	a, serr := o.s.store.get(key, accountID, bankOnly)
	if serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, a.bankAccount(o.s.now()))
}

// DeleteBankAccount (command=delete) removes a bank account from both
// families' lists and gets.
func (o *operations) DeleteBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.BankAccountID, _ gen.DeleteBankAccountParams) {
	f, e := readForm(r, o.s.cfg.maxBodyBytes, "", "command")
	if e != nil {
		writeError(w, e)
		return
	}
	var missing []fieldError
	f.require(&missing, "command")
	if f.has("command") {
		f.checkCommand("delete")
	}
	if e := f.result(missing); e != nil {
		writeError(w, e)
		return
	}
	key, e := o.s.scope(r, customerID)
	if e != nil {
		writeError(w, e)
		return
	}
	if serr := o.s.store.remove(key, accountID, bankOnly); serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, gen.DeleteBankAccountResult{BankAccountID: accountID, BankAccountStatus: "deleted"})
}
