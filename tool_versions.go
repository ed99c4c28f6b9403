package composio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// VersionLatest names the newest version of every toolkit. Lookups accept
// it; executions refuse it unless told otherwise (see [ToolsService.Execute]).
const VersionLatest = "latest"

// ErrToolkitVersionRequired is returned by Execute when the toolkit version
// resolves to "latest" and the call did not set DangerouslySkipVersionCheck.
// The error returned also matches ErrInvalidParams, and its message names
// the tool's toolkit and a version to pin (the toolkit's latest).
var ErrToolkitVersionRequired = errors.New("composio: toolkit version required")

// ToolkitVersions selects toolkit versions on tool lookups: one Version for
// every toolkit (such as "latest"), or a version per toolkit slug. Set one
// of the two. On the wire it is toolkit_versions=latest or
// toolkit_versions[github]=20250906_01.
type ToolkitVersions struct {
	Version   string
	ByToolkit map[string]string
}

// IsZero reports whether no version is selected.
func (v ToolkitVersions) IsZero() bool { return v.Version == "" && len(v.ByToolkit) == 0 }

// check reports what is wrong with v, if anything: both forms set, or an
// empty toolkit slug or version.
func (v ToolkitVersions) check() error {
	if v.Version != "" && len(v.ByToolkit) > 0 {
		return errors.New("set Version or ByToolkit, not both")
	}
	for slug, version := range v.ByToolkit {
		if strings.TrimSpace(slug) == "" || strings.TrimSpace(version) == "" {
			return errors.New("toolkit slugs and versions must not be empty")
		}
	}
	return nil
}

// validate is check as an ErrInvalidParams error naming the wire field.
func (v ToolkitVersions) validate() error {
	if err := v.check(); err != nil {
		return invalidParam("toolkit_versions", err.Error())
	}
	return nil
}

// EncodeValues implements go-querystring's query.Encoder: the query form,
// toolkit_versions=latest or toolkit_versions[github]=20250906_01.
func (v ToolkitVersions) EncodeValues(key string, vals *url.Values) error {
	if err := v.check(); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	if v.Version != "" {
		vals.Set(key, v.Version)
		return nil
	}
	for _, slug := range sortedKeys(v.ByToolkit) {
		vals.Set(key+"["+strings.ToLower(slug)+"]", v.ByToolkit[slug])
	}
	return nil
}

// MarshalJSON is the body form, as the query form spells it: the Version
// string, or an object keyed by lower-case toolkit slug (null when unset;
// omitzero leaves an unset field out).
func (v ToolkitVersions) MarshalJSON() ([]byte, error) {
	if err := v.check(); err != nil {
		return nil, err
	}
	if v.Version != "" {
		return json.Marshal(v.Version)
	}
	if len(v.ByToolkit) == 0 {
		return []byte("null"), nil
	}
	m := make(map[string]string, len(v.ByToolkit))
	for slug, version := range v.ByToolkit {
		m[strings.ToLower(slug)] = version
	}
	return json.Marshal(m)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// WithToolkitVersions pins toolkit versions by toolkit slug (any case), such
// as {"github": "20250906_01"}. Execute runs a tool at its toolkit's pinned
// version; toolkits missing from versions fall back to
// COMPOSIO_TOOLKIT_VERSION_<TOOLKIT>, then "latest". Lists and lookups send
// the same versions, so the schemas you give a model are those that run.
// It replaces an earlier WithToolkitVersion.
func WithToolkitVersions(versions map[string]string) Option {
	return func(c *config) error {
		m := make(map[string]string, len(versions))
		for slug, v := range versions {
			if strings.TrimSpace(slug) == "" || strings.TrimSpace(v) == "" {
				return fmt.Errorf("%w: WithToolkitVersions: toolkit slugs and versions must not be empty", ErrInvalidParams)
			}
			m[strings.ToLower(strings.TrimSpace(slug))] = strings.TrimSpace(v)
		}
		c.toolkitVersions, c.toolkitVersion = m, ""
		return nil
	}
}

// WithToolkitVersion uses one version for every toolkit, such as
// "20250906_01", or "latest" (then Execute needs
// DangerouslySkipVersionCheck). The COMPOSIO_TOOLKIT_VERSION_* variables
// are ignored. It replaces an earlier WithToolkitVersions.
func WithToolkitVersion(version string) Option {
	return func(c *config) error {
		if err := nonEmpty("WithToolkitVersion", version); err != nil {
			return err
		}
		c.toolkitVersion, c.toolkitVersions = strings.TrimSpace(version), nil
		return nil
	}
}

// toolkitVersionMap is the client's per-toolkit versions: the
// WithToolkitVersions map over the COMPOSIO_TOOLKIT_VERSION_* variables, as
// @composio/core merges them. nil when a single version is set.
func (c *Client) toolkitVersionMap() map[string]string {
	r := c.cfg.resolved
	if r.toolkitVersion != "" {
		return nil
	}
	return r.toolkitVersions
}

// configuredToolkitVersions is the client's setting in query form. With
// nothing configured it is "latest", as @composio/core sends it: the API's
// own default for a request without a version is not the newest version.
func (c *Client) configuredToolkitVersions() ToolkitVersions {
	if v := c.cfg.resolved.toolkitVersion; v != "" {
		return ToolkitVersions{Version: v}
	}
	if m := c.toolkitVersionMap(); len(m) > 0 {
		return ToolkitVersions{ByToolkit: m}
	}
	return ToolkitVersions{Version: VersionLatest}
}

// resolveVersion picks the toolkit version an execution runs at: the
// call's Version; else the client's single version; else its per-toolkit
// version for the tool's toolkit (looked up only then); else "latest",
// which is refused unless the call skips the check.
func (s *ToolsService) resolveVersion(ctx context.Context, toolSlug string, p ToolExecuteParams, opts []RequestOption) (string, error) {
	version := strings.TrimSpace(p.Version)
	if version == "" {
		version = s.client.cfg.resolved.toolkitVersion
	}
	var tool *Tool
	if m := s.client.toolkitVersionMap(); version == "" && len(m) > 0 {
		toolkit, fetched, err := s.toolkitOf(ctx, toolSlug, opts)
		if err != nil {
			return "", err
		}
		version, tool = m[strings.ToLower(toolkit)], fetched
	}
	if version == "" {
		version = VersionLatest
	}
	if strings.EqualFold(version, VersionLatest) && !p.DangerouslySkipVersionCheck {
		return "", s.versionRequired(ctx, toolSlug, tool, opts)
	}
	return version, nil
}

// versionRequiredError is ErrToolkitVersionRequired with the tool's
// particulars; it matches ErrInvalidParams too, without repeating its text.
type versionRequiredError struct{ msg string }

func (e *versionRequiredError) Error() string { return e.msg }

func (e *versionRequiredError) Unwrap() []error {
	return []error{ErrToolkitVersionRequired, ErrInvalidParams}
}

// versionRequired explains how to pin a version for toolSlug, naming its
// toolkit and that toolkit's latest version. tool is the tool if it was just
// fetched; otherwise it is looked up at the latest version (a refused
// execution sends nothing else). A failed lookup leaves placeholders and
// says why, but the error stays ErrToolkitVersionRequired.
func (s *ToolsService) versionRequired(ctx context.Context, toolSlug string, tool *Tool, opts []RequestOption) error {
	var lookupErr error
	if tool == nil {
		tool, lookupErr = s.lookupTool(ctx, toolSlug, ToolGetParams{ToolkitVersions: ToolkitVersions{Version: VersionLatest}}, opts)
	}
	toolkit, latest := "", ""
	if tool != nil {
		toolkit, latest = strings.ToLower(tool.Toolkit.Slug), tool.latestVersion()
	}
	var b strings.Builder
	b.WriteString(ErrToolkitVersionRequired.Error())
	b.WriteString(": ")
	b.WriteString(toolSlug)
	if toolkit != "" {
		fmt.Fprintf(&b, " would run at the %q version of toolkit %q", VersionLatest, toolkit)
	} else {
		fmt.Fprintf(&b, " would run at version %q", VersionLatest)
	}
	b.WriteString(", which may change under your program; pin a version")
	shown := latest
	if latest != "" {
		fmt.Fprintf(&b, ", such as its latest, %s", latest)
	} else {
		shown = "<version>"
	}
	mapKey, envName := toolkit, "COMPOSIO_TOOLKIT_VERSION_"+strings.ToUpper(toolkit)
	if toolkit == "" {
		mapKey, envName = "<toolkit>", "COMPOSIO_TOOLKIT_VERSION_<TOOLKIT>"
	}
	fmt.Fprintf(&b, ": set ToolExecuteParams.Version, use WithToolkitVersions(map[string]string{%q: %q}), or set %s=%s "+
		"(or set DangerouslySkipVersionCheck to accept the risk)", mapKey, shown, envName, shown)
	if lookupErr != nil {
		fmt.Fprintf(&b, "; its toolkit could not be looked up: %v", lookupErr)
	}
	return &versionRequiredError{msg: b.String()}
}

// latestVersion is the newest toolkit version the tool names: its Version
// (the one it was fetched at, the latest when asked for "latest"), else the
// highest of its AvailableVersions (dated versions sort as text). Empty
// when it names none.
func (t *Tool) latestVersion() string {
	if v := strings.TrimSpace(t.Version); v != "" && !strings.EqualFold(v, VersionLatest) {
		return v
	}
	latest := ""
	for _, v := range t.AvailableVersions {
		if v = strings.TrimSpace(v); !strings.EqualFold(v, VersionLatest) && v > latest {
			latest = v
		}
	}
	return latest
}

// toolkitOf returns the slug of the toolkit toolSlug belongs to, looking
// the tool up (GET /tools/{tool_slug}) the first time a client needs it and
// remembering the answer for the client's lifetime: a tool never moves to
// another toolkit. A failed lookup is not remembered. Two concurrent first
// executions of one tool may both look it up. fetched is the tool when it
// was looked up now, nil when the slug was remembered.
func (s *ToolsService) toolkitOf(ctx context.Context, toolSlug string, opts []RequestOption) (slug string, fetched *Tool, err error) {
	if v, ok := s.client.toolkitOfTool.Load(toolSlug); ok {
		return v.(string), nil, nil
	}
	tool, err := s.lookupTool(ctx, toolSlug, ToolGetParams{}, opts)
	if err != nil {
		return "", nil, fmt.Errorf("composio: looking up the toolkit of %s to pick its version: %w", toolSlug, err)
	}
	return tool.Toolkit.Slug, tool, nil
}

// lookupTool gets a tool and remembers its toolkit for toolkitOf.
func (s *ToolsService) lookupTool(ctx context.Context, toolSlug string, params ToolGetParams, opts []RequestOption) (*Tool, error) {
	tool, err := s.Get(ctx, toolSlug, params, opts...)
	if err != nil {
		return nil, err
	}
	if tool.Toolkit.Slug != "" {
		s.client.toolkitOfTool.Store(toolSlug, tool.Toolkit.Slug)
	}
	return tool, nil
}
