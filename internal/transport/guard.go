package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// CredentialHeaders are the headers that carry a Composio credential. They
// are stripped from any redirect that leaves the origin of the first request.
var CredentialHeaders = []string{"X-Api-Key", "X-Org-Api-Key", "X-User-Api-Key", "Authorization"}

// SecretHeaders are the other headers that may carry a secret, such as
// x-llm-gateway-headers (the caller's LLM provider credentials). They are
// stripped from a cross-origin redirect too, but may be set per call.
var SecretHeaders = []string{"X-Llm-Gateway-Headers", "Proxy-Authorization"}

// maxRedirects matches the official clients.
const maxRedirects = 10

// ErrInsecureURL is returned for a plain-HTTP URL off loopback when insecure
// HTTP was not allowed.
var ErrInsecureURL = errors.New("plain http:// is refused for non-loopback hosts (use https, or allow insecure HTTP explicitly)")

// checkScheme refuses a URL whose scheme is neither http nor https (a
// redirect to ftp:, file: or a typo).
func checkScheme(u *url.URL, secrets *Secrets) error {
	if strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http") {
		return nil
	}
	return fmt.Errorf("%w %q (only http and https): %s", ErrUnsupportedScheme, secrets.Redact(u.Scheme), secrets.URL(u))
}

// CheckPlainHTTP refuses http:// URLs unless the host is loopback or allow is set.
func CheckPlainHTTP(u *url.URL, allow bool) error { return checkPlainHTTP(u, allow, nil) }

func checkPlainHTTP(u *url.URL, allow bool, secrets *Secrets) error {
	if allow || !strings.EqualFold(u.Scheme, "http") || IsLoopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrInsecureURL, secrets.URL(u))
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// guard is the innermost wrapper around the caller's RoundTripper: every hop,
// redirects included, passes the plain-HTTP check.
type guard struct {
	next          http.RoundTripper
	allowInsecure bool
}

func (g guard) RoundTrip(req *http.Request) (*http.Response, error) {
	secrets := secretsFrom(req.Context())
	err := checkScheme(req.URL, secrets)
	if err == nil {
		err = checkPlainHTTP(req.URL, g.allowInsecure, secrets)
	}
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	if LoopbackNameOverPlainHTTP(req.URL, g.allowInsecure) {
		req = req.WithContext(RequireLoopbackDial(req.Context()))
	}
	return g.next.RoundTrip(req)
}

// LoopbackNameOverPlainHTTP reports whether u is plain HTTP allowed only
// because its host is a loopback name ("localhost", "api.localhost"): a
// name is resolved, and DNS may answer with any address, so the connection
// must be checked to really be loopback.
func LoopbackNameOverPlainHTTP(u *url.URL, allowInsecure bool) bool {
	return !allowInsecure && strings.EqualFold(u.Scheme, "http") && net.ParseIP(u.Hostname()) == nil
}

type loopbackDialKey struct{}

// RequireLoopbackDial marks ctx so that the SDK's connection pools dial
// only a loopback address for the request made with it.
func RequireLoopbackDial(ctx context.Context) context.Context {
	return context.WithValue(ctx, loopbackDialKey{}, true)
}

// LoopbackDialRequired reports whether ctx carries RequireLoopbackDial.
func LoopbackDialRequired(ctx context.Context) bool {
	return ctx.Value(loopbackDialKey{}) != nil
}

// LoopbackOnly is a net.Dialer Control function refusing any address but
// loopback, checked after DNS resolution.
func LoopbackOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%w: the host name resolved to %s, which is not loopback", ErrInsecureURL, host)
	}
	return nil
}

// checkRedirect follows at most maxRedirects hops, drops every credential
// and every header the caller added (Policy.StripOnRedirect) when a hop
// leaves the origin of the original request, and refuses a hop that would
// carry the request body there. Go's client already drops Authorization and
// cookies there, but not our custom key headers.
func checkRedirect(req *http.Request, via []*http.Request) error {
	p := policyFrom(req.Context())
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects", ErrTooManyRedirects, maxRedirects)
	}
	if err := checkDowngrade(req, via, p.Secrets); err != nil {
		return err
	}
	// Go sets Referer to the previous URL, query included: a signature or
	// token there must not reach the next host.
	req.Header.Del("Referer")
	if !sameOrigin(req.URL, via[0].URL) {
		// A 307 or 308 re-sends the body, which may hold third-party
		// credentials (a client secret, a connection's tokens).
		if req.Body != nil && req.Body != http.NoBody {
			req.Body.Close()
			return fmt.Errorf("%w (%s)", ErrBodyToOtherOrigin, p.Secrets.URL(req.URL))
		}
		for _, h := range CredentialHeaders {
			req.Header.Del(h)
		}
		for _, h := range SecretHeaders {
			req.Header.Del(h)
		}
		for _, h := range p.StripOnRedirect {
			req.Header.Del(h)
		}
	}
	return nil
}

// CheckDowngrade refuses a redirect from https to plain http, whatever the
// insecure-HTTP setting: a caller who started with TLS keeps it.
func CheckDowngrade(req *http.Request, via []*http.Request) error {
	return checkDowngrade(req, via, nil)
}

func checkDowngrade(req *http.Request, via []*http.Request, secrets *Secrets) error {
	if !strings.EqualFold(req.URL.Scheme, "http") {
		return nil
	}
	for _, prev := range via {
		if strings.EqualFold(prev.URL.Scheme, "https") {
			return fmt.Errorf("%w: refusing a redirect from https to %s", ErrInsecureURL, secrets.URL(req.URL))
		}
	}
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(hostPort(a), hostPort(b))
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u.Hostname() + ":443"
	case "http":
		return u.Hostname() + ":80"
	}
	return u.Host
}
