package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"
)

// Errors the transport itself returns for a request it will not make; none
// is ever retried, since trying again would only repeat it.
var (
	// ErrUnsupportedScheme: a URL, or a redirect, names a scheme other
	// than http and https.
	ErrUnsupportedScheme = errors.New("unsupported scheme")
	// ErrTooManyRedirects: the redirect limit was reached (a loop).
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrBodyToOtherOrigin: a 307 or 308 would re-send the request body to
	// another origin.
	ErrBodyToOtherOrigin = errors.New("refusing to re-send the request body to another origin")
)

// failure is what a failed attempt allows the retry loop to do.
type failure int

const (
	// failFinal: retrying would fail the same way (a refusal, a
	// certificate that does not verify, a redirect loop) or the failure is
	// not understood; the error goes back to the caller.
	failFinal failure = iota
	// failNotSent: no byte of the request reached a server (refused
	// connection, DNS failure): any method may be retried.
	failNotSent
	// failInterrupted: the exchange broke after the request may have been
	// received (reset, cut, attempt timeout): only an idempotent request
	// may be retried.
	failInterrupted
)

// classify sorts a transport error into a failure class. The order
// matters: a refusal wrapped in a network error is still a refusal.
func classify(err error) failure {
	if permanent(err) {
		return failFinal
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return failFinal // no such host: a typo does not fix itself
		}
		return failNotSent
	}
	var opErr *net.OpError
	if (errors.As(err, &opErr) && opErr.Op == "dial") || errors.Is(err, syscall.ECONNREFUSED) {
		return failNotSent
	}
	var ne net.Error
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNABORTED) || (errors.As(err, &ne) && ne.Timeout()) {
		return failInterrupted
	}
	return failFinal
}

// permanent reports the errors that no retry can cure: the SDK's own
// refusals, and a TLS peer that cannot be verified or spoke no TLS at all.
func permanent(err error) bool {
	if errors.Is(err, ErrInsecureURL) || errors.Is(err, ErrUnsupportedScheme) ||
		errors.Is(err, ErrTooManyRedirects) || errors.Is(err, ErrBodyToOtherOrigin) ||
		errors.Is(err, context.Canceled) {
		return true
	}
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		roots    x509.SystemRootsError
		record   tls.RecordHeaderError
		alert    tls.AlertError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &roots) || errors.As(err, &record) ||
		errors.As(err, &alert)
}
