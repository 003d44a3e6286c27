package browser

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
	"github.com/pennydrop/juspay-accounts/wrapper"
)

// listOperation is the operation the test calls through "try it out".
const listOperation = "listCustomerAccounts"

// specOp is what the page must show for one operation of openapi.yaml.
type specOp struct {
	ID, Method, Path, Summary string
}

// specOperations reads every operation, and the example of the parameter
// customer_id, from openapi.yaml: the test has no list of its own.
func specOperations(t *testing.T) ([]specOp, string) {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(juspayaccounts.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	var ops []specOp
	customer := ""
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, specOp{op.OperationID, method, path, op.Summary})
			for _, p := range op.Parameters {
				if p.Value != nil && p.Value.Name == "customer_id" && p.Value.Example != nil && customer == "" {
					customer = fmt.Sprint(p.Value.Example)
				}
			}
		}
	}
	slices.SortFunc(ops, func(a, b specOp) int { return strings.Compare(a.ID, b.ID) })
	if len(ops) == 0 {
		t.Fatal("openapi.yaml has no operations")
	}
	return ops, customer
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

// pageLog collects what the page did wrong, and the exchanges it made.
type pageLog struct {
	mu        sync.Mutex
	problems  []string
	urls      map[network.RequestID]string
	listReqs  []*network.Request
	listResps []*network.Response
	listIDs   []network.RequestID
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
			if strings.Contains(u.Path, "/customer-accounts/list") {
				l.listReqs = append(l.listReqs, e.Request)
				l.listIDs = append(l.listIDs, e.RequestID)
			}
			l.mu.Unlock()
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				l.add("HTTP %d for %s", e.Response.Status, e.Response.URL)
			}
			if strings.Contains(e.Response.URL, "/customer-accounts/list") {
				l.mu.Lock()
				l.listResps = append(l.listResps, e.Response)
				l.mu.Unlock()
			}
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

// TestDocsInChromium opens /docs on a running emulator, checks that every
// operation of openapi.yaml is listed, lists a seeded customer's accounts
// through "try it out", and fails on any console error, uncaught exception,
// failed or non-2xx request, or request to another host.
func TestDocsInChromium(t *testing.T) {
	ops, customer := specOperations(t)
	if customer == "" {
		customer = "cst_browser"
	}
	emu := api.New(api.WithValidationDelay(0))
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

	// Seed the customer the page will ask for (the spec's example of
	// customer_id, which Swagger UI pre-fills), so the list has an account.
	client, err := wrapper.New(api.DefaultTestKey, wrapper.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	acct, err := client.CreateCustomerAccounts(ctx, customer, wrapper.AccountInput{VPA: "browser.test@upi"})
	if err != nil {
		t.Fatal(err)
	}
	seeded := jsonField(t, acct, "customer_account_id")

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
	list, ok := byID[listOperation]
	if !ok {
		t.Fatalf("%s is not on the page", listOperation)
	}

	// 2. Try it out: list the seeded customer's accounts through the page.
	blk := fmt.Sprintf(`[id=%q]`, list.DOM)
	custInput := blk + ` tr[data-param-name="customer_id"] input`
	routeInput := blk + ` tr[data-param-name="x-routing-id"] input`
	if err := chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(blk+" .opblock-summary-control")),
		chromedp.WaitVisible(chromedp.CSS(blk+" .try-out__btn")),
		chromedp.Click(chromedp.CSS(blk+" .try-out__btn")),
		chromedp.WaitVisible(chromedp.CSS(custInput)),
	); err != nil {
		t.Fatalf("opening try it out: %v", err)
	}
	custVal, err := chromedp.Run(bctx, chromedp.Value(chromedp.CSS(custInput)))
	if err != nil {
		t.Fatal(err)
	}
	routeVal, err := chromedp.Run(bctx, chromedp.Value(chromedp.CSS(routeInput)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pre-filled by the page: customer_id %q, x-routing-id %q", custVal, routeVal)
	if custVal != customer {
		if err := chromedp.Do(bctx, setInput(custInput, customer)); err != nil {
			t.Fatal(err)
		}
	}
	// The same x-routing-id as every other call for this customer (Juspay's
	// rule, which the emulator enforces): the page pre-fills the spec's
	// example, customer_1122, while the seed used the customer id.
	if routeVal != customer {
		if err := chromedp.Do(bctx, setInput(routeInput, customer)); err != nil {
			t.Fatal(err)
		}
	}
	statusSel := blk + " .live-responses-table .response .response-col_status"
	bodySel := blk + " .live-responses-table .response .response-col_description pre"
	if err := chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(blk+" .execute")),
		chromedp.WaitVisible(chromedp.CSS(statusSel)),
	); err != nil {
		t.Fatalf("executing %s: %v", listOperation, err)
	}
	status, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(statusSel)))
	if err != nil {
		t.Fatal(err)
	}
	body, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(bodySel)))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(bctx, t, "2-try-it-out")
	if strings.TrimSpace(status) != "200" {
		t.Errorf("the page shows status %q, want 200", status)
	}
	if !strings.Contains(body, seeded) || !strings.Contains(body, `"list"`) {
		t.Errorf("the page's response lacks the seeded account %s: %.500s", seeded, body)
	}

	// The exchange itself: one GET with the demo key, answered 200 with the account.
	pl.mu.Lock()
	reqs, resps, ids := pl.listReqs, pl.listResps, pl.listIDs
	pl.mu.Unlock()
	if len(reqs) != 1 || len(resps) != 1 {
		t.Fatalf("the page sent %d list requests and got %d responses, want 1 and 1", len(reqs), len(resps))
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(api.DefaultTestKey+":"))
	if got := fmt.Sprint(reqs[0].Headers["Authorization"]); got != wantAuth {
		t.Errorf("the list call was not authorized with the demo key (Authorization %q)", got)
	}
	if resps[0].Status != 200 {
		t.Errorf("the emulator answered %d", resps[0].Status)
	}
	res, err := chromedp.Call(bctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: ids[0]})
	if err != nil {
		t.Fatal(err)
	}
	raw := res.Body
	var page struct {
		List []map[string]any `json:"list"`
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		t.Fatalf("the list response is not JSON: %v", err)
	}
	if len(page.List) != 1 || page.List[0]["customer_account_id"] != seeded {
		t.Errorf("the emulator listed %v, want the seeded account %s", page.List, seeded)
	}

	pl.mu.Lock()
	defer pl.mu.Unlock()
	for _, p := range pl.problems {
		t.Error(p)
	}
}

// setInput types v into a React-controlled input, replacing its value.
func setInput(sel, v string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).select()`, sel)),
		chromedp.SendKeys(chromedp.CSS(sel), v),
	)
}

// jsonField reads a JSON field of a model without naming its Go field.
func jsonField(t *testing.T, v any, name string) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	s, _ := m[name].(string)
	if s == "" {
		t.Fatalf("no %s in %s", name, b)
	}
	return s
}
