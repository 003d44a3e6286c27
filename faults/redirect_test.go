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

// TestFollowedRedirectDropsAuthorization: the wrapper does not follow
// redirects (the matrix's 307 row), but a user's http.Client may opt in with
// its own CheckRedirect. Even then the API key must not reach another host.
func TestFollowedRedirectDropsAuthorization(t *testing.T) {
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
			id, err := o.call(context.Background(), c)
			require.NoError(t, err)
			assert.Equal(t, o.okID, id)

			require.Equal(t, 1, srv.Seen())
			require.Equal(t, 1, elsewhere.Seen())
			assert.NotEmpty(t, srv.Arrivals()[0].Authorization)
			assert.Empty(t, elsewhere.Arrivals()[0].Authorization, "the API key followed the redirect to another host")
			assert.Equal(t, o.path, elsewhere.Arrivals()[0].Path)
		})
	}
}
