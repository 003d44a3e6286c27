package wrapper

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		key  string
		opts []Option
		want string
	}{
		{"empty key", "", nil, "API key is empty"},
		{"blank key", "  ", nil, "API key is empty"},
		{"key with colon", "a:b", nil, "contains ':'"},
		{"key with newline", "ab\ncd", nil, "control character"},
		{"malformed URL", testKey, []Option{WithBaseURL("http://[::1")}, "base URL"},
		{"relative URL", testKey, []Option{WithBaseURL("/v1")}, "must be an absolute URL that starts with https://"},
		{"ftp", testKey, []Option{WithBaseURL("ftp://example.com")}, "must be an absolute URL that starts with https://"},
		{"no scheme", testKey, []Option{WithBaseURL("127.0.0.1:8080")}, "must be an absolute URL that starts with https://"},
		{"plain http to remote", testKey, []Option{WithBaseURL("http://api.juspay.in")}, "must use https"},
		{"insecure plain http", testKey, []Option{WithBaseURL("http://api.juspay.in"), WithInsecurePlainHTTP(), WithTimeout(-1)}, "WithTimeout must be positive"},
		{"unreadable CA file", testKey, []Option{WithCAFile("/nonexistent/ca.pem")}, "WithCAFile cannot be read"},
		{"credentials in URL", testKey, []Option{WithBaseURL("https://u:p@api.juspay.in")}, "must not carry credentials"},
		{"query in URL", testKey, []Option{WithBaseURL("https://api.juspay.in/?x=1")}, "query or fragment"},
		{"unknown environment", testKey, []Option{WithEnvironment(Environment(9))}, "WithEnvironment is not Sandbox"},
		{"nil http client", testKey, []Option{WithHTTPClient(nil)}, "WithHTTPClient must not be nil"},
		{"zero timeout", testKey, []Option{WithTimeout(0)}, "WithTimeout must be positive"},
		{"bad version", testKey, []Option{WithAPIVersion("2024/01/01")}, "YYYY-MM-DD"},
		{"merchant id newline", testKey, []Option{WithMerchantID("m\r\nX: y")}, "control character"},
		{"ua suffix newline", testKey, []Option{WithUserAgentSuffix("a\nb")}, "control character"},
		{"negative retries", testKey, []Option{WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, "must be within 0..10"},
		{"too many retries", testKey, []Option{WithRetryPolicy(RetryPolicy{MaxRetries: 11})}, "must be within 0..10"},
		{"negative delay", testKey, []Option{WithRetryPolicy(RetryPolicy{BaseDelay: -1})}, "must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.key, tt.opts...)
			assert.Nil(t, c)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			if tt.key != "" && strings.TrimSpace(tt.key) != "" {
				assert.NotContains(t, err.Error(), tt.key, "the key must not be echoed")
			}
		})
	}
}

func TestNewAccepts(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:1/", "http://[::1]:9", "https://api.juspay.in", "https://example.com/prefix/"} {
		c, err := New(testKey, WithBaseURL(u))
		require.NoError(t, err, u)
		assert.Equal(t, strings.TrimSuffix(u, "/")+"/", c.base.server, u)
	}
	for env, want := range map[Environment]string{Sandbox: "https://sandbox.juspay.in", Production: "https://api.juspay.in", ProductionStatic: "https://api-ns1.juspay.in"} {
		c, err := New(testKey, WithEnvironment(env))
		require.NoError(t, err)
		assert.Equal(t, want+"/", c.base.server, env.String())
	}
	c, err := New(testKey, nil)
	require.NoError(t, err)
	assert.Equal(t, "https://sandbox.juspay.in/", c.base.server, "Sandbox is the default")
}

func TestEveryRequestCarriesAuthRoutingAndHeaders(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "listCustomerAccounts.200.json")),
		WithMerchantID("merchant_1"), WithAPIVersion("2024-06-01"), WithUserAgentSuffix("myapp/1.2"))
	_, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
	require.NoError(t, err)
	_, err = c.ListCustomerAccounts(context.Background(), "cst_1", nil, WithRoutingID("cart_77"))
	require.NoError(t, err)

	reqs := rec.all()
	require.Len(t, reqs, 2)
	h := reqs[0].Header
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte(testKey+":")), h.Get("Authorization"))
	user, pass, ok := (&http.Request{Header: h}).BasicAuth()
	assert.True(t, ok)
	assert.Equal(t, testKey, user)
	assert.Equal(t, "", pass, "the password is empty")
	assert.Equal(t, "cst_1", h.Get("X-Routing-Id"), "routing id defaults to the customer id")
	assert.Equal(t, "merchant_1", h.Get("X-Merchantid"))
	assert.Equal(t, "2024-06-01", h.Get("Version"))
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.Equal(t, "juspay-accounts-go/"+Version+" "+runtime.Version()+" myapp/1.2", h.Get("User-Agent"))
	assert.Equal(t, "cart_77", reqs[1].Header.Get("X-Routing-Id"), "WithRoutingID overrides")
}

func TestOptionalHeadersAbsentByDefault(t *testing.T) {
	c, rec := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)
	h := rec.all()[0].Header
	assert.Empty(t, h.Values("X-Merchantid"))
	assert.Empty(t, h.Values("Version"))
	assert.Equal(t, "juspay-accounts-go/"+Version+" "+runtime.Version(), h.Get("User-Agent"))
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHTTPClientIsCopiedNeverMutated(t *testing.T) {
	var calls int
	base := http.DefaultTransport
	tr := roundTripFunc(func(r *http.Request) (*http.Response, error) { calls++; return base.RoundTrip(r) })
	user := &http.Client{Transport: tr, Timeout: time.Minute}
	defaultBefore := *http.DefaultClient

	c, _ := setup(t, respond(200, sample(t, "getCustomerAccount.200.json")), WithHTTPClient(user), WithLogger(slog.New(slog.DiscardHandler)))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.NoError(t, err)

	assert.Equal(t, 1, calls, "the user's transport carries the request")
	assert.NotSame(t, user, c.base.hc)
	assert.Equal(t, time.Minute, user.Timeout)
	assert.Nil(t, user.CheckRedirect, "the user's client is not modified")
	assert.IsType(t, roundTripFunc(nil), user.Transport, "the user's transport is not replaced")
	assert.Equal(t, defaultBefore.Transport, http.DefaultClient.Transport, "http.DefaultClient untouched")
	assert.Nil(t, http.DefaultClient.CheckRedirect)
	assert.Zero(t, http.DefaultClient.Timeout)
}

func TestRedirectIsNotFollowed(t *testing.T) {
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	})
	_, err := c.ValidateCustomerAccount(context.Background(), "cst_1", "banh_1", nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 307, ae.StatusCode)
	assert.Equal(t, 1, rec.count(), "a validate is never replayed to a redirect target")
}

func TestTimeoutBoundsEachAttempt(t *testing.T) {
	release := make(chan struct{})
	c, rec := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}, WithTimeout(30*time.Millisecond), WithRetryPolicy(NoRetries()))
	defer close(release)
	// The handler holds the request until the test ends: the call returning
	// with DeadlineExceeded is the proof that the attempt's timeout ended it
	// (no wall-clock bound, which a loaded machine could break).
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	assert.Equal(t, 1, rec.count())
}

func TestContextDeadlineEarlierThanTimeoutWins(t *testing.T) {
	c, _ := setup(t, func(w http.ResponseWriter, r *http.Request, _ seen) { <-r.Context().Done() }, WithRetryPolicy(NoRetries()))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.ListCustomerAccounts(ctx, "cst_1", nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestSuccessfulBodyStaysReadableAfterAttemptContext(t *testing.T) {
	// A large body read after RoundTrip returned must not be cut by the
	// attempt's timeout context being cancelled early.
	big := `{"object":"list","list":[` + strings.Repeat(`{"object":"customer_account","customer_account_id":"banh_1","customer_id":"c","validation_status":"ACTIVE"},`, 2000)
	big = strings.TrimSuffix(big, ",") + `]}`
	c, _ := setup(t, respond(200, []byte(big)))
	l, err := c.ListCustomerAccounts(context.Background(), "cst_1", nil)
	require.NoError(t, err)
	assert.Len(t, l.List, 2000)
}
