package composio

import (
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestBlockedAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": false, "2606:4700::1111": false, "100.63.255.255": false,
		"10.1.2.3": true, "172.16.0.1": true, "192.168.0.1": true, "169.254.169.254": true, "100.100.100.200": true,
		"0.0.0.0": true, "0.1.2.3": true, "::": true, "fe80::1": true, "fc00::1": true, "224.0.0.1": true,
		"::ffff:10.0.0.1": true, "127.0.0.1": true, "::1": true,
	} {
		if got := blockedAddr(netip.MustParseAddr(addr), false); got != want {
			t.Errorf("blockedAddr(%s) = %v, want %v", addr, got, want)
		}
	}
	if blockedAddr(netip.MustParseAddr("127.0.0.1"), true) {
		t.Error("loopback must be allowed when the policy allows it")
	}
}

// The dial-time check sees the address a host name resolved to, so a name
// pointing at an internal address is refused even though the URL looked
// public.
func TestStorageDialCheck(t *testing.T) {
	srv := httptest.NewServer(nil)
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	ctx := context.WithValue(context.Background(), checkDialKey{}, true)

	_, err := storageTransports[0].DialContext(ctx, "tcp", net.JoinHostPort("localhost", port))
	if !errors.Is(err, ErrBlockedAddress) {
		t.Fatalf("dial to localhost under the strict policy: %v, want ErrBlockedAddress", err)
	}
	conn, err := storageTransports[1].DialContext(ctx, "tcp", net.JoinHostPort("localhost", port))
	if err != nil {
		t.Fatalf("dial to localhost with loopback allowed: %v", err)
	}
	conn.Close()
	// Without the mark (a proxy is in the way) the proxy decides.
	conn, err = storageTransports[0].DialContext(context.Background(), "tcp", net.JoinHostPort("localhost", port))
	if err != nil {
		t.Fatalf("unmarked dial: %v", err)
	}
	conn.Close()
}
