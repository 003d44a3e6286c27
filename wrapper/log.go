package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// loggerConfig is the logger of a Client; nil means logging is off.
type loggerConfig struct {
	logger *slog.Logger
}

// logTransport logs each attempt: method, path, status, duration, attempt and
// Juspay's request id. It never logs a body, a header value or the query,
// so neither the API key nor any account detail reaches the log; the values
// it does log are masked by the call's scrubber (known secrets in every
// encoding; patterns in free text) and capped.
type logTransport struct {
	next http.RoundTripper
	log  *loggerConfig
}

// RoundTrip sends req through the next layer and logs the outcome.
func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	elapsed := time.Since(start)

	level := slog.LevelDebug
	msg := "juspay request"
	switch {
	case err != nil:
		level, msg = slog.LevelWarn, "juspay request failed"
	case resp.StatusCode >= 500:
		level = slog.LevelWarn
	case resp.StatusCode >= 300:
		level = slog.LevelInfo
	}
	l := t.log.logger
	if !l.Enabled(ctx, level) {
		return resp, err
	}
	attrs := make([]slog.Attr, 0, 7)
	attrs = append(attrs,
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attemptOf(ctx)),
		slog.Duration("duration", elapsed),
	)
	s := scrubberOf(ctx)
	if err != nil {
		attrs = append(attrs, slog.String("error", s.id(err.Error())))
	} else {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := requestID(resp); id != "" {
			attrs = append(attrs, slog.String("request_id", s.id(id)))
		}
	}
	l.LogAttrs(ctx, level, msg, attrs...)
	return resp, err
}

// requestID returns Juspay's request id: the X-Request-Id header, or for an
// error, error_info.request_id from the body (which is read, capped, and
// handed on intact).
func requestID(resp *http.Response) string {
	if id := resp.Header.Get("X-Request-Id"); id != "" {
		return id
	}
	if resp.StatusCode < 300 {
		return ""
	}
	raw, _ := readCapped(resp.Body, -1, MaxErrorBody)
	resp.Body = &replayBody{Reader: io.MultiReader(bytes.NewReader(raw), resp.Body), closer: resp.Body}
	var er struct {
		Info struct {
			RequestID string `json:"request_id"`
		} `json:"error_info"`
	}
	if json.Unmarshal(raw, &er) != nil {
		return ""
	}
	return er.Info.RequestID
}

// scrubberOf returns the call's scrubber, which the Client put in ctx (nil,
// which still masks patterns, when there is none).
func scrubberOf(ctx context.Context) *scrubber {
	s, _ := ctx.Value(scrubberKey{}).(*scrubber)
	return s
}

// scrubberKey carries a call's scrubber to the log layer.
type scrubberKey struct{}

// replayBody serves the bytes already read, then the rest of the original.
type replayBody struct {
	io.Reader
	closer io.Closer
}

// Close closes the original body.
func (r *replayBody) Close() error { return r.closer.Close() }

// retry logs a retry decision.
func (lc *loggerConfig) retry(ctx context.Context, req *http.Request, attempt int, wait time.Duration, reason string, err error) {
	if lc == nil || !lc.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	s := scrubberOf(ctx)
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("reason", s.text(reason)), // a status line is server text
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", s.id(err.Error())))
	}
	lc.logger.LogAttrs(ctx, slog.LevelInfo, "juspay retry", attrs...)
}
