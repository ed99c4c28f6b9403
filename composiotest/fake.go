// Package composiotest is a stateful, in-memory fake of the Composio API
// v3.1, for tests (yours and ours) and for running examples offline.
//
// A complete test:
//
//	func TestEcho(t *testing.T) {
//		srv := composiotest.NewServer(t) // a fake on a loopback port, closed when the test ends
//		res, err := srv.Client().Tools.Execute(context.Background(), composiotest.ToolComposioEcho,
//			composio.ToolExecuteParams{Version: composiotest.VersionComposio, Arguments: map[string]any{"message": "hi"}})
//		if err != nil || !res.Successful {
//			t.Fatal(err, res)
//		}
//	}
//
// # What it fakes
//
// The fake enforces the key each operation accepts, answers with the v3.1
// shapes and the error envelope, gives every response a request id, pages
// lists with keyset cursors, and keeps what the API keeps: connected
// accounts and auth configs (with a connection flow that completes
// offline), triggers and webhook subscriptions (with signed deliveries,
// [Fake.FireTrigger]), files, MCP servers, projects and tool router
// sessions. Its catalog of toolkits, tools and trigger types is named by
// constants ([ToolkitGitHub], [VersionGitHub], [ToolComposioEcho],
// [TriggerGitHubCommitEvent], ...), and its tools really run.
// [Fake.SeedActiveAccount] and [Fake.SeedConnectedAccount] add accounts
// without the flow; [Fake.Requests] is the log of what clients sent;
// [Fake.Reset] starts over.
//
// # Faults
//
// [Fake.AddFault] makes chosen requests misbehave: a [Fault] matches by
// method, operation path ("/connected_accounts/{nanoid}/status") and an
// optional predicate, for the next n matches or for a while, and answers
// with an error envelope (with Retry-After or retry-after-ms), adds
// latency, drops the connection, or stalls or cuts the body.
// [Fake.FailNext], [Fake.DropNext] and [Fake.SetLatency] are the blunt
// forms. [WriteError] answers with the envelope from a handler of your own.
//
// # Outside Go
//
// cmd/composio-fake serves the same fake to clients in any language, with
// an admin API under /fake/ (faults, the request log, seeding, firing
// triggers, reset) for tests that cannot call these methods; see its --help.
package composiotest

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Default credentials of a fake created without explicit keys.
const (
	DefaultAPIKey     = "ak_test_composio_fake"
	DefaultOrgAPIKey  = "oak_test_composio_fake"
	DefaultUserAPIKey = "uak_test_composio_fake"
)

// Config configures a Fake. Empty keys take the defaults above.
type Config struct {
	APIKey, OrgAPIKey, UserAPIKey string
	// Now is the clock; nil means time.Now. It must be safe for concurrent
	// use: deliveries read it outside the fake's lock.
	Now func() time.Time
}

// Fake is the fake Composio API as an http.Handler. Mount it anywhere: it
// serves /api/v3.1/... under its root, like the real host. All methods are
// safe for concurrent use.
type Fake struct {
	APIKey, OrgAPIKey, UserAPIKey string

	// mu guards all state. Handlers of the API run with it held (see
	// router.handle); a handler that must block (a slow tool) releases it
	// through unlocked.
	mu    sync.Mutex
	state state // every resource's records (state.go)
	rng   *rand.Rand
	now   func() time.Time

	mux         *http.ServeMux // serves routeTable (routes.go)
	routes      []string       // the patterns served with rt.handle, for tests
	adminRoutes []string       // the patterns of the admin API, for tests
	faults      faults
	log         requestLog

	deliveries *http.Client // sends webhook deliveries
}

// New returns a Fake seeded with its catalog.
func New(cfg Config) *Fake {
	f := &Fake{
		APIKey:     or(cfg.APIKey, DefaultAPIKey),
		OrgAPIKey:  or(cfg.OrgAPIKey, DefaultOrgAPIKey),
		UserAPIKey: or(cfg.UserAPIKey, DefaultUserAPIKey),
		rng:        rand.New(rand.NewPCG(20250906, 1)),
		now:        cfg.Now,
		mux:        http.NewServeMux(),
		deliveries: newDeliveryClient(),
	}
	if f.now == nil {
		f.now = time.Now
	}
	(&router{f: f}).mount(routeTable(f))
	return f
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ServeHTTP records the request, applies injected faults, then routes it.
// The fake's own admin endpoints (/fake/faults, ...) are not recorded.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := f.nextRequestID()
	w.Header().Set("X-Request-Id", id)
	r = withRequestID(r, id)
	api := strings.HasPrefix(r.URL.Path, apiPrefix+"/")
	if api && f.dropBeforeBody(w, r) {
		return
	}
	body, rest := f.log.record(r)
	r.Body = rest
	if api && f.applyFault(w, r, body) {
		return
	}
	f.mux.ServeHTTP(w, r)
}

// unlocked runs fn without f.mu, for handlers that wait (slow tools,
// deliveries). State read before must be read again after.
func (f *Fake) unlocked(fn func()) {
	f.mu.Unlock()
	defer f.mu.Lock()
	fn()
}

// newID returns a fresh nanoid-like id such as "ca_x2k9QmT4vB7n".
func (f *Fake) newID(prefix string) string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	b := make([]byte, 12)
	for i := range b {
		b[i] = alphabet[f.rng.IntN(len(alphabet))]
	}
	if prefix == "" {
		return string(b)
	}
	return prefix + "_" + string(b)
}

// timestamp is the current time as the API renders it.
func (f *Fake) timestamp() string {
	return f.now().UTC().Format(time.RFC3339Nano)
}
