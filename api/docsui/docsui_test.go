package docsui_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/api/docsui"
)

func newServer(t *testing.T, opts ...docsui.Option) *httptest.Server {
	t.Helper()
	h, err := docsui.New(api.New(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

type reply struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url string, hdr map[string]string) reply {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

func TestRoutes(t *testing.T) {
	srv := newServer(t, docsui.WithDemoKey(api.DefaultTestKey))
	for _, tc := range []struct {
		method, path string
		status       int
		contentType  string
		contains     string
	}{
		{"GET", "/docs", 200, "text/html; charset=utf-8", `<div id="swagger-ui"`},
		{"GET", "/docs/", 200, "text/html; charset=utf-8", `<div id="swagger-ui"`},
		{"HEAD", "/docs", 200, "text/html; charset=utf-8", ""},
		{"GET", "/docs/init.js", 200, "text/javascript; charset=utf-8", "SwaggerUIBundle("},
		{"GET", "/docs/swagger-ui-bundle.js", 200, "text/javascript; charset=utf-8", "SwaggerUIBundle"},
		{"GET", "/docs/swagger-ui.css", 200, "text/css; charset=utf-8", ".swagger-ui"},
		{"GET", "/docs/index.css", 200, "text/css; charset=utf-8", "box-sizing"},
		{"GET", "/docs/favicon-32x32.png", 200, "image/png", "PNG"},
		{"GET", "/openapi.json", 200, "application/json", `"openapi": "3.0.3"`},
		{"HEAD", "/openapi.json", 200, "application/json", ""},
		{"GET", "/openapi.yaml", 200, "application/yaml", "openapi: 3.0.3"},
		// Only the files the page uses are served.
		{"GET", "/docs/index.html", 404, "", ""},
		{"GET", "/docs/swagger-initializer.js", 404, "", ""},
		{"GET", "/docs/oauth2-redirect.html", 404, "", ""},
		{"GET", "/docs/sub/swagger-ui.css", 404, "", ""},
		{"GET", "/docs/%2e%2e/openapi.yaml", 404, "", ""},
		{"POST", "/docs", 405, "", ""},
		{"DELETE", "/openapi.json", 405, "", ""},
		{"PUT", "/docs/swagger-ui.css", 405, "", ""},
		// Everything else is the emulator's.
		{"GET", "/customers/c/customer-accounts/list", 401, "application/json", "access_denied"},
		{"GET", "/nowhere", 404, "application/json", "error_code"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			r := do(t, tc.method, srv.URL+tc.path, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d (%.200s)", r.status, tc.status, r.body)
			}
			if tc.contentType != "" && r.header.Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type %q, want %q", r.header.Get("Content-Type"), tc.contentType)
			}
			if !strings.Contains(r.body, tc.contains) {
				t.Errorf("body lacks %q", tc.contains)
			}
			if tc.method == "HEAD" && (r.body != "" || r.header.Get("Content-Length") == "") {
				t.Errorf("HEAD: body %d bytes, Content-Length %q", len(r.body), r.header.Get("Content-Length"))
			}
			if tc.status == 405 && r.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", r.header.Get("Allow"))
			}
		})
	}
}

// yamlWithServers is openapi.yaml decoded as JSON would be, with servers
// replaced by one entry with url.
func yamlWithServers(t *testing.T, url string) any {
	t.Helper()
	var y any
	if err := yaml.Unmarshal(juspayaccounts.OpenAPISpec(), &y); err != nil {
		t.Fatal(err)
	}
	m := y.(map[string]any)
	if len(m["servers"].([]any)) == 0 {
		t.Fatal("the spec has no servers to replace")
	}
	m["servers"] = []any{map[string]any{"url": url}}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestJSONIsTheYAMLWithServersReplaced: /openapi.json holds exactly the
// content of openapi.yaml, except that servers is this server.
func TestJSONIsTheYAMLWithServersReplaced(t *testing.T) {
	srv := newServer(t)
	for _, tc := range []struct {
		name string
		hdr  map[string]string
		url  string
	}{
		{"request host", nil, srv.URL},
		{"another name for it", map[string]string{"Host": "localhost:" + srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]}, "http://localhost:" + srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]},
		{"odd host", map[string]string{"Host": "user@evil.example"}, "/"},
		{"another machine", map[string]string{"Host": "evil.example:8080"}, "/"},
		{"a name that may not be this machine", map[string]string{"Host": "my_emulator:8080"}, "/"},
		{"IPv6 loopback", map[string]string{"Host": "[::1]:8080"}, "http://[::1]:8080"},
		{"loopback with a bad port", map[string]string{"Host": "127.0.0.1:99999"}, "/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, "GET", srv.URL+"/openapi.json", tc.hdr)
			if r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(r.body), &got); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			servers := got["servers"].([]any)
			if len(servers) != 1 || servers[0].(map[string]any)["url"] != tc.url {
				t.Fatalf("servers = %v, want one with url %s", servers, tc.url)
			}
			delete(servers[0].(map[string]any), "description")
			if want := yamlWithServers(t, tc.url); !reflect.DeepEqual(any(got), want) {
				t.Fatal("/openapi.json differs from openapi.yaml beyond servers")
			}
			// An independent reader agrees: kin-openapi loads and validates it.
			doc, err := openapi3.NewLoader().LoadFromData([]byte(r.body))
			if err != nil {
				t.Fatal(err)
			}
			if err := doc.Validate(context.Background()); err != nil {
				t.Fatal(err)
			}
			if doc.Paths.Len() == 0 || doc.Servers[0].URL != tc.url {
				t.Fatalf("kin-openapi read %d paths, server %q", doc.Paths.Len(), doc.Servers[0].URL)
			}
		})
	}
}

func TestBaseURLOption(t *testing.T) {
	srv := newServer(t, docsui.WithBaseURL("http://127.0.0.1:9999/"))
	r := do(t, "GET", srv.URL+"/openapi.json", nil)
	if !strings.Contains(r.body, `"url": "http://127.0.0.1:9999"`) {
		t.Errorf("servers not set to the base URL: %.300s", r.body)
	}
	r = do(t, "GET", srv.URL+"/docs", nil)
	if !strings.Contains(r.header.Get("Content-Security-Policy"), "connect-src 'self' http://127.0.0.1:9999;") {
		t.Errorf("CSP does not let the page call the base URL: %q", r.header.Get("Content-Security-Policy"))
	}
	for _, bad := range []string{"127.0.0.1:8080", "ftp://x", "http://", "://x"} {
		if _, err := docsui.New(api.New(), docsui.WithBaseURL(bad)); err == nil {
			t.Errorf("WithBaseURL(%q): no error", bad)
		}
	}
	if _, err := docsui.New(nil); err == nil {
		t.Error("New(nil): no error")
	}
}

var external = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)

// TestNoExternalHost: the page and its script load nothing from another
// host, and the CSP forbids it anyway.
func TestNoExternalHost(t *testing.T) {
	srv := newServer(t, docsui.WithDemoKey(api.DefaultTestKey))
	page := do(t, "GET", srv.URL+"/docs", nil)
	for _, path := range []string{"/docs", "/docs/init.js", "/docs/index.css"} {
		r := do(t, "GET", srv.URL+path, nil)
		if m := external.FindString(r.body); m != "" {
			t.Errorf("%s references %q", path, m)
		}
	}
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(page.body, -1) {
		if !strings.HasPrefix(m[1], "/") || strings.HasPrefix(m[1], "//") {
			t.Errorf("the page loads %q, not a path on this server", m[1])
			continue
		}
		if r := do(t, "GET", srv.URL+m[1], nil); r.status != 200 {
			t.Errorf("the page loads %s, which answers %d", m[1], r.status)
		}
	}
	csp := page.header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	init := do(t, "GET", srv.URL+"/docs/init.js", nil)
	if !strings.Contains(init.body, "validatorUrl: null") {
		t.Error("init.js does not turn off the online validator badge")
	}
}

func TestDemoKey(t *testing.T) {
	with := do(t, "GET", newServer(t, docsui.WithDemoKey(api.DefaultTestKey)).URL+"/docs", nil)
	if !strings.Contains(with.body, `data-demo-key="`+api.DefaultTestKey+`"`) || !strings.Contains(with.body, `data-auth-scheme="basicAuth"`) {
		t.Errorf("the demo key is not pre-filled: %s", with.body)
	}
	if !strings.Contains(with.body, "filled in with the emulator's demo key <code>"+api.DefaultTestKey+"</code>") || strings.Contains(with.body, `Click "Authorize"`) {
		t.Error("the page does not say the demo key is filled in")
	}
	without := do(t, "GET", newServer(t).URL+"/docs", nil)
	if strings.Contains(without.body, api.DefaultTestKey) || !strings.Contains(without.body, `data-demo-key=""`) {
		t.Error("a key is offered though none was given")
	}
	if !strings.Contains(without.body, `Click "Authorize"`) || strings.Contains(without.body, "demo key") {
		t.Error("without a demo key the page does not say how to authorize")
	}
	for _, page := range []string{with.body, without.body} {
		if strings.Contains(page, "{{") || strings.Contains(page, "<!--") {
			t.Errorf("unfilled template markers in the page: %s", page)
		}
	}
	odd := do(t, "GET", newServer(t, docsui.WithDemoKey(`"><script>x</script>`)).URL+"/docs", nil)
	if strings.Contains(odd.body, "<script>x") || !strings.Contains(odd.body, "&#34;&gt;&lt;script&gt;x") {
		t.Error("the demo key is not escaped")
	}
}
