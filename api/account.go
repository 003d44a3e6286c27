package api

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/jsontype"
)

// account is one stored bank account or UPI VPA. The validation fields change
// under the store lock only; handlers work on copies.
type account struct {
	id              string
	customerID      string
	owner           int // the merchant: index of the key that created it
	created         time.Time
	vpa             string // set for a UPI account
	accountNumber   string // set for a bank account
	ifsc            string
	bankCode        string
	beneficiaryName string
	metadata        map[string]string // v3.2 metadata.KEY fields; never modified after creation

	amount         string               // validation_amount of the latest validation, a JSON number
	validations    int                  // penny drops requested so far
	validatedAt    time.Time            // start of the latest validation; zero if never validated
	resolvesAt     time.Time            // when the latest validation's outcome is known
	outcome        gen.ValidationStatus // ACTIVE or FAILURE, once resolvesAt has passed
	prevResolvedAt time.Time            // outcome time of the validation before the latest one
}

// state is the validation status and last_validated at time now.
func (a *account) state(now time.Time) (gen.ValidationStatus, *time.Time) {
	switch {
	case a.validatedAt.IsZero():
		return gen.ValidationStatusCreated, nil
	case now.Before(a.resolvesAt):
		if a.prevResolvedAt.IsZero() {
			return gen.ValidationStatusPending, nil
		}
		t := timestamp(a.prevResolvedAt)
		return gen.ValidationStatusPending, &t
	default:
		t := timestamp(a.resolvesAt)
		return a.outcome, &t
	}
}

// startValidation begins a penny drop at now; false while one is PENDING.
func (a *account) startValidation(now time.Time, amount string, delay time.Duration, decide decider) bool {
	if !a.validatedAt.IsZero() && now.Before(a.resolvesAt) {
		return false
	}
	if !a.validatedAt.IsZero() {
		a.prevResolvedAt = a.resolvesAt
	}
	outcome, delay := decide(a, delay)
	a.validations++
	a.amount = amount
	a.validatedAt = now
	a.resolvesAt = now.Add(delay)
	a.outcome = outcome
	return true
}

// Test values, like Stripe's test cards: they force the outcome of a penny drop.
const (
	// FailingAccountSuffix ends the account numbers whose validation turns FAILURE.
	FailingAccountSuffix = "0002"
	// PendingAccountSuffix ends the account numbers that stay PENDING for LongPending, then turn ACTIVE.
	PendingAccountSuffix = "0003"
	// FailingVPAPrefix starts the VPA local parts (case-insensitive) whose validation turns FAILURE.
	FailingVPAPrefix = "fail"
	// PendingVPAPrefix starts the VPA local parts that stay PENDING for LongPending, then turn ACTIVE.
	PendingVPAPrefix = "pending"
)

// testOutcome is the outcome the test values force on a, or "".
func testOutcome(a *account) Outcome {
	local, _, _ := strings.Cut(strings.ToLower(a.vpa), "@")
	switch {
	case strings.HasSuffix(a.accountNumber, FailingAccountSuffix) || strings.HasPrefix(local, FailingVPAPrefix):
		return OutcomeFailure
	case strings.HasSuffix(a.accountNumber, PendingAccountSuffix) || strings.HasPrefix(local, PendingVPAPrefix):
		return OutcomePending
	}
	return ""
}

// timestamp truncates t as Juspay formats it ("2023-06-06T13:28:20Z").
func timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// customerAccount is gen's CustomerAccount with last_validated null, not
// omitted as gen's time.Time is, until an outcome is known (Juspay's samples).
type customerAccount struct {
	gen.CustomerAccount
	LastValidated *time.Time `json:"last_validated"`
}

func (a *account) customerAccount(now time.Time) customerAccount {
	status, last := a.state(now)
	out := customerAccount{CustomerAccount: gen.CustomerAccount{
		Object:            "customer_account",
		CustomerAccountID: a.id,
		CustomerID:        a.customerID,
		DateCreated:       a.created,
		ValidationAmount:  json.Number(a.amount),
		Currency:          defaultCurrency,
		ValidationStatus:  status,
	}, LastValidated: last}
	if bankOnly(a) {
		out.AccountDetails.BankAccount = gen.BankAccountDetails{
			Account:        a.accountNumber,
			Name:           a.beneficiaryName,
			IFSC:           a.ifsc,
			JuspayBankCode: jsontype.String(a.bankCode),
			BankName:       bankName(a.ifsc, a.bankCode),
		}
	} else {
		out.AccountDetails.VPA = a.vpa
	}
	return out
}

// bankAccount is gen's v3.2 BankAccount, as customerAccount.
type bankAccount struct {
	gen.BankAccount
	LastValidated *time.Time `json:"last_validated"`
}

func (a *account) bankAccount(now time.Time) bankAccount {
	status, last := a.state(now)
	return bankAccount{BankAccount: gen.BankAccount{
		Object:           "bank_account",
		ID:               a.id,
		CustomerID:       a.customerID,
		DateCreated:      a.created,
		BankName:         bankName(a.ifsc, a.bankCode),
		IFSC:             a.ifsc,
		AccountNumber:    a.accountNumber,
		BeneficiaryName:  a.beneficiaryName,
		ValidationAmount: json.Number(a.amount),
		Currency:         defaultCurrency,
		ValidationStatus: status,
		Metadata:         a.metadata,
	}, LastValidated: last}
}

// bankNames maps an IFSC's first four letters, or a bank code without JP_, to a name.
var bankNames = map[string]string{
	"HDFC": "HDFC Bank", "SBIN": "SBI", "SBI": "SBI", "ICIC": "ICICI Bank", "ICICI": "ICICI Bank",
	"UTIB": "Axis Bank", "AXIS": "Axis Bank", "KKBK": "Kotak Mahindra Bank", "KOTAK": "Kotak Mahindra Bank",
	"YESB": "Yes Bank", "YES": "Yes Bank", "PUNB": "Punjab National Bank", "PNB": "Punjab National Bank",
	"BARB": "Bank of Baroda", "BOB": "Bank of Baroda", "CNRB": "Canara Bank", "CANARA": "Canara Bank",
	"AABF": "AU Small Finance Bank", "IDIB": "Indian Bank", "UBIN": "Union Bank of India",
}

func bankName(ifsc, bankCode string) string {
	if len(ifsc) >= 4 {
		if n, ok := bankNames[ifsc[:4]]; ok {
			return n
		}
	}
	return bankNames[strings.TrimPrefix(bankCode, "JP_")]
}
