package wrapper

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/pennydrop/juspay-accounts/internal/redact"
)

// logged is the built-in logging middleware (WithLogger), the innermost one:
// one line per attempt with the operation, method, path, attempt, duration,
// and the status and Juspay's request id, or the masked error. It logs no
// body, no query and no header value.
func (cl *call) logged(next MiddlewareNext, a Attempt, m *redact.Masker) MiddlewareNext {
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
		ctx := req.Context()
		if !cl.logger.Enabled(ctx, level) {
			return resp, err
		}
		attrs := []slog.Attr{
			slog.String("operation", a.Operation),
			slog.String("method", req.Method),
			slog.String("path", redact.Escape(req.URL.EscapedPath())),
			slog.Int("attempt", a.Number),
			slog.Duration("duration", time.Since(start)),
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", m.Text(err.Error())))
		} else {
			attrs = append(attrs, slog.Int("status", resp.StatusCode))
			if id := resp.Header.Get("X-Request-Id"); id != "" {
				attrs = append(attrs, slog.String("request_id", redact.Escape(id)))
			}
		}
		cl.logger.LogAttrs(ctx, level, msg, attrs...)
		return resp, err
	}
}

// logRetry logs a retry decision.
func (cl *call) logRetry(ctx context.Context, x exchange, attempt int, wait time.Duration, reason string, err error) {
	if cl.logger == nil || !cl.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{
		slog.String("operation", x.op),
		slog.String("method", x.method),
		slog.String("path", redact.Escape(x.path)),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("reason", reason),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", x.masker.Text(err.Error())))
	}
	cl.logger.LogAttrs(ctx, slog.LevelInfo, "juspay retry", attrs...)
}
