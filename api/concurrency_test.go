package api_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// TestHammer sends creates (both families), validates, gets, lists and
// deletes from many goroutines to a few shared customers, then checks that
// every account whose create succeeded is listed exactly once (unless this
// test deleted it) and that nothing else is.
func TestHammer(t *testing.T) {
	const (
		workers   = 24
		perWorker = 24
		customers = 6
	)
	e := start(t, api.WithValidationDelay(0), api.WithMaxAccountsPerCustomer(workers*perWorker))
	type created struct{ customer, id string }
	var (
		mu      sync.Mutex
		made    []created
		deleted = map[string]bool{}
	)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				cust := fmt.Sprintf("cst_%d", (w+i)%customers)
				var c call
				idKey := "customer_account_id"
				if i%2 == 0 {
					c = call{method: "POST", path: "/customers/" + cust + "/accounts", body: fmt.Sprintf("vpa=w%di%d@upi&command=validate", w, i)}
				} else {
					c = call{method: "POST", path: "/customers/" + cust + "/bank-accounts", body: fmt.Sprintf("bank_code=JP_HDFC&ifsc=HDFC0000001&account_number=9%04d%04d1", w, i)}
					idKey = "id"
				}
				r, err := e.send(c)
				if !assert.NoError(t, err) || !assert.Equal(t, http.StatusOK, r.status, "%s", r.body) {
					return
				}
				id, _ := r.json(t)[idKey].(string)
				mu.Lock()
				made = append(made, created{cust, id})
				mu.Unlock()
				// Reads, a validate and, for every fourth v3.2 account, a delete, interleaved.
				_, err = e.send(call{method: "GET", path: "/customers/" + cust + "/customer-accounts/list"})
				assert.NoError(t, err)
				_, err = e.send(call{method: "GET", path: "/customers/" + cust + "/customer-accounts/" + id})
				assert.NoError(t, err)
				if idKey == "id" {
					r, err := e.send(call{method: "POST", path: "/customers/" + cust + "/bank-accounts/" + id + "/validate"})
					assert.NoError(t, err)
					assert.Equal(t, http.StatusOK, r.status, "%s", r.body)
				}
				if idKey == "id" && i%4 == 1 {
					r, err := e.send(call{method: "POST", path: "/customers/" + cust + "/bank-accounts/" + id, body: "command=delete"})
					if assert.NoError(t, err) && assert.Equal(t, http.StatusOK, r.status, "%s", r.body) {
						mu.Lock()
						deleted[id] = true
						mu.Unlock()
					}
				}
			}
		})
	}
	wg.Wait()
	require.Len(t, made, workers*perWorker)

	want := map[string]map[string]bool{}
	for _, m := range made {
		if want[m.customer] == nil {
			want[m.customer] = map[string]bool{}
		}
		require.False(t, want[m.customer][m.id], "id %s returned twice", m.id)
		if !deleted[m.id] {
			want[m.customer][m.id] = true
		}
	}
	kept := 0
	for cust, ids := range want {
		l := e.do(call{method: "GET", path: "/customers/" + cust + "/customer-accounts/list"}).json(t)
		got := map[string]bool{}
		for _, id := range pluck(l, "customer_account_id") {
			assert.False(t, got[id.(string)], "listed twice: %s", id)
			got[id.(string)] = true
		}
		assert.Equal(t, ids, got, cust)
		assert.EqualValues(t, len(ids), l["total"])
		kept += len(ids)
		for id := range ids {
			n, ok := e.api.Validations(cust, id)
			assert.True(t, ok)
			assert.Equal(t, 1, n, "one penny drop per account")
		}
	}
	assert.Equal(t, workers*perWorker-len(deleted), kept)
	assert.NotEmpty(t, deleted)
}
