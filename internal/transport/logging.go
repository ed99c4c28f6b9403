package transport

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// logged writes one debug line per HTTP exchange. It logs the method, the
// redacted URL, the status and the duration: never a request header, so
// never a key; the URL (a redirect's may carry a key) and what the server
// sent back (the request id) are cleaned of the call's secrets, in case
// they echo one.
type logged struct {
	next http.RoundTripper
	log  *slog.Logger
}

func (l logged) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if !l.log.Enabled(ctx, slog.LevelDebug) {
		return l.next.RoundTrip(req)
	}
	start := time.Now()
	resp, err := l.next.RoundTrip(req)
	secrets := secretsFrom(ctx)
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("url", secrets.URL(req.URL)),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", secrets.Redact(redactErr(err, secrets).Error())))
		l.log.LogAttrs(ctx, slog.LevelDebug, "composio: request failed", attrs...)
		return resp, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request_id", secrets.Redact(resp.Header.Get("X-Request-Id"))))
	l.log.LogAttrs(context.WithoutCancel(ctx), slog.LevelDebug, "composio: request", attrs...)
	return resp, nil
}
