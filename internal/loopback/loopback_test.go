package loopback

import (
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRefusedURLRefuses(t *testing.T) {
	u := RefusedURL(t)
	if !strings.HasPrefix(u, "http://"+refusedHost+":") {
		t.Fatalf("RefusedURL = %q, want a URL on %s", u, refusedHost)
	}
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(u, "http://"), time.Second)
	if err == nil {
		conn.Close()
		t.Fatalf("dial %s succeeded, want connection refused", u)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial %s: %v, want connection refused", u, err)
	}
}
