package wrapper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
)

// MaxResponseBody caps the bytes of a successful response that are read. A
// larger body is a *DecodeError.
const MaxResponseBody = 8 << 20

// errTooLarge is a body over the cap.
var errTooLarge = errors.New("body exceeds the size cap")

// Body buffers are pooled: a body is read into a reused buffer, decoded, and
// the buffer goes back to the pool, so reading a body allocates nothing once
// the pool is warm (io.ReadAll, which the generated client uses, allocates
// about twice the body's size on every call). What outlives a call (an
// error's Body, a RawResponse) is copied out at its exact size.
const (
	// minBodyBuf is the first size of a pooled buffer.
	minBodyBuf = 4 << 10
	// maxPooledBodyBuf bounds what goes back to the pool: the rare larger
	// body's buffer is left to the garbage collector.
	maxPooledBodyBuf = 1 << 20
)

var bodyPool = sync.Pool{New: func() any { return new(bodyBuf) }}

// bodyBuf is a pooled read buffer.
type bodyBuf struct{ b []byte }

func getBodyBuf() *bodyBuf { return bodyPool.Get().(*bodyBuf) }

// release hands the buffer back; its bytes must not be used after.
func (p *bodyBuf) release() {
	if p == nil {
		return
	}
	if cap(p.b) > maxPooledBodyBuf {
		p.b = nil
	}
	p.b = p.b[:0]
	bodyPool.Put(p)
}

// readPooled reads r whole into a pooled buffer, failing with errTooLarge
// past max bytes (the buffer then holds the first max bytes). The buffer is
// never nil; the caller releases it.
func readPooled(r io.Reader, contentLength, max int64) (*bodyBuf, error) {
	p := getBodyBuf()
	if contentLength > max {
		return p, fmt.Errorf("%w of %d bytes (Content-Length %d)", errTooLarge, max, contentLength)
	}
	b := p.b[:0]
	if contentLength >= 0 && int64(cap(b)) < contentLength+1 {
		b = make([]byte, 0, contentLength+1) // +1 so the final Read sees EOF without growing
	} else if cap(b) == 0 {
		b = make([]byte, 0, minBodyBuf)
	}
	limit := int(max) + 1 // one byte past the cap proves the body is too large
	var err error
	for {
		if len(b) == cap(b) {
			nb := make([]byte, len(b), 2*cap(b))
			copy(nb, b)
			b = nb
		}
		end := min(cap(b), limit)
		var n int
		n, err = r.Read(b[len(b):end])
		b = b[:len(b)+n]
		if len(b) >= limit {
			p.b = b[:max]
			return p, fmt.Errorf("%w of %d bytes", errTooLarge, max)
		}
		if err != nil {
			break
		}
	}
	p.b = b
	if err == io.EOF {
		err = nil
	}
	return p, err
}

// readCapped reads r whole, failing with errTooLarge past max bytes; the bytes
// are the caller's (allocated at their exact size).
func readCapped(r io.Reader, contentLength, max int64) ([]byte, error) {
	p, err := readPooled(r, contentLength, max)
	out := make([]byte, len(p.b))
	copy(out, p.b)
	p.release()
	return out, err
}

// cappedBody is a response body the retry layer hands on unread (a write's
// body): it fails with errTooLarge past MaxResponseBody, so no reader (the
// generated client's io.ReadAll included) can be made to hold more, and it
// ends the call's timeout contexts when closed.
type cappedBody struct {
	rc   io.ReadCloser
	left int64
	// cancelAttempt and cancelCall end the timeout contexts (nil: none).
	cancelAttempt, cancelCall context.CancelFunc
}

// Read reads the body, refusing to go past the cap.
func (c *cappedBody) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte would prove the body is over the cap.
		var one [1]byte
		n, err := c.rc.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w of %d bytes", errTooLarge, MaxResponseBody)
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	return n, err
}

// Close closes the body, then ends the attempt's and the call's contexts.
func (c *cappedBody) Close() error {
	err := c.rc.Close()
	if c.cancelAttempt != nil {
		c.cancelAttempt()
	}
	if c.cancelCall != nil {
		c.cancelCall()
	}
	return err
}
