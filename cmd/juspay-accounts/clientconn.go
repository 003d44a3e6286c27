package main

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// caFileEnv names the variable that is the default of --ca-file.
const caFileEnv = "JUSPAY_CA_FILE"

// connOptions are the wrapper options of --ca-file (or JUSPAY_CA_FILE) and
// --insecure-http: an HTTP client that trusts the CA file besides the system
// roots, and plain HTTP to a host that is not loopback, with a warning on
// stderr. The base URL they apply to is a.baseURL.
//
// TODO(merge): wrapper.WithCAFile and wrapper.WithInsecurePlainHTTP replace
// the http.Client built here.
func connOptions(a *callArgs, getenv func(string) string, stderr io.Writer) ([]wrapper.Option, error) {
	if a.caFile == "" {
		a.caFile = getenv(caFileEnv)
	}
	plain := false
	if a.insecureHTTP {
		u, err := url.Parse(a.baseURL)
		if a.baseURL == "" || err != nil || u.Scheme != "http" {
			return nil, usageError{"--insecure-http is for a --base-url (or $" + baseURLEnv + ") that starts with http://"}
		}
		if !loopbackHost(u.Hostname()) {
			fmt.Fprintf(stderr, "juspay-accounts: warning: --insecure-http: sending the API key and account data to %s unencrypted; use only on a network you trust\n", u.Host)
			plain = true
			u.Scheme = "https" // the wrapper refuses plain http to this host; plainHTTP turns it back
			a.baseURL = u.String()
		}
	}
	if a.caFile == "" && !plain {
		return nil, nil
	}
	tr, err := trusting(a.caFile)
	if err != nil {
		return nil, err
	}
	var rt http.RoundTripper = tr
	if plain {
		rt = plainHTTP{tr}
	}
	return []wrapper.Option{wrapper.WithHTTPClient(&http.Client{Transport: rt})}, nil
}

// trusting is a transport like http.DefaultTransport that trusts the PEM
// certificates of caFile besides the system roots ("": the system roots).
func trusting(caFile string) (*http.Transport, error) {
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true}
	if d, ok := http.DefaultTransport.(*http.Transport); ok {
		tr = d.Clone()
	}
	if caFile == "" {
		return tr, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, usageError{"--ca-file: " + err.Error()}
	}
	roots, err := x509.SystemCertPool()
	if err != nil {
		roots = x509.NewCertPool()
	}
	if !roots.AppendCertsFromPEM(pem) {
		return nil, usageError{fmt.Sprintf("--ca-file %s: no PEM certificate in it", caFile)}
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	return tr, nil
}

// plainHTTP sends https requests as plain http (--insecure-http).
type plainHTTP struct{ next http.RoundTripper }

func (p plainHTTP) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = "http"
	return p.next.RoundTrip(r)
}

// loopbackHost reports whether host is localhost or a loopback address, to
// which plain http needs no opt-in.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
