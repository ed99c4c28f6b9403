package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// attemptTimeout bounds one HTTP exchange, body included, without the
// per-request timer goroutines and contexts http.Client.Timeout allocates;
// the caller's own deadline, when sooner, needs no timer at all.
type attemptTimeout struct {
	next http.RoundTripper
	d    time.Duration
}

func (a attemptTimeout) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	if deadline, ok := parent.Deadline(); ok && time.Until(deadline) <= a.d {
		return a.next.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(parent, a.d)
	resp, err := a.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		// Only this attempt's own deadline makes a timeout; read it before
		// cancel, which would make every context report an error.
		err = a.classify(parent, ctx, err)
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel, parent: parent, ctx: ctx, a: a}
	return resp, nil
}

// classify turns err into an attemptTimedOut when the attempt's deadline,
// and not the caller's context, ended it.
func (a attemptTimeout) classify(parent, ctx context.Context, err error) error {
	if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return attemptTimedOut{d: a.d, err: err}
	}
	return err
}

// attemptTimedOut is a net.Error whose Timeout is true, so an idempotent
// request that timed out is retried.
type attemptTimedOut struct {
	d   time.Duration
	err error
}

func (e attemptTimedOut) Error() string {
	return fmt.Sprintf("attempt timed out after %v: %v", e.d, e.err)
}
func (e attemptTimedOut) Unwrap() error   { return e.err }
func (e attemptTimedOut) Timeout() bool   { return true }
func (e attemptTimedOut) Temporary() bool { return true }

// cancelOnClose releases the attempt's timer when the body is closed, and
// reports a body read the attempt's deadline cut short as a timeout.
type cancelOnClose struct {
	io.ReadCloser
	cancel      context.CancelFunc
	parent, ctx context.Context
	a           attemptTimeout
}

func (c *cancelOnClose) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = c.a.classify(c.parent, c.ctx, err)
	}
	return n, err
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
