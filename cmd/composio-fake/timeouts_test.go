package main

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// trickle opens a connection to base, sends head, then one byte of body
// every 20 ms for up to 5 s, and reports whether the server closed the
// connection before the body was complete.
func trickle(t *testing.T, base, head string) bool {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, head)
	require.NoError(t, err)
	closed := make(chan struct{})
	go func() { // the server's answer, if any, then its close
		_, _ = io.Copy(io.Discard, conn)
		close(closed)
	}()
	for range 250 {
		select {
		case <-closed:
			return true
		case <-time.After(20 * time.Millisecond):
		}
		if _, err := conn.Write([]byte("x")); err != nil {
			return true
		}
	}
	return false
}

// A client that trickles its body is cut off after the read timeout
// instead of holding its connection forever.
func TestTricklingBodyIsCut(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, key, _ := start(t, ctx, "--read-timeout", "300ms")
	head := "POST /api/v3.1/tools/execute/COMPOSIO_ECHO HTTP/1.1\r\nHost: fake\r\nx-api-key: " + key +
		"\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"
	require.True(t, trickle(t, base, head), "the trickling connection was held for 5 s")
}

// So is one that trickles its headers.
func TestTricklingHeadersAreCut(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, _, _ := start(t, ctx, "--read-header-timeout", "300ms")
	require.True(t, trickle(t, base, "GET /api/v3.1/toolkits HTTP/1.1\r\nHost: fake\r\nX-Slow: "), "the trickling connection was held for 5 s")
}

// An idle keep-alive connection is closed after the idle timeout.
func TestIdleConnectionIsClosed(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, _, _ := start(t, ctx, "--idle-timeout", "200ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET /api/v3.1/toolkits HTTP/1.1\r\nHost: fake\r\n\r\n")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err = io.Copy(io.Discard, conn) // the 401 answer, then EOF when the server closes
	require.NoError(t, err, "the idle connection was not closed within 5 s")
}

func TestTimeoutFlagsAreChecked(t *testing.T) {
	for _, args := range [][]string{{"--read-timeout", "soon"}, {"--idle-timeout", "-1s"}, {"--read-header-timeout", "0"}} {
		err := run(context.Background(), append([]string{"--addr", "127.0.0.1:0"}, args...), io.Discard)
		require.Error(t, err, args)
	}
}
