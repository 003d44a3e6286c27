package api

import (
	"net/http"

	"github.com/pennydrop/juspay-accounts/gen"
)

// bankOnly keeps the accounts the v3.2 family sees: bank accounts, not VPAs.
func bankOnly(a *account) bool { return a.vpa == "" }

// CreateBankAccount is the v3.2 create (command=create, the default) or
// create-and-validate (command=validate), with metadata.KEY fields.
func (o *operations) CreateBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, _ gen.CreateBankAccountParams) {
	f := readForm(r, o.s.cfg.maxBodyBytes, "metadata.",
		"bank_code", "account_number", "ifsc", "beneficiary_name", "gateway_id", "gateway_reference_id", "command")
	f.checkName("beneficiary_name")
	meta := f.metadata()
	if f.answered(w) {
		return
	}
	a := f.account(customerID)
	a.metadata = meta
	o.create(w, r, &f, a, bankAccountPrefix)
}

// ValidateBankAccount starts a penny drop of 1 INR on a bank account.
func (o *operations) ValidateBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.BankAccountID, _ gen.ValidateBankAccountParams) {
	o.validate(w, r, customerID, accountID, bankOnly)
}

// ListBankAccounts lists the customer's bank accounts in creation order.
func (o *operations) ListBankAccounts(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, _ gen.ListBankAccountsParams) {
	o.list(w, r, customerID, bankOnly, 0, 0)
}

// GetBankAccount returns one bank account in the v3.2 shape.
func (o *operations) GetBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.BankAccountID, _ gen.GetBankAccountParams) {
	o.get(w, r, customerID, accountID, bankOnly)
}

// DeleteBankAccount (command=delete) removes a bank account from both families.
func (o *operations) DeleteBankAccount(w http.ResponseWriter, r *http.Request, customerID gen.CustomerID, accountID gen.BankAccountID, _ gen.DeleteBankAccountParams) {
	if f := readForm(r, o.s.cfg.maxBodyBytes, "", "command"); f.answered(w) {
		return
	}
	key, ok := o.scope(w, r, customerID)
	if !ok {
		return
	}
	if serr := o.s.store.remove(key, accountID, bankOnly); serr != storeOK {
		writeError(w, o.s.storeError(serr))
		return
	}
	writeJSON(w, http.StatusOK, gen.DeleteBankAccountResult{BankAccountID: accountID, BankAccountStatus: "deleted"})
}
