package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// controlCall sends a control request with the default key (auth "-" for
// none) and returns the status and the decoded JSON body (nil when empty).
func controlCall(t *testing.T, e *emu, method, path, body, auth string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	switch auth {
	case "":
		req.Header.Set("Authorization", basic(api.DefaultTestKey, ""))
	case "-":
	default:
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var m map[string]any
	if len(b) > 0 {
		require.NoError(t, json.Unmarshal(b, &m), "%s", b)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, m
}

// TestControlEndpoint drives every control route over HTTP: seeding, forcing
// a validation and a fault, reading and clearing the rules and the recorded
// requests; and its refusals (no key, bad JSON, wrong method, unknown route).
func TestControlEndpoint(t *testing.T) {
	t.Parallel()
	e := start(t, api.WithControl(), api.WithValidationDelay(0))

	status, m := controlCall(t, e, "GET", "/_emulator/", "", "")
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, m["routes"], 7)

	status, m = controlCall(t, e, "POST", "/_emulator/accounts", `[{"customer_id":"c1","routing_id":"rid","vpa":"asha@okhdfc"}]`, "")
	require.Equal(t, http.StatusCreated, status, "%v", m)
	id := m["ids"].([]any)[0].(string)

	status, m = controlCall(t, e, "POST", "/_emulator/validations", `{"account_id":"`+id+`","outcome":"FAILURE","delay":"0s"}`, "")
	require.Equal(t, http.StatusCreated, status, "%v", m)
	assert.Len(t, m["validations"], 1)
	status, m = controlCall(t, e, "POST", "/_emulator/faults", `{"operation":"listCustomerAccounts","status":503,"times":1}`, "")
	require.Equal(t, http.StatusCreated, status, "%v", m)
	status, m = controlCall(t, e, "GET", "/_emulator/rules", "", "")
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, m["faults"], 1)

	assert.Equal(t, "FAILURE", validateNew(t, e, "c1", id, "")["validation_status"])
	assert.Equal(t, http.StatusServiceUnavailable, e.do(call{method: "GET", path: "/customers/c1/customer-accounts/list"}).status)

	status, m = controlCall(t, e, "GET", "/_emulator/requests?operation=validateCustomerAccount", "", "")
	require.Equal(t, http.StatusOK, status)
	reqs := m["requests"].([]any)
	require.Len(t, reqs, 1, "seeding is not recorded; the filter keeps one operation")
	got := reqs[0].(map[string]any)
	assert.Equal(t, "rid", got["header"].(map[string]any)["X-Routing-Id"].([]any)[0])
	status, m = controlCall(t, e, "GET", "/_emulator/requests?customer_id=c1", "", "")
	require.Equal(t, http.StatusOK, status)
	require.Len(t, m["requests"], 2)
	assert.Equal(t, true, m["requests"].([]any)[1].(map[string]any)["forced"])

	status, _ = controlCall(t, e, "DELETE", "/_emulator/requests", "", "")
	assert.Equal(t, http.StatusNoContent, status)
	status, _ = controlCall(t, e, "DELETE", "/_emulator/rules", "", "")
	assert.Equal(t, http.StatusNoContent, status)
	_, m = controlCall(t, e, "GET", "/_emulator/requests", "", "")
	assert.Empty(t, m["requests"])
	_, m = controlCall(t, e, "GET", "/_emulator/rules", "", "")
	assert.Empty(t, m["validations"])

	for _, c := range []struct {
		method, path, body, auth string
		status                   int
		says                     string
	}{
		{"GET", "/_emulator/rules", "", "-", http.StatusUnauthorized, "access_denied"},
		{"GET", "/_emulator/rules", "", basic("other", ""), http.StatusUnauthorized, "access_denied"},
		{"POST", "/_emulator/validations", `{"outcome":"MAYBE"}`, "", http.StatusBadRequest, "want ACTIVE, FAILURE or PENDING"},
		{"POST", "/_emulator/validations", `{"outcome":"ACTIVE","colour":1}`, "", http.StatusBadRequest, "unknown field"},
		{"POST", "/_emulator/validations", `{"outcome":"ACTIVE"} {}`, "", http.StatusBadRequest, "trailing data"},
		{"POST", "/_emulator/faults", `{"status":503,"delay":"forever"}`, "", http.StatusBadRequest, "duration"},
		{"POST", "/_emulator/accounts", `[{"customer_id":"c9","ifsc":"BAD","account_number":"1"}]`, "", http.StatusBadRequest, "seed account 0"},
		{"PUT", "/_emulator/rules", "", "", http.StatusMethodNotAllowed, "not allowed"},
		{"GET", "/_emulator/nope", "", "", http.StatusNotFound, "control route"},
	} {
		status, m := controlCall(t, e, c.method, c.path, c.body, c.auth)
		assert.Equal(t, c.status, status, "%s %s %s", c.method, c.path, c.body)
		b, _ := json.Marshal(m)
		assert.Contains(t, string(b), c.says, "%s %s %s", c.method, c.path, c.body)
	}

	off := start(t)
	status, _ = controlCall(t, off, "GET", "/_emulator/rules", "", "")
	assert.Equal(t, http.StatusNotFound, status, "no control endpoint unless WithControl")
}
