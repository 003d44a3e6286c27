package wrapper

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	var buf syncBuffer
	c, rec := setup(t, statusSequence(sample(t, "getCustomerAccount.200.json"), 503, 503), WithLogger(debugLogger(&buf)))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 4 {
				_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1", WithRoutingID("r"+strings.Repeat("x", i)))
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Equal(t, 64+2, rec.count(), "64 calls, two of them retried once")
}

// FuzzIDStaysInItsPathSegment checks that any id the wrapper accepts lands,
// intact, in exactly its own path segment.
func FuzzIDStaysInItsPathSegment(f *testing.F) {
	for _, s := range []string{"banh_1", "a/b", "..", ".", "%2F", "ünï", "a?b#c", "..%2F", "list", "a\\b", ";x=y"} {
		f.Add(s)
	}
	c, err := New(testKey, WithBaseURL("http://127.0.0.1:1/prefix"))
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, id string) {
		var got *http.Request
		c2 := *c
		hc := *c.base.hc
		hc.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r
			return &http.Response{StatusCode: 200, Body: http.NoBody, Header: http.Header{}}, nil
		})
		c2.base.hc = &hc
		_, err := c2.GetCustomerAccount(context.Background(), "cst_1", id)
		if got == nil {
			require.Error(t, err, "nothing sent only when the id is refused")
			return
		}
		u, err := url.Parse(got.URL.String())
		require.NoError(t, err)
		segs := strings.Split(u.EscapedPath(), "/")
		require.Len(t, segs, 6, "%q -> %s", id, u.EscapedPath())
		assert.Equal(t, []string{"", "prefix", "customers", "cst_1", "customer-accounts"}, segs[:5])
		last, err := url.PathUnescape(segs[5])
		require.NoError(t, err)
		assert.Equal(t, id, last, "the id arrives intact")
		assert.NotContains(t, []string{"", ".", "..", "list"}, last)
	})
}
