package conformance

import (
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// secretsOf returns what must never be written out about an exchange: the
// credentials its request carried (the user and password of a Basic
// Authorization, or the token of any other scheme) and the personal values
// of its form and query (account numbers, VPAs, names, metadata values),
// each masked in every encoding a server could echo it in.
func secretsOf(x Exchange) *redact.Secrets {
	s := redact.NewSecrets("")
	for _, auth := range x.RequestHeader.Values("Authorization") {
		scheme, cred, _ := strings.Cut(strings.TrimSpace(auth), " ")
		cred = strings.TrimSpace(cred)
		if strings.EqualFold(scheme, "Basic") {
			if raw, err := base64.StdEncoding.DecodeString(cred); err == nil {
				user, pass, _ := strings.Cut(string(raw), ":")
				s = s.WithKey(user).WithKey(pass)
			}
		}
		s = s.WithKey(cred)
	}
	if x.URL != nil {
		s = withPersonal(s, x.URL.RawQuery)
	}
	if mt, _, _ := mime.ParseMediaType(x.RequestHeader.Get("Content-Type")); mt == "application/x-www-form-urlencoded" || mt == "" {
		s = withPersonal(s, string(x.RequestBody))
	}
	return s
}

// withPersonal adds the values of the form's sensitive fields to s.
func withPersonal(s *redact.Secrets, form string) *redact.Secrets {
	vals, err := url.ParseQuery(form)
	if err != nil {
		return s
	}
	for k, vs := range vals {
		if kind := redact.KindOf(k); kind != redact.None {
			s = s.With(kind, vs...)
		}
	}
	return s
}

// maskHeader copies h with credentials replaced and the exchange's secrets
// masked in every other value.
func maskHeader(s *redact.Secrets, h http.Header) http.Header {
	if len(h) == 0 {
		return nil
	}
	return s.Header(h)
}
