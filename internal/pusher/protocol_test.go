package pusher

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMessagesOnTheWire(t *testing.T) {
	assert.JSONEq(t, `{"event":"pusher:subscribe","data":{"channel":"private-c","auth":"k:s"}}`,
		string(ClientMessage(EventSubscribe, "", SubscribeData{Channel: "private-c", Auth: "k:s"})))
	assert.JSONEq(t, `{"event":"pusher:ping","data":{}}`, string(ClientMessage(EventPing, "", nil)))
	// A server's data is a string holding JSON.
	assert.JSONEq(t, `{"event":"trigger_to_client","channel":"c","data":"{\"a\":1}"}`, string(ServerMessage("trigger_to_client", "c", map[string]int{"a": 1})))
	assert.JSONEq(t, `{"event":"e","channel":"c","data":"{\"raw\":true}"}`, string(ServerMessage("e", "c", `{"raw":true}`)))
	assert.JSONEq(t, `{"event":"e","data":"{}"}`, string(ServerMessage("e", "", nil)))
}

func TestPayloadUnquotesStringData(t *testing.T) {
	for frame, want := range map[string]string{
		`{"event":"e","data":"{\"a\":1}"}`: `{"a":1}`,
		`{"event":"e","data":{"a":1}}`:     `{"a":1}`, // an object, as clients send
		`{"event":"e"}`:                    ``,
		`{"event":"e","data":"plain"}`:     `plain`,
	} {
		m, err := Decode([]byte(frame))
		require.NoError(t, err, frame)
		p, err := m.Payload()
		require.NoError(t, err, frame)
		assert.Equal(t, want, string(p), frame)
	}
	var ce ConnectionEstablished
	m, _ := Decode([]byte(`{"event":"pusher:connection_established","data":"{\"socket_id\":\"123.456\",\"activity_timeout\":120}"}`))
	require.NoError(t, m.DecodePayload(&ce))
	assert.Equal(t, ConnectionEstablished{SocketID: "123.456", ActivityTimeout: 120}, ce)
}

func TestDecodeRefusesWhatIsNotAMessage(t *testing.T) {
	for _, frame := range []string{``, `nope`, `[]`, `{"data":"x"}`, `{"event":""}`, `{"event":5}`} {
		_, err := Decode([]byte(frame))
		assert.ErrorIs(t, err, ErrMalformed, frame)
	}
	m, err := Decode([]byte(`{"event":"e","data":"\"unterminated}`))
	if err == nil {
		_, err = m.Payload()
	}
	assert.ErrorIs(t, err, ErrMalformed)
}

func TestAuthSignatures(t *testing.T) {
	// Pusher's documented example: key 278d425bdf160c739803, secret
	// 7ad3773142a6692b25b8, socket 1234.1234, channel private-foobar.
	assert.Equal(t, "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
		Auth("278d425bdf160c739803", "7ad3773142a6692b25b8", "1234.1234", "private-foobar"))
	auth := Auth("k", "s", "1.2", "private-c")
	assert.True(t, CheckAuth("k", "s", "1.2", "private-c", auth))
	assert.False(t, CheckAuth("k", "s", "1.3", "private-c", auth), "another socket")
	assert.False(t, CheckAuth("k", "s", "1.2", "private-d", auth), "another channel")
	assert.False(t, CheckAuth("other", "s", "1.2", "private-c", auth), "another key")
	assert.False(t, CheckAuth("k", "s", "1.2", "private-c", "k"), "no signature")
	assert.False(t, CheckAuth("k", "s", "1.2", "private-c", ""))
}

func TestValidSocketID(t *testing.T) {
	for id, want := range map[string]bool{"123.456": true, "1.2": true, "": false, "1": false, "1.": false, ".1": false, "a.1": false, "1.2.3": false, "1.2 ": false} {
		assert.Equal(t, want, ValidSocketID(id), "%q", id)
	}
}
