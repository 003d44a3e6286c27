package api

import (
	"cmp"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	juspayaccounts "github.com/pennydrop/juspay-accounts"
	"github.com/pennydrop/juspay-accounts/gen"
	"github.com/pennydrop/juspay-accounts/internal/spec"
)

// SpecPath is where a Server serves the embedded openapi.yaml.
const SpecPath = "/openapi.yaml"

// Server is the emulator: an http.Handler safe for concurrent use. Create it
// with New.
type Server struct {
	cfg      config
	store    *store
	router   routers.Router
	validate openapi3filter.Options
	ops      http.Handler
	controls // forcing rules, traffic, failure injection (force.go, traffic.go)
}

// New returns an emulator with the given options (by default: DefaultTestKey
// and the other Default... constants). It panics only if the embedded
// openapi.yaml does not load, which the module's own tests rule out.
func New(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	router, err := spec.Router()
	if err != nil {
		panic("api: " + err.Error())
	}

	s := &Server{
		cfg:    cfg,
		store:  &store{customers: map[string]*customer{}, perCustomerCap: cfg.maxAccountsPerCustomer, totalCap: cfg.maxAccounts},
		router: router,
	}
	s.validate = openapi3filter.Options{
		AuthenticationFunc: spec.BasicAuth(func(key string) bool { return s.keyIndex(key) >= 0 }),
		// Defaults would be written back by re-encoding the form, which drops
		// the v3.2 metadata.KEY fields; handlers apply defaults themselves.
		SkipSettingDefaults: true,
		// Every invalid field is named at once, as Juspay's error_info.fields allows.
		MultiError: true,
	}
	mux := routes{http.NewServeMux(), s}
	s.ops = gen.HandlerWithOptions(&operations{s: s}, gen.StdHTTPServerOptions{
		BaseRouter:       mux,
		ErrorHandlerFunc: bindError,
	})
	mux.ServeMux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.unrouted(w.(*recorder), r) })
	s.initControls()
	for _, id := range cfg.customers {
		if id != "" && len(id) <= maxCustomerIDLen && !strings.ContainsFunc(id, unicode.IsControl) {
			for owner := range cfg.keys {
				s.store.addCustomer(s.customerKey(owner, id))
			}
		}
	}
	return s
}

// keyIndex returns the index of key among the accepted keys, or -1, comparing
// with every key in constant time (keys are distinct after WithKeys).
func (s *Server) keyIndex(key string) int {
	found := -1
	for i, k := range s.cfg.keys {
		found = subtle.ConstantTimeSelect(subtle.ConstantTimeCompare([]byte(k), []byte(key)), i, found)
	}
	return found
}

// merchant is 1 + the index of the accepted key r authenticates with, or 0.
func (s *Server) merchant(r *http.Request) int {
	key, _ := spec.BasicKey(r) // "" when absent, and never an accepted key
	return s.keyIndex(key) + 1
}

// owner is the index of the key r authenticated with (checked before handlers).
func (s *Server) owner(r *http.Request) int { return max(s.merchant(r)-1, 0) }

// customerKey is the store key of a merchant's customer, "<n>\x00<customer
// id>" for the n-th accepted key: the first NUL ends the merchant, so two
// merchants' keys never collide, whatever the customer id holds.
func (s *Server) customerKey(owner int, customerID string) string {
	return strconv.Itoa(owner) + "\x00" + customerID
}

// routingHeader carries one value on every call for a customer (Juspay asks it).
const routingHeader = "X-Routing-Id"

func (s *Server) now() time.Time { return s.cfg.clock() }

// Validations reports how many penny drops the account (of either family) was
// sent, and whether it exists: proof that a client never repeats one.
func (s *Server) Validations(customerID, accountID string) (int, bool) {
	for owner := range s.cfg.keys {
		if a, err := s.store.get(s.customerKey(owner, customerID), accountID, nil); err == storeOK {
			return a.validations, true
		}
	}
	return 0, false
}

// ServeHTTP serves the spec at SpecPath and every operation of openapi.yaml.
// Each request gets an X-Request-Id; a body beyond the cap gets 413; the
// request is validated against the spec; a panic becomes a Juspay-shaped 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := newRequestID()
	rw := &recorder{ResponseWriter: w}
	rw.Header().Set(requestIDHeader, id)
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			cmp.Or(s.cfg.logger, slog.Default()).Error("juspay emulator: panic", "request_id", id, "method", r.Method, "path", r.URL.Path,
				"panic", v, "stack", string(debug.Stack()))
			if !rw.wrote {
				writeError(rw, errInternal())
			}
		}
		if rw.record {
			s.record(rw, r, start, id)
		}
		if s.cfg.logger != nil {
			s.cfg.logger.LogAttrs(r.Context(), slog.LevelInfo, "juspay emulator", slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.String("operation", rw.op), slog.Int("status", rw.status),
				slog.Duration("duration", time.Since(start)), slog.String("request_id", id))
		}
	}()
	s.serve(rw, r, w)
}

func (s *Server) serve(rw *recorder, r *http.Request, raw http.ResponseWriter) {
	if r.URL.Path == SpecPath {
		serveSpec(rw, r)
		return
	}
	if s.cfg.control.endpoint && strings.HasPrefix(r.URL.Path, ControlPrefix) {
		s.serveControl(rw, r)
		return
	}
	rw.record = s.traffic != nil
	if r.ContentLength > s.cfg.maxBodyBytes {
		writeError(rw, errTooLarge(s.cfg.maxBodyBytes))
		return
	}
	if r.Body != nil && r.Body != http.NoBody && r.ContentLength < 0 { // net/http caps a body of known length
		r.Body = http.MaxBytesReader(raw, r.Body, s.cfg.maxBodyBytes)
	}
	if rw.record {
		rw.form = captureForm(r)
	}
	if p := r.URL.EscapedPath(); path.Clean(p) != p { // not to ServeMux, which would redirect it
		s.unrouted(rw, r)
		return
	}
	s.ops.ServeHTTP(rw, r)
}

// routes is gen's ServeMux, which routes each request once: gen registers
// each operation's pattern, and routes finds its kin-openapi route once, here,
// so that the operation's handler first validates the request with it (check)
// and applies the forcing rules (intercept).
type routes struct {
	*http.ServeMux
	s *Server
}

// HandleFunc registers h for pattern ("METHOD /path/{param}") after the checks.
func (m routes) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	method, template, _ := strings.Cut(pattern, " ")
	route, _, err := m.s.router.FindRoute(&http.Request{Method: method, URL: &url.URL{Path: template}})
	if err != nil {
		panic("api: gen's route " + pattern + " is not in openapi.yaml: " + err.Error())
	}
	segments := map[string]int{} // path parameter: its segment, as kin-openapi validates it (escaped)
	for i, seg := range strings.Split(template, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			segments[strings.TrimSuffix(name, "}")] = i
		}
	}
	m.ServeMux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		rw := w.(*recorder)
		if r.Method != method { // HEAD, which the mux gives to GET's handler
			m.s.unrouted(rw, r)
			return
		}
		sent := strings.Split(r.URL.EscapedPath(), "/")
		params := make(map[string]string, len(segments))
		for name, i := range segments {
			params[name] = sent[i]
		}
		if customerID, ok := m.s.check(rw, r, route, params); ok && (rw.internal || !m.s.intercept(rw, r, customerID)) {
			h(rw, r)
		}
	})
}

// unrouted answers what no operation's pattern takes (a path the mux does not
// match or would redirect, HEAD): 405 or 404 as kin-openapi's router finds,
// after validating what that router matches (e.g. /customers/./accounts).
func (s *Server) unrouted(rw *recorder, r *http.Request) {
	route, params, err := s.router.FindRoute(r)
	if err == nil {
		if _, ok := s.check(rw, r, route, params); !ok {
			return
		}
		err = routers.ErrPathNotFound
	}
	writeError(rw, fromRouting(err, r))
}

func serveSpec(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, fromRouting(routers.ErrMethodNotAllowed, r))
		return
	}
	writeBody(w, http.StatusOK, "application/yaml", juspayaccounts.OpenAPISpec())
}

// bindError answers the generated wrapper's parameter binding errors (for
// example a repeated x-routing-id header) in Juspay's shape.
func bindError(w http.ResponseWriter, _ *http.Request, err error) {
	if e, ok := errors.AsType[*gen.TooManyValuesForParamError](err); ok {
		writeError(w, errInput(codeInvalid, fieldError{FieldName: e.ParamName, Reason: "is given more than once"}))
	} else if e, ok := errors.AsType[*gen.RequiredHeaderError](err); ok {
		writeError(w, errInput(codeMissing, fieldError{FieldName: e.ParamName, Reason: "is required"}))
	} else if e, ok := errors.AsType[*gen.RequiredParamError](err); ok {
		writeError(w, errInput(codeMissing, fieldError{FieldName: e.ParamName, Reason: "is required"}))
	} else {
		name := "request"
		if e, ok := errors.AsType[*gen.InvalidParamFormatError](err); ok {
			name = e.ParamName
		}
		writeError(w, errInput(codeInvalid, fieldError{FieldName: name, Reason: "has an invalid format"}))
	}
}

// recorder remembers the status for logs and whether the response started.
type recorder struct {
	http.ResponseWriter
	status   int
	wrote    bool
	op       string
	record   bool       // add the exchange to the traffic (WithRecording)
	fault    bool       // a Fault or the failure rate answered it
	internal bool       // a call of Seed: no faults
	form     url.Values // the decoded form, when recording
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.status, r.wrote = http.StatusOK, true
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Timeouts and limits of the http.Server that NewHTTPServer and Listen return.
const (
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 5 * time.Second
	// ReadTimeout bounds reading a whole request.
	ReadTimeout = 15 * time.Second
	// WriteTimeout bounds writing a response.
	WriteTimeout = 15 * time.Second
	// IdleTimeout closes idle keep-alive connections.
	IdleTimeout = 60 * time.Second
	// MaxHeaderBytes caps the request line and headers.
	MaxHeaderBytes = 64 << 10
)

// NewHTTPServer returns an http.Server for h on addr with the timeouts and
// header cap above (never the zero-timeout defaults of net/http).
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

// Listen listens on addr (default "127.0.0.1:0", a free loopback port) and
// returns the server for s and the listener (bound to ln.Addr()); start it
// with `go hs.Serve(ln)` and stop it with hs.Shutdown.
func Listen(addr string, s *Server) (*http.Server, net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, err
	}
	hs := NewHTTPServer(ln.Addr().String(), s)
	if s.cfg.logger != nil {
		hs.ErrorLog = slog.NewLogLogger(s.cfg.logger.Handler(), slog.LevelWarn)
	}
	return hs, ln, nil
}

// check validates r against its route with kin-openapi and the customer_id
// limits, writing its error when it fails. It returns the customer_id path
// parameter (as routed, still escaped).
func (s *Server) check(rw *recorder, r *http.Request, route *routers.Route, params map[string]string) (customerID string, ok bool) {
	rw.op = route.Operation.OperationID
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: &s.validate}
	customerID = params["customer_id"]
	decoded, _ := url.PathUnescape(customerID) // the id the handlers use (net/http refuses an invalid escape)
	var e *apiError
	switch err := openapi3filter.ValidateRequest(r.Context(), in); {
	case err != nil:
		e = fromValidation(err, s.cfg.maxBodyBytes)
	case len(customerID) > maxCustomerIDLen:
		e = errInput(codeInvalid, fieldError{FieldName: "customer_id", Reason: "must be at most 128 characters"})
	case strings.ContainsFunc(customerID, unicode.IsControl) || strings.ContainsFunc(decoded, unicode.IsControl):
		e = errInput(codeInvalid, fieldError{FieldName: "customer_id", Reason: "must not contain control characters"})
	}
	if e != nil {
		writeError(rw, e)
	}
	return customerID, e == nil
}

const formMediaType = "application/x-www-form-urlencoded"
