// Package pusher is the small part of the Pusher Channels protocol
// (version 7) that composio-go needs: one private channel, subscribed with
// a signature from an auth endpoint, kept alive with pings, reconnected
// after a drop, with chunked events joined again. The server side of the
// same subset (composiotest's fake) uses its message helpers.
//
// Messages are JSON objects {"event", "channel", "data"}. A server sends
// data as a JSON string holding JSON; a client sends it as an object.
package pusher

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Protocol is the protocol version this package speaks.
const Protocol = 7

// Events of the protocol itself.
const (
	EventConnectionEstablished = "pusher:connection_established"
	EventError                 = "pusher:error"
	EventPing                  = "pusher:ping"
	EventPong                  = "pusher:pong"
	EventSubscribe             = "pusher:subscribe"
	EventUnsubscribe           = "pusher:unsubscribe"
	EventSubscriptionSucceeded = "pusher_internal:subscription_succeeded"
	EventSubscriptionError     = "pusher:subscription_error"
)

// ChunkedPrefix is prepended to an event's name when it arrives in pieces.
const ChunkedPrefix = "chunked-"

// Message is one frame of the protocol.
type Message struct {
	Event   string          `json:"event"`
	Channel string          `json:"channel,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// ErrMalformed is wrapped by every error about a frame that is not a
// protocol message.
var ErrMalformed = errors.New("pusher: malformed message")

// Decode parses a frame.
func Decode(frame []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(frame, &m); err != nil {
		return Message{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if m.Event == "" {
		return Message{}, fmt.Errorf("%w: no event name", ErrMalformed)
	}
	return m, nil
}

// Payload returns the message's data as JSON: a JSON string is unquoted
// (servers send data that way), anything else is returned as is. No data
// is an empty payload.
func (m Message) Payload() ([]byte, error) {
	d := bytes.TrimSpace(m.Data)
	if len(d) == 0 || d[0] != '"' {
		return d, nil
	}
	var s string
	if err := json.Unmarshal(d, &s); err != nil {
		return nil, fmt.Errorf("%w: data of %s: %w", ErrMalformed, m.Event, err)
	}
	return []byte(s), nil
}

// DecodePayload unmarshals the message's data (see Payload) into v.
func (m Message) DecodePayload(v any) error {
	p, err := m.Payload()
	if err != nil {
		return err
	}
	if err := json.Unmarshal(p, v); err != nil {
		return fmt.Errorf("%w: data of %s: %w", ErrMalformed, m.Event, err)
	}
	return nil
}

// ClientMessage encodes a client's message; data is sent as a JSON object
// (nil: {}).
func ClientMessage(event, channel string, data any) []byte {
	if data == nil {
		data = struct{}{}
	}
	raw, err := json.Marshal(data)
	if err != nil {
		panic("pusher: " + err.Error()) // only called with the package's own types
	}
	b, _ := json.Marshal(Message{Event: event, Channel: channel, Data: raw})
	return b
}

// ServerMessage encodes a server's message; data is sent as a JSON string
// holding the JSON encoding of data (a string or []byte is sent as is).
func ServerMessage(event, channel string, data any) []byte {
	var s string
	switch d := data.(type) {
	case string:
		s = d
	case []byte:
		s = string(d)
	case nil:
		s = "{}"
	default:
		raw, err := json.Marshal(d)
		if err != nil {
			panic("pusher: " + err.Error())
		}
		s = string(raw)
	}
	quoted, _ := json.Marshal(s)
	b, _ := json.Marshal(Message{Event: event, Channel: channel, Data: quoted})
	return b
}

// ConnectionEstablished is the data of pusher:connection_established.
type ConnectionEstablished struct {
	SocketID string `json:"socket_id"`
	// ActivityTimeout is in seconds: the longest the server stays silent
	// before the client should ping it.
	ActivityTimeout int `json:"activity_timeout"`
}

// SubscribeData is the data of pusher:subscribe.
type SubscribeData struct {
	Channel     string `json:"channel"`
	Auth        string `json:"auth,omitempty"`
	ChannelData string `json:"channel_data,omitempty"`
}

// ErrorData is the data of pusher:error. Code is nil when the server gave
// none (Pusher does so when it refuses a subscription's signature).
type ErrorData struct {
	Code    *int   `json:"code"`
	Message string `json:"message"`
}

// SubscriptionErrorData is the data of pusher:subscription_error.
type SubscriptionErrorData struct {
	Type   string `json:"type"`
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// Chunk is the data of a chunked event: one piece of the JSON of the whole
// event's data.
type Chunk struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
	Chunk string `json:"chunk"`
	Final bool   `json:"final"`
}

// An Action is what a client does after the server closed with a code.
type Action int

// The actions Pusher's code ranges ask for.
const (
	// Reconnect after the usual backoff: a close without a Pusher code.
	Reconnect Action = iota
	// ReconnectAfterPause: 4100-4199, the server is over capacity.
	ReconnectAfterPause
	// ReconnectNow: 4200-4299, the connection was closed in an orderly
	// way (the server restarts, a ping went unanswered).
	ReconnectNow
	// DoNotReconnect: 4000-4099, the request itself is wrong (an unknown
	// key, an unsupported protocol, over quota): retrying cannot help.
	DoNotReconnect
)

// ActionFor maps a pusher:error or close code to its Action.
func ActionFor(code int) Action {
	switch {
	case code >= 4000 && code <= 4099:
		return DoNotReconnect
	case code >= 4100 && code <= 4199:
		return ReconnectAfterPause
	case code >= 4200 && code <= 4299:
		return ReconnectNow
	}
	return Reconnect
}

// Signature is the HMAC-SHA256, in hex, of "<socket_id>:<channel>" keyed
// with the app's secret: what an auth endpoint signs for a private channel.
func Signature(secret, socketID, channel string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(socketID + ":" + channel))
	return hex.EncodeToString(m.Sum(nil))
}

// Auth is the auth value of a pusher:subscribe to a private channel:
// "<key>:<signature>".
func Auth(key, secret, socketID, channel string) string {
	return key + ":" + Signature(secret, socketID, channel)
}

// CheckAuth reports whether auth is the one Auth gives, comparing the
// signatures in constant time.
func CheckAuth(key, secret, socketID, channel, auth string) bool {
	gotKey, sig, ok := strings.Cut(auth, ":")
	if !ok || gotKey != key {
		return false
	}
	want := Signature(secret, socketID, channel)
	return hmac.Equal([]byte(sig), []byte(want))
}

// ValidSocketID reports whether id has Pusher's form "<digits>.<digits>".
func ValidSocketID(id string) bool {
	a, b, ok := strings.Cut(id, ".")
	return ok && digits(a) && digits(b)
}

func digits(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
