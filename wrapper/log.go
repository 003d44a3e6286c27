package wrapper

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// logged is the built-in logging middleware of WithLogger, the innermost:
// one line per attempt, never a body, a query or a header value.
func (cl *config) logged(next MiddlewareNext, x exchange, attempt int) MiddlewareNext {
	return func(req *http.Request) (*http.Response, error) {
		start := time.Now()
		resp, err := next(req)
		level, msg := slog.LevelDebug, "juspay request"
		switch {
		case err != nil:
			level, msg = slog.LevelWarn, "juspay request failed"
		case resp.StatusCode >= 500:
			level = slog.LevelWarn
		case resp.StatusCode >= 300:
			level = slog.LevelInfo
		}
		if !cl.logger.Enabled(req.Context(), level) {
			return resp, err
		}
		attrs := []slog.Attr{slog.Duration("duration", time.Since(start))}
		if err == nil {
			attrs = append(attrs, slog.Int("status", resp.StatusCode))
			if id := requestID(resp); id != "" {
				attrs = append(attrs, slog.String("request_id", x.masker().ID(id)))
			}
		}
		cl.log(req.Context(), level, msg, x, attempt, err, attrs...)
		return resp, err
	}
}

// log writes a line about an attempt of x: operation, method, path and
// attempt, then attrs, then the masked error if any.
func (cl *config) log(ctx context.Context, level slog.Level, msg string, x exchange, attempt int, err error, attrs ...slog.Attr) {
	if cl.logger == nil || !cl.logger.Enabled(ctx, level) {
		return
	}
	attrs = append([]slog.Attr{slog.String("operation", x.op), slog.String("method", x.method),
		slog.String("path", redact.Escape(x.path)), slog.Int("attempt", attempt)}, attrs...)
	if err != nil {
		attrs = append(attrs, slog.String("error", x.masker().Text(err.Error())))
	}
	cl.logger.LogAttrs(ctx, level, msg, attrs...)
}

// requestID returns the X-Request-Id header, or for an error
// error_info.request_id, reading the body (capped) and handing it on intact.
func requestID(resp *http.Response) string {
	if id := resp.Header.Get("X-Request-Id"); id != "" || resp.StatusCode < 300 {
		return id
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(raw), errReader{err}), resp.Body}
	var e struct {
		Info struct {
			RequestID string `json:"request_id"`
		} `json:"error_info"`
	}
	_ = json.Unmarshal(raw, &e)
	return e.Info.RequestID
}

// errReader returns err, or io.EOF when err is nil.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, cmp.Or(r.err, io.EOF) }
