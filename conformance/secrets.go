package conformance

import (
	"encoding/base64"
	"mime"
	"strings"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// maskerOf knows what must never be written out about an exchange, in every
// encoding: its request's credentials (a Basic user and password, any other
// scheme's token) and the values of its form's and query's sensitive fields.
func maskerOf(x Exchange) *redact.Masker {
	m := redact.New("")
	for _, auth := range x.RequestHeader.Values("Authorization") {
		scheme, cred, _ := strings.Cut(strings.TrimSpace(auth), " ")
		cred = strings.TrimSpace(cred)
		if strings.EqualFold(scheme, "Basic") {
			if raw, err := base64.StdEncoding.DecodeString(cred); err == nil {
				user, pass, _ := strings.Cut(string(raw), ":")
				m = m.WithKey(user).WithKey(pass)
			}
		}
		m = m.WithKey(cred)
	}
	if x.URL != nil {
		m = m.WithForm(x.URL.RawQuery)
	}
	if mt, _, _ := mime.ParseMediaType(x.RequestHeader.Get("Content-Type")); mt == "application/x-www-form-urlencoded" || mt == "" {
		m = m.WithForm(string(x.RequestBody))
	}
	return m
}
