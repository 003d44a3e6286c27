package faults_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// TestRedirectIsNeverFollowed: a user's http.Client whose CheckRedirect
// follows redirects does not make the wrapper follow one (it would send a
// write again, and the key to another host): the 307 is the call's answer.
func TestRedirectIsNeverFollowed(t *testing.T) {
	for _, o := range operations(t) {
		t.Run(o.name, func(t *testing.T) {
			elsewhere := Start(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(o.ok)
			}))
			defer elsewhere.Close()
			u, err := url.Parse(elsewhere.URL)
			require.NoError(t, err)
			srv := Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "http://localhost:"+u.Port()+r.URL.EscapedPath(), http.StatusTemporaryRedirect)
			}))
			defer srv.Close()

			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			follow := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
			c, err := wrapper.New(apiKey, wrapper.WithBaseURL(srv.URL), wrapper.WithHTTPClient(follow), wrapper.WithRetryPolicy(wrapper.NoRetries()))
			require.NoError(t, err)
			_, err = o.call(context.Background(), c)
			var e *wrapper.APIError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, http.StatusTemporaryRedirect, e.StatusCode)
			assert.Equal(t, 1, srv.Seen())
			assert.Equal(t, 0, elsewhere.Seen(), "the redirect was followed")
		})
	}
}
