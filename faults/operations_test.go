package faults_test

//lint:file-ignore SA1019 the fault matrix covers the deprecated v3.2 calls too.

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// The values every operation sends. The secrets among them must never show
// in an error string.
const (
	apiKey        = "sk_faults_key_7c1d0e2f9a"
	customerID    = "cst_faults"
	accountID     = "banh_faults1"
	bankAccountID = "ba_faults1"
	accountNumber = "40002323422"
	vpa           = "faultsvpa@upi"
	beneficiary   = "Asha Rao"
)

// operation is one wrapper method with the request it must send and a valid
// 200 body for it.
type operation struct {
	name   string
	method string
	path   string // the escaped path the server must see
	ok     []byte // a valid 200 body
	okID   string // the id call returns when it decodes ok
	// call runs the method and returns the id of what it decoded (the first
	// item's for a list).
	call func(ctx context.Context, c *wrapper.Client) (string, error)
}

// operations returns every wrapper operation: the customer accounts family
// (create, create-and-validate, validate, get, list) and the deprecated v3.2
// family (create, create-and-validate, validate, list, get, delete).
func operations(t testing.TB) []operation {
	t.Helper()
	sample := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	account := sample("validateCustomerAccount.200.json")
	list := sample("listCustomerAccounts.200.json")
	bank := sample("createBankAccount.200.json")
	bankList := []byte(`{"object":"list","count":1,"offset":0,"total":1,"list":[` + string(bank) + `]}`)
	deleted := sample("deleteBankAccount.200.json")

	bankIn := wrapper.V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: accountNumber, IFSC: "HDFC0000001", BeneficiaryName: beneficiary, Metadata: map[string]string{"order": "o_1"}}
	vpaIn := wrapper.AccountInput{VPA: vpa}
	bankAcctIn := wrapper.AccountInput{BankAccount: &wrapper.CustomerBankAccountInput{AccountNumber: accountNumber, IFSC: "HDFC0000001", BeneficiaryName: beneficiary}}
	const (
		cust  = "/customers/" + customerID
		post  = http.MethodPost
		get   = http.MethodGet
		caID  = "banh_kGvx5TGUmkRVC2dH"
		baID  = "ba_1d85C5cQuninwyie"
		lstID = "banh_7BQaxZdn3UnC8CoF"
	)
	acct := func(a *wrapper.CustomerAccount, err error) (string, error) {
		if err != nil {
			return "", err
		}
		return a.CustomerAccountID, nil
	}
	bankAcct := func(a *wrapper.V32BankAccount, err error) (string, error) {
		if err != nil {
			return "", err
		}
		return a.ID, nil
	}
	return []operation{
		{"CreateCustomerAccounts", post, cust + "/accounts", account, caID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return acct(c.CreateCustomerAccounts(ctx, customerID, vpaIn))
		}},
		{"CreateAndValidateCustomerAccounts", post, cust + "/accounts", account, caID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return acct(c.CreateAndValidateCustomerAccounts(ctx, customerID, bankAcctIn))
		}},
		{"ValidateCustomerAccount", post, cust + "/customer-accounts/" + accountID + "/validate", account, caID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return acct(c.ValidateCustomerAccount(ctx, customerID, accountID, &wrapper.ValidateInput{Amount: "1.00"}))
		}},
		{"GetCustomerAccount", get, cust + "/customer-accounts/" + accountID, account, caID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return acct(c.GetCustomerAccount(ctx, customerID, accountID))
		}},
		{"ListCustomerAccounts", get, cust + "/customer-accounts/list", list, lstID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			l, err := c.ListCustomerAccounts(ctx, customerID, nil)
			if err != nil {
				return "", err
			}
			if len(l.List) == 0 {
				return "", nil
			}
			return l.List[0].CustomerAccountID, nil
		}},
		{"V32.Create", post, cust + "/bank-accounts", bank, baID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return bankAcct(c.BankAccountsV32().Create(ctx, customerID, bankIn))
		}},
		{"V32.CreateAndValidate", post, cust + "/bank-accounts", bank, baID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return bankAcct(c.BankAccountsV32().CreateAndValidate(ctx, customerID, bankIn))
		}},
		{"V32.Validate", post, cust + "/bank-accounts/" + bankAccountID + "/validate", bank, baID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return bankAcct(c.BankAccountsV32().Validate(ctx, customerID, bankAccountID))
		}},
		{"V32.List", get, cust + "/bank-accounts/list", bankList, baID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			l, err := c.BankAccountsV32().List(ctx, customerID)
			if err != nil {
				return "", err
			}
			if len(l.List) == 0 {
				return "", nil
			}
			return l.List[0].ID, nil
		}},
		{"V32.Get", get, cust + "/bank-accounts/" + bankAccountID, bank, baID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			return bankAcct(c.BankAccountsV32().Get(ctx, customerID, bankAccountID))
		}},
		{"V32.Delete", post, cust + "/bank-accounts/" + bankAccountID, deleted, baID, func(ctx context.Context, c *wrapper.Client) (string, error) {
			r, err := c.BankAccountsV32().Delete(ctx, customerID, bankAccountID)
			if err != nil {
				return "", err
			}
			return r.BankAccountID, nil
		}},
	}
}
