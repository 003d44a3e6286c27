// Package baseurl holds the one check of a base URL that the SDK and its
// command-line tool send an API key to.
package baseurl

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// Check returns raw without a trailing slash, or an error naming the rule it
// breaks: it must be an absolute https URL without credentials, query or
// fragment; plain http is allowed to a loopback host, and to any host only
// when plainHTTP is set. The error never quotes raw, which may hold a
// credential.
func Check(raw string, plainHTTP bool) (string, error) {
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
