// Package docsui serves an interactive API reference in front of the
// emulator: Swagger UI (embedded, github.com/swaggo/files/v2) at /docs and the
// spec as JSON at /openapi.json, its servers replaced by the emulator's URL so
// that "try it out" calls the emulator. It is a package of its own so that
// programs that embed the emulator carry Swagger UI only when they ask for it:
//
//	emu := api.New()
//	h, err := docsui.New(emu, docsui.WithDemoKey(api.DefaultTestKey))
//	if err != nil { ... }
//	srv := httptest.NewServer(h) // /docs, /openapi.json; every other path goes to emu
package docsui

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	swaggerfiles "github.com/swaggo/files/v2"
	"go.yaml.in/yaml/v4"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
	"github.com/pennydrop/juspay-accounts/internal/endpoint"
)

// Paths the handler serves; every other path goes to the wrapped handler.
const (
	// DocsPath is the interactive reference.
	DocsPath = "/docs"
	// JSONPath is the spec as JSON, with servers set to this server.
	JSONPath = "/openapi.json"
	// YAMLPath is where the emulator serves the spec as written (api.SpecPath).
	YAMLPath = "/openapi.yaml"
)

//go:embed assets/index.html assets/init.js
var assets embed.FS

// swaggerAssets are the Swagger UI files the page uses, with their types.
var swaggerAssets = map[string]string{
	"swagger-ui.css":           "text/css; charset=utf-8",
	"swagger-ui.css.map":       "application/json",
	"swagger-ui-bundle.js":     "text/javascript; charset=utf-8",
	"swagger-ui-bundle.js.map": "application/json",
	"index.css":                "text/css; charset=utf-8",
	"favicon-16x16.png":        "image/png",
	"favicon-32x32.png":        "image/png",
}

// Option configures New.
type Option func(*config)

type config struct {
	demoKey string
	baseURL string
}

// WithDemoKey pre-fills the page's Basic authentication with key as user
// name and an empty password, and shows it on the page. Pass only a key that
// may be public, such as api.DefaultTestKey; without it the page asks the
// reader to authorize.
func WithDemoKey(key string) Option {
	return func(c *config) { c.demoKey = key }
}

// WithBaseURL sets the server URL written into /openapi.json, for example
// "http://127.0.0.1:8080" (default: see Handler.ServerURL). New refuses a URL
// that is not absolute http(s) or has credentials, a query or a fragment.
func WithBaseURL(u string) Option {
	return func(c *config) { c.baseURL = u }
}

// Handler serves the reference and passes every other request to the
// wrapped handler. Create it with New.
type Handler struct {
	next  http.Handler
	cfg   config
	index []byte
	csp   string
	spec  map[string]any // the spec as a JSON-compatible tree, read-only
}

// New returns a handler that serves the reference in front of next.
func New(next http.Handler, opts ...Option) (*Handler, error) {
	if next == nil {
		return nil, errors.New("docsui: nil handler")
	}
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	var err error
	if cfg.baseURL != "" {
		if cfg.baseURL, err = endpoint.CheckBaseURL(cfg.baseURL, true); err != nil {
			return nil, fmt.Errorf("docsui: %w", err)
		}
	}
	spec, err := specTree(juspayaccounts.OpenAPISpec())
	if err != nil {
		return nil, err
	}
	h := &Handler{next: next, cfg: cfg, spec: spec}
	if h.index, err = h.renderIndex(); err != nil {
		return nil, err
	}
	h.csp = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
		"connect-src " + strings.TrimSpace("'self' "+cfg.baseURL) + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	return h, nil
}

// specTree decodes the YAML document into maps, slices and scalars that
// encoding/json writes as the same content (openapi.yaml quotes its numeric
// keys, so every map has string keys; serveJSON answers 500 otherwise).
func specTree(doc []byte) (map[string]any, error) {
	var m map[string]any
	if err := yaml.Unmarshal(doc, &m); err != nil {
		return nil, fmt.Errorf("docsui: read openapi.yaml: %w", err)
	}
	return m, nil
}

// basicScheme is the name of the spec's first HTTP Basic security scheme.
func basicScheme(spec map[string]any) string {
	comps, _ := spec["components"].(map[string]any)
	schemes, _ := comps["securitySchemes"].(map[string]any)
	for _, name := range slices.Sorted(maps.Keys(schemes)) {
		if m, _ := schemes[name].(map[string]any); m["type"] == "http" && strings.EqualFold(fmt.Sprint(m["scheme"]), "basic") {
			return name
		}
	}
	return ""
}

// renderIndex fills the page's {{.Name}} fields, HTML-escaped, and keeps one
// branch of each <!--if Name-->A<!--else-->B<!--end-->. (html/template would
// keep every exported method in the binary: 3.7 MB.)
func (h *Handler) renderIndex() ([]byte, error) {
	info, _ := h.spec["info"].(map[string]any)
	title, _ := info["title"].(string)
	page, err := assets.ReadFile("assets/index.html")
	if err != nil {
		return nil, fmt.Errorf("docsui: read index: %w", err)
	}
	fields := map[string]string{
		"Title": cmp.Or(title, "API"), "Prefix": DocsPath, "YAML": YAMLPath, "JSON": JSONPath,
		"DemoKey": h.cfg.demoKey, "AuthScheme": basicScheme(h.spec),
	}
	page = indexIf.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := indexIf.FindSubmatch(m)
		if fields[string(sub[1])] != "" {
			return sub[2]
		}
		return sub[3]
	})
	return indexField.ReplaceAllFunc(page, func(m []byte) []byte {
		return []byte(html.EscapeString(fields[string(indexField.FindSubmatch(m)[1])]))
	}), nil
}

// indexField is a {{.Name}} of assets/index.html; indexIf an <!--if Name-->.
var (
	indexField = regexp.MustCompile(`\{\{\.([A-Za-z]+)\}\}`)
	indexIf    = regexp.MustCompile(`(?s)<!--if ([A-Za-z]+)-->(.*?)<!--else-->(.*?)<!--end-->`)
)

// ServeHTTP serves DocsPath, its assets and JSONPath (GET and HEAD only), and
// passes anything else to the wrapped handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p != JSONPath && p != DocsPath && !strings.HasPrefix(p, DocsPath+"/") {
		h.next.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch p {
	case JSONPath:
		h.serveJSON(w, r)
	case DocsPath, DocsPath + "/":
		w.Header().Set("Content-Security-Policy", h.csp)
		w.Header().Set("Referrer-Policy", "no-referrer")
		serveContent(w, r, "text/html; charset=utf-8", bytes.NewReader(h.index))
	default:
		h.serveAsset(w, r, strings.TrimPrefix(p, DocsPath+"/"))
	}
}

func serveContent(w http.ResponseWriter, r *http.Request, contentType string, content io.ReadSeeker) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, content)
}

// serveAsset serves init.js or one of swaggerAssets, straight from the
// embedded files.
func (h *Handler) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	fsys, file, ct := swaggerfiles.FS, name, swaggerAssets[name]
	if name == "init.js" {
		fsys, file, ct = assets, "assets/init.js", "text/javascript; charset=utf-8"
	}
	if ct == "" {
		http.NotFound(w, r)
		return
	}
	f, err := fsys.Open(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if name != "init.js" {
		w.Header().Set("Cache-Control", "public, max-age=3600")
	}
	serveContent(w, r, ct, f.(io.ReadSeeker)) // embedded files seek
}

// ServerURL is the URL clients reached this server by: the base URL; else
// the request's scheme and Host when Host is a loopback address (a Host
// header is the client's to write: only a name that cannot lead to another
// machine is repeated); else "/" (the same origin).
func (h *Handler) ServerURL(r *http.Request) string {
	if h.cfg.baseURL != "" {
		return h.cfg.baseURL
	}
	if !loopbackHost(r.Host) {
		return "/"
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// loopbackHost reports whether hostport is a loopback host with an optional port.
func loopbackHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
	}
	if n, err := strconv.ParseUint(port, 10, 16); port != "" && (err != nil || n == 0 || port[0] == '0') {
		return false
	}
	return endpoint.IsLoopback(host)
}

func (h *Handler) serveJSON(w http.ResponseWriter, r *http.Request) {
	doc := maps.Clone(h.spec)
	doc["servers"] = []any{map[string]any{
		"url":         h.ServerURL(r),
		"description": "This emulator (requests go to it, never to Juspay)",
	}}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		http.Error(w, "cannot encode the spec", http.StatusInternalServerError)
		return
	}
	serveContent(w, r, "application/json", bytes.NewReader(b))
}
