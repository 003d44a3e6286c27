// Package loopback gives the project's tests loopback addresses that behave in a known way.
package loopback

import (
	"net"
	"testing"
)

// refusedHost is a loopback address no test server binds (they use 127.0.0.1,
// where a closed port could be handed to the next server started in parallel).
const refusedHost = "127.0.0.2"

// RefusedURL returns an http URL on loopback where nothing listens, so that a
// dial to it is refused.
func RefusedURL(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", refusedHost+":0")
	if err != nil {
		t.Fatalf("loopback: reserve a port on %s: %v", refusedHost, err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatalf("loopback: close %s: %v", addr, err)
	}
	return "http://" + addr
}
