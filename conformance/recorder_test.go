package conformance

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Real-looking personal data the recorder must never write out.
const (
	liveKey     = "A04A9E3B1C2D4E5F6A7B8C9D0E1F2A3B"
	liveAccount = "50100123456789"
	liveVPA     = "asha.rao.1987@okhdfcbank"
	liveName    = "Asha Rao"
	liveMeta    = "order-ref-77812345"
)

func personalServer(t *testing.T) *httptest.Server {
	t.Helper()
	body := `{"object":"customer_account","customer_account_id":"banh_kGvx5TGUmkRVC2dH","customer_id":"cst_1",` +
		`"date_created":"2023-06-06T13:28:20Z","account_details":{"bank_account":{"account":"` + liveAccount +
		`","name":"` + liveName + `","ifsc":"HDFC0001234","bank_name":"HDFC Bank"}},"validation_amount":1,` +
		`"currency":"INR","validation_status":"CREATED","last_validated":null}`
	listBody := `{"object":"list","list":[{"object":"customer_account","customer_account_id":"banh_2","customer_id":"cst_1",` +
		`"account_details":{"vpa":"` + liveVPA + `"},"validation_status":"ACTIVE","validation_amount":"1.00"}],"offset":0,"count":1,"total":1}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "session="+liveKey)
		if strings.HasSuffix(r.URL.Path, "/bank-accounts") {
			_, _ = io.WriteString(w, `{"object":"bank_account","id":"ba_1","customer_id":"cst_1","account_number":"`+liveAccount+
				`","beneficiary_name":"`+liveName+`","ifsc":"HDFC0001234","metadata":{"ref":"`+liveMeta+`"}}`)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/list") {
			_, _ = io.WriteString(w, listBody)
			return
		}
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func personalRequests(t *testing.T, base string) []*http.Request {
	t.Helper()
	form := "account_number=" + liveAccount + "&bank_code=JP_HDFC&beneficiary_name=Asha+Rao&ifsc=HDFC0001234"
	create, err := http.NewRequest(http.MethodPost, base+"/customers/cst_1/accounts", strings.NewReader(form))
	require.NoError(t, err)
	create.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	list, err := http.NewRequest(http.MethodGet, base+"/customers/cst_1/customer-accounts/list?count=1", nil)
	require.NoError(t, err)
	v32, err := http.NewRequest(http.MethodPost, base+"/customers/cst_1/bank-accounts", strings.NewReader(form+"&metadata.ref="+liveMeta))
	require.NoError(t, err)
	v32.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	reqs := []*http.Request{create, list, v32}
	for _, r := range reqs {
		r.Header.Set("Authorization", basic(liveKey))
		r.Header.Set("X-Routing-Id", "cst_1")
	}
	return reqs
}

func TestRecorderRedactsAndReplays(t *testing.T) {
	srv := personalServer(t)
	rec, err := NewRecorder(OriginSynthetic, "recorder test", nil)
	require.NoError(t, err)
	client := &http.Client{Transport: rec}
	for _, req := range personalRequests(t, srv.URL) {
		resp, err := client.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		// The caller still gets the real bytes: only the cassette is redacted.
		assert.True(t, strings.Contains(string(body), liveAccount) || strings.Contains(string(body), liveVPA))
	}

	path := filepath.Join(t.TempDir(), "rec.json")
	require.NoError(t, rec.Cassette().Save(path))
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	text := string(raw)
	for _, secret := range []string{
		liveKey, base64.StdEncoding.EncodeToString([]byte(liveKey + ":")), liveAccount, liveVPA, "asha.rao",
		liveName, "Asha+Rao", "Rao", liveMeta,
	} {
		assert.NotContains(t, text, secret, "the cassette leaks %q", secret)
	}
	assert.Contains(t, text, "XXXXXXXXXX6789", "account numbers keep their last four digits")
	assert.Contains(t, text, "****@okhdfcbank", "VPAs keep their provider")

	c, err := LoadCassette(path)
	require.NoError(t, err)
	require.Len(t, c.Interactions, 3)
	assert.Equal(t, []string{"createCustomerAccounts", "listCustomerAccounts", "createBankAccount"},
		[]string{c.Interactions[0].Operation, c.Interactions[1].Operation, c.Interactions[2].Operation})

	// Redaction keeps every recorded exchange schema-valid, Basic check included.
	v := newValidator(t)
	for i, in := range c.Interactions {
		assert.NoError(t, v.ValidateExchange(context.Background(), in.Exchange()), "interaction %d", i)
	}

	// Replay: the same calls get the recorded (redacted) responses, which validate.
	replay := NewReplayServer(t, c)
	for i, req := range personalRequests(t, replay.URL) {
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		assert.Equal(t, c.Interactions[i].Response.Status, resp.StatusCode)
		assert.NoError(t, v.Validate(context.Background(), req, resp), "replayed interaction %d", i)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.JSONEq(t, string(c.Interactions[i].Response.JSON), string(body))
	}
}

func TestRecordedAuthorizationStaysHonest(t *testing.T) {
	h := http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(liveKey+":oops"))}}
	got := recordHeader(nil, h)
	assert.Equal(t, "[REDACTED]", got.Get("Authorization"), "a malformed credential is not dressed up as a valid one")
	got = recordHeader(nil, http.Header{"Authorization": {basic(liveKey)}})
	assert.Equal(t, basic("[REDACTED]"), got.Get("Authorization"))
}

func TestReplayerMisses(t *testing.T) {
	c := &Cassette{Version: CassetteVersion, Origin: OriginSynthetic, Interactions: []Interaction{{
		Operation: "listCustomerAccounts",
		Request:   RecordedRequest{Method: "GET", Path: "/customers/cst_1/customer-accounts/list"},
		Response:  RecordedResponse{Status: 200, Header: jsonHeader(), JSON: []byte(`{"object":"list","list":[]}`)},
	}}}
	p := NewReplayer(c)
	srv := httptest.NewServer(p)
	defer srv.Close()
	get := func(path string) int {
		resp, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	assert.Equal(t, []string{"listCustomerAccounts GET /customers/cst_1/customer-accounts/list"}, p.Unused())
	assert.Equal(t, 200, get("/customers/cst_1/customer-accounts/list"))
	assert.Empty(t, p.Unused())
	assert.Equal(t, http.StatusNotImplemented, get("/customers/cst_1/customer-accounts/list"), "each interaction is served once")
	assert.Equal(t, http.StatusNotImplemented, get("/customers/cst_2/customer-accounts/list"))
	assert.Len(t, p.Misses(), 2)
}

func TestLoadCassetteRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"origin.json":  `{"version":1,"origin":"juspay-ish","interactions":[]}`,
		"version.json": `{"version":9,"origin":"live","interactions":[]}`,
		"unknown.json": `{"version":1,"origin":"live","interactions":[],"extra":1}`,
		"broken.json":  `{`,
	} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		_, err := LoadCassette(p)
		assert.Error(t, err, name)
	}
	assert.Error(t, (&Cassette{}).Save(filepath.Join(dir, "x.json")), "a cassette needs an origin")
}
