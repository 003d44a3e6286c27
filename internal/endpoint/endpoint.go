// Package endpoint holds how the SDK and its command-line tool reach the
// API: the one check of a base URL they send an API key to, and the trust of
// a CA file (an emulator served with TLS).
package endpoint

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
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
	case err != nil:
		return "", errors.New("base URL: must be a URL")
	case u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return "", errors.New("base URL: must be an absolute http(s) URL")
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

// CAPool returns the system's roots with the PEM certificates of path added
// (for example the one `juspay-accounts serve --tls` writes). Its errors
// name the rule, not the file's content.
func CAPool(path string) (*x509.CertPool, error) {
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
	return pool, nil
}
