package pusher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Config configures a Subscription.
type Config struct {
	// URL is the websocket URL, /app/<key>?protocol=7&... included.
	URL string
	// Channel is the channel to subscribe to. A private channel
	// ("private-...") is authorized through Authorize.
	Channel string
	// Events are the channel's events to deliver, each also accepted in
	// its chunked form (ChunkedPrefix + name); other events are ignored.
	Events []string
	// Authorize returns the auth value that lets socketID subscribe to
	// channel. An error wrapped with Permanent ends the subscription; any
	// other error is retried on a new connection.
	Authorize func(ctx context.Context, socketID, channel string) (string, error)
	// HTTPClient performs the websocket handshake (nil: http.DefaultClient).
	HTTPClient *http.Client
	// Header is sent with the handshake (a User-Agent).
	Header http.Header
	// Logger receives reconnects, dropped chunked events and frames that
	// are not understood; nil logs nothing.
	Logger *slog.Logger
	Timing Timing
	Chunks Limits
	// Buffer is how many events may wait for Next (default 256). While it
	// is full the connection is not read.
	Buffer int
	// ReadLimit bounds one frame, in bytes (default 1 MiB).
	ReadLimit int64
}

// Timing holds the protocol's timeouts and the reconnect backoff; zero
// fields take the defaults.
type Timing struct {
	// ActivityTimeout is the longest silence after which the client pings
	// the server (default 120 s); a shorter one from the server wins.
	ActivityTimeout time.Duration
	// PongTimeout is how long the client waits for an answer to its ping
	// before it gives the connection up (default 30 s).
	PongTimeout time.Duration
	// HandshakeTimeout bounds the dial and connection_established, and
	// then the server's answer to the subscription (default 30 s each).
	HandshakeTimeout time.Duration
	// WriteTimeout bounds one frame written (default 10 s).
	WriteTimeout time.Duration
	// BackoffMin and BackoffMax bound the exponential backoff between
	// reconnects (default 1 s and 30 s); each wait is jittered.
	BackoffMin, BackoffMax time.Duration
	// Pause is the least wait after a 4100-4199 code (default 1 s).
	Pause time.Duration
}

// DefaultTiming is the Timing of a zero Config.
func DefaultTiming() Timing { return Timing{}.withDefaults() }

func (t Timing) withDefaults() Timing {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&t.ActivityTimeout, 120*time.Second)
	def(&t.PongTimeout, 30*time.Second)
	def(&t.HandshakeTimeout, 30*time.Second)
	def(&t.WriteTimeout, 10*time.Second)
	def(&t.BackoffMin, time.Second)
	def(&t.BackoffMax, 30*time.Second)
	def(&t.Pause, time.Second)
	t.BackoffMax = max(t.BackoffMax, t.BackoffMin)
	return t
}

// Event is one event of the channel, its data as JSON (chunked events
// joined).
type Event struct {
	Name string
	Data []byte
}

// ErrClosed ends a Subscription that was closed with Close.
var ErrClosed = errors.New("pusher: subscription closed")

// ClosedError is a close from the server with a code of the 4000-4099
// range: the connection itself is refused, and reconnecting cannot help.
type ClosedError struct {
	Code    int
	Message string
}

// Error describes the refusal.
func (e *ClosedError) Error() string {
	return fmt.Sprintf("pusher: the server closed the connection with code %d: %s", e.Code, e.Message)
}

// RefusedError is the server refusing the subscription to a channel.
type RefusedError struct {
	Channel string
	// Status is the HTTP-like status of pusher:subscription_error (0 when
	// none was given, as with a pusher:error).
	Status  int
	Type    string
	Message string
}

// Error describes the refusal.
func (e *RefusedError) Error() string {
	msg := "pusher: subscription to " + e.Channel + " refused"
	if e.Status != 0 {
		msg += fmt.Sprintf(" (%d)", e.Status)
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Permanent marks an error of Config.Authorize as final: the subscription
// ends with it instead of reconnecting.
func Permanent(err error) error { return permanentError{err} }

type permanentError struct{ err error }

func (p permanentError) Error() string { return p.err.Error() }
func (p permanentError) Unwrap() error { return p.err }

// Subscription is one channel subscription over a connection that is
// re-established after every drop until the context ends, Close is
// called, or the server refuses for good.
type Subscription struct {
	cfg    Config
	timing Timing
	log    *slog.Logger
	ctx    context.Context
	cancel context.CancelCauseFunc
	chunks *Assembler

	out        chan Event
	ready      chan struct{} // closed once first subscribed
	subscribed bool          // ready is closed; read by run only
	done       chan struct{} // closed when run returns
	err        error         // why it ended; set before done closes
}

// Subscribe connects, subscribes to cfg.Channel and returns once the
// server confirmed it. Whatever fails on the way there is returned (the
// first connection is not retried); later drops are. The subscription
// lives until ctx ends, Close is called or the server refuses for good.
func Subscribe(ctx context.Context, cfg Config) (*Subscription, error) {
	if cfg.Buffer <= 0 {
		cfg.Buffer = 256
	}
	if cfg.ReadLimit <= 0 {
		cfg.ReadLimit = 1 << 20
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	sctx, cancel := context.WithCancelCause(ctx)
	s := &Subscription{
		cfg: cfg, timing: cfg.Timing.withDefaults(), log: log, ctx: sctx, cancel: cancel,
		chunks: NewAssembler(cfg.Chunks),
		out:    make(chan Event, cfg.Buffer), ready: make(chan struct{}), done: make(chan struct{}),
	}
	go s.run()
	select {
	case <-s.ready:
	case <-s.done:
	}
	select {
	case <-s.ready: // live, even if it ended at once: Next reports why
		return s, nil
	default:
		return nil, s.err
	}
}

// Next returns the next event. It blocks until one arrives, the
// subscription ends (its error is returned once the events received
// before are), or ctx ends (ctx's error; the subscription lives on).
func (s *Subscription) Next(ctx context.Context) (Event, error) {
	select {
	case ev := <-s.out:
		return ev, nil
	default:
	}
	select {
	case ev := <-s.out:
		return ev, nil
	case <-s.done:
		select {
		case ev := <-s.out:
			return ev, nil
		default:
			return Event{}, s.err
		}
	case <-ctx.Done():
		return Event{}, ctx.Err()
	}
}

// Done is closed once the subscription has ended and its goroutines are
// gone.
func (s *Subscription) Done() <-chan struct{} { return s.done }

// Close ends the subscription and waits for its goroutines to finish.
// Next then returns ErrClosed (after the events already received).
func (s *Subscription) Close() error {
	s.cancel(ErrClosed)
	<-s.done
	return nil
}

// run keeps one connection after another until the subscription ends.
func (s *Subscription) run() {
	defer close(s.done)
	defer s.cancel(nil)
	failures := 0
	for {
		act, wasLive, err := s.session()
		if s.ctx.Err() != nil {
			s.err = context.Cause(s.ctx)
			return
		}
		if !s.subscribed || act == DoNotReconnect {
			s.err = err
			return
		}
		if wasLive {
			failures = 0
		}
		failures++
		wait := s.delay(act, failures)
		s.log.Info("pusher: connection lost; reconnecting", "channel", s.cfg.Channel, "error", err, "in", wait.Round(time.Millisecond))
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-s.ctx.Done():
			t.Stop()
			s.err = context.Cause(s.ctx)
			return
		}
	}
}

// delay is the wait before reconnecting after failures consecutive
// connections that did not stay subscribed.
func (s *Subscription) delay(act Action, failures int) time.Duration {
	switch act {
	case ReconnectNow:
		if failures <= 1 {
			return 0
		}
		return s.backoff(failures - 1)
	case ReconnectAfterPause:
		return max(s.timing.Pause, s.backoff(failures))
	}
	return s.backoff(failures)
}

// backoff doubles from BackoffMin up to BackoffMax with equal jitter: the
// wait is half the step plus a random part of the other half.
func (s *Subscription) backoff(n int) time.Duration {
	d := s.timing.BackoffMin
	for i := 1; i < n && d < s.timing.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, s.timing.BackoffMax)
	return d/2 + rand.N(d/2+1)
}

// Session states.
const (
	awaitingConnection = iota
	awaitingSubscription
	live
)

// errSilent ends a connection whose server answered nothing, not even a ping.
var errSilent = errors.New("pusher: the server went silent (no answer to a ping)")

// session runs one connection. It returns what to do next, whether the
// channel was subscribed on it, and why it ended.
func (s *Subscription) session() (Action, bool, error) {
	ctx := s.ctx
	dialCtx, cancelDial := context.WithTimeout(ctx, s.timing.HandshakeTimeout)
	conn, _, err := websocket.Dial(dialCtx, s.cfg.URL, &websocket.DialOptions{HTTPClient: s.cfg.HTTPClient, HTTPHeader: s.cfg.Header})
	cancelDial()
	if err != nil {
		return Reconnect, false, fmt.Errorf("pusher: connecting: %w", err)
	}
	conn.SetReadLimit(s.cfg.ReadLimit)

	frames := make(chan []byte)
	readErr := make(chan error, 1)
	readCtx, stopReading := context.WithCancel(ctx)
	var reader sync.WaitGroup
	reader.Add(1)
	go func() {
		defer reader.Done()
		for {
			typ, b, err := conn.Read(readCtx)
			if err != nil {
				readErr <- err
				return
			}
			if typ != websocket.MessageText {
				b = nil // a binary frame: not a protocol message
			}
			select {
			case frames <- b:
			case <-readCtx.Done():
				return
			}
		}
	}()
	defer func() {
		stopReading()
		_ = conn.CloseNow()
		reader.Wait()
	}()

	c := &connection{s: s, conn: conn, activity: s.timing.ActivityTimeout}
	c.timer = time.NewTimer(s.timing.HandshakeTimeout)
	defer c.timer.Stop()
	c.expiry = time.NewTimer(time.Hour)
	defer c.expiry.Stop()
	c.armExpiry() // chunked events may have begun on the previous connection
	for {
		select {
		case <-ctx.Done():
			return Reconnect, c.state == live, context.Cause(ctx)
		case err := <-readErr:
			act, err := closeReason(err)
			return act, c.state == live, err
		case frame := <-frames:
			if e := c.handle(frame); e != nil {
				return e.act, c.state == live, e.err
			}
		case <-c.timer.C:
			if e := c.timeout(); e != nil {
				return e.act, c.state == live, e.err
			}
		case <-c.expiry.C:
			c.expire()
		}
	}
}

// closeReason maps a read error, such as the server's close frame, to
// what to do next.
func closeReason(err error) (Action, error) {
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		act := ActionFor(int(ce.Code))
		if act == DoNotReconnect {
			return act, &ClosedError{Code: int(ce.Code), Message: ce.Reason}
		}
		return act, fmt.Errorf("pusher: the server closed the connection: %w", err)
	}
	return Reconnect, fmt.Errorf("pusher: reading: %w", err)
}

// connection is the state of one session.
type connection struct {
	s        *Subscription
	conn     *websocket.Conn
	state    int
	activity time.Duration
	pinged   bool
	timer    *time.Timer // handshake deadline, then the activity and pong timeouts
	expiry   *time.Timer // the oldest chunked event's deadline
}

func (c *connection) write(frame []byte) error {
	ctx, cancel := context.WithTimeout(c.s.ctx, c.s.timing.WriteTimeout)
	defer cancel()
	if err := c.conn.Write(ctx, websocket.MessageText, frame); err != nil {
		return fmt.Errorf("pusher: writing: %w", err)
	}
	return nil
}

// ending ends a connection: what to do next, and why.
type ending struct {
	act Action
	err error
}

func end(act Action, err error) *ending { return &ending{act, err} }

// handle processes one frame; a non-nil ending ends the connection.
func (c *connection) handle(frame []byte) *ending {
	s := c.s
	if c.state == live {
		c.timer.Reset(c.activity)
		c.pinged = false
	}
	if frame == nil {
		s.log.Warn("pusher: ignored a binary frame", "channel", s.cfg.Channel)
		return nil
	}
	m, err := Decode(frame)
	if err != nil {
		s.log.Warn("pusher: ignored a malformed frame", "channel", s.cfg.Channel, "error", err.Error(), "bytes", len(frame))
		return nil
	}
	switch m.Event {
	case EventConnectionEstablished:
		if c.state != awaitingConnection {
			return nil
		}
		return c.established(m)
	case EventPing:
		if err := c.write(ClientMessage(EventPong, "", nil)); err != nil {
			return end(Reconnect, err)
		}
		return nil
	case EventPong:
		return nil
	case EventSubscriptionSucceeded:
		if m.Channel == s.cfg.Channel && c.state == awaitingSubscription {
			c.state = live
			c.timer.Reset(c.activity)
			if !s.subscribed {
				s.subscribed = true
				close(s.ready)
			}
		}
		return nil
	case EventSubscriptionError:
		if m.Channel != "" && m.Channel != s.cfg.Channel {
			return nil
		}
		var se SubscriptionErrorData
		_ = m.DecodePayload(&se)
		refused := &RefusedError{Channel: s.cfg.Channel, Status: se.Status, Type: se.Type, Message: se.Error}
		if se.Status >= 500 || se.Status == http.StatusTooManyRequests || se.Status == http.StatusRequestTimeout {
			return end(Reconnect, refused)
		}
		return end(DoNotReconnect, refused)
	case EventError:
		return c.pusherError(m)
	}
	if m.Channel != s.cfg.Channel || c.state != live {
		s.log.Debug("pusher: ignored an event", "event", m.Event, "channel", m.Channel)
		return nil
	}
	if name, ok := strings.CutPrefix(m.Event, ChunkedPrefix); ok && slices.Contains(s.cfg.Events, name) {
		return c.chunk(name, m)
	}
	if !slices.Contains(s.cfg.Events, m.Event) {
		s.log.Debug("pusher: ignored an event", "event", m.Event, "channel", m.Channel)
		return nil
	}
	data, err := m.Payload()
	if err != nil {
		s.log.Warn("pusher: ignored an event whose data is not JSON", "event", m.Event, "error", err.Error())
		return nil
	}
	return c.deliver(Event{Name: m.Event, Data: data})
}

// established answers connection_established: it authorizes the channel
// and subscribes.
func (c *connection) established(m Message) *ending {
	s := c.s
	var ce ConnectionEstablished
	if err := m.DecodePayload(&ce); err != nil || !ValidSocketID(ce.SocketID) {
		return end(Reconnect, fmt.Errorf("%w: connection_established without a valid socket_id", ErrMalformed))
	}
	if ce.ActivityTimeout > 0 {
		c.activity = min(c.activity, time.Duration(ce.ActivityTimeout)*time.Second)
	}
	sub := SubscribeData{Channel: s.cfg.Channel}
	if strings.HasPrefix(s.cfg.Channel, "private-") && s.cfg.Authorize != nil {
		auth, err := s.cfg.Authorize(s.ctx, ce.SocketID, s.cfg.Channel)
		if err != nil {
			var p permanentError
			if errors.As(err, &p) {
				return end(DoNotReconnect, p.err)
			}
			return end(Reconnect, err)
		}
		sub.Auth = auth
	}
	if err := c.write(ClientMessage(EventSubscribe, "", sub)); err != nil {
		return end(Reconnect, err)
	}
	c.state = awaitingSubscription
	c.timer.Reset(s.timing.HandshakeTimeout)
	return nil
}

// pusherError handles pusher:error: a code of the three ranges ends the
// connection; others are reported and the connection goes on.
func (c *connection) pusherError(m Message) *ending {
	s := c.s
	var pe ErrorData
	_ = m.DecodePayload(&pe)
	if pe.Code == nil {
		if c.state == awaitingSubscription {
			// How Pusher refuses a subscription's signature.
			return end(DoNotReconnect, &RefusedError{Channel: s.cfg.Channel, Message: pe.Message})
		}
		s.log.Warn("pusher: the server reported an error", "message", pe.Message)
		return nil
	}
	code := *pe.Code
	switch act := ActionFor(code); act {
	case DoNotReconnect:
		return end(act, &ClosedError{Code: code, Message: pe.Message})
	case ReconnectAfterPause, ReconnectNow:
		return end(act, fmt.Errorf("pusher: the server closed the connection with code %d: %s", code, pe.Message))
	}
	s.log.Warn("pusher: the server reported an error", "code", code, "message", pe.Message)
	return nil
}

func (c *connection) chunk(name string, m Message) *ending {
	s := c.s
	var ch Chunk
	if err := m.DecodePayload(&ch); err != nil {
		s.log.Warn("pusher: ignored a malformed chunk", "event", m.Event, "error", err.Error())
		return nil
	}
	data, err := s.chunks.Add(ch, time.Now())
	c.armExpiry()
	if err != nil {
		s.log.Warn("pusher: dropped a chunked event", "event", name, "error", err.Error())
		return nil
	}
	if data == nil {
		return nil
	}
	return c.deliver(Event{Name: name, Data: data})
}

func (c *connection) armExpiry() {
	c.expiry.Stop()
	if at, ok := c.s.chunks.NextExpiry(); ok {
		c.expiry.Reset(max(time.Until(at), 0))
	}
}

func (c *connection) expire() {
	for _, id := range c.s.chunks.Expire(time.Now()) {
		c.s.log.Warn("pusher: dropped a chunked event that did not complete in time", "id", id, "timeout", c.s.chunks.limits.Timeout)
	}
	c.armExpiry()
}

// deliver hands ev to Next, waiting while the buffer is full.
func (c *connection) deliver(ev Event) *ending {
	if !json.Valid(ev.Data) {
		c.s.log.Warn("pusher: ignored an event whose data is not JSON", "event", ev.Name, "bytes", len(ev.Data))
		return nil
	}
	select {
	case c.s.out <- ev:
		return nil
	case <-c.s.ctx.Done():
		return end(Reconnect, context.Cause(c.s.ctx))
	}
}

// timeout handles the timer: the end of a handshake step, or silence.
func (c *connection) timeout() *ending {
	switch {
	case c.state == awaitingConnection:
		return end(Reconnect, errors.New("pusher: no connection_established in time"))
	case c.state == awaitingSubscription:
		return end(Reconnect, errors.New("pusher: no answer to the subscription in time"))
	case c.pinged:
		return end(ReconnectNow, errSilent)
	}
	if err := c.write(ClientMessage(EventPing, "", nil)); err != nil {
		return end(Reconnect, err)
	}
	c.pinged = true
	c.timer.Reset(c.s.timing.PongTimeout)
	return nil
}
