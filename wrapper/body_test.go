package wrapper

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadPooled(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 1000) // 10,000 bytes
	tests := []struct {
		name          string
		r             io.Reader
		contentLength int64
		max           int64
		want          []byte
		wantErr       error
	}{
		{"known length", bytes.NewReader(body), int64(len(body)), 1 << 20, body, nil},
		{"unknown length, one byte at a time", iotest.OneByteReader(bytes.NewReader(body)), -1, 1 << 20, body, nil},
		{"exactly the cap", bytes.NewReader(body), -1, int64(len(body)), body, nil},
		{"one byte over the cap", bytes.NewReader(body), -1, int64(len(body) - 1), body[:len(body)-1], errTooLarge},
		{"Content-Length over the cap", bytes.NewReader(body), int64(len(body)), 100, nil, errTooLarge},
		{"empty", strings.NewReader(""), -1, 100, nil, nil},
		{"read error keeps the bytes so far", io.MultiReader(bytes.NewReader(body[:10]), iotest.ErrReader(io.ErrUnexpectedEOF)), -1, 100, body[:10], io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := readPooled(tt.r, tt.contentLength, tt.max)
			require.NotNil(t, p)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, len(tt.want), len(p.b))
			assert.True(t, bytes.Equal(tt.want, p.b))
			p.release()

			owned, err2 := readCapped(bytes.NewReader(tt.want), -1, 1<<20)
			require.NoError(t, err2)
			assert.Equal(t, len(owned), cap(owned), "readCapped's bytes are allocated at their exact size")
		})
	}
}

func TestBodyBufferReuseAndRelease(t *testing.T) {
	big := &bodyBuf{b: make([]byte, 10, maxPooledBodyBuf+1)}
	big.release()
	assert.Nil(t, big.b, "a buffer over maxPooledBodyBuf is left to the garbage collector")

	var nilBuf *bodyBuf
	nilBuf.release() // no panic

	b := &bufferedBody{buf: &bodyBuf{b: []byte("abc")}}
	got, err := io.ReadAll(b)
	require.NoError(t, err)
	assert.Equal(t, "abc", string(got))
	require.NoError(t, b.Close())
	_, err = b.Read(make([]byte, 1))
	assert.ErrorIs(t, err, errReadAfterClose, "the pooled bytes are never read after Close")
	require.NoError(t, b.Close(), "Close twice is fine")
}

func TestCappedBody(t *testing.T) {
	var closedAttempt, closedCall bool
	c := &cappedBody{
		rc:            io.NopCloser(strings.NewReader("abcdef")),
		left:          4,
		cancelAttempt: func() { closedAttempt = true },
		cancelCall:    func() { closedCall = true },
	}
	got, err := io.ReadAll(c)
	assert.True(t, errors.Is(err, errTooLarge), "%v", err)
	assert.Equal(t, "abcd", string(got))
	require.NoError(t, c.Close())
	assert.True(t, closedAttempt && closedCall, "closing ends the attempt's and the call's contexts")

	c = &cappedBody{rc: io.NopCloser(strings.NewReader("abcd")), left: 4}
	got, err = io.ReadAll(c)
	require.NoError(t, err, "a body of exactly the cap is fine")
	assert.Equal(t, "abcd", string(got))
	require.NoError(t, c.Close())
}
