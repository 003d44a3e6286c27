// Package endpoint holds how the SDK and its command-line tool reach the
// API: the one check of a base URL they send an API key to, and the trust of
// a CA file (an emulator served with TLS).
package endpoint

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// CheckBaseURL returns raw without a trailing slash, or an error naming the
// rule it breaks (never quoting raw, which may hold a credential): an absolute
// https URL without credentials, query or fragment; plain http only to a
// loopback host, or to any host when plainHTTP is set.
func CheckBaseURL(raw string, plainHTTP bool) (string, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return "", errors.New("base URL: must be an absolute URL that starts with https:// (or http://), such as https://sandbox.juspay.in")
	case u.User != nil:
		return "", errors.New("base URL: must not carry credentials; pass the API key instead")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", errors.New("base URL: must not have a query or fragment")
	case u.Scheme == "http" && !plainHTTP && !IsLoopback(u.Hostname()):
		return "", errors.New("base URL: must use https (plain http only to a loopback host, or with WithInsecurePlainHTTP)")
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

// IsLoopback reports whether host is localhost or a loopback IP address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// TrustCA returns a copy of rt (http.DefaultTransport when nil) that trusts
// the PEM certificates of path (for example the one `juspay-accounts serve
// --tls` writes) besides the system's roots. rt must be an *http.Transport.
// Its errors name the rule, not the file's content.
func TrustCA(rt http.RoundTripper, path string) (*http.Transport, error) {
	if rt == nil {
		rt = http.DefaultTransport
	}
	base, ok := rt.(*http.Transport)
	if !ok {
		return nil, errors.New("needs an *http.Transport (or set its TLSClientConfig.RootCAs yourself)")
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot be read: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("holds no PEM certificate")
	}
	t := base.Clone()
	if t.TLSClientConfig == nil {
		t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	t.TLSClientConfig.RootCAs = pool
	return t, nil
}
