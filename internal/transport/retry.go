package transport

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxServerWait caps how long a server may ask us to wait before a retry
// (Retry-After, retry-after-ms). A longer request is clamped, not obeyed.
const MaxServerWait = 60 * time.Second

// checkRetry decides whether an attempt is repeated. It never repeats a
// non-idempotent request that the server may already have acted on: only a
// request that was never sent, a 429, or a 503 carrying Retry-After (the
// server's promise that it did nothing) qualify, unless the server says
// x-should-retry: true on an error status.
func (t *Transport) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, nil
	}
	p := policyFrom(ctx)
	if int(p.retries.Load()) >= p.MaxRetries {
		return false, nil
	}
	var retry bool
	if err != nil {
		retry = retryableError(p.Idempotent, err)
	} else {
		retry = retryableResponse(p.Idempotent, resp)
	}
	if !retry {
		return false, nil
	}
	// A wait the deadline cannot outlive only turns a useful error (the
	// 429 with its Retry-After) into context.DeadlineExceeded.
	if deadline, ok := ctx.Deadline(); ok {
		least := minimumWait(t.waitMin, t.waitMax, int(p.retries.Load()), resp)
		if time.Until(deadline) < least {
			return false, nil
		}
	}
	n := p.retries.Add(1)
	if t.log != nil {
		reason := "connection error"
		switch {
		case err != nil && resp != nil:
			reason = "response cut off"
		case resp != nil:
			reason = p.Secrets.Redact(resp.Status)
		}
		t.log.LogAttrs(ctx, slog.LevelDebug, "composio: retrying", slog.Int("retry", int(n)), slog.String("reason", reason))
	}
	return true, nil
}

// retryableResponse reports whether an answer may be retried. A success is
// final, whatever its headers; on an error status, x-should-retry decides
// when present.
func retryableResponse(idempotent bool, resp *http.Response) bool {
	if resp.StatusCode < 400 {
		return false
	}
	switch resp.Header.Get("X-Should-Retry") {
	case "true":
		return true
	case "false":
		return false
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusServiceUnavailable:
		_, promised := RetryAfter(resp.Header)
		return idempotent || promised
	case http.StatusRequestTimeout, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusGatewayTimeout:
		return idempotent
	}
	return false
}

// retryableError reports whether a failed attempt may be repeated (see
// classify). A request that never left (dial, DNS, refused) is safe for
// every method; one that broke after it was written, or timed out waiting
// (the per-attempt timeout; the caller's own context was checked before), is
// safe only when idempotent; a refusal or a verification failure never is.
func retryableError(idempotent bool, err error) bool {
	switch classify(err) {
	case failNotSent:
		return true
	case failInterrupted:
		return idempotent
	}
	return false
}

// backoff is exponential with up to 25% jitter, unless the server named a
// wait, which is honoured up to MaxServerWait.
func (t *Transport) backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := RetryAfter(resp.Header); ok {
			return d
		}
	}
	d := exponential(t.waitMin, t.waitMax, attempt)
	if d <= 0 {
		return 0
	}
	return d - time.Duration(rand.Int64N(int64(d)/4+1))
}

func minimumWait(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := RetryAfter(resp.Header); ok {
			return d
		}
	}
	d := exponential(lo, hi, attempt)
	return d - d/4
}

func exponential(lo, hi time.Duration, attempt int) time.Duration {
	d := lo
	for i := 0; i < attempt && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

// RetryAfter reads the wait a server asked for, from retry-after-ms (a
// non-negative decimal number of milliseconds) or Retry-After (delay-seconds,
// digits only, or an HTTP date), clamped to [0, MaxServerWait]. The clamp
// comes before any conversion, so a huge value waits MaxServerWait rather
// than overflowing. A value of any other form ("Inf", "1e20", "-1") is
// ignored: it promises nothing.
func RetryAfter(h http.Header) (time.Duration, bool) {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if d, ok := parseWait(v, time.Millisecond, true); ok {
			return d, true
		}
	}
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if d, ok := parseWait(v, time.Second, false); ok {
		return d, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return clampWait(time.Until(at)), true
	}
	return 0, false
}

// parseWait reads digits (and, when fraction is set, one '.' followed by
// digits) as a count of unit, clamped to MaxServerWait.
func parseWait(v string, unit time.Duration, fraction bool) (time.Duration, bool) {
	whole, frac, dotted := strings.Cut(v, ".")
	if !allDigits(whole) || (dotted && (!fraction || !allDigits(frac))) {
		return 0, false
	}
	limit := uint64(MaxServerWait / unit)
	n, err := strconv.ParseUint(whole, 10, 64)
	if err != nil || n >= limit { // err: beyond uint64, so beyond the limit
		return MaxServerWait, true
	}
	d := time.Duration(n) * unit
	if dotted {
		// At most 9 digits matter below the unit (a nanosecond of a second).
		f, _ := strconv.ParseFloat("0."+frac[:min(len(frac), 9)], 64)
		d += time.Duration(f * float64(unit))
	}
	return clampWait(d), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func clampWait(d time.Duration) time.Duration {
	return min(max(d, 0), MaxServerWait)
}
