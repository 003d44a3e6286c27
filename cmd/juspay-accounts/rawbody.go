package main

import (
	"bytes"
	"io"
	"net/http"
	"sync"

	"github.com/pennydrop/juspay-accounts/wrapper"
)

// rawBodies keeps the body of the last 2xx response, byte for byte, so that
// --json prints what the server sent rather than a re-encoding of the typed
// result (which drops fields the model does not know, nulls and key order).
//
// It is the one place that captures raw bodies: once the wrapper offers a
// per-call option returning the raw response body, use that instead and
// delete this file.
type rawBodies struct {
	base http.RoundTripper

	mu   sync.Mutex
	last []byte
}

// RoundTrip sends req and tees a 2xx body into the capture as the wrapper
// reads it (at most wrapper.MaxResponseBody bytes).
func (r *rawBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, err
	}
	buf := &cappedBuffer{max: wrapper.MaxResponseBody}
	r.mu.Lock()
	r.last = nil
	r.mu.Unlock()
	resp.Body = &teeBody{Reader: io.TeeReader(resp.Body, buf), closer: resp.Body, done: func() {
		r.mu.Lock()
		r.last = buf.Bytes()
		r.mu.Unlock()
	}}
	return resp, nil
}

// Last returns the body of the last 2xx response read.
func (r *rawBodies) Last() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// teeBody records the captured bytes when the body ends or is closed.
type teeBody struct {
	io.Reader
	closer io.Closer
	done   func()
	once   sync.Once
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.Reader.Read(p)
	if err == io.EOF {
		t.once.Do(t.done)
	}
	return n, err
}

func (t *teeBody) Close() error {
	t.once.Do(t.done)
	return t.closer.Close()
}

// cappedBuffer keeps at most max bytes.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
