package browser

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/getkin/kin-openapi/openapi3"

	juspayaccounts "github.com/pennydrop/juspay-accounts"
	"github.com/pennydrop/juspay-accounts/api"
	"github.com/pennydrop/juspay-accounts/api/docsui"
)

// specOp is what the page must show for one operation of openapi.yaml.
type specOp struct {
	ID, Method, Path, Summary string
}

// specOperations reads every operation from openapi.yaml: the test has no
// list of its own.
func specOperations(t *testing.T) []specOp {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(juspayaccounts.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	var ops []specOp
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, specOp{op.OperationID, method, path, op.Summary})
		}
	}
	slices.SortFunc(ops, func(a, b specOp) int { return strings.Compare(a.ID, b.ID) })
	if len(ops) == 0 {
		t.Fatal("openapi.yaml has no operations")
	}
	return ops
}

// chromium finds the browser: $CHROMIUM, then chromium on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("Chromium not found: run `make test-browser` (it installs the Debian package) or set CHROMIUM")
	}
	return p
}

// pageLog collects what the page did wrong, and the API exchanges it made.
type pageLog struct {
	mu       sync.Mutex
	problems []string
	urls     map[network.RequestID]string
	api      []*exchange
	byID     map[network.RequestID]*exchange
}

// exchange is one API call the page made.
type exchange struct {
	method, url, body, auth string
	status                  int64
}

// lastAPI returns the last API exchange (a zero one if none).
func (l *pageLog) lastAPI() exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.api) == 0 {
		return exchange{}
	}
	return *l.api[len(l.api)-1]
}

func (l *pageLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

func (l *pageLog) listen(host string) func(ev any) {
	return func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				l.add("console.%s: %s", e.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			l.add("uncaught exception: %s (%s:%d)", msg, d.URL, d.LineNumber)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				l.add("browser log error (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(e.Request.URL)
			if err != nil || (u.Scheme != "data" && u.Host != host) {
				l.add("request to another host: %s", e.Request.URL)
			}
			l.mu.Lock()
			l.urls[e.RequestID] = e.Request.URL
			if strings.HasPrefix(u.Path, "/customers/") {
				ex := &exchange{method: e.Request.Method, url: e.Request.URL, auth: fmt.Sprint(e.Request.Headers["Authorization"])}
				for _, b := range e.Request.PostDataEntries {
					ex.body += string(b.Bytes)
				}
				l.api = append(l.api, ex)
				if l.byID == nil {
					l.byID = map[network.RequestID]*exchange{}
				}
				l.byID[e.RequestID] = ex
			}
			l.mu.Unlock()
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				l.add("HTTP %d for %s", e.Response.Status, e.Response.URL)
			}
			l.mu.Lock()
			if ex := l.byID[e.RequestID]; ex != nil {
				ex.status = e.Response.Status
			}
			l.mu.Unlock()
		case *network.EventLoadingFailed:
			l.mu.Lock()
			u := l.urls[e.RequestID]
			l.mu.Unlock()
			l.add("failed request %s: %s (blocked: %s)", u, e.ErrorText, e.BlockedReason)
		}
	}
}

// opblockJS lists the operations Swagger UI rendered.
const opblockJS = `Array.from(document.querySelectorAll('.opblock')).map(e => ({
  dom: e.id,
  id: (e.querySelector('.opblock-summary-operation-id') || {textContent: ''}).textContent.trim(),
  method: (e.querySelector('.opblock-summary-method') || {textContent: ''}).textContent.trim(),
  path: ((e.querySelector('.opblock-summary-path, .opblock-summary-path__deprecated') || {dataset: {}}).dataset.path || ''),
  summary: (e.querySelector('.opblock-summary-description') || {textContent: ''}).textContent.trim(),
}))`

type shownOp struct {
	DOM     string `json:"dom"`
	ID      string `json:"id"`
	Method  string `json:"method"`
	Path    string `json:"path"`
	Summary string `json:"summary"`
}

func screenshot(ctx context.Context, t *testing.T, name string) {
	dir := os.Getenv("BROWSER_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	t.Logf("screenshot: %s", p)
}

// tryOrder is the order a user follows on /docs: read what is there, create,
// validate, and delete last.
var tryOrder = []string{
	"listCustomerAccounts", "getCustomerAccount", "createCustomerAccounts", "validateCustomerAccount",
	"listBankAccounts", "getBankAccount", "createBankAccount", "validateBankAccount", "deleteBankAccount",
}

// TestDocsInChromium opens /docs on an emulator set up as `serve` sets it up
// (the demo key, the spec's examples seeded), checks that every operation of
// openapi.yaml is listed, then sends each one through "Try it out" with the
// values the page pre-fills, in the order a user would, and expects a 2xx for
// each. It fails on any console error, uncaught exception, failed or non-2xx
// request, or request to another host. Its last line is
// "try-it-out: N of 9 operations 2xx".
func TestDocsInChromium(t *testing.T) {
	ops := specOperations(t)
	emu := api.New(api.WithValidationDelay(2 * time.Second))
	h, err := docsui.New(emu, docsui.WithDemoKey(api.DefaultTestKey))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)

	// A deadline so that a stuck browser fails the test instead of hanging it;
	// it is not a performance bound.
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	if err := docsui.SeedExamples(ctx, emu, api.DefaultTestKey); err != nil {
		t.Fatal(err)
	}

	home := t.TempDir()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(filepath.Join(home, "profile")),
		chromedp.WindowSize(1280, 1600),
		chromedp.NoInheritEnv,
		chromedp.Env("HOME="+home),
	)...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	defer cancelBrowser()

	pl := &pageLog{urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(bctx, pl.listen(base.Host)); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}

	// 1. Every operation of the spec is listed, with its method, path and summary.
	if err := chromedp.Do(bctx,
		chromedp.Navigate(srv.URL+docsui.DocsPath),
		chromedp.WaitVisible(chromedp.CSS(".opblock")),
	); err != nil {
		t.Fatalf("loading /docs: %v", err)
	}
	var shown []shownOp
	for {
		shown, err = chromedp.Run(bctx, chromedp.Evaluate[[]shownOp](opblockJS))
		if err != nil {
			t.Fatal(err)
		}
		if len(shown) >= len(ops) || ctx.Err() != nil {
			break
		}
		if err := chromedp.Do(bctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	screenshot(bctx, t, "1-list")
	byID := map[string]shownOp{}
	for _, s := range shown {
		byID[s.ID] = s
	}
	for _, op := range ops {
		s, ok := byID[op.ID]
		switch {
		case !ok:
			t.Errorf("operation %s is not listed on /docs", op.ID)
		case !strings.EqualFold(s.Method, op.Method) || s.Path != op.Path || s.Summary != op.Summary:
			t.Errorf("operation %s is shown as %s %s %q, want %s %s %q", op.ID, s.Method, s.Path, s.Summary, op.Method, op.Path, op.Summary)
		}
	}
	if len(shown) != len(ops) {
		t.Errorf("the page lists %d operations, the spec has %d", len(shown), len(ops))
	}
	if len(tryOrder) != len(ops) {
		t.Errorf("tryOrder has %d operations, the spec %d", len(tryOrder), len(ops))
	}

	// 2. Try it out, every operation, with what the page pre-fills.
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(api.DefaultTestKey+":"))
	ok2xx := 0
	for i, op := range tryOrder {
		s, ok := byID[op]
		if !ok {
			t.Errorf("%s is not on the page", op)
			continue
		}
		status, body, err := tryItOut(bctx, s.DOM)
		screenshot(bctx, t, fmt.Sprintf("2-%d-%s", i, op))
		if err != nil {
			t.Errorf("%s: %v", op, err)
			continue
		}
		ex := pl.lastAPI()
		t.Logf("%s: %s %s %q -> %d (page shows %d)", op, ex.method, ex.url, ex.body, ex.status, status)
		switch {
		case status < 200 || status > 299:
			t.Errorf("%s: the page shows status %d: %.400s", op, status, body)
		case ex.auth != wantAuth:
			t.Errorf("%s: not authorized with the demo key (Authorization %q)", op, ex.auth)
		default:
			ok2xx++
		}
	}

	pl.mu.Lock()
	for _, p := range pl.problems {
		t.Error(p)
	}
	pl.mu.Unlock()
	fmt.Printf("try-it-out: %d of %d operations 2xx\n", ok2xx, len(ops))
}

// tryItOut opens an operation, presses "Try it out" and Execute, changing
// nothing the page pre-filled, and returns the status and body the page shows.
func tryItOut(ctx context.Context, dom string) (int, string, error) {
	blk := fmt.Sprintf(`[id=%q]`, dom)
	if err := chromedp.Do(ctx,
		chromedp.ScrollIntoView(chromedp.CSS(blk)),
		chromedp.Click(chromedp.CSS(blk+" .opblock-summary-control")),
		chromedp.WaitVisible(chromedp.CSS(blk+" .try-out__btn")),
		chromedp.Click(chromedp.CSS(blk+" .try-out__btn")),
		chromedp.WaitVisible(chromedp.CSS(blk+" .execute")),
	); err != nil {
		return 0, "", fmt.Errorf("opening try it out: %w", err)
	}
	statusSel := blk + " .live-responses-table .response .response-col_status"
	bodySel := blk + " .live-responses-table .response .response-col_description pre"
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(blk+" .execute")),
		chromedp.WaitVisible(chromedp.CSS(statusSel)),
	); err != nil {
		return 0, "", fmt.Errorf("executing: %w", err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(statusSel)))
	if err != nil {
		return 0, "", err
	}
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(bodySel)))
	n, err := strconv.Atoi(strings.TrimSpace(status))
	if err != nil {
		return 0, body, fmt.Errorf("the page shows status %q", status)
	}
	return n, body, nil
}

// setInput types v into a React-controlled input, replacing its value.
func setInput(sel, v string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, sel)),
		chromedp.SendKeys(chromedp.CSS(sel), v),
	)
}
