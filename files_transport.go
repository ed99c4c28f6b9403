package composio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// The storage client moves file bytes to and from the presigned URLs the
// API hands out. It is deliberately not the API transport: no key headers,
// no retries of a streamed body, no per-attempt timeout (a large upload may
// take longer than any API call; the caller's context bounds it), and an
// address guard, because a download URL comes from tool output that an
// attacker may influence.

// ErrBlockedAddress is returned when a storage URL points at an address the
// SDK refuses to reach: private, link-local (cloud metadata), unspecified or
// multicast ranges, and loopback unless the client's own API base URL is on
// loopback (a local fake or development server).
var ErrBlockedAddress = errors.New("composio: refusing to reach a private, loopback or link-local address")

// maxStorageRedirects matches the official SDK's file fetches.
const maxStorageRedirects = 5

// storageTransports are the connection pools of the storage client, one
// per loopback policy so a connection dialed under one policy is never
// reused under the other.
var storageTransports = [2]*http.Transport{newStorageTransport(false), newStorageTransport(true)}

func newStorageTransport(allowLoopback bool) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 5 * time.Minute // a hung storage host cannot hang a caller with no deadline
	t.MaxIdleConnsPerHost = 16
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if ctx.Value(checkDialKey{}) == nil {
			return dialer.DialContext(ctx, network, addr)
		}
		if transport.LoopbackDialRequired(ctx) {
			d := *dialer
			d.Control = transport.LoopbackOnly
			return d.DialContext(ctx, network, addr)
		}
		// Checking the address actually dialled, after DNS resolution,
		// closes the gap a pre-flight lookup leaves (DNS rebinding).
		d := *dialer
		d.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip, err := netip.ParseAddr(host); err != nil || blockedAddr(ip, allowLoopback) {
				return fmt.Errorf("%w: %s resolves to %s", ErrBlockedAddress, addr, host)
			}
			return nil
		}
		return d.DialContext(ctx, network, addr)
	}
	return t
}

// checkDialKey marks a request whose connection must pass the address check
// (a request that goes straight to the host, not through a proxy).
type checkDialKey struct{}

// blockedAddr reports whether ip is outside the public internet, including
// an IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64,
// 6to4), which a gateway may turn back into the internal address.
func blockedAddr(ip netip.Addr, allowLoopback bool) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() {
		return !allowLoopback
	}
	if v4, ok := embeddedIPv4(ip); ok {
		return blockedAddr(v4, false)
	}
	if ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range reservedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// reservedPrefixes are the ranges beyond net/netip's predicates that never
// hold a public storage host.
var reservedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT; some clouds' metadata
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated)
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
}

var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
	siitPrefix  = netip.MustParsePrefix("::ffff:0:0:0/96")
)

// embeddedIPv4 returns the IPv4 address a NAT64, 6to4 or SIIT address
// stands for.
func embeddedIPv4(ip netip.Addr) (netip.Addr, bool) {
	if !ip.Is6() {
		return netip.Addr{}, false
	}
	b := ip.As16()
	switch {
	case nat64Prefix.Contains(ip), siitPrefix.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToFour.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}

// legacyIPv4 parses the IPv4 spellings inet_aton accepts and net/netip
// does not: one to four parts, each decimal, octal (leading 0) or hex
// (leading 0x), the last filling the remaining bytes ("127.1",
// "2130706433", "0177.0.0.1", "0x7f000001"). Many resolvers and proxies
// still read a host name so.
func legacyIPv4(host string) (netip.Addr, bool) {
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var vals []uint64
	for _, p := range parts {
		base := 10
		switch {
		case len(p) > 1 && (p[:2] == "0x" || p[:2] == "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		if p == "" && base != 16 {
			return netip.Addr{}, false
		}
		v := uint64(0)
		if p != "" {
			var err error
			if v, err = strconv.ParseUint(p, base, 32); err != nil {
				return netip.Addr{}, false
			}
		}
		vals = append(vals, v)
	}
	var n uint64
	for i, v := range vals {
		if i < len(vals)-1 {
			if v > 0xff {
				return netip.Addr{}, false
			}
			n |= v << (8 * (3 - i))
			continue
		}
		if v >= 1<<(8*(4-i)) {
			return netip.Addr{}, false
		}
		n |= v
	}
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// storageGuard checks every hop, redirects included: http(s) only, plain
// HTTP only to loopback (unless allowed), no literal blocked address, and
// the dial-time check when no proxy is in the way.
type storageGuard struct {
	next          http.RoundTripper
	ours          bool // next is a storage transport, which honours checkDialKey
	allowInsecure bool
	allowLoopback bool
	logger        *slog.Logger
	secrets       *transport.Secrets // the client's keys, in case a URL carries one
}

func (g storageGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := g.check(req); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	if g.ours {
		if proxy, err := http.ProxyFromEnvironment(req); err == nil && proxy == nil {
			ctx := context.WithValue(req.Context(), checkDialKey{}, true)
			if transport.LoopbackNameOverPlainHTTP(req.URL, g.allowInsecure) {
				ctx = transport.RequireLoopbackDial(ctx) // plain HTTP to "localhost" must stay on this machine
			}
			req = req.WithContext(ctx)
		}
	}
	start := time.Now()
	resp, err := g.next.RoundTrip(req)
	if g.logger != nil {
		attrs := []slog.Attr{slog.String("method", req.Method), slog.String("url", g.secrets.URL(req.URL)), slog.Duration("duration", time.Since(start))}
		if err != nil {
			attrs = append(attrs, slog.String("error", g.secrets.Redact(err.Error())))
		} else {
			attrs = append(attrs, slog.Int("status", resp.StatusCode))
		}
		g.logger.LogAttrs(req.Context(), slog.LevelDebug, "composio storage request", attrs...)
	}
	return resp, err
}

func (g storageGuard) check(req *http.Request) error {
	u := req.URL
	if s := strings.ToLower(u.Scheme); s != "https" && s != "http" {
		return fmt.Errorf("%w: storage URL must be http(s), got %q", ErrInvalidParams, u.Scheme)
	}
	// "localhost." is localhost: a fully qualified name must not slip by.
	host := strings.TrimSuffix(u.Hostname(), ".")
	if err := transport.CheckPlainHTTP(u, g.allowInsecure); err != nil {
		return err
	}
	if ip, err := netip.ParseAddr(host); err == nil && blockedAddr(ip, g.allowLoopback) {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, u.Hostname())
	}
	if ip, ok := legacyIPv4(host); ok && blockedAddr(ip, g.allowLoopback) {
		return fmt.Errorf("%w: %s (%s)", ErrBlockedAddress, u.Hostname(), ip)
	}
	if host != "" && transport.IsLoopback(host) && !g.allowLoopback {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, u.Hostname())
	}
	return nil
}

// storageClient returns the HTTP client for storage URLs. A transport given
// with WithHTTPClient is used as is (its owner decides routing, proxies and
// tracing); only literal addresses are checked then.
func (c *Client) storageClient() *http.Client {
	r := c.cfg.resolved
	allowLoopback := false
	if u, err := url.Parse(c.baseURL); err == nil {
		allowLoopback = transport.IsLoopback(u.Hostname())
	}
	g := storageGuard{allowInsecure: r.allowInsecureHTTP, allowLoopback: allowLoopback, logger: r.logger, secrets: r.secrets}
	if r.httpClient != nil && r.httpClient.Transport != nil {
		g.next = r.httpClient.Transport
	} else {
		g.next, g.ours = storageTransports[boolIndex(allowLoopback)], true
	}
	return &http.Client{Transport: g, CheckRedirect: storageRedirect}
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// storageRedirect follows at most maxStorageRedirects hops, never from
// https down to plain http; each is checked again by storageGuard.
func storageRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxStorageRedirects {
		return fmt.Errorf("stopped after %d redirects", maxStorageRedirects)
	}
	if err := transport.CheckDowngrade(req, via); err != nil {
		return err
	}
	for _, h := range transport.CredentialHeaders {
		req.Header.Del(h)
	}
	req.Header.Del("Referer") // Go's would be the signed URL
	return nil
}

// storageDo sends req with the storage client and hands a 2xx response to
// read; any other status becomes an *Error (errors.Is ErrForbidden for an
// expired URL, and so on).
func storageDo(c *Client, req *http.Request, read func(*http.Response) error) error {
	resp, err := c.storageClient().Do(req)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			err = ue.Err // drop *url.Error: its text holds the signed URL
		}
		return fmt.Errorf("%s %s: %w", req.Method, c.cfg.resolved.secrets.URL(req.URL), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		// The host may quote the signature it was given (S3 does).
		secrets := append(transport.SensitiveQueryValues(req.URL), transport.SensitiveQueryValues(resp.Request.URL)...)
		body = []byte(transport.RedactSecrets(string(body), secrets...))
		return decodeError(req.Method, c.cfg.resolved.secrets.URL(resp.Request.URL), resp.StatusCode, resp.Header, body)
	}
	if err := read(resp); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return nil
}
