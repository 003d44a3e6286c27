package loadtest

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/pennydrop/juspay-accounts/api"
)

// Emulator is an in-process emulator served on a free 127.0.0.1 port. The
// load generator and the emulator then share the machine's cores.
type Emulator struct {
	URL string      // the base URL, http://127.0.0.1:port
	API *api.Server // the emulator itself

	hs   *http.Server
	done chan error
}

// StartEmulator serves api.New(opts...) on 127.0.0.1:0 with api.Listen's timeouts.
func StartEmulator(opts ...api.Option) (*Emulator, error) {
	s := api.New(opts...)
	hs, ln, err := api.Listen("127.0.0.1:0", s)
	if err != nil {
		return nil, err
	}
	e := &Emulator{URL: "http://" + ln.Addr().String(), API: s, hs: hs, done: make(chan error, 1)}
	go func() { e.done <- hs.Serve(ln) }()
	return e, nil
}

// Close shuts the emulator down, waiting up to 5 s for calls in flight.
func (e *Emulator) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := e.hs.Shutdown(ctx)
	if serr := <-e.done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
