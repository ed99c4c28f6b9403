package transport

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// logged writes one debug line per HTTP exchange. It logs the method, the
// redacted URL, the status and the duration: never a request header, so
// never a key; what the server sent back (the request id) is cleaned of the
// secrets, in case it echoes one.
type logged struct {
	next    http.RoundTripper
	log     *slog.Logger
	secrets *Secrets
}

func (l logged) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if !l.log.Enabled(ctx, slog.LevelDebug) {
		return l.next.RoundTrip(req)
	}
	start := time.Now()
	resp, err := l.next.RoundTrip(req)
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("url", RedactURL(req.URL)),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", l.secrets.Redact(redactErr(err).Error())))
		l.log.LogAttrs(ctx, slog.LevelDebug, "composio: request failed", attrs...)
		return resp, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request_id", l.secrets.Redact(resp.Header.Get("X-Request-Id"))))
	l.log.LogAttrs(context.WithoutCancel(ctx), slog.LevelDebug, "composio: request", attrs...)
	return resp, nil
}
