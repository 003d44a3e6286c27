package main

import (
	"fmt"
	"io"
	"net/url"

	"github.com/pennydrop/juspay-accounts/internal/endpoint"
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// baseURLEnv and caFileEnv name the variables that are the defaults of
// --base-url and --ca-file, for the API commands and control alike.
const (
	baseURLEnv  = "JUSPAY_BASE_URL"
	caFileEnv   = "JUSPAY_CA_FILE"
	caFileUsage = "PEM certificate(s) to trust besides the system's, e.g. the one serve --tls wrote\n(default $" + caFileEnv + ")"
)

// connOptions are the wrapper options of --ca-file (or JUSPAY_CA_FILE) and
// --insecure-http (plain HTTP to a host that is not loopback, with a warning
// on stderr). The base URL they apply to is a.baseURL.
func connOptions(a *callArgs, getenv func(string) string, stderr io.Writer) ([]wrapper.Option, error) {
	var opts []wrapper.Option
	if a.caFile == "" {
		a.caFile = getenv(caFileEnv)
	}
	if a.caFile != "" {
		opts = append(opts, wrapper.WithCAFile(a.caFile))
	}
	if a.insecureHTTP {
		u, err := url.Parse(a.baseURL)
		if a.baseURL == "" || err != nil || u.Scheme != "http" {
			return nil, usageError{"--insecure-http is for a --base-url (or $" + baseURLEnv + ") that starts with http://"}
		}
		if !endpoint.IsLoopback(u.Hostname()) {
			fmt.Fprintf(stderr, "juspay-accounts: warning: --insecure-http: sending the API key and account data to %s unencrypted; use only on a network you trust\n", u.Host)
			opts = append(opts, wrapper.WithInsecurePlainHTTP())
		}
	} else if u, err := url.Parse(a.baseURL); a.baseURL != "" && err == nil && u.Scheme == "http" && !endpoint.IsLoopback(u.Hostname()) {
		return nil, usageError{"--base-url: plain http is allowed only to a loopback host; use https (serve --tls and --ca-file), or opt in with --insecure-http"}
	}
	return opts, nil
}
