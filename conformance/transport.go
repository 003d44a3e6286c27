package conformance

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing/iotest"
)

// DefaultMaxBodyBytes (1 MiB) is how much of each body a Transport or Recorder buffers.
const DefaultMaxBodyBytes = 1 << 20

// Transport is an http.RoundTripper that validates every exchange against
// openapi.yaml and reports violations, without altering the exchange: the
// caller gets the base transport's response, status, headers and body bytes
// unchanged, and a validation problem never turns into an error.
//
// Use it in staging to learn when Juspay's behaviour drifts from the spec:
//
//	t, err := conformance.NewTransport(nil, conformance.WithLogger(logger))
//	client, err := wrapper.New(key, wrapper.WithHTTPClient(&http.Client{Transport: t}))
type Transport struct {
	base        http.RoundTripper
	validator   *Validator
	onViolation func(Report)
	onExchange  func(Report)
	logger      *slog.Logger
	maxBody     int64
}

// TransportOption configures a Transport.
type TransportOption func(*Transport)

// WithOnViolation calls f, synchronously, with the report of each exchange breaking the spec.
func WithOnViolation(f func(Report)) TransportOption {
	return func(t *Transport) { t.onViolation = f }
}

// WithOnExchange calls f, synchronously, with the report of every exchange
// that could be validated, conforming or not (Report.OK tells which).
func WithOnExchange(f func(Report)) TransportOption {
	return func(t *Transport) { t.onExchange = f }
}

// WithLogger logs every report at Warn level: operation, method, path
// template, status and each violation. Headers and bodies are never logged.
// Without WithLogger or WithOnViolation, slog.Default() is used.
func WithLogger(l *slog.Logger) TransportOption {
	return func(t *Transport) { t.logger = l }
}

// WithValidator uses v instead of a default Validator.
func WithValidator(v *Validator) TransportOption {
	return func(t *Transport) { t.validator = v }
}

// WithMaxBodyBytes caps each body buffered for validation (default
// DefaultMaxBodyBytes); a larger body passes through whole and is not validated.
func WithMaxBodyBytes(n int64) TransportOption {
	return func(t *Transport) {
		if n > 0 {
			t.maxBody = n
		}
	}
}

// NewTransport wraps base (nil: http.DefaultTransport, which is never modified).
func NewTransport(base http.RoundTripper, opts ...TransportOption) (*Transport, error) {
	t := &Transport{base: cmp.Or(base, http.DefaultTransport), maxBody: DefaultMaxBodyBytes}
	for _, opt := range opts {
		opt(t)
	}
	if t.validator == nil {
		v, err := NewValidator()
		if err != nil {
			return nil, err
		}
		t.validator = v
	}
	if t.logger == nil && t.onViolation == nil {
		t.logger = slog.Default()
	}
	return t, nil
}

// RoundTrip sends req through the base transport, validates the exchange and
// returns the base transport's response and error unchanged.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	return roundTrip(t.base, req, t.maxBody, func(x Exchange, reqWhole, respWhole bool) {
		t.validate(req.Context(), x, checks{request: true, response: true, skipRequestBody: !reqWhole, skipResponseBody: !respWhole})
	})
}

func (t *Transport) validate(ctx context.Context, x Exchange, c checks) {
	defer func() {
		if p := recover(); p != nil && t.logger != nil {
			t.logger.Error("conformance: validator panicked; the exchange was not validated", "panic", fmt.Sprint(p))
		}
	}()
	r, err := t.validator.report(context.WithoutCancel(ctx), x, c)
	if err != nil {
		if t.logger != nil {
			t.logger.Warn("conformance: exchange could not be validated", "method", x.Method,
				"error", maskerOf(x).Text(err.Error()))
		}
		return
	}
	if t.onExchange != nil {
		t.onExchange(*r)
	}
	if r.OK() {
		return
	}
	if t.onViolation != nil {
		t.onViolation(*r)
	}
	if t.logger != nil {
		lines := make([]string, len(r.Violations))
		for i, v := range r.Violations {
			lines[i] = v.Location + ": " + v.Message
		}
		t.logger.LogAttrs(ctx, slog.LevelWarn, "juspay exchange does not conform to openapi.yaml",
			slog.String("operation", r.Operation), slog.String("method", r.Method),
			slog.String("path", r.Path), slog.Int("status", r.Status),
			slog.Int("violations", len(r.Violations)), slog.Any("details", lines))
	}
}

// roundTrip sends req through base, buffering up to max bytes of each body,
// and calls done with the exchange and whether each body is whole, unless the
// response body fails mid-read (the caller then gets that read error).
func roundTrip(base http.RoundTripper, req *http.Request, max int64, done func(x Exchange, reqWhole, respWhole bool)) (*http.Response, error) {
	out, reqBody, reqWhole, _ := capture(req, max)
	resp, err := base.RoundTrip(out)
	if err != nil || resp == nil {
		return resp, err
	}
	if respBody, respWhole, err := buffer(&resp.Body, max); err == nil {
		done(Exchange{
			Method: req.Method, URL: req.URL, RequestHeader: req.Header, RequestBody: reqBody,
			Status: resp.StatusCode, ResponseHeader: resp.Header, ResponseBody: respBody,
		}, reqWhole, respWhole)
	}
	return resp, nil
}

// capture returns the request to send and up to max bytes of its body: req
// itself when GetBody can reread it, else a clone carrying the same bytes.
func capture(req *http.Request, max int64) (*http.Request, []byte, bool, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil, true, nil
	}
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			body, err := io.ReadAll(io.LimitReader(rc, max+1))
			rc.Close()
			if err == nil {
				return req, body, int64(len(body)) <= max, nil
			}
		}
	}
	out := req.Clone(req.Context())
	body, whole, err := buffer(&out.Body, max)
	return out, body, whole, err
}

// buffer reads up to max bytes of *body and replaces *body with one that
// yields exactly the original bytes, then the read error if there was one.
func buffer(body *io.ReadCloser, max int64) ([]byte, bool, error) {
	if *body == nil || *body == http.NoBody {
		return nil, true, nil
	}
	orig := *body
	b, err := io.ReadAll(io.LimitReader(orig, max+1))
	rest := io.Reader(orig)
	if err != nil {
		rest = iotest.ErrReader(err)
	}
	*body = readCloser{io.MultiReader(bytes.NewReader(b), rest), orig}
	return b, err == nil && int64(len(b)) <= max, err
}

type readCloser struct {
	io.Reader
	io.Closer
}
