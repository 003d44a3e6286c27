package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/pennydrop/juspay-accounts/api"
)

// startServe runs `juspay-accounts serve` on a free port and returns its URL
// and the docs URL it logged.
func startServe(t *testing.T, args ...string) (base, docs string) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = []string{}
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	re := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+) docs=(\S+)`)
	for lines.Scan() {
		if m := re.FindStringSubmatch(lines.Text()); m != nil {
			base, docs = m[1], m[2]
			break
		}
	}
	require.NotEmpty(t, base, "serve did not log its URL and docs URL")
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	return base, docs
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

func TestServeDocs(t *testing.T) {
	base, docs := startServe(t)
	assert.Equal(t, base+"/docs", docs)

	resp, page := get(t, docs)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, page, `data-demo-key="`+api.DefaultTestKey+`"`, "the default key is pre-filled")

	resp, body := get(t, base+"/openapi.json")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var spec struct {
		Servers []struct{ URL string } `json:"servers"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &spec))
	require.Len(t, spec.Servers, 1)
	assert.Equal(t, base, spec.Servers[0].URL, "try it out calls this emulator")

	resp, _ = get(t, base+"/openapi.yaml")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/yaml", resp.Header.Get("Content-Type"))
}

// TestServeDocsHidesCustomKeys: keys given with --keys are never shown on
// the page; only the public demo key is, when it is accepted.
func TestServeDocsHidesCustomKeys(t *testing.T) {
	const secret = "sk_custom_key_123"
	base, _ := startServe(t, "--keys", secret)
	resp, page := get(t, base+"/docs")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotContains(t, page, secret)
	assert.NotContains(t, page, api.DefaultTestKey, "the demo key is not accepted, so it is not offered")
	assert.Contains(t, page, `data-demo-key=""`)
	assert.True(t, strings.Contains(page, "Authorize"), "the page says how to authorize")
}

// TestServeWarnsWhenNotLoopback: serve says on stderr when it is bound to an
// address other machines can reach, and only then.
func TestServeWarnsWhenNotLoopback(t *testing.T) {
	for _, c := range []struct {
		addr string
		warn bool
	}{{"127.0.0.1:0", false}, {"0.0.0.0:0", true}} {
		cmd := exec.Command(binary, "serve", "--addr", c.addr)
		cmd.Env = []string{}
		stderr, err := cmd.StderrPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		var log strings.Builder
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			log.WriteString(lines.Text() + "\n")
			if strings.Contains(lines.Text(), "emulator configuration") {
				break
			}
		}
		_ = cmd.Process.Kill()
		_, _ = io.Copy(io.Discard, stderr)
		_ = cmd.Wait()
		require.Contains(t, log.String(), "emulator configuration", c.addr)
		assert.Equal(t, c.warn, strings.Contains(log.String(), "non-loopback address"), "%s:\n%s", c.addr, log.String())
	}
}

// TestServeLogLevel: serve logs a line per request by default, and none with
// --log-level WARN, which still shows where it listens.
func TestServeLogLevel(t *testing.T) {
	for _, c := range []struct {
		args    []string
		logsReq bool
	}{{nil, true}, {[]string{"--log-level", "WARN"}, false}} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().String()
		require.NoError(t, ln.Close())
		cmd := exec.Command(binary, append([]string{"serve", "--addr", addr}, c.args...)...)
		cmd.Env = []string{}
		var log strings.Builder
		cmd.Stderr = &log
		require.NoError(t, cmd.Start())
		var resp *http.Response
		for range 600 { // until it listens
			if resp, err = http.Get("http://" + addr + "/customers/c1/customer-accounts/list"); err == nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		assert.Equal(t, c.logsReq, strings.Contains(log.String(), "operation=listCustomerAccounts status=401"), "%v:\n%s", c.args, log.String())
		assert.Contains(t, log.String(), "emulator listening", "%v: where it listens shows at any level", c.args)
	}
}
