package composio

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// A storage URL served over https that redirects to plain http is
// refused, even to a loopback host the download may otherwise reach.
func TestDownloadRefusesRedirectDowngrade(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("data")) }))
	defer plain.Close()
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/file", http.StatusFound)
	}))
	defer tls.Close()
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithBaseURL(plain.URL), WithHTTPClient(tls.Client()), WithAllowInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	_, err = c.Files.Download(context.Background(), tls.URL+"/file", &buf, FileDownloadParams{})
	if !errors.Is(err, transport.ErrInsecureURL) || buf.Len() != 0 {
		t.Fatalf("https -> http redirect: err %v, %d bytes written; want ErrInsecureURL and nothing", err, buf.Len())
	}
}

// Addresses that reach internal hosts in other spellings: IPv4 embedded
// in IPv6 (compatible, NAT64, 6to4), deprecated site-local, and reserved
// IPv4 ranges.
func TestBlockedAddrOtherForms(t *testing.T) {
	for _, addr := range []string{
		"::127.0.0.1", "::a9fe:a9fe", // IPv4-compatible
		"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", // NAT64 of loopback, metadata, private
		"64:ff9b:1::a00:1",                    // local-use NAT64
		"2002:7f00:1::1", "2002:a9fe:a9fe::1", // 6to4 of loopback, metadata
		"fec0::1",                                   // site-local
		"::ffff:169.254.169.254", "::ffff:0:7f00:1", // mapped, SIIT-translated
		"198.18.0.1", "192.0.0.8", "240.0.0.1", "255.255.255.255",
	} {
		if !blockedAddr(netip.MustParseAddr(addr), false) {
			t.Errorf("blockedAddr(%s) = false, want true", addr)
		}
	}
	for _, addr := range []string{"64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111", "8.8.8.8"} {
		if blockedAddr(netip.MustParseAddr(addr), false) {
			t.Errorf("blockedAddr(%s) = true, want false", addr)
		}
	}
}

// The legacy IPv4 spellings (decimal, octal, hex, shortened) that many
// resolvers and proxies still accept are checked before anything is sent,
// as the dial-time check is skipped behind a proxy or a caller's transport.
func TestStorageGuardLegacyIPv4Spellings(t *testing.T) {
	g := storageGuard{}
	for _, host := range []string{"2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "127.1", "017700000001", "169.254.43518", "10.1", "0", "0x0a.0x00.0x00.0x01"} {
		req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/file", nil)
		if err := g.check(req); !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("%s: %v, want ErrBlockedAddress", host, err)
		}
	}
	for _, host := range []string{"8.8.8.8", "example.com", "1e100.net", "123.example"} {
		req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/file", nil)
		if err := g.check(req); err != nil {
			t.Errorf("%s: %v, want nil", host, err)
		}
	}
}

// A plain-HTTP storage URL on a loopback name may only be dialed on
// loopback: the name is resolved, and could point anywhere.
func TestStorageLoopbackNameDialsOnlyLoopback(t *testing.T) {
	ctx := transport.RequireLoopbackDial(context.WithValue(context.Background(), checkDialKey{}, true))
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := storageTransports[1].DialContext(ctx, "tcp", "203.0.113.7:9")
	if !errors.Is(err, transport.ErrInsecureURL) {
		t.Fatalf("dial to a public address for a loopback name: %v, want ErrInsecureURL", err)
	}
}

// Go's client sets Referer on a redirect to the previous URL, query and
// all: a storage redirect must not hand the next host the signed URL.
func TestStorageRedirectSendsNoReferer(t *testing.T) {
	var referer string
	next := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		referer = r.Header.Get("Referer")
		_, _ = w.Write([]byte("data"))
	}))
	defer next.Close()
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, next.URL+"/file", http.StatusFound)
	}))
	defer first.Close()
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithBaseURL(first.URL))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := c.Files.Download(context.Background(), first.URL+"/file?X-Amz-Signature=sig_secret", &buf, FileDownloadParams{}); err != nil {
		t.Fatal(err)
	}
	if referer != "" {
		t.Fatalf("the next host got Referer %q", referer)
	}
}

// A 2xx answer is read into memory to be decoded: its size is bounded, so
// a misbehaving server or proxy cannot exhaust the caller's memory.
func TestResponseBodyBounded(t *testing.T) {
	defer func(n int64) { maxResponseBody = n }(maxResponseBody)
	maxResponseBody = 1 << 10
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"items":[` + strings.Repeat(`{"slug":"x"},`, 200) + `{}]}`))
	}))
	defer srv.Close()
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Toolkits.List(context.Background(), ToolkitListParams{})
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("oversized answer: %v, want ErrResponseTooLarge", err)
	}
}

// A storage host's error body may quote the signature it was given (S3's
// SignatureDoesNotMatch does): the *Error keeps the body without it.
func TestStorageErrorBodyHidesSignature(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>` + r.URL.Query().Get("X-Amz-Signature") +
			`</SignatureProvided><Token>` + url.QueryEscape(r.URL.Query().Get("X-Amz-Security-Token")) + `</Token></Error>`))
	}))
	defer srv.Close()
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Files.Download(context.Background(), srv.URL+"/f?X-Amz-Signature=sig0secret&X-Amz-Security-Token=tok%2Fsecret", io.Discard, FileDownloadParams{})
	var apiErr *Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err %v, want *Error", err)
	}
	for _, s := range []string{"sig0secret", "tok/secret", "tok%2Fsecret"} {
		if strings.Contains(err.Error(), s) || bytes.Contains(apiErr.Body, []byte(s)) {
			t.Errorf("the error shows %s: %s / %s", s, err, apiErr.Body)
		}
	}
}
