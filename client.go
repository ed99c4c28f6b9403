package composio

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ComposioHQ/composio-go/internal/ops"
	"github.com/ComposioHQ/composio-go/internal/transport"
)

// DefaultBaseURL is the Composio API v3.1 root.
const DefaultBaseURL = "https://backend.composio.dev/api/v3.1"

// apiPath is appended to a base URL that names only a host, as the official
// clients do, so one COMPOSIO_BASE_URL serves every language.
const apiPath = ops.Prefix

// Client talks to the Composio API. It is immutable, safe for concurrent use
// and meant to be shared; derive a variant with [Client.With].
type Client struct {
	Tools             *ToolsService
	Toolkits          *ToolkitsService
	ConnectedAccounts *ConnectedAccountsService
	AuthConfigs       *AuthConfigsService
	Triggers          *TriggersService
	Files             *FilesService
	MCP               *MCPService
	Projects          *ProjectsService
	ToolRouter        *ToolRouterService
	Webhooks          *WebhooksService
	Logs              *LogsService

	// cfg is a pointer, and holds the keys behind another (see apiKeys),
	// so that printing a Client value with fmt never shows a key.
	cfg            *config
	baseURL        string // no trailing slash, e.g. https://backend.composio.dev/api/v3.1
	userAgentValue []string
	transport      *transport.Transport
	// rootHint, when the base URL's path is not the API root, is added to
	// the suggested fix of every 404.
	rootHint string
	// realtimeURL is WithRealtimeURL's websocket root, checked; empty
	// when unset.
	realtimeURL string
	// toolkitOfTool remembers tool slug -> toolkit slug for version
	// resolution (ToolsService.toolkitOf): a tool never changes toolkit.
	toolkitOfTool sync.Map
}

// service is the common body of every service type.
type service struct{ client *Client }

// NewClient returns a client configured by opts, then the environment, then
// defaults (option > environment > default). It fails when no API key of any
// kind is configured or the base URL is malformed.
func NewClient(opts ...Option) (*Client, error) {
	var cfg config
	cfg.maxRetries = -1
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	return newClient(cfg)
}

// With returns a copy of c with opts applied on top of its configuration.
// c itself is unchanged.
func (c *Client) With(opts ...Option) (*Client, error) {
	cfg := c.cfg.clone()
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	return newClient(cfg)
}

func newClient(cfg config) (*Client, error) {
	resolved := cfg.withDefaults()
	if k := resolved.keys; k.project == "" && k.org == "" && k.user == "" {
		return nil, fmt.Errorf("%w: no API key: use WithAPIKey or set COMPOSIO_API_KEY (or the org/user key equivalents)", ErrInvalidParams)
	}
	for env, key := range map[string]string{EnvAPIKey: resolved.keys.project, EnvOrgAPIKey: resolved.keys.org, EnvUserAPIKey: resolved.keys.user} {
		if err := checkHeaderValue(env, key); err != nil {
			return nil, err
		}
	}
	secretValues := []string{resolved.keys.project, resolved.keys.org, resolved.keys.user}
	base, err := parseBaseURL(resolved.baseURL, resolved.allowInsecureHTTP, transport.NewSecrets(secretValues...))
	if err != nil {
		return nil, err
	}
	var strip []string
	for name, values := range resolved.keys.header {
		if resolved.isPublicHeader(name) {
			continue
		}
		strip = append(strip, name)
		for _, v := range values {
			secretValues = append(secretValues, headerSecretValues(name, v)...)
		}
	}
	slices.Sort(strip)
	realtimeURL, err := parseRealtimeURL(resolved.realtimeURL, resolved.allowInsecureHTTP)
	if err != nil {
		return nil, err
	}
	c := &Client{
		cfg:            &cfg,
		baseURL:        base,
		rootHint:       rootHint(base),
		realtimeURL:    realtimeURL,
		userAgentValue: []string{userAgent(resolved.userAgent)},
		transport: transport.New(transport.Config{
			HTTPClient:        resolved.httpClient,
			Timeout:           resolved.timeout,
			RetryWaitMin:      resolved.retryWaitMin,
			RetryWaitMax:      resolved.retryWaitMax,
			Logger:            resolved.logger,
			AllowInsecureHTTP: resolved.allowInsecureHTTP,
			Secrets:           secretValues,
		}),
	}
	c.cfg.resolved = resolved
	resolved.secrets = transport.NewSecrets(secretValues...)
	resolved.stripOnRedirect = strip
	resolved.keyValues.project = []string{resolved.keys.project}
	resolved.keyValues.user = []string{resolved.keys.user}
	resolved.keyValues.org = []string{resolved.keys.org}
	s := &service{client: c}
	c.Tools = (*ToolsService)(s)
	c.Toolkits = (*ToolkitsService)(s)
	c.ConnectedAccounts = (*ConnectedAccountsService)(s)
	c.AuthConfigs = (*AuthConfigsService)(s)
	c.Triggers = (*TriggersService)(s)
	c.Files = (*FilesService)(s)
	c.MCP = (*MCPService)(s)
	c.Projects = (*ProjectsService)(s)
	c.ToolRouter = (*ToolRouterService)(s)
	c.Webhooks = (*WebhooksService)(s)
	c.Logs = (*LogsService)(s)
	return c, nil
}

// BaseURL returns the API root the client sends requests to.
func (c *Client) BaseURL() string { return c.baseURL }

// apiRoot is the base URL without its /api/v3.1 suffix: the host (or a
// proxy's path prefix) under which the API's other versions live.
func (c *Client) apiRoot() string { return strings.TrimSuffix(c.baseURL, apiPath) }

// String describes the client by its base URL; it never shows a key.
func (c *Client) String() string {
	if c == nil {
		return "composio.Client(nil)"
	}
	return "composio.Client{BaseURL: " + c.baseURL + "}"
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints String whatever the verb, so that no verb (%+v, %x, ...)
// reaches the configured keys.
func (c *Client) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue logs the client as its base URL; keys are never logged.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("composio.Client(nil)")
	}
	return slog.GroupValue(slog.String("base_url", c.baseURL))
}

// parseBaseURL validates raw and appends /api/v3.1 when it names only a
// host. Its errors never show a key: a value that is not a URL at all (a
// key passed by mistake) is not quoted, a URL is shown without user info,
// query or fragment and with the configured keys hidden, and a base URL
// holding a configured key is refused.
func parseBaseURL(raw string, allowInsecure bool, keys *transport.Secrets) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("%w: base URL %s must be an absolute http(s) URL, such as %s", ErrInvalidParams, showBaseURL(raw, keys), DefaultBaseURL)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%w: base URL must not carry user info, a query or a fragment", ErrInvalidParams)
	}
	if keys.Redact(raw) != raw {
		return "", fmt.Errorf("%w: base URL %s holds one of the configured API keys", ErrInvalidParams, showBaseURL(raw, keys))
	}
	if err := transport.CheckPlainHTTP(u, allowInsecure); err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalidParams, err)
	}
	path := strings.TrimRight(u.Path, "/")
	if path == "" {
		path = apiPath
	}
	return u.Scheme + "://" + u.Host + path, nil
}

// rootHint explains a 404 under a base URL whose path is not the API root
// (/api/v3 for /api/v3.1, say): empty when it is.
func rootHint(base string) string {
	u, err := url.Parse(base)
	if err != nil || strings.HasSuffix(u.Path, apiPath) {
		return ""
	}
	host := u.Scheme + "://" + u.Host
	return fmt.Sprintf("the base URL path %q is not the API root %s: if every call answers 404, use WithBaseURL or %s with %s%s or the bare host %s",
		u.Path, apiPath, EnvBaseURL, host, apiPath, host)
}

// showBaseURL quotes a base URL for an error: without user info, query or
// fragment, the configured keys hidden, even when it does not parse. A
// value with no "://" is not a URL at all and may be a key: only its
// length is shown.
func showBaseURL(raw string, keys *transport.Secrets) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return fmt.Sprintf("(a value of %d characters with no scheme, not shown)", len(raw))
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, _, _ = strings.Cut(rest, "?")
	authority, path, hasPath := strings.Cut(rest, "/")
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority = authority[at+1:]
	}
	shown := scheme + "://" + authority
	if hasPath {
		shown += "/" + path
	}
	return strconv.Quote(keys.Redact(shown))
}

func userAgent(extra string) string {
	ua := "composio-go/" + Version + " go/" + strings.TrimPrefix(runtime.Version(), "go")
	if extra != "" {
		ua += " " + extra
	}
	return ua
}

// Ptr returns a pointer to v, for the optional fields where a zero value is
// meaningful (PATCH bodies, boolean filters).
func Ptr[T any](v T) *T { return &v }

// headerClone is a small helper so option code never aliases caller maps.
func headerClone(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	return h.Clone()
}
