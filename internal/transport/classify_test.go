package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassify(t *testing.T) {
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: "https://h.example/x", Err: err} }
	cases := []struct {
		name string
		err  error
		want failure
	}{
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, failNotSent},
		{"dial timeout", &net.OpError{Op: "dial", Net: "tcp", Err: attemptTimedOut{d: time.Second, err: context.DeadlineExceeded}}, failNotSent},
		{"dns temporary", &net.DNSError{Err: "server misbehaving", Name: "h.example", IsTemporary: true}, failNotSent},
		{"dns no such host", &net.DNSError{Err: "no such host", Name: "h.example", IsNotFound: true}, failFinal},
		{"reset", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, failInterrupted},
		{"broken pipe", &net.OpError{Op: "write", Net: "tcp", Err: os.NewSyscallError("write", syscall.EPIPE)}, failInterrupted},
		{"eof", io.EOF, failInterrupted},
		{"cut body", io.ErrUnexpectedEOF, failInterrupted},
		{"attempt timeout", attemptTimedOut{d: time.Second, err: errors.New("net/http: request canceled")}, failInterrupted},
		{"untrusted certificate", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}, failFinal},
		{"wrong host name", x509.HostnameError{Host: "h.example"}, failFinal},
		{"expired certificate", x509.CertificateInvalidError{Reason: x509.Expired}, failFinal},
		{"not TLS", tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, failFinal},
		{"tls alert", tls.AlertError(40), failFinal},
		// A verification failure under an attempt timeout is still final.
		{"timeout wrapping a verification failure", attemptTimedOut{d: time.Second, err: x509.UnknownAuthorityError{}}, failFinal},
		{"plain http refused", fmt.Errorf("%w: http://h.example", ErrInsecureURL), failFinal},
		{"scheme", fmt.Errorf("%w %q", ErrUnsupportedScheme, "ftp"), failFinal},
		{"redirect loop", fmt.Errorf("%w: stopped", ErrTooManyRedirects), failFinal},
		{"body to other origin", ErrBodyToOtherOrigin, failFinal},
		{"cancelled", context.Canceled, failFinal},
		{"unknown", errors.New("something else"), failFinal},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, classify(tc.err), tc.name)
		assert.Equal(t, tc.want, classify(wrap(tc.err)), tc.name+", in a *url.Error")
	}
}

// A body read that the attempt's deadline cuts off reports the attempt
// timeout; one the caller's own context ends does not.
func TestBodyReadAfterAttemptDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		_, _ = w.Write([]byte("{"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	a := attemptTimeout{next: http.DefaultTransport, d: 50 * time.Millisecond}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	resp, err := a.RoundTrip(req)
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	var timedOut attemptTimedOut
	require.ErrorAs(t, err, &timedOut)
	assert.Equal(t, failInterrupted, classify(err))

	ctx, cancel := context.WithCancel(context.Background())
	req, _ = http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	a.d = time.Minute
	resp, err = a.RoundTrip(req)
	require.NoError(t, err)
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Error(t, err)
	assert.False(t, errors.As(err, &timedOut), "the caller cancelled: %v", err)
}
