package pusher

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Limits of an Assembler; zero fields take the defaults.
type Limits struct {
	// Events bounds the events being assembled at once (default 64).
	Events int
	// EventBytes bounds the size of one event (default 8 MiB).
	EventBytes int
	// TotalBytes bounds the bytes held for all of them (default 32 MiB).
	TotalBytes int
	// Chunks bounds the pieces of one event (default 10000).
	Chunks int
	// Timeout is how long an event may take to complete (default 1 min).
	Timeout time.Duration
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.Events, 64)
	def(&l.EventBytes, 8<<20)
	def(&l.TotalBytes, 32<<20)
	def(&l.Chunks, 10000)
	if l.Timeout <= 0 {
		l.Timeout = time.Minute
	}
	return l
}

// ErrChunkDropped is wrapped by every error of Assembler.Add: the event the
// chunk belongs to was dropped (or the chunk was not valid).
var ErrChunkDropped = errors.New("pusher: chunked event dropped")

// An Assembler joins the pieces of chunked events, in index order, once
// the final piece and every earlier one have arrived. It holds at most
// Limits of them, each for at most Limits.Timeout. It is not safe for
// concurrent use.
type Assembler struct {
	limits  Limits
	pending map[string]*partial
	total   int
}

type partial struct {
	chunks  map[int]string
	size    int
	final   int // index of the final piece; -1 until it came
	highest int
	started time.Time
}

// NewAssembler returns an empty Assembler bounded by l.
func NewAssembler(l Limits) *Assembler {
	return &Assembler{limits: l.withDefaults(), pending: map[string]*partial{}}
}

// Pending is the number of events being assembled.
func (a *Assembler) Pending() int { return len(a.pending) }

// Add records c, received at now. It returns the event's whole data once
// complete. An error wrapping ErrChunkDropped means c was not valid, or
// its event broke a limit and was dropped.
func (a *Assembler) Add(c Chunk, now time.Time) ([]byte, error) {
	if c.ID == "" {
		return nil, fmt.Errorf("%w: a chunk without an id", ErrChunkDropped)
	}
	if c.Index < 0 || c.Index >= a.limits.Chunks {
		a.drop(c.ID)
		return nil, fmt.Errorf("%w: event %q: chunk index %d out of range", ErrChunkDropped, c.ID, c.Index)
	}
	p := a.pending[c.ID]
	if p == nil {
		if len(a.pending) >= a.limits.Events {
			return nil, fmt.Errorf("%w: event %q: %d events are being assembled already", ErrChunkDropped, c.ID, len(a.pending))
		}
		p = &partial{chunks: map[int]string{}, final: -1, started: now}
		a.pending[c.ID] = p
	}
	switch {
	case p.final >= 0 && c.Index > p.final:
		a.drop(c.ID)
		return nil, fmt.Errorf("%w: event %q: chunk %d after the final chunk %d", ErrChunkDropped, c.ID, c.Index, p.final)
	case c.Final && p.final >= 0 && c.Index != p.final:
		a.drop(c.ID)
		return nil, fmt.Errorf("%w: event %q: two final chunks (%d and %d)", ErrChunkDropped, c.ID, p.final, c.Index)
	case c.Final && c.Index < p.highest:
		a.drop(c.ID)
		return nil, fmt.Errorf("%w: event %q: final chunk %d before chunk %d", ErrChunkDropped, c.ID, c.Index, p.highest)
	}
	if _, dup := p.chunks[c.Index]; !dup {
		if p.size+len(c.Chunk) > a.limits.EventBytes {
			a.drop(c.ID)
			return nil, fmt.Errorf("%w: event %q: larger than %d bytes", ErrChunkDropped, c.ID, a.limits.EventBytes)
		}
		if a.total+len(c.Chunk) > a.limits.TotalBytes {
			a.drop(c.ID)
			return nil, fmt.Errorf("%w: event %q: chunked events would hold more than %d bytes", ErrChunkDropped, c.ID, a.limits.TotalBytes)
		}
		p.chunks[c.Index] = c.Chunk
		p.size += len(c.Chunk)
		a.total += len(c.Chunk)
		p.highest = max(p.highest, c.Index)
	}
	if c.Final {
		p.final = c.Index
	}
	if p.final < 0 || len(p.chunks) != p.final+1 {
		return nil, nil
	}
	var b strings.Builder
	b.Grow(p.size)
	for i := 0; i <= p.final; i++ {
		b.WriteString(p.chunks[i])
	}
	a.drop(c.ID)
	return []byte(b.String()), nil
}

// Expire drops the events begun more than Limits.Timeout before now and
// returns their ids.
func (a *Assembler) Expire(now time.Time) []string {
	var ids []string
	for id, p := range a.pending {
		if now.Sub(p.started) >= a.limits.Timeout {
			ids = append(ids, id)
			a.drop(id)
		}
	}
	return ids
}

// NextExpiry is when the oldest pending event expires; false when none is
// pending.
func (a *Assembler) NextExpiry() (time.Time, bool) {
	var first time.Time
	for _, p := range a.pending {
		if first.IsZero() || p.started.Before(first) {
			first = p.started
		}
	}
	if first.IsZero() {
		return time.Time{}, false
	}
	return first.Add(a.limits.Timeout), true
}

func (a *Assembler) drop(id string) {
	if p, ok := a.pending[id]; ok {
		a.total -= p.size
		delete(a.pending, id)
	}
}
