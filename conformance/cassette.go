package conformance

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"

	"github.com/pennydrop/juspay-accounts/internal/redact"
	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// CassetteVersion is the version of the cassette format this package writes.
const CassetteVersion = 1

// Origin says where a cassette's exchanges came from (see the coverage table).
type Origin string

const (
	// OriginLive: recorded against Juspay (sandbox or production).
	OriginLive Origin = "live"
	// OriginEmulator: recorded against this module's emulator (package api).
	OriginEmulator Origin = "emulator"
	// OriginSynthetic: written by this project's tests against a loopback
	// handler serving bodies assembled from Juspay's documentation.
	OriginSynthetic Origin = "synthetic"
)

// Cassette is a file of recorded exchanges, masked (the API key, account
// numbers, VPAs, names, metadata values) before anything is kept in memory,
// so it can be committed; masked bodies still validate.
type Cassette struct {
	Version      int           `json:"version"`
	Origin       Origin        `json:"origin"`
	Description  string        `json:"description,omitempty"`
	Interactions []Interaction `json:"interactions"`
}

// Interaction is one recorded exchange.
type Interaction struct {
	Operation string           `json:"operation"` // operationId; "" when no operation matched
	Request   RecordedRequest  `json:"request"`
	Response  RecordedResponse `json:"response"`
}

// RecordedRequest is a redacted request. An Authorization header sent as
// Juspay documents (Basic, key, empty password) is kept in that form with the
// key replaced by redact.Redacted, so the recorded request still passes the
// Basic check; any other credential is replaced whole and fails it.
type RecordedRequest struct {
	Method string      `json:"method"`
	Path   string      `json:"path"`
	Query  string      `json:"query,omitempty"`
	Header http.Header `json:"header,omitempty"`
	Body   string      `json:"body,omitempty"` // the form body, masked and re-encoded with sorted keys
}

// RecordedResponse is a redacted response.
type RecordedResponse struct {
	Status int         `json:"status"`
	Header http.Header `json:"header,omitempty"`
	// JSON holds a JSON body (masked); Text holds any other body, kept only
	// when it shows nothing personal.
	JSON json.RawMessage `json:"json,omitempty"`
	Text string          `json:"text,omitempty"`
}

// BodyBytes returns the recorded response body.
func (r RecordedResponse) BodyBytes() []byte {
	if len(r.JSON) > 0 {
		return append([]byte(nil), r.JSON...)
	}
	return []byte(r.Text)
}

// Exchange returns the interaction in the form the Validator takes.
func (i Interaction) Exchange() Exchange {
	u := &url.URL{Path: i.Request.Path, RawQuery: i.Request.Query}
	return Exchange{
		Method: i.Request.Method, URL: u, RequestHeader: i.Request.Header.Clone(),
		RequestBody: []byte(i.Request.Body),
		Status:      i.Response.Status, ResponseHeader: i.Response.Header.Clone(),
		ResponseBody: i.Response.BodyBytes(),
	}
}

// recordExchange redacts an exchange field by field, and the request's secrets
// wherever the response echoes them, in any encoding.
func recordExchange(operation string, x Exchange) Interaction {
	s := maskerOf(x)
	in := Interaction{Operation: operation}
	in.Request = RecordedRequest{
		Method: x.Method, Path: x.URL.Path, Query: s.Form(x.URL.RawQuery),
		Header: recordHeader(s, x.RequestHeader), Body: redactBody(s, x.RequestHeader, x.RequestBody),
	}
	in.Response = RecordedResponse{Status: x.Status, Header: recordHeader(s, x.ResponseHeader)}
	if len(x.ResponseBody) > 0 {
		masked := s.JSON(x.ResponseBody)
		if json.Valid(masked) && !bytes.Equal(masked, []byte(redact.Redacted)) {
			in.Response.JSON = masked
		} else {
			in.Response.Text = string(masked)
		}
	}
	return in
}

// redactBody masks a request body: a form field by field, else as JSON.
func redactBody(s *redact.Masker, h http.Header, body []byte) string {
	if len(body) == 0 {
		return ""
	}
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if mt == "application/x-www-form-urlencoded" {
		return s.Form(string(body))
	}
	return string(s.JSON(body))
}

// recordHeader masks credentials and drops the headers that redaction makes
// wrong (Content-Length) or that describe the connection or the time (Date).
func recordHeader(s *redact.Masker, h http.Header) http.Header {
	out := s.Header(h)
	for _, k := range []string{"Content-Length", "Date", "Connection", "Keep-Alive", "Transfer-Encoding", "Accept-Encoding"} {
		out.Del(k)
	}
	if h.Get("Authorization") != "" {
		r := &http.Request{Header: h}
		if _, ok := spec.BasicKey(r); ok {
			out.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(redact.Redacted+":")))
		}
	}
	return out
}

// LoadCassette reads a cassette file.
func LoadCassette(path string) (*Cassette, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("conformance: %w", err)
	}
	var c Cassette
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("conformance: cassette %s: %w", path, err)
	}
	if c.Version != CassetteVersion {
		return nil, fmt.Errorf("conformance: cassette %s: version %d, want %d", path, c.Version, CassetteVersion)
	}
	if !slices.Contains([]Origin{OriginLive, OriginEmulator, OriginSynthetic}, c.Origin) {
		return nil, fmt.Errorf("conformance: cassette %s: origin %q is not live, emulator or synthetic", path, c.Origin)
	}
	return &c, nil
}

// LoadCassettes reads every *.json cassette in dir, sorted by file name.
func LoadCassettes(dir string) (map[string]*Cassette, []string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string]*Cassette, len(files))
	names := make([]string, 0, len(files))
	for _, f := range files {
		c, err := LoadCassette(f)
		if err != nil {
			return nil, nil, err
		}
		name := filepath.Base(f)
		out[name] = c
		names = append(names, name)
	}
	return out, names, nil
}

// Save writes the cassette as indented JSON, creating its directory.
func (c *Cassette) Save(path string) error {
	if c.Version == 0 {
		c.Version = CassetteVersion
	}
	if c.Origin == "" {
		return errors.New("conformance: a cassette needs an origin")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("conformance: encode cassette: %w", err)
	}
	tmp := path + ".tmp" // renamed into place: a reader never sees half a file
	err := os.MkdirAll(filepath.Dir(path), 0o755)
	if err == nil {
		err = os.WriteFile(tmp, buf.Bytes(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return fmt.Errorf("conformance: %w", err)
	}
	return nil
}
