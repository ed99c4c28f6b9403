package composiotest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	composio "github.com/ComposioHQ/composio-go"
	"github.com/stretchr/testify/require"
)

// uploadURL asks the fake for a presigned upload URL of content.
func uploadURL(t *testing.T, srv *Server, content []byte) (presigned, key string) {
	t.Helper()
	sum := md5.Sum(content)
	body := fmt.Sprintf(`{"toolkit_slug":"github","tool_slug":"GITHUB_CREATE_AN_ISSUE","filename":"a.txt","mimetype":"text/plain","md5":%q}`, hex.EncodeToString(sum[:]))
	req, err := http.NewRequest(http.MethodPost, srv.URL+apiPrefix+"/files/upload/request", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(hdrAPIKey, srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out struct {
		URL string `json:"new_presigned_url"`
		Key string `json:"key"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.NotEmpty(t, out.URL)
	return out.URL, out.Key
}

// rawRequest opens a connection to srv and sends head (and no more): the
// client then stalls, as a slow or stuck one would.
func rawRequest(t *testing.T, srv *Server, method, target string, header string) net.Conn {
	t.Helper()
	u, err := url.Parse(target)
	require.NoError(t, err)
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.(*net.TCPConn).SetReadBuffer(4096))
	_, err = fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\n%s\r\n", method, u.RequestURI(), u.Host, header)
	require.NoError(t, err)
	return conn
}

// answersWithin checks that the fake still serves other clients.
func answersWithin(t *testing.T, srv *Server, d time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_, err := srv.Client(composio.WithMaxRetries(0)).Toolkits.List(ctx, composio.ToolkitListParams{})
	require.NoError(t, err, "the fake must keep serving while one client stalls")
}

// TestStalledUploadDoesNotBlockTheFake: a client that starts a storage
// upload and stops sending must not hold the fake's lock.
func TestStalledUploadDoesNotBlockTheFake(t *testing.T) {
	srv := NewServer(t)
	content := []byte("hello, storage")
	presigned, _ := uploadURL(t, srv, content)
	rawRequest(t, srv, http.MethodPut, presigned, fmt.Sprintf("Content-Type: text/plain\r\nContent-Length: %d\r\n", len(content)))
	time.Sleep(50 * time.Millisecond) // let the fake start reading the body
	answersWithin(t, srv, 2*time.Second)
}

// TestUnreadDownloadDoesNotBlockTheFake: a client that downloads a large
// file and does not read it must not hold the fake's lock.
func TestUnreadDownloadDoesNotBlockTheFake(t *testing.T) {
	srv := NewServer(t)
	content := bytes.Repeat([]byte("0123456789abcdef"), maxStoredFile/16)
	presigned, key := uploadURL(t, srv, content)
	req, err := http.NewRequest(http.MethodPut, presigned, bytes.NewReader(content))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	download, ok := srv.DownloadURL(key)
	require.True(t, ok)

	conn := rawRequest(t, srv, http.MethodGet, download, "")
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	require.NoError(t, err)
	require.Contains(t, status, "200")
	time.Sleep(50 * time.Millisecond) // the fake is now blocked writing
	answersWithin(t, srv, 2*time.Second)
}
