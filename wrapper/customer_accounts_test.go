package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.form")

func TestCustomerAccountMethods(t *testing.T) {
	ctx := context.Background()
	t.Run("create", func(t *testing.T) {
		c, rec := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")))
		a, err := c.CreateCustomerAccounts(ctx, "cst_1", AccountInput{VPA: "4225246777@yesg"})
		require.NoError(t, err)
		assert.Equal(t, "banh_qn2zdmZ4VAEFaBny", a.CustomerAccountID)
		assert.Equal(t, StatusActive, a.ValidationStatus)
		assert.Equal(t, "4225246777@yesg", a.AccountDetails.VPA)
		assert.Equal(t, Amount("1"), a.ValidationAmount, "amount kept as an exact number")
		assert.Equal(t, time.Date(2023, 6, 6, 13, 29, 49, 0, time.UTC), a.DateCreated.UTC())
		r := rec.all()[0]
		assert.Equal(t, "POST", r.Method)
		assert.Equal(t, "/customers/cst_1/accounts", r.Path)
		assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"))
		assert.Equal(t, "command=create&vpa=4225246777%40yesg", r.Body)
	})
	t.Run("create and validate", func(t *testing.T) {
		c, rec := setup(t, respond(200, sample(t, "validateCustomerAccount.200.json")))
		_, err := c.CreateAndValidateCustomerAccounts(ctx, "cst_1", AccountInput{BankAccount: &CustomerBankAccountInput{AccountNumber: "026291800001191", IFSC: "AABF0008032"}})
		require.NoError(t, err)
		assert.Equal(t, "account_number=026291800001191&command=validate&ifsc=AABF0008032", rec.all()[0].Body)
	})
	t.Run("validate", func(t *testing.T) {
		c, rec := setup(t, respond(200, sample(t, "validateCustomerAccount.200.json")))
		a, err := c.ValidateCustomerAccount(ctx, "cst_1", "banh_1", &ValidateInput{Amount: "1", GatewayID: "23"})
		require.NoError(t, err)
		assert.NotEmpty(t, a.CustomerAccountID)
		r := rec.all()[0]
		assert.Equal(t, "/customers/cst_1/customer-accounts/banh_1/validate", r.Path)
		assert.Equal(t, "gateway_id=23&validation_amount=1", r.Body)
	})
	t.Run("validate nil input", func(t *testing.T) {
		c, rec := setup(t, respond(200, sample(t, "validateCustomerAccount.200.json")))
		_, err := c.ValidateCustomerAccount(ctx, "cst_1", "banh_1", nil)
		require.NoError(t, err)
		assert.Equal(t, "", rec.all()[0].Body)
	})
	t.Run("get", func(t *testing.T) {
		c, rec := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")))
		_, err := c.GetCustomerAccount(ctx, "cst_1", "banh_1")
		require.NoError(t, err)
		r := rec.all()[0]
		assert.Equal(t, "GET", r.Method)
		assert.Equal(t, "/customers/cst_1/customer-accounts/banh_1", r.Path)
		assert.Empty(t, r.Header.Get("Content-Type"))
	})
	t.Run("list", func(t *testing.T) {
		c, rec := setup(t, respond(200, sample(t, "listCustomerAccounts.200.json")))
		l, err := c.ListCustomerAccounts(ctx, "cst_1", &ListOptions{Offset: 10, Count: 5})
		require.NoError(t, err)
		require.Len(t, l.List, 2)
		assert.Equal(t, StatusPending, l.List[1].ValidationStatus)
		assert.Equal(t, 2, int(l.Total))
		r := rec.all()[0]
		assert.Equal(t, "/customers/cst_1/customer-accounts/list", r.Path)
		assert.Equal(t, "count=5&offset=10", r.RawQuery)
		_, err = c.ListCustomerAccounts(ctx, "cst_1", &ListOptions{})
		require.NoError(t, err)
		assert.Equal(t, "", rec.all()[1].RawQuery, "zero paging is not sent")
	})
}

func TestBankAccountsV32Methods(t *testing.T) {
	ctx := context.Background()
	in := V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", BeneficiaryName: "test",
		Metadata: map[string]string{"param1": "value1", "param2": "value2"}}
	v := func(t *testing.T, h func(http.ResponseWriter, *http.Request, seen)) (*BankAccountsV32, *recorder) {
		c, rec := setup(t, h)
		return c.BankAccountsV32(), rec
	}
	t.Run("create", func(t *testing.T) {
		b, rec := v(t, respond(200, sample(t, "createBankAccount.200.json")))
		a, err := b.Create(ctx, "cst_1", in)
		require.NoError(t, err)
		assert.Equal(t, "ba_1d85C5cQuninwyie", a.ID)
		assert.True(t, a.LastValidated.IsZero(), "null last_validated decodes to the zero time")
		assert.Equal(t, map[string]string{"param1": "value1", "param2": "value2"}, map[string]string(a.Metadata))
		r := rec.all()[0]
		assert.Equal(t, "/customers/cst_1/bank-accounts", r.Path)
		// Juspay's documented sample request, keys sorted.
		assert.Equal(t, "account_number=40002323422&bank_code=JP_HDFC&beneficiary_name=test&command=create&ifsc=HDFC092343&metadata.param1=value1&metadata.param2=value2", r.Body)
	})
	t.Run("create and validate", func(t *testing.T) {
		b, rec := v(t, respond(200, sample(t, "createBankAccount.200.json")))
		_, err := b.CreateAndValidate(ctx, "cst_1", in)
		require.NoError(t, err)
		assert.Contains(t, rec.all()[0].Body, "command=validate")
	})
	t.Run("validate", func(t *testing.T) {
		b, rec := v(t, respond(200, sample(t, "createBankAccount.200.json")))
		_, err := b.Validate(ctx, "cst_1", "ba_1")
		require.NoError(t, err)
		r := rec.all()[0]
		assert.Equal(t, "POST /customers/cst_1/bank-accounts/ba_1/validate", r.Method+" "+r.Path)
	})
	t.Run("list", func(t *testing.T) {
		list := `{"object":"list","list":[` + string(sample(t, "createBankAccount.200.json")) + `],"count":1,"offset":0,"total":1}`
		b, rec := v(t, respond(200, []byte(list)))
		l, err := b.List(ctx, "cst_1")
		require.NoError(t, err)
		require.Len(t, l.List, 1)
		assert.Equal(t, "GET /customers/cst_1/bank-accounts/list", rec.all()[0].Method+" "+rec.all()[0].Path)
	})
	t.Run("get", func(t *testing.T) {
		b, rec := v(t, respond(200, sample(t, "createBankAccount.200.json")))
		_, err := b.Get(ctx, "cst_1", "ba_1")
		require.NoError(t, err)
		assert.Equal(t, "GET /customers/cst_1/bank-accounts/ba_1", rec.all()[0].Method+" "+rec.all()[0].Path)
	})
	t.Run("delete", func(t *testing.T) {
		b, rec := v(t, respond(200, sample(t, "deleteBankAccount.200.json")))
		d, err := b.Delete(ctx, "cst_1", "ba_1")
		require.NoError(t, err)
		assert.Equal(t, "deleted", d.BankAccountStatus)
		r := rec.all()[0]
		assert.Equal(t, "POST /customers/cst_1/bank-accounts/ba_1", r.Method+" "+r.Path)
		assert.Equal(t, "command=delete", r.Body)
	})
}

// everyCall runs each of the eleven methods once with valid input.
func everyCall(ctx context.Context, c *Client) map[string]error {
	b := c.BankAccountsV32()
	bank := AccountInput{BankAccount: &CustomerBankAccountInput{BankCode: "JP_SBI", AccountNumber: "026291800001191", IFSC: "SBIN0001234", BeneficiaryName: "Asha Rao"}, GatewayID: "23"}
	v32 := V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343", BeneficiaryName: "Ravi Kumar Sharma", Metadata: map[string]string{"note": "secret-metadata-value"}}
	out := map[string]error{}
	var err error
	_, err = c.CreateCustomerAccounts(ctx, "cst_1", bank)
	out["CreateCustomerAccounts"] = err
	_, err = c.CreateAndValidateCustomerAccounts(ctx, "cst_1", AccountInput{VPA: "9164326296@upi"})
	out["CreateAndValidateCustomerAccounts"] = err
	_, err = c.ValidateCustomerAccount(ctx, "cst_1", "banh_1", &ValidateInput{Amount: "1"})
	out["ValidateCustomerAccount"] = err
	_, err = c.GetCustomerAccount(ctx, "cst_1", "banh_1")
	out["GetCustomerAccount"] = err
	_, err = c.ListCustomerAccounts(ctx, "cst_1", nil)
	out["ListCustomerAccounts"] = err
	_, err = b.Create(ctx, "cst_1", v32)
	out["v32.Create"] = err
	_, err = b.CreateAndValidate(ctx, "cst_1", v32)
	out["v32.CreateAndValidate"] = err
	_, err = b.Validate(ctx, "cst_1", "ba_1")
	out["v32.Validate"] = err
	_, err = b.List(ctx, "cst_1")
	out["v32.List"] = err
	_, err = b.Get(ctx, "cst_1", "ba_1")
	out["v32.Get"] = err
	_, err = b.Delete(ctx, "cst_1", "ba_1")
	out["v32.Delete"] = err
	return out
}

// secrets are the values everyCall sends that must never show unmasked.
var secrets = []string{testKey, "026291800001191", "40002323422", "9164326296@upi", "9164326296", "Asha Rao", "Ravi Kumar Sharma", "secret-metadata-value"}

func TestGoldenForms(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request, s seen) {
		w.WriteHeader(500) // bodies are what this test is about
	}, WithRetryPolicy(NoRetries()))
	everyCall(context.Background(), c)
	reqs := rec.all()
	names := []string{"CreateCustomerAccounts", "CreateAndValidateCustomerAccounts", "ValidateCustomerAccount", "", "", "v32.Create", "v32.CreateAndValidate", "v32.Validate", "", "", "v32.Delete"}
	require.Len(t, reqs, len(names))
	for i, name := range names {
		if name == "" {
			assert.Equal(t, http.MethodGet, reqs[i].Method)
			continue
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "golden", name+".form")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(reqs[i].Body), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./wrapper -run TestGoldenForms -update")
			assert.Equal(t, string(want), reqs[i].Body)
			assert.Equal(t, "application/x-www-form-urlencoded", reqs[i].Header.Get("Content-Type"))
		})
	}
}

// Amounts that match validation_amount's pattern in openapi.yaml are sent
// without trailing zeros in the paise.
func TestAmountsArePlainDecimals(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "validateCustomerAccount.200.json")))
	for _, tt := range []struct{ in, want string }{
		{"100", "100"}, {"100.00", "100"}, {"10.0", "10"}, {"0.5", "0.5"}, {"0.50", "0.5"},
		{"99.99", "99.99"}, {"1.10", "1.1"}, {"0.01", "0.01"}, {"10.5", "10.5"},
	} {
		_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", &ValidateInput{Amount: Amount(tt.in)})
		require.NoError(t, err, tt.in)
		reqs := rec.all()
		assert.Equal(t, "validation_amount="+tt.want, reqs[len(reqs)-1].Body, tt.in)
	}
}

// Amounts a penny drop cannot be are refused before any byte is sent, with a
// reason that states the rule and never repeats the value.
func TestAmountBounds(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "validateCustomerAccount.200.json")))
	for _, in := range []string{
		"1e99999999", "1e-99999999", "NaN", "Inf", "+Inf", "-Inf", "Infinity", "0x10", "1_0",
		"1.005", "0.001", "100.01", "101", "1e3", "1000000", "12345678.9",
		"0", "0.00", "-1", "-0.01", "1,5", " 1", "1 ", ".5", "5.", "1e", "--1",
		"1e2", "5E-1", "1.0500e1", "007", "092",
		strings.Repeat("9", 33), "0." + strings.Repeat("0", 40) + "1",
	} {
		_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", &ValidateInput{Amount: Amount(in)})
		var ie *InputError
		if assert.ErrorAs(t, err, &ie, "%q", in) {
			assert.Equal(t, "validation_amount", ie.Field)
			if len(in) > 2 {
				assert.NotContains(t, ie.Error(), in, "the reason never repeats the value")
			}
		}
	}
	assert.Equal(t, 0, rec.count(), "nothing was sent")
}

func TestEscapingInForms(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "createBankAccount.200.json")))
	_, err := c.BankAccountsV32().Create(context.Background(), "cst_1", V32BankAccountInput{
		BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343",
		BeneficiaryName: "Zoë & Ram = 100% + co",
		Metadata:        map[string]string{"a b": "x&y=z+%", "ünï": "वैल्यू"},
	})
	require.NoError(t, err)
	assert.Equal(t, "account_number=40002323422&bank_code=JP_HDFC&beneficiary_name=Zo%C3%AB+%26+Ram+%3D+100%25+%2B+co&command=create&ifsc=HDFC092343"+
		"&metadata.a+b=x%26y%3Dz%2B%25&metadata.%C3%BCn%C3%AF=%E0%A4%B5%E0%A5%88%E0%A4%B2%E0%A5%8D%E0%A4%AF%E0%A5%82", rec.all()[0].Body)
}

func TestIDsCannotReachAnotherPath(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")))
	ctx := context.Background()
	for _, tt := range []struct{ id, wantPath string }{
		{"a/b", "/customers/cst_1/customer-accounts/a%2Fb"},
		{"%2F", "/customers/cst_1/customer-accounts/%252F"},
		{"..%2F..", "/customers/cst_1/customer-accounts/..%252F.."},
		{"ünï", "/customers/cst_1/customer-accounts/%C3%BCn%C3%AF"},
		{"a?b#c", "/customers/cst_1/customer-accounts/a%3Fb%23c"},
		{"a b", "/customers/cst_1/customer-accounts/a%20b"},
		{"...", "/customers/cst_1/customer-accounts/..."},
	} {
		_, err := c.GetCustomerAccount(ctx, "cst_1", tt.id)
		require.NoError(t, err, tt.id)
		reqs := rec.all()
		assert.Equal(t, tt.wantPath, reqs[len(reqs)-1].Path, tt.id)
	}
	_, err := c.GetCustomerAccount(ctx, "x/../../y", "banh_1")
	require.NoError(t, err)
	reqs := rec.all()
	assert.Equal(t, "/customers/x%2F..%2F..%2Fy/customer-accounts/banh_1", reqs[len(reqs)-1].Path)

	n := rec.count()
	for _, id := range []string{"..", ".", "list"} {
		_, err := c.GetCustomerAccount(ctx, "cst_1", id)
		var ie *InputError
		require.ErrorAs(t, err, &ie, id)
		assert.Equal(t, "customer_account_id", ie.Field)
		_, err = c.BankAccountsV32().Get(ctx, "cst_1", id)
		require.ErrorAs(t, err, &ie, id)
		assert.Equal(t, "bank_account_id", ie.Field)
	}
	for _, id := range []string{"..", "."} {
		_, err := c.ListCustomerAccounts(ctx, id, nil)
		var ie *InputError
		require.ErrorAs(t, err, &ie, id)
		assert.Equal(t, "customer_id", ie.Field)
	}
	assert.Equal(t, n, rec.count(), "refused ids send nothing")
}

func TestInputErrorsSendNothing(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")))
	ctx := context.Background()
	b := c.BankAccountsV32()
	okBank := &CustomerBankAccountInput{AccountNumber: "026291800001191", IFSC: "SBIN0001234"}
	okV32 := V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC092343"}
	withV32 := func(f func(*V32BankAccountInput)) V32BankAccountInput { in := okV32; f(&in); return in }
	tests := []struct {
		name, field string
		call        func() error
	}{
		{"empty customer id", "customer_id", func() error { _, err := c.GetCustomerAccount(ctx, "", "banh_1"); return err }},
		{"spaced customer id", "customer_id", func() error { _, err := c.ListCustomerAccounts(ctx, " cst", nil); return err }},
		{"control char id", "customer_account_id", func() error { _, err := c.GetCustomerAccount(ctx, "cst", "a\x00b"); return err }},
		{"invalid utf8 id", "customer_account_id", func() error { _, err := c.GetCustomerAccount(ctx, "cst", "a\xffb"); return err }},
		{"empty account id", "customer_account_id", func() error { _, err := c.ValidateCustomerAccount(ctx, "cst", "", nil); return err }},
		{"empty bank account id", "bank_account_id", func() error { _, err := b.Delete(ctx, "cst", ""); return err }},
		{"empty routing id", "x-routing-id", func() error { _, err := c.GetCustomerAccount(ctx, "cst", "banh", WithRoutingID(" ")); return err }},
		{"routing id newline", "x-routing-id", func() error { _, err := c.GetCustomerAccount(ctx, "cst", "banh", WithRoutingID("a\nb")); return err }},
		{"neither bank nor vpa", "bank_account", func() error { _, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{}); return err }},
		{"both bank and vpa", "vpa", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{BankAccount: okBank, VPA: "a@upi"})
			return err
		}},
		{"missing account number", "account_number", func() error {
			_, err := c.CreateAndValidateCustomerAccounts(ctx, "cst", AccountInput{BankAccount: &CustomerBankAccountInput{IFSC: "SBIN0001234"}})
			return err
		}},
		{"account number with space", "account_number", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{BankAccount: &CustomerBankAccountInput{AccountNumber: "0262 918", IFSC: "SBIN0001234"}})
			return err
		}},
		{"missing ifsc", "ifsc", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{BankAccount: &CustomerBankAccountInput{AccountNumber: "026291800001191"}})
			return err
		}},
		{"blank name", "beneficiary_name", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{BankAccount: &CustomerBankAccountInput{AccountNumber: "1", IFSC: "I", BeneficiaryName: "  "}})
			return err
		}},
		{"vpa without at", "vpa", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{VPA: "9164326296"})
			return err
		}},
		{"vpa two ats", "vpa", func() error { _, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{VPA: "a@b@c"}); return err }},
		{"vpa trailing at", "vpa", func() error { _, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{VPA: "abc@"}); return err }},
		{"gateway id with space", "gateway_id", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{VPA: "a@upi", GatewayID: "2 3"})
			return err
		}},
		{"gateway ref control", "gateway_reference_id", func() error {
			_, err := c.CreateCustomerAccounts(ctx, "cst", AccountInput{VPA: "a@upi", GatewayReferenceID: "a\tb"})
			return err
		}},
		{"bad amount", "validation_amount", func() error {
			_, err := c.ValidateCustomerAccount(ctx, "cst", "banh", &ValidateInput{Amount: "1,5"})
			return err
		}},
		{"zero amount", "validation_amount", func() error {
			_, err := c.ValidateCustomerAccount(ctx, "cst", "banh", &ValidateInput{Amount: "0.00"})
			return err
		}},
		{"negative amount", "validation_amount", func() error {
			_, err := c.ValidateCustomerAccount(ctx, "cst", "banh", &ValidateInput{Amount: "-1"})
			return err
		}},
		{"validate gateway space", "gateway_id", func() error {
			_, err := c.ValidateCustomerAccount(ctx, "cst", "banh", &ValidateInput{GatewayID: " "})
			return err
		}},
		{"negative offset", "offset", func() error { _, err := c.ListCustomerAccounts(ctx, "cst", &ListOptions{Offset: -1}); return err }},
		{"negative count", "count", func() error { _, err := c.ListCustomerAccounts(ctx, "cst", &ListOptions{Count: -1}); return err }},
		{"v32 missing bank code", "bank_code", func() error {
			_, err := b.Create(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.BankCode = "" }))
			return err
		}},
		{"v32 missing account number", "account_number", func() error {
			_, err := b.CreateAndValidate(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.AccountNumber = "" }))
			return err
		}},
		{"v32 missing ifsc", "ifsc", func() error {
			_, err := b.Create(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.IFSC = "" }))
			return err
		}},
		{"v32 gateway space", "gateway_id", func() error {
			_, err := b.Create(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.GatewayID = "a b" }))
			return err
		}},
		{"v32 gateway ref blank", "gateway_reference_id", func() error {
			_, err := b.Create(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.GatewayReferenceID = " " }))
			return err
		}},
		{"v32 empty metadata key", "metadata", func() error {
			_, err := b.Create(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.Metadata = map[string]string{"": "v"} }))
			return err
		}},
		{"v32 control metadata key", "metadata", func() error {
			_, err := b.Create(ctx, "cst", withV32(func(i *V32BankAccountInput) { i.Metadata = map[string]string{"a\nb": "v"} }))
			return err
		}},
		{"v32 list empty customer", "customer_id", func() error { _, err := b.List(ctx, ""); return err }},
		{"v32 validate dot id", "bank_account_id", func() error { _, err := b.Validate(ctx, "cst", ".."); return err }},
		{"v32 create empty customer", "customer_id", func() error { _, err := b.Create(ctx, "", okV32); return err }},
		{"create empty customer", "customer_id", func() error { _, err := c.CreateCustomerAccounts(ctx, "", AccountInput{VPA: "a@upi"}); return err }},
		{"validate empty customer", "customer_id", func() error { _, err := c.ValidateCustomerAccount(ctx, "", "banh", nil); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tt.field, ie.Field)
			assert.NotEmpty(t, ie.Reason)
			assert.True(t, errors.Is(err, ErrInvalidInput))
			assert.Contains(t, err.Error(), tt.field)
		})
	}
	assert.Equal(t, 0, rec.count(), "no request reaches the server")
}

func TestDecodedModelsKeepEveryField(t *testing.T) {
	c, _ := setup(t, respond(200, sample(t, "validateCustomerAccount.200.json")))
	a, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", nil)
	require.NoError(t, err)
	var want map[string]any
	require.NoError(t, json.Unmarshal(sample(t, "validateCustomerAccount.200.json"), &want))
	got, err := json.Marshal(a)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(got, &back))
	for k := range want {
		if want[k] == nil {
			continue
		}
		assert.Contains(t, back, k, "field %s survives decoding", k)
	}
}
