package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// serveInProcess runs serve with args on a free loopback port until the
// test ends and returns the URL it logged and its log.
func serveInProcess(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, append([]string{"--addr", "127.0.0.1:0", "--delay", "0s"}, args...), log, func(string) string { return "" })
	}()
	t.Cleanup(func() { cancel(); <-done })
	re := regexp.MustCompile(`url=(https?://127\.0\.0\.1:\d+)`)
	for {
		if m := re.FindStringSubmatch(log.String()); m != nil {
			return m[1], log
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, log)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// resolving returns a transport that dials name:port at 127.0.0.1:port and
// trusts the PEM file caFile ("" for the system roots only).
func resolving(t *testing.T, name, caFile string) *http.Transport {
	t.Helper()
	tr := &http.Transport{TLSClientConfig: &tls.Config{}}
	if caFile != "" {
		pemBytes, err := os.ReadFile(caFile)
		require.NoError(t, err)
		roots := x509.NewCertPool()
		require.True(t, roots.AppendCertsFromPEM(pemBytes))
		tr.TLSClientConfig.RootCAs = roots
	}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil || host != name {
			return nil, errors.New("the test resolves only " + name)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
	}
	return tr
}

// TestServeTLS: `serve --tls` writes a self-signed certificate for loopback
// and the --tls-host names; `serve --cert --key` serves a given one. The
// wrapper, the generated client (both reaching the name through the test's
// dialer) and the CLI (--ca-file, JUSPAY_CA_FILE) succeed with the
// certificate and fail without it.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	caFile := filepath.Join(dir, "emulator.pem")
	selfSignedURL, log := serveInProcess(t, "--tls", "--tls-host", "emulator.test, 10.1.2.3", "--tls-cert-out", caFile)
	assert.Contains(t, log.String(), "file="+caFile, "serve says where the certificate is")
	pemBytes, err := os.ReadFile(caFile)
	require.NoError(t, err)
	assert.NotContains(t, string(pemBytes), "PRIVATE KEY")
	block, _ := pem.Decode(pemBytes)
	require.NotNil(t, block)
	cert, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	assert.Equal(t, []string{"localhost", "emulator.test"}, cert.DNSNames)
	require.Len(t, cert.IPAddresses, 3)
	assert.Equal(t, "10.1.2.3", cert.IPAddresses[2].String())

	// A certificate given with --cert and --key.
	leaf, leafPEM, err := selfSigned([]string{"emulator.test", "127.0.0.1"}, time.Hour)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(leaf.PrivateKey)
	require.NoError(t, err)
	givenCA, givenKey := filepath.Join(dir, "given.pem"), filepath.Join(dir, "given.key")
	require.NoError(t, os.WriteFile(givenCA, leafPEM, 0o600))
	require.NoError(t, os.WriteFile(givenKey, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600))
	givenURL, log := serveInProcess(t, "--cert", givenCA, "--key", givenKey)
	assert.NotContains(t, log.String(), "self-signed")

	for _, tc := range []struct {
		name, url, ca string
	}{
		{"self-signed", selfSignedURL, caFile},
		{"given", givenURL, givenCA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			port := tc.url[strings.LastIndex(tc.url, ":")+1:]
			named := "https://emulator.test:" + port
			for _, trusted := range []bool{true, false} {
				ca := ""
				if trusted {
					ca = tc.ca
				}
				hc := &http.Client{Transport: resolving(t, "emulator.test", ca)}
				opts := []wrapper.Option{wrapper.WithBaseURL(named), wrapper.WithHTTPClient(hc)}
				c, err := wrapper.New(api.DefaultTestKey, opts...)
				require.NoError(t, err)
				_, werr := c.CreateCustomerAccounts(t.Context(), "cst_tls", wrapper.AccountInput{VPA: "tls@okaxis"})
				g, err := wrapper.NewGenClient(api.DefaultTestKey, opts...)
				require.NoError(t, err)
				resp, gerr := g.ListCustomerAccountsWithResponse(t.Context(), "cst_tls", &gen.ListCustomerAccountsParams{})
				if trusted {
					require.NoError(t, werr, "wrapper")
					require.NoError(t, gerr, "gen")
					assert.Equal(t, http.StatusOK, resp.StatusCode())
				} else {
					assert.ErrorContains(t, werr, "certificate", "wrapper without the CA")
					assert.ErrorContains(t, gerr, "certificate", "gen without the CA")
				}
			}

			// The CLI: the certificate covers 127.0.0.1 too.
			list := []string{"list", "--base-url", tc.url, "--customer", "cst_tls", "--timeout", "10s"}
			r := inProcess(withKey, append(list, "--ca-file", tc.ca)...)
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, "(1 of 1)")
			r = inProcess(append([]string{"JUSPAY_CA_FILE=" + tc.ca}, withKey...), list...)
			require.Equal(t, exitOK, r.code, r.stderr)
			r = inProcess(withKey, "control", "rules", "--base-url", tc.url, "--ca-file", tc.ca)
			assert.Contains(t, r.stderr, "404", "control reaches the emulator (run without --control): %s", r.stderr)
			assert.NotContains(t, r.stderr, "certificate")
			r = inProcess(withKey, list...)
			assert.Equal(t, exitUnavailable, r.code)
			assert.Contains(t, r.stderr, "certificate")
			assert.Contains(t, r.stderr, "--ca-file", "the error says how to trust it")
		})
	}
}

// TestServeTLSFlagMistakes: TLS flags that cannot work together are usage
// errors, before anything is written or served.
func TestServeTLSFlagMistakes(t *testing.T) {
	for _, args := range [][]string{
		{"--cert", "c.pem"},
		{"--key", "k.pem"},
		{"--tls-host", "emulator.test"},
		{"--tls-cert-out", "x.pem"},
		{"--cert", "c.pem", "--key", "k.pem", "--tls-host", "x"},
		{"--cert", "missing.pem", "--key", "missing.key"},
	} {
		r := inProcess(nil, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}
}

// TestPlainHTTPToAnotherHost: plain http to a host that is not loopback is
// refused unless --insecure-http, which warns on stderr. 0.0.0.0 is not a
// loopback address, yet on Linux a connection to it reaches this host's
// loopback listener, so the test stays on the machine.
func TestPlainHTTPToAnotherHost(t *testing.T) {
	base := emulator(t)
	other := strings.Replace(base, "127.0.0.1", "0.0.0.0", 1)
	list := []string{"list", "--base-url", other, "--customer", "cst_plain"}

	r := inProcess(withKey, list...)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "plain http")
	assert.Contains(t, r.stderr, "--insecure-http", "the refusal names the opt-in")

	r = inProcess(withKey, append(list, "--insecure-http")...)
	assert.Contains(t, r.stderr, "warning: --insecure-http")
	assert.Equal(t, exitRejected, r.code, "the emulator answered (404: no such customer): %s", r.stderr)
	assert.Contains(t, r.stderr, "404")

	r = inProcess(withKey, "list", "--base-url", "https://example.test", "--customer", "c", "--insecure-http")
	assert.Equal(t, exitUsage, r.code, "--insecure-http is only for an http:// URL")
	r = inProcess(withKey, "list", "--base-url", base, "--customer", "c", "--insecure-http")
	assert.NotContains(t, r.stderr, "warning", "loopback needs no opt-in, so no warning")
}
