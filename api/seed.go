package api

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pennydrop/juspay-accounts/gen"
)

// SeedAccount is an account to create before a test or a `serve` session
// runs, in a given state. It is created through the API's own create (so the
// same input rules apply, and it belongs to Key), then, for PENDING, ACTIVE or
// FAILURE, given one penny drop with that outcome.
type SeedAccount struct {
	// CustomerID owns the account (required).
	CustomerID string `json:"customer_id"`
	// Key is the API key the account is created with, and so the merchant
	// that owns it (default: the first key the server accepts).
	Key string `json:"key,omitempty"`
	// RoutingID is the x-routing-id the create is sent with (default: the
	// customer id, as Juspay recommends). A customer's first account pins
	// it: later calls for the customer must send the same value.
	RoutingID string `json:"routing_id,omitempty"`
	// VPA, for a UPI account; or AccountNumber and IFSC (with BankCode and
	// BeneficiaryName, optional) for a bank account.
	VPA             string `json:"vpa,omitempty"`
	AccountNumber   string `json:"account_number,omitempty"`
	IFSC            string `json:"ifsc,omitempty"`
	BankCode        string `json:"bank_code,omitempty"`
	BeneficiaryName string `json:"beneficiary_name,omitempty"`
	// V32 creates a deprecated v3.2 bank account (id ba_...; BankCode is
	// then required) instead of a customer account (id banh_...).
	V32 bool `json:"v32,omitempty"`
	// Metadata is sent as metadata.KEY fields (v3.2 only).
	Metadata map[string]string `json:"metadata,omitempty"`
	// Status is the state to leave it in: CREATED (default), PENDING,
	// ACTIVE or FAILURE. A validated seed has had one penny drop.
	Status gen.ValidationStatus `json:"status,omitempty"`
	// ID replaces the generated id (at most 64 letters, digits, '_' and '-'),
	// for example with a document's; it must be free for the customer.
	ID string `json:"id,omitempty"`
}

// Seed creates the accounts in order and returns their ids. It stops at the
// first one the API refuses, naming it and the reason (those before it stay).
// Seeding is not recorded, and no fault or failure rate applies to it.
func (s *Server) Seed(ctx context.Context, accounts ...SeedAccount) ([]string, error) {
	ids := make([]string, 0, len(accounts))
	for i, a := range accounts {
		id, err := s.seedOne(ctx, a)
		if err != nil {
			return ids, fmt.Errorf("api: seed account %d: %w", i, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// ReadSeed reads a JSON array of SeedAccount (the format of `serve --seed`),
// refusing unknown fields.
func ReadSeed(r io.Reader) ([]SeedAccount, error) {
	dec := json.NewDecoder(io.LimitReader(r, 16<<20))
	dec.DisallowUnknownFields()
	var out []SeedAccount
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("api: seed: want a JSON array of accounts: %w", err)
	}
	return out, nil
}

// ReadSeedFile is ReadSeed on a file.
func ReadSeedFile(path string) ([]SeedAccount, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("api: seed: %w", err)
	}
	defer f.Close()
	return ReadSeed(f)
}

// seedID is the form of SeedAccount.ID: safe in a path segment.
var seedID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func (s *Server) seedOne(ctx context.Context, a SeedAccount) (string, error) {
	if a.CustomerID == "" {
		return "", errors.New("customer_id is required")
	}
	if a.ID != "" && !seedID.MatchString(a.ID) {
		return "", errors.New("id: want 1 to 64 letters, digits, '_' or '-'")
	}
	outcome := Outcome(a.Status) // PENDING, ACTIVE or FAILURE: one penny drop with it
	if a.Status == gen.ValidationStatusCreated {
		outcome = ""
	}
	if outcome != "" && outcome.check() != nil {
		return "", errors.New("status: want CREATED, PENDING, ACTIVE or FAILURE")
	}
	key, routing := cmp.Or(a.Key, s.cfg.keys[0]), cmp.Or(a.RoutingID, a.CustomerID)
	owner := slices.Index(s.cfg.keys, key) // -1 for a key not accepted: the create answers 401
	form := url.Values{}
	for k, v := range map[string]string{"vpa": a.VPA, "account_number": a.AccountNumber, "ifsc": a.IFSC, "bank_code": a.BankCode, "beneficiary_name": a.BeneficiaryName} {
		if v != "" {
			form.Set(k, v)
		}
	}
	for k, v := range a.Metadata {
		form.Set("metadata."+k, v)
	}
	createPath := "/customers/" + url.PathEscape(a.CustomerID) + "/accounts"
	if a.V32 {
		createPath = "/customers/" + url.PathEscape(a.CustomerID) + "/bank-accounts"
	} else if len(a.Metadata) > 0 {
		return "", errors.New("metadata is only for v32 accounts")
	}
	body, err := s.internalCall(ctx, key, routing, createPath, form.Encode())
	if err != nil {
		return "", err
	}
	var created struct {
		ID                string `json:"id"` // v3.2
		CustomerAccountID string `json:"customer_account_id"`
	}
	if err := json.Unmarshal(body, &created); err != nil {
		return "", err
	}
	id := cmp.Or(created.ID, created.CustomerAccountID) // a 200 has one
	if a.ID != "" {
		if !s.store.rename(s.customerKey(owner, a.CustomerID), id, a.ID) {
			return "", fmt.Errorf("id %q is taken for this customer", a.ID)
		}
		id = a.ID
	}
	if outcome == "" {
		return id, nil
	}
	forced := func(*account, time.Duration) (gen.ValidationStatus, time.Duration) { return outcome.status(0) }
	if _, serr := s.store.validate(s.customerKey(owner, a.CustomerID), id, nil, s.now(), defaultValidationAmount, 0, forced); serr != storeOK {
		return "", errors.New(s.storeError(serr).body.ErrorInfo.DeveloperMessage)
	}
	return id, nil
}

// internalCall POSTs a form past validation and handlers (no recording or faults).
func (s *Server) internalCall(ctx context.Context, key, routingID, path, form string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://emulator"+path, strings.NewReader(form))
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(key, "")
	req.Header.Set("X-Routing-Id", routingID)
	req.Header.Set("Content-Type", formMediaType) // an empty form goes as http.NoBody
	w := httptest.NewRecorder()
	rw := &recorder{ResponseWriter: w, internal: true}
	rw.Header().Set(requestIDHeader, newRequestID())
	s.ops.ServeHTTP(rw, req)
	if w.Code != http.StatusOK {
		var e gen.ErrorResponse
		_ = json.Unmarshal(w.Body.Bytes(), &e)
		return nil, fmt.Errorf("the emulator answered %d %s: %s", w.Code, e.ErrorCode, cmp.Or(e.ErrorMessage, e.ErrorInfo.DeveloperMessage))
	}
	return w.Body.Bytes(), nil
}
