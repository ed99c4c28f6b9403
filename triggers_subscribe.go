package composio

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/ComposioHQ/composio-go/internal/pusher"
	"github.com/ComposioHQ/composio-go/internal/transport"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// Realtime trigger events arrive over a websocket that speaks Pusher's
// protocol (version 7), the way the official SDKs receive them: the API
// names the Pusher app and the project's channel, and signs the
// subscription to that private channel; nothing needs a public URL.

// realtimeEvent is the channel event carrying a trigger payload (and,
// prefixed with "chunked-", the pieces of a large one).
const realtimeEvent = "trigger_to_client"

// TriggerSubscribeParams filters the events of [TriggersService.Subscribe],
// as the official SDKs do: an event is delivered when it matches every
// filter that is set. The zero value delivers every event of the project.
type TriggerSubscribeParams struct {
	// Toolkits keeps the events of these toolkits (slugs in any case), told
	// by the trigger slug: "github" matches GITHUB_COMMIT_EVENT.
	Toolkits []string
	// TriggerID keeps the events of one trigger instance ("ti_...").
	TriggerID string
	// TriggerSlugs keeps the events of these trigger types (any case).
	TriggerSlugs       []string
	ConnectedAccountID string
	// AuthConfigID keeps the events of one auth config's accounts. Only V3
	// payloads name it: with it set, V1 and V2 events never match.
	AuthConfigID string
	UserID       string
}

func (p TriggerSubscribeParams) validate() error {
	for i, t := range p.Toolkits {
		if strings.TrimSpace(t) == "" {
			return invalidParam(fmt.Sprintf("Toolkits[%d]", i), "must not be empty")
		}
	}
	for i, t := range p.TriggerSlugs {
		if strings.TrimSpace(t) == "" {
			return invalidParam(fmt.Sprintf("TriggerSlugs[%d]", i), "must not be empty")
		}
	}
	return nil
}

// matches reports whether ev passes every filter set.
func (p TriggerSubscribeParams) matches(ev *TriggerEvent) bool {
	if len(p.Toolkits) > 0 && !anyOf(p.Toolkits, func(tk string) bool {
		return len(ev.TriggerSlug) > len(tk) && strings.EqualFold(ev.TriggerSlug[:len(tk)], tk) && ev.TriggerSlug[len(tk)] == '_'
	}) {
		return false
	}
	if len(p.TriggerSlugs) > 0 && !anyOf(p.TriggerSlugs, func(s string) bool { return strings.EqualFold(s, ev.TriggerSlug) }) {
		return false
	}
	for _, f := range []struct{ want, got string }{
		{p.TriggerID, ev.TriggerID}, {p.ConnectedAccountID, ev.ConnectedAccountID},
		{p.AuthConfigID, ev.AuthConfigID}, {p.UserID, ev.UserID},
	} {
		if f.want != "" && f.want != f.got {
			return false
		}
	}
	return true
}

func anyOf(list []string, match func(string) bool) bool {
	for _, s := range list {
		if match(strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// Subscribe receives the project's trigger events as they happen, over a
// websocket: no public URL, so it works from a laptop, CI or behind a
// firewall. It returns once the subscription is live, so an event fired
// after it returns is received; what kept it from going live is returned
// instead (a *[RealtimeCredentialsError] when the API refuses the key, a
// *[SubscriptionRefusedError] when the channel is refused, or the failure
// of the first connection, which is not retried).
//
// From then on the subscription keeps itself alive: it answers and sends
// pings, notices a silent connection, reconnects after a drop with
// exponential backoff and jitter, and subscribes again. Events Composio
// sent while no connection was up are not replayed (use a webhook
// subscription when every event must arrive). It ends when ctx ends, when
// Close is called, or with a typed error the caller must see (see
// [TriggerSubscription.Next]); its goroutines are gone by then.
//
// Events are delivered in the order received, as the same [TriggerEvent]
// [VerifyWebhook] returns (WebhookID and SentAt are empty: there is no
// delivery), filtered by params. Up to 256 events wait for Next; while
// they do, the connection is not read.
//
// Subscribe calls GET /api/v3/internal/sdk/realtime/credentials and, per
// connection, POST /api/v3/internal/sdk/realtime/auth, on the API host
// (the base URL without /api/v3.1), with the project key (or the user
// key), through the client's transport and retries. The websocket goes to
// Pusher's host for the project's cluster unless [WithRealtimeURL] says
// otherwise. The client's logger ([WithLogger]) hears about reconnects and
// events dropped.
func (s *TriggersService) Subscribe(ctx context.Context, params TriggerSubscribeParams) (*TriggerSubscription, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", ErrInvalidParams)
	}
	if err := params.validate(); err != nil {
		return nil, err
	}
	c := s.client
	creds, err := c.realtimeCredentials(ctx)
	if err != nil {
		return nil, err
	}
	socketURL := c.realtimeSocketURL(creds)
	r := c.cfg.resolved
	cfg := pusher.Config{
		URL:     socketURL,
		Channel: "private-" + creds.ProjectID + "_triggers",
		Events:  []string{realtimeEvent},
		Authorize: func(ctx context.Context, socketID, channel string) (string, error) {
			return c.realtimeAuth(ctx, socketID, channel)
		},
		HTTPClient: c.transport.Upgrader(),
		Header:     http.Header{"User-Agent": c.userAgentValue},
		Logger:     r.logger,
	}
	if r.realtime != nil {
		cfg.Timing, cfg.Chunks = r.realtime.timing, r.realtime.chunks
	}
	sub, err := pusher.Subscribe(ctx, cfg)
	if err != nil {
		return nil, c.realtimeError(err)
	}
	log := r.logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &TriggerSubscription{sub: sub, client: c, params: params, log: log}, nil
}

// realtimeTuning holds a subscription's timeouts and reassembly limits;
// the tests shorten them.
type realtimeTuning struct {
	timing pusher.Timing
	chunks pusher.Limits
}

// realtimeCredentials is the answer of the credentials endpoint.
type realtimeCredentials struct {
	PusherKey     string `json:"pusher_key"`
	ProjectID     string `json:"project_id"`
	PusherCluster string `json:"pusher_cluster"`
}

func (c *Client) realtimeCredentials(ctx context.Context) (*realtimeCredentials, error) {
	creds, err := do[realtimeCredentials](ctx, c, request{op: ops.RealtimeCredentials}, nil)
	if err != nil {
		var apiErr *Error
		if errors.As(err, &apiErr) && refusal(apiErr.StatusCode) {
			return nil, &RealtimeCredentialsError{Err: err}
		}
		return nil, err
	}
	switch {
	case creds.PusherKey == "" || creds.ProjectID == "":
		return nil, errors.New("composio: realtime credentials: the answer lacks pusher_key or project_id")
	case !safeName(creds.ProjectID):
		return nil, fmt.Errorf("composio: realtime credentials: project_id %q is not a channel name", creds.ProjectID)
	case c.realtimeURL == "" && !safeName(creds.PusherCluster):
		return nil, fmt.Errorf("composio: realtime credentials: pusher_cluster %q is not a cluster name", creds.PusherCluster)
	}
	return creds, nil
}

// realtimeAuth asks the API to sign socketID's subscription to channel.
func (c *Client) realtimeAuth(ctx context.Context, socketID, channel string) (string, error) {
	form := url.Values{"socket_id": {socketID}, "channel_name": {channel}}
	out, err := do[realtimeAuthorization](ctx, c, request{op: ops.RealtimeAuth, form: form}, nil)
	if err != nil {
		var apiErr *Error
		if errors.As(err, &apiErr) && refusal(apiErr.StatusCode) {
			return "", pusher.Permanent(&SubscriptionRefusedError{Channel: channel, Status: apiErr.StatusCode, Message: apiErr.Message, Err: err})
		}
		return "", err
	}
	if out.Auth == "" {
		return "", errors.New("composio: realtime auth: the answer has no auth")
	}
	return out.Auth, nil
}

// realtimeAuthorization is the answer of the auth endpoint.
type realtimeAuthorization struct {
	Auth string `json:"auth"`
}

// refusal reports whether an API status refuses for good: a 4xx other
// than a timeout or a rate limit.
func refusal(status int) bool {
	return status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests
}

// safeName reports whether s is a plain identifier (letters, digits, _ and
// -), safe inside a host name or a channel name.
func safeName(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_' || b == '-') {
			return false
		}
	}
	return true
}

// realtimeSocketURL is the websocket URL for creds: WithRealtimeURL's root
// or Pusher's host for the cluster, then /app/<key> and the protocol.
func (c *Client) realtimeSocketURL(creds *realtimeCredentials) string {
	root := c.realtimeURL
	if root == "" {
		root = "wss://ws-" + strings.ToLower(creds.PusherCluster) + ".pusher.com"
	}
	q := url.Values{"protocol": {fmt.Sprint(pusher.Protocol)}, "client": {"composio-go"}, "version": {Version}}
	return root + "/app/" + url.PathEscape(creds.PusherKey) + "?" + q.Encode()
}

// parseRealtimeURL checks a WithRealtimeURL value and returns it as a
// ws(s) root without a trailing slash; "" stays "".
func parseRealtimeURL(raw string, allowInsecure bool) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%w: WithRealtimeURL: %q must be an absolute ws(s) URL", ErrInvalidParams, transport.RedactURLString(raw))
	}
	var httpScheme string
	switch strings.ToLower(u.Scheme) {
	case "ws", "http":
		u.Scheme, httpScheme = "ws", "http"
	case "wss", "https":
		u.Scheme, httpScheme = "wss", "https"
	default:
		return "", fmt.Errorf("%w: WithRealtimeURL: %q must be an absolute ws(s) URL", ErrInvalidParams, transport.RedactURLString(raw))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%w: WithRealtimeURL: the URL must not carry user info, a query or a fragment", ErrInvalidParams)
	}
	if err := transport.CheckPlainHTTP(&url.URL{Scheme: httpScheme, Host: u.Host}, allowInsecure); err != nil {
		return "", fmt.Errorf("%w: WithRealtimeURL: %w", ErrInvalidParams, err)
	}
	return u.Scheme + "://" + u.Host + strings.TrimRight(u.EscapedPath(), "/"), nil
}

// TriggerSubscription is a live stream of trigger events, from
// [TriggersService.Subscribe]. Read it with Next or range over Events;
// Close it when done (ending the context given to Subscribe ends it too).
// Its methods are safe for concurrent use.
//
// It is a value with methods rather than a bare iterator so that Subscribe
// can report at once whether the subscription went live (a test can then
// fire an event knowing it will arrive), so that a single wait can be
// bounded (Next's context) without ending the stream, and so that the
// stream outlives any one loop over it.
type TriggerSubscription struct {
	sub    *pusher.Subscription
	client *Client
	params TriggerSubscribeParams
	log    *slog.Logger
}

// Next returns the next event matching the subscription's filters,
// waiting for one. When ctx ends first, Next returns ctx's error and the
// subscription lives on. Once the subscription has ended, Next returns the
// events already received, then the reason, for good:
//
//   - the context given to Subscribe ended: its error ([context.Canceled],
//     [context.DeadlineExceeded]);
//   - Close was called: [ErrSubscriptionClosed];
//   - the server closed the connection with a code of 4000-4099 (an
//     unknown app key, over quota...): a *[RealtimeClosedError];
//   - after a reconnect, the channel was refused: a
//     *[SubscriptionRefusedError].
//
// Every other failure (a dropped connection, a silent server, a 5xx) is
// retried, and Next goes on waiting meanwhile.
func (s *TriggerSubscription) Next(ctx context.Context) (*TriggerEvent, error) {
	for {
		raw, err := s.sub.Next(ctx)
		if err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return nil, err
			}
			return nil, s.client.realtimeError(err)
		}
		ev, err := parseWebhookPayload(raw.Data)
		if err != nil {
			s.log.Warn("composio: ignored a realtime event that is not a trigger payload", "error", err.Error(), "bytes", len(raw.Data))
			continue
		}
		if !s.params.matches(ev) {
			continue
		}
		return ev, nil
	}
}

// Events iterates over the subscription's events, each as Next returns
// it. The loop ends when the subscription ends: quietly when its context
// ended or Close was called, else after yielding the error that ended it.
// Breaking out of the loop leaves the subscription open.
func (s *TriggerSubscription) Events() iter.Seq2[*TriggerEvent, error] {
	return func(yield func(*TriggerEvent, error) bool) {
		for {
			ev, err := s.Next(context.Background())
			if err != nil {
				if !errors.Is(err, ErrSubscriptionClosed) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
					yield(nil, err)
				}
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
}

// Close ends the subscription and returns once its connection is closed
// and its goroutines are gone. Closing twice is harmless.
func (s *TriggerSubscription) Close() error { return s.sub.Close() }

// realtimeError maps the Pusher layer's errors to the SDK's.
func (c *Client) realtimeError(err error) error {
	var closed *pusher.ClosedError
	var refused *pusher.RefusedError
	var ours *SubscriptionRefusedError
	switch {
	case errors.As(err, &ours):
		return ours
	case errors.As(err, &closed):
		return &RealtimeClosedError{Code: closed.Code, Message: closed.Message}
	case errors.As(err, &refused):
		msg := refused.Message
		if refused.Type != "" && msg != "" {
			msg = refused.Type + ": " + msg
		}
		return &SubscriptionRefusedError{Channel: refused.Channel, Status: refused.Status, Message: msg}
	case errors.Is(err, pusher.ErrClosed):
		return ErrSubscriptionClosed
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return fmt.Errorf("composio: trigger subscription: %w", redactErr(err, c.cfg.resolved.secrets))
}

// Errors that end a trigger subscription; test with errors.Is.
var (
	// ErrRealtimeCredentials matches every *[RealtimeCredentialsError].
	ErrRealtimeCredentials = errors.New("composio: realtime credentials refused")
	// ErrSubscriptionRefused matches every *[SubscriptionRefusedError].
	ErrSubscriptionRefused = errors.New("composio: trigger subscription refused")
	// ErrRealtimeClosed matches every *[RealtimeClosedError].
	ErrRealtimeClosed = errors.New("composio: realtime connection closed by the server")
	// ErrSubscriptionClosed is what a closed [TriggerSubscription] returns.
	ErrSubscriptionClosed = errors.New("composio: trigger subscription closed")
)

// RealtimeCredentialsError is the API refusing the realtime credentials of
// the project (a 4xx from GET /api/v3/internal/sdk/realtime/credentials):
// a wrong or revoked key, usually. Err is the API's answer, an *[Error]
// (errors.Is(err, ErrUnauthorized) works through it).
type RealtimeCredentialsError struct {
	Err error
}

// Error reads like "composio: realtime credentials refused: composio: 401 Unauthorized: ...".
func (e *RealtimeCredentialsError) Error() string {
	return "composio: realtime credentials refused: " + e.Err.Error()
}

// Is makes errors.Is(err, ErrRealtimeCredentials) true.
func (e *RealtimeCredentialsError) Is(target error) bool { return target == ErrRealtimeCredentials }

// Unwrap returns the API's answer.
func (e *RealtimeCredentialsError) Unwrap() error { return e.Err }

// SubscriptionRefusedError is the refusal of the project's trigger channel:
// by the API, which would not sign the subscription (Err is its *[Error]),
// or by the websocket server, which refused the signature.
type SubscriptionRefusedError struct {
	Channel string
	// Status is the refusal's HTTP status, when one was given.
	Status  int
	Message string
	// Err is the API's answer when the API refused; nil otherwise.
	Err error
}

// Error names the channel and the refusal.
func (e *SubscriptionRefusedError) Error() string {
	msg := "composio: trigger subscription to " + e.Channel + " refused"
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	if e.Status != 0 {
		msg += fmt.Sprintf(" (%d)", e.Status)
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Is makes errors.Is(err, ErrSubscriptionRefused) true.
func (e *SubscriptionRefusedError) Is(target error) bool { return target == ErrSubscriptionRefused }

// Unwrap returns the API's answer, if any.
func (e *SubscriptionRefusedError) Unwrap() error { return e.Err }

// RealtimeClosedError is the websocket server closing the connection with
// a Pusher code of 4000-4099, which asks not to reconnect: the app key is
// unknown or disabled, the protocol is not supported, the app is over its
// quota. Code and Message are the server's.
type RealtimeClosedError struct {
	Code    int
	Message string
}

// Error gives the server's code and message.
func (e *RealtimeClosedError) Error() string {
	return fmt.Sprintf("composio: the realtime server closed the connection for good (code %d: %s)", e.Code, e.Message)
}

// Is makes errors.Is(err, ErrRealtimeClosed) true.
func (e *RealtimeClosedError) Is(target error) bool { return target == ErrRealtimeClosed }
