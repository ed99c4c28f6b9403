package composio

import (
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ComposioHQ/composio-go/internal/transport"
)

// Environment variables read by NewClient, the names the official clients read.
const (
	EnvAPIKey     = "COMPOSIO_API_KEY"
	EnvOrgAPIKey  = "COMPOSIO_ORG_API_KEY"
	EnvUserAPIKey = "COMPOSIO_USER_API_KEY"
	EnvBaseURL    = "COMPOSIO_BASE_URL"
)

// Defaults applied when neither an option nor the environment sets a value.
const (
	DefaultMaxRetries = 2
	DefaultTimeout    = 60 * time.Second
)

// An Option configures a Client. Options validate their argument and make
// NewClient fail on a bad one.
type Option func(*config) error

// config holds what options set; resolved holds the effective values after
// the environment and defaults are applied.
type config struct {
	// keys is never changed in place (setKey copies it), so clones share it.
	keys                       *apiKeys
	baseURL                    string
	httpClient                 *http.Client
	maxRetries                 int // -1: unset
	retryWaitMin, retryWaitMax time.Duration
	timeout                    *time.Duration
	logger                     *slog.Logger
	userAgent                  string
	allowInsecureHTTP          bool
	noEnvironment              bool
	// toolkitVersions maps a lower-case toolkit slug to the version used to
	// execute its tools; toolkitVersion applies to every toolkit.
	toolkitVersions map[string]string
	toolkitVersion  string
	// publicHeaders are the canonical names WithPublicHeaders declared to
	// carry no secret; never changed in place (appends copy it first).
	publicHeaders []string
	// realtimeURL is where trigger subscriptions connect (WithRealtimeURL);
	// empty: Pusher's host for the project's cluster.
	realtimeURL string
	// realtime tunes trigger subscriptions' timeouts (tests only).
	realtime *realtimeTuning

	resolved *resolvedConfig
}

type resolvedConfig struct {
	config
	timeout time.Duration
	// keyValues are the credential header values, built once.
	keyValues struct{ project, user, org []string }
	// secrets are the keys and the values of the non-public headers added
	// with WithHeader, hidden from every error and log line; stripOnRedirect
	// names those headers, dropped from a redirect to another origin. Like
	// the keys, they sit where printing a Client never reaches them.
	secrets         *transport.Secrets
	stripOnRedirect []string
}

// apiKeys are the configured keys, and the headers added with WithHeader
// (which may carry a gateway's credential). They sit behind a pointer, two
// pointer hops from a Client, because fmt prints unexported fields without
// calling their methods and even expands one pointer under a verb such as
// %s or %x: printing a Client with any verb then shows addresses only.
type apiKeys struct {
	project, org, user string
	header             http.Header
}

// key returns the keys set so far (zero when none).
func (c *config) key() apiKeys {
	if c.keys == nil {
		return apiKeys{}
	}
	return *c.keys
}

// setKey changes one key on a copy, so that a clone never shares a change.
func (c *config) setKey(set func(*apiKeys)) {
	k := c.key()
	set(&k)
	c.keys = &k
}

func (c config) clone() config {
	c.toolkitVersions = maps.Clone(c.toolkitVersions)
	c.resolved = nil
	return c
}

// isPublicHeader reports whether the canonical header name was declared
// with WithPublicHeaders.
func (c *config) isPublicHeader(name string) bool {
	return slices.Contains(c.publicHeaders, name)
}

// withDefaults fills what options left unset from the environment, then
// from the defaults.
func (c config) withDefaults() *resolvedConfig {
	r := &resolvedConfig{config: c.clone()}
	env := func(name string) string {
		if c.noEnvironment {
			return ""
		}
		return strings.TrimSpace(os.Getenv(name))
	}
	fill := func(dst *string, name, def string) {
		if *dst == "" {
			*dst = env(name)
		}
		if *dst == "" {
			*dst = def
		}
	}
	keys := c.key()
	fill(&keys.project, EnvAPIKey, "")
	fill(&keys.org, EnvOrgAPIKey, "")
	fill(&keys.user, EnvUserAPIKey, "")
	r.keys = &keys
	fill(&r.baseURL, EnvBaseURL, DefaultBaseURL)
	if r.maxRetries < 0 {
		r.maxRetries = DefaultMaxRetries
	}
	r.timeout = DefaultTimeout
	if c.timeout != nil {
		r.timeout = *c.timeout
	}
	// COMPOSIO_TOOLKIT_VERSION_<TOOLKIT> fills the toolkits an option's map
	// leaves out, as the official SDK merges them; one version for every
	// toolkit (WithToolkitVersion) leaves no room for them.
	if r.toolkitVersion == "" && !c.noEnvironment {
		if env := toolkitVersionsFromEnv(os.Environ()); env != nil {
			maps.Copy(env, r.toolkitVersions)
			r.toolkitVersions = env
		}
	}
	return r
}

// toolkitVersionsFromEnv reads COMPOSIO_TOOLKIT_VERSION_<TOOLKIT>=<version>.
func toolkitVersionsFromEnv(environ []string) map[string]string {
	const prefix = "COMPOSIO_TOOLKIT_VERSION_"
	var out map[string]string
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, prefix) || len(name) == len(prefix) || strings.TrimSpace(value) == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[strings.ToLower(name[len(prefix):])] = strings.TrimSpace(value)
	}
	return out
}

func nonEmpty(option, value string) error {
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("%w: %s: value must not be empty", ErrInvalidParams, option)
	}
	return checkHeaderValue(option, value)
}

// checkHeaderValue refuses a value no header may carry (a line break or
// another control character), without quoting it: it may be a key.
func checkHeaderValue(option, value string) error {
	for i := 0; i < len(value); i++ {
		if b := value[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return fmt.Errorf("%w: %s: the value holds a control character (byte %d)", ErrInvalidParams, option, i)
		}
	}
	return nil
}

// isToken reports whether name is a valid header name (RFC 9110 token).
func isToken(name string) bool {
	for i := 0; i < len(name); i++ {
		b := name[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0) {
			return false
		}
	}
	return name != ""
}

// WithAPIKey sets the project API key, sent as x-api-key.
// Default: $COMPOSIO_API_KEY.
func WithAPIKey(key string) Option {
	return func(c *config) error {
		c.setKey(func(k *apiKeys) { k.project = key })
		return nonEmpty("WithAPIKey", key)
	}
}

// WithOrgAPIKey sets the organization API key, sent as x-org-api-key to the
// organization-level project operations. Default: $COMPOSIO_ORG_API_KEY.
func WithOrgAPIKey(key string) Option {
	return func(c *config) error {
		c.setKey(func(k *apiKeys) { k.org = key })
		return nonEmpty("WithOrgAPIKey", key)
	}
}

// WithUserAPIKey sets a user API key, sent as x-user-api-key where an
// operation accepts it and no project key is configured, and to the
// operations that accept only a user key. Default: $COMPOSIO_USER_API_KEY.
func WithUserAPIKey(key string) Option {
	return func(c *config) error {
		c.setKey(func(k *apiKeys) { k.user = key })
		return nonEmpty("WithUserAPIKey", key)
	}
}

// WithBaseURL sets the API root. Surrounding whitespace is ignored, as in
// $COMPOSIO_BASE_URL. A URL with no path (https://host) gets /api/v3.1
// appended; one with a path is used as given (a proxy may mount the API
// anywhere), and a 404 answered under a path that does not end in
// /api/v3.1 says so in its [Error.SuggestedFix].
// Default: $COMPOSIO_BASE_URL, else https://backend.composio.dev/api/v3.1.
func WithBaseURL(u string) Option {
	return func(c *config) error {
		u = strings.TrimSpace(u)
		c.baseURL = u
		return nonEmpty("WithBaseURL", u)
	}
}

// WithHTTPClient sends requests through hc's Transport (and cookie jar),
// wrapped rather than replaced, so tracing and proxies keep working.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return fmt.Errorf("%w: WithHTTPClient: client must not be nil", ErrInvalidParams)
		}
		c.httpClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a failed call may be retried (default 2;
// 0 disables retries).
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("%w: WithMaxRetries: %d is negative", ErrInvalidParams, n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithRetryWait bounds the exponential backoff between retries (default
// 500ms to 8s). A server's Retry-After overrides it, up to 60s.
func WithRetryWait(minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		if minWait <= 0 || maxWait < minWait {
			return fmt.Errorf("%w: WithRetryWait: need 0 < min <= max, got %v, %v", ErrInvalidParams, minWait, maxWait)
		}
		c.retryWaitMin, c.retryWaitMax = minWait, maxWait
		return nil
	}
}

// WithTimeout bounds each attempt of a call (default 60s; 0 means no bound).
// A context deadline bounds the whole call, retries included.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("%w: WithTimeout: %v is negative", ErrInvalidParams, d)
		}
		c.timeout = &d
		return nil
	}
}

// WithLogger logs one debug line per HTTP exchange to l (method, redacted
// URL, status, duration, request id), and the reconnects and dropped
// events of trigger subscriptions. Keys are never logged. Default: off.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { c.logger = l; return nil }
}

// WithHeader adds a header to every request. Credential headers cannot be
// set this way; use the key options. The value is treated as a secret (it
// may be a gateway's credential): it is not sent on a redirect to another
// origin and is redacted in errors and logs, unless the name is declared
// with [WithPublicHeaders].
func WithHeader(name, value string) Option {
	return func(c *config) error {
		if err := checkHeaderName("WithHeader", name); err != nil {
			return err
		}
		if err := checkHeaderValue("WithHeader", value); err != nil {
			return err
		}
		c.setKey(func(k *apiKeys) {
			k.header = headerClone(k.header) // setKey copies the struct, not the map
			if k.header == nil {
				k.header = http.Header{}
			}
			k.header.Add(name, value)
		})
		return nil
	}
}

// WithPublicHeaders declares that the named headers, added with
// [WithHeader] or [WithRequestHeader], carry no secret (a tenant name, a
// trace id). By default every header a caller adds is treated as a possible
// credential, as a gateway's token would be: it is dropped from a redirect
// to another origin, and its value is replaced by REDACTED wherever a
// server echoes it into an error or a log line. A public header follows
// such redirects and is shown as sent. Names are case-insensitive; the
// option adds to the names of earlier calls. Credential headers,
// Proxy-Authorization and x-llm-gateway-headers cannot be made public.
func WithPublicHeaders(names ...string) Option {
	return func(c *config) error {
		add := make([]string, 0, len(names))
		for _, name := range names {
			if err := checkHeaderName("WithPublicHeaders", name); err != nil {
				return err
			}
			canonical := http.CanonicalHeaderKey(name)
			for _, h := range transport.SecretHeaders {
				if canonical == h {
					return fmt.Errorf("%w: WithPublicHeaders: %s always carries a secret", ErrInvalidParams, canonical)
				}
			}
			add = append(add, canonical)
		}
		c.publicHeaders = append(slices.Clip(c.publicHeaders), add...)
		return nil
	}
}

// WithUserAgent appends s to the User-Agent header.
func WithUserAgent(s string) Option {
	return func(c *config) error { c.userAgent = strings.TrimSpace(s); return checkHeaderValue("WithUserAgent", s) }
}

// WithAllowInsecureHTTP permits plain http:// to hosts other than loopback.
// Keys then cross the network in clear text: use it only on trusted networks.
func WithAllowInsecureHTTP() Option {
	return func(c *config) error { c.allowInsecureHTTP = true; return nil }
}

// WithRealtimeURL points trigger subscriptions ([TriggersService.Subscribe])
// at another websocket server speaking Pusher's protocol, such as a local
// fake or a proxy: ws:// or wss:// (http:// and https:// are read as
// those), a host and an optional path prefix, to which /app/<key> is
// appended. Plain ws:// is refused off loopback unless
// [WithAllowInsecureHTTP] is given. Default: wss://ws-<cluster>.pusher.com,
// the cluster the API names for the project. composiotest's clients set it
// to their fake.
func WithRealtimeURL(u string) Option {
	return func(c *config) error { c.realtimeURL = u; return nonEmpty("WithRealtimeURL", u) }
}

// WithoutEnvironment stops NewClient from reading COMPOSIO_* variables, so
// only options and defaults apply.
func WithoutEnvironment() Option {
	return func(c *config) error { c.noEnvironment = true; return nil }
}

func checkHeaderName(option, name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("%w: %s: header name must not be empty", ErrInvalidParams, option)
	}
	if !isToken(name) {
		return fmt.Errorf("%w: %s: %q is not a valid header name", ErrInvalidParams, option, name)
	}
	for _, h := range credentialHeaders {
		if strings.EqualFold(name, h) {
			return fmt.Errorf("%w: %s: %s is a credential header; use the key options", ErrInvalidParams, option, name)
		}
	}
	return nil
}
