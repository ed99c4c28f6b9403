package composio

import (
	"runtime"
	"testing"
	"time"
	"weak"
)

// The per-client toolkit cache must not keep a dropped client alive.
func TestToolkitCacheGoesWithItsClient(t *testing.T) {
	c, err := NewClient(WithoutEnvironment(), WithAPIKey("k"))
	if err != nil {
		t.Fatal(err)
	}
	key := weak.Make(c)
	toolkitCacheOf(c).Store("GITHUB_CREATE_AN_ISSUE", "github")
	if v, ok := toolkitCacheOf(c).Load("GITHUB_CREATE_AN_ISSUE"); !ok || v != "github" {
		t.Fatalf("cache lost its entry: %v %v", v, ok)
	}
	c = nil
	_ = c
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runtime.GC()
		if _, ok := toolkitCaches.Load(key); !ok {
			return
		}
	}
	t.Fatal("the cache of a collected client was not removed")
}
