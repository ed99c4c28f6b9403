package pusher

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestAssemblerJoinsInIndexOrderWhateverTheArrivalOrder(t *testing.T) {
	for name, order := range map[string][]int{"in order": {0, 1, 2, 3}, "reversed": {3, 2, 1, 0}, "shuffled": {2, 0, 3, 1}, "final first": {3, 0, 1, 2}} {
		t.Run(name, func(t *testing.T) {
			a := NewAssembler(Limits{})
			pieces := []string{`{"a":`, `"bc`, `de"`, `}`}
			for i, idx := range order {
				data, err := a.Add(Chunk{ID: "x", Index: idx, Chunk: pieces[idx], Final: idx == 3}, t0)
				require.NoError(t, err)
				if i < len(order)-1 {
					require.Nil(t, data, "incomplete after %d pieces", i+1)
					assert.Equal(t, 1, a.Pending())
				} else {
					assert.Equal(t, `{"a":"bcde"}`, string(data))
				}
			}
			assert.Equal(t, 0, a.Pending())
			assert.Zero(t, a.total)
		})
	}
}

func TestAssemblerKeepsEventsApartAndIgnoresDuplicates(t *testing.T) {
	a := NewAssembler(Limits{})
	_, _ = a.Add(Chunk{ID: "a", Index: 0, Chunk: "A0"}, t0)
	_, _ = a.Add(Chunk{ID: "b", Index: 0, Chunk: "B0"}, t0)
	_, _ = a.Add(Chunk{ID: "a", Index: 0, Chunk: "again"}, t0)
	data, err := a.Add(Chunk{ID: "a", Index: 1, Chunk: "A1", Final: true}, t0)
	require.NoError(t, err)
	assert.Equal(t, "A0A1", string(data))
	data, err = a.Add(Chunk{ID: "b", Index: 1, Chunk: "B1", Final: true}, t0)
	require.NoError(t, err)
	assert.Equal(t, "B0B1", string(data))
	data, err = a.Add(Chunk{ID: "one", Index: 0, Chunk: "whole", Final: true}, t0)
	require.NoError(t, err)
	assert.Equal(t, "whole", string(data), "a single final chunk")
}

func TestAssemblerRefusesInconsistentChunks(t *testing.T) {
	for name, chunks := range map[string][]Chunk{
		"after the final": {{ID: "x", Index: 1, Final: true}, {ID: "x", Index: 2}},
		"two finals":      {{ID: "x", Index: 2, Final: true}, {ID: "x", Index: 1, Final: true}},
		"final too early": {{ID: "x", Index: 3}, {ID: "x", Index: 1, Final: true}},
		"negative index":  {{ID: "x", Index: -1}},
		"index too large": {{ID: "x", Index: 10000}},
		"no id":           {{Index: 0, Final: true}},
	} {
		t.Run(name, func(t *testing.T) {
			a := NewAssembler(Limits{})
			var err error
			for _, c := range chunks {
				c.Chunk = "piece"
				if _, err = a.Add(c, t0); err != nil {
					break
				}
			}
			require.ErrorIs(t, err, ErrChunkDropped)
			assert.Equal(t, 0, a.Pending(), "the event is dropped")
			assert.Zero(t, a.total)
		})
	}
}

func TestAssemblerIsBoundedInMemory(t *testing.T) {
	t.Run("bytes of one event", func(t *testing.T) {
		a := NewAssembler(Limits{EventBytes: 10})
		_, err := a.Add(Chunk{ID: "x", Index: 0, Chunk: "123456"}, t0)
		require.NoError(t, err)
		_, err = a.Add(Chunk{ID: "x", Index: 1, Chunk: "78901", Final: true}, t0)
		require.ErrorIs(t, err, ErrChunkDropped)
		assert.Contains(t, err.Error(), "larger than 10 bytes")
		assert.Equal(t, 0, a.Pending())
	})
	t.Run("bytes of all events", func(t *testing.T) {
		a := NewAssembler(Limits{TotalBytes: 10})
		_, err := a.Add(Chunk{ID: "x", Index: 0, Chunk: "123456"}, t0)
		require.NoError(t, err)
		_, err = a.Add(Chunk{ID: "y", Index: 0, Chunk: "789012"}, t0)
		require.ErrorIs(t, err, ErrChunkDropped)
		assert.Equal(t, 1, a.Pending(), "the event that came first is kept")
		assert.Equal(t, 6, a.total)
	})
	t.Run("events at once", func(t *testing.T) {
		a := NewAssembler(Limits{Events: 2})
		for _, id := range []string{"a", "b"} {
			_, err := a.Add(Chunk{ID: id, Index: 0, Chunk: "."}, t0)
			require.NoError(t, err)
		}
		_, err := a.Add(Chunk{ID: "c", Index: 0, Chunk: "."}, t0)
		require.ErrorIs(t, err, ErrChunkDropped)
		assert.Equal(t, 2, a.Pending())
		_, err = a.Add(Chunk{ID: "a", Index: 1, Chunk: ".", Final: true}, t0)
		require.NoError(t, err, "events already begun go on")
	})
	t.Run("chunks of one event", func(t *testing.T) {
		a := NewAssembler(Limits{Chunks: 3})
		_, err := a.Add(Chunk{ID: "x", Index: 3, Chunk: "."}, t0)
		require.ErrorIs(t, err, ErrChunkDropped)
	})
}

func TestAssemblerIsBoundedInTime(t *testing.T) {
	a := NewAssembler(Limits{Timeout: time.Minute})
	_, ok := a.NextExpiry()
	assert.False(t, ok)
	_, _ = a.Add(Chunk{ID: "old", Index: 0, Chunk: strings.Repeat("o", 100)}, t0)
	_, _ = a.Add(Chunk{ID: "new", Index: 0, Chunk: "n"}, t0.Add(30*time.Second))
	at, ok := a.NextExpiry()
	require.True(t, ok)
	assert.Equal(t, t0.Add(time.Minute), at)

	assert.Empty(t, a.Expire(t0.Add(59*time.Second)))
	assert.Equal(t, []string{"old"}, a.Expire(t0.Add(time.Minute)))
	assert.Equal(t, 1, a.Pending())
	assert.Equal(t, 1, a.total, "the dropped event's bytes are released")
	at, _ = a.NextExpiry()
	assert.Equal(t, t0.Add(90*time.Second), at)

	// A late piece of a dropped event starts afresh; it never completes
	// the old one.
	data, err := a.Add(Chunk{ID: "old", Index: 1, Chunk: "}", Final: true}, t0.Add(61*time.Second))
	require.NoError(t, err)
	assert.Nil(t, data)
}
