package snippets

//lint:file-ignore SA1019 the snippets of the deprecated v3.2 operations are run too.

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"testing"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/internal/apidoc"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestEveryOperationHasASnippet: docs/API.md shows a Go call for every
// operation of the spec, and no snippet names an operation the spec lacks.
func TestEveryOperationHasASnippet(t *testing.T) {
	src, err := os.ReadFile("snippets.go")
	if err != nil {
		t.Fatal(err)
	}
	sn, err := apidoc.ParseSnippets("snippets.go", src)
	if err != nil {
		t.Fatal(err)
	}
	if sn.Setup == "" {
		t.Error("no //apidoc:setup function")
	}
	doc, err := apidoc.Load(juspayaccounts.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, o := range apidoc.Operations(doc) {
		ids[o.Op.OperationID] = true
		if len(sn.ByOperation[o.Op.OperationID]) == 0 {
			t.Errorf("operation %s has no snippet: add a function marked //apidoc:operation %s", o.Op.OperationID, o.Op.OperationID)
		}
	}
	for id := range sn.ByOperation {
		if !ids[id] {
			t.Errorf("a snippet names operation %s, which openapi.yaml does not have", id)
		}
	}
}

// field reads a JSON field of a response model without naming its Go field.
func field(t *testing.T, v any, name string) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	s, _ := m[name].(string)
	if s == "" {
		t.Fatalf("no %s in %s", name, b)
	}
	return s
}

// TestSnippetsRunAgainstTheEmulator runs every snippet over HTTP against the
// emulator and checks what each did to its state.
func TestSnippetsRunAgainstTheEmulator(t *testing.T) {
	emu := api.New(api.WithValidationDelay(0))
	srv := httptest.NewServer(emu)
	defer srv.Close()
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	must := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	const cst = "cst_snippets"

	must("createCustomerAccount", createCustomerAccount(ctx, client, cst))
	must("createAndValidateCustomerAccount", createAndValidateCustomerAccount(ctx, client, cst))
	must("listCustomerAccounts", listCustomerAccounts(ctx, client, cst))
	page, err := client.ListCustomerAccounts(ctx, cst, nil)
	must("list", err)
	if len(page.List) != 2 {
		t.Fatalf("the create snippets made %d accounts, want 2", len(page.List))
	}
	var bankID string
	for _, a := range page.List {
		if a.ValidationStatus == wrapper.StatusCreated {
			bankID = field(t, a, "customer_account_id")
		}
	}
	if bankID == "" {
		t.Fatal("no CREATED account after createCustomerAccount")
	}
	must("validateCustomerAccount", validateCustomerAccount(ctx, client, cst, bankID))
	if n, ok := emu.Validations(cst, bankID); !ok || n != 1 {
		t.Fatalf("validations of %s = %d (exists %v), want 1", bankID, n, ok)
	}
	must("getCustomerAccount", getCustomerAccount(ctx, client, cst, bankID))
	must("getCustomerAccount (unknown id)", getCustomerAccount(ctx, client, cst, "banh_unknown"))

	must("createBankAccountV32", createBankAccountV32(ctx, client, cst))
	list, err := client.BankAccountsV32().List(ctx, cst)
	must("v32 list", err)
	var v32ID string
	for _, a := range list.List {
		if id := field(t, a, "id"); id != bankID {
			v32ID = id
		}
	}
	if v32ID == "" {
		t.Fatal("createBankAccountV32 made no v3.2 account")
	}
	must("validateBankAccountV32", validateBankAccountV32(ctx, client, cst, v32ID))
	if n, _ := emu.Validations(cst, v32ID); n != 1 {
		t.Fatalf("validations of %s = %d, want 1", v32ID, n)
	}
	must("listBankAccountsV32", listBankAccountsV32(ctx, client, cst))
	must("getBankAccountV32", getBankAccountV32(ctx, client, cst, v32ID))
	must("deleteBankAccountV32", deleteBankAccountV32(ctx, client, cst, v32ID))
	if _, err := client.BankAccountsV32().Get(ctx, cst, v32ID); err == nil {
		t.Fatal("the account is still there after deleteBankAccountV32")
	}
	if err := getBankAccountV32(ctx, client, cst, v32ID); err == nil {
		t.Fatal("getBankAccountV32 of a deleted account: no error")
	}
}

// TestSetupSnippet: the setup snippet makes a sandbox client from the
// environment.
func TestSetupSnippet(t *testing.T) {
	t.Setenv("JUSPAY_API_KEY", "test_key")
	c, err := newClient()
	if err != nil || c == nil {
		t.Fatalf("newClient() = %v, %v", c, err)
	}
}
