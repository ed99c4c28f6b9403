package testlog

import (
	"strings"
	"sync"
	"testing"
)

func TestBufferConcurrentWrites(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Logger().Debug("line")
		}()
	}
	wg.Wait()
	if n := strings.Count(b.String(), "msg=line"); n != 8 {
		t.Fatalf("got %d log lines, want 8:\n%s", n, b.String())
	}
}
