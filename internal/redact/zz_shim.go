package redact

// TEMPORARY shim until the redact branch lands (the lead deletes it on merge).

import (
	"net/http"
	"net/url"
	"strings"
)

type Masker struct{ s *Secrets }

func New(apiKey string) *Masker { return &Masker{s: NewSecrets(apiKey)} }
func (m *Masker) get() *Secrets {
	if m == nil {
		return nil
	}
	return m.s
}
func (m *Masker) With(kind Kind, values ...string) *Masker {
	return &Masker{s: m.get().With(kind, values...)}
}
func (m *Masker) WithForm(body string) *Masker {
	vals, err := url.ParseQuery(body)
	if err != nil {
		return m
	}
	out := m
	for k, vs := range vals {
		if kind := KindOf(k); kind != None {
			out = out.With(kind, vs...)
		}
	}
	return out
}
func (m *Masker) Text(s string) string             { return Cap(Escape(m.get().Text(s)), MaxValueLen) }
func (m *Masker) JSON(b []byte) []byte             { return m.get().JSON(b) }
func (m *Masker) Header(h http.Header) http.Header { return m.get().Header(h) }
func (m *Masker) Ident(s string) string { return Cap(Escape(m.get().Mask(s)), MaxValueLen) }
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			b.WriteString(`\x` + string("0123456789abcdef"[r>>4]) + string("0123456789abcdef"[r&15]))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
