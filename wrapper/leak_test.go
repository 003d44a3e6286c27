package wrapper

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawServer answers every request on loopback with the bytes reply makes of
// it (the request's Authorization header and body), whatever HTTP they are.
func rawServer(t *testing.T, reply func(auth, body string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				body, _ := io.ReadAll(req.Body)
				_, _ = io.WriteString(conn, reply(req.Header.Get("Authorization"), string(body)))
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// TestMalformedResponsesNeverLeak: net/http's own errors for a malformed
// response quote its bytes; a server that echoes the request there must not
// get the key (in any encoding) or a personal value into the error, nor into
// any error its chain unwraps to.
func TestMalformedResponsesNeverLeak(t *testing.T) {
	const vpa, account, name = "leakyvpa77@okicici", "40002323422981", "Xanthippe Rao"
	replies := map[string]func(auth, body string) string{
		"header line without a colon": func(auth, body string) string {
			return "HTTP/1.1 200 OK\r\nEcho " + auth + " " + body + "\r\n\r\n"
		},
		"bad Content-Length": func(auth, body string) string {
			return "HTTP/1.1 200 OK\r\nContent-Length: " + auth + body + "\r\n\r\n"
		},
		"bad status line": func(auth, body string) string { return "HTTP/1.1 " + auth + " " + body + "\r\n\r\n" },
		"not HTTP":        func(auth, body string) string { return auth + " " + body + "\r\n\r\n" },
	}
	calls := map[string]func(c *Client) error{
		"create VPA": func(c *Client) error {
			_, err := c.CreateAndValidateCustomerAccounts(context.Background(), "cst_1", AccountInput{VPA: vpa})
			return err
		},
		"create bank account": func(c *Client) error {
			_, err := c.CreateCustomerAccounts(context.Background(), "cst_1", AccountInput{BankAccount: &CustomerBankAccountInput{AccountNumber: account, IFSC: "HDFC0000001", BeneficiaryName: name}})
			return err
		},
		"get": func(c *Client) error {
			_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
			return err
		},
	}
	b64 := base64.StdEncoding.EncodeToString([]byte(testKey + ":"))
	secrets := []string{testKey, b64, strings.TrimRight(b64, "="), vpa, "leakyvpa77", account, name, "XANTHIPPE", "Xanthippe"}
	for rname, reply := range replies {
		for cname, call := range calls {
			t.Run(rname+"/"+cname, func(t *testing.T) {
				c, err := New(testKey, WithBaseURL(rawServer(t, reply)), WithRetryPolicy(NoRetries()))
				require.NoError(t, err)
				err = call(c)
				require.Error(t, err)
				for e := err; e != nil; e = errors.Unwrap(e) {
					for _, s := range secrets {
						assert.NotContains(t, e.Error(), s, "%T", e)
					}
				}
			})
		}
	}
}

// TestServerTextCannotForgeLines: control characters in any server-supplied
// text (a terminal title, a screen clear, colours, CR/LF forging a log line)
// are made visible in Error(); the fields keep what was received.
func TestServerTextCannotForgeLines(t *testing.T) {
	const msg = "bad\x1b]0;pwned\x07 input\x1b[2J\x1b[31m\r\nFAKE: juspay-accounts: ok"
	const id = "rq-1\r\nFAKE: ok"
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	body := `{"status":"error","error_code":"INVALID\u001b[2J","error_message":` + q(msg) + `,"error_info":{"code":"X\nY","request_id":` + q(id) + `}}`
	c, _ := setup(t, respond(400, []byte(body)))
	_, err := c.GetCustomerAccount(context.Background(), "cst_1", "banh_1")
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, id, e.RequestID, "the field is what was received")
	assert.Equal(t, msg, e.Message)
	for _, c := range []string{"\x1b", "\x07", "\r", "\n"} {
		assert.NotContains(t, e.Error(), c)
	}
	assert.Regexp(t, `\[request_id rq-1\\(r|x0d)\\(n|x0a)FAKE: ok\]`, e.Error(), "made visible, not dropped")
}

// TestIdentifiersAreNeverRewritten: masking the values a call sent, however
// short, never rewrites the request id or the codes the server sent.
func TestIdentifiersAreNeverRewritten(t *testing.T) {
	const id = "9a123b0c-7dec-4e3b-9e1d-0c3f1a2b0dec"
	body := `{"status":"invalid_request","error_code":"invalid_request","error_message":"name mismatch: DEC","error_info":{"code":"INVALID_INPUT","request_id":"` + id + `"}}`
	c, _ := setup(t, respond(400, []byte(body)))
	v32 := c.BankAccountsV32()
	_, err := v32.Create(context.Background(), "cst_1", V32BankAccountInput{BankCode: "JP_HDFC", AccountNumber: "40002323422", IFSC: "HDFC0000001",
		BeneficiaryName: "dec", Metadata: map[string]string{"batch": "123", "kind": "invalid", "x": "7dec"}})
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, id, e.RequestID)
	assert.Contains(t, e.Error(), "[request_id "+id+"]")
	assert.Contains(t, e.Error(), "HTTP 400 invalid_request (INVALID_INPUT)")
	assert.Contains(t, string(e.RedactedBody()), `"request_id": "`+id+`"`)
	assert.Contains(t, string(e.RedactedBody()), `"error_code": "invalid_request"`)
}
