package composio

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/ComposioHQ/composio-go/internal/ops"
)

// ProjectsService calls the Composio API's organization and project
// operations: projects and their API keys, usage, organizations, consumer
// projects, the session behind a user key, and key revocation. Use it
// through [Client].Projects.
//
// The operations need different keys, as the API decides: the owner
// operations (Create, List, Get, Delete, RegenerateAPIKey, GetOrgUsage, GetOrgUsageSummary)
// the organization key ([WithOrgAPIKey]); ListOrganizations,
// ListAccessible, GetSessionInfo and the consumer operations a user key
// ([WithUserAPIKey]); GetUsage and GetUsageSummary the project key. A call whose
// key is not configured fails before sending, naming the option.
type ProjectsService service

// Create creates a project in the organization of the org key. With
// ShouldCreateAPIKey the answer carries the project's first API key.
//
// API: POST /org/owner/project/new
func (s *ProjectsService) Create(ctx context.Context, params ProjectCreateParams, opts ...RequestOption) (*ProjectCreated, error) {
	if params.Name == "" {
		return nil, invalidParam("name", "must not be empty")
	}
	return do[ProjectCreated](ctx, s.client, request{op: ops.OrgOwnerProjectCreate, body: params}, opts)
}

// List returns one page of the organization's projects.
//
// API: GET /org/owner/project/list
func (s *ProjectsService) List(ctx context.Context, params ProjectListParams, opts ...RequestOption) (*Page[Project], error) {
	return doPage[Project](ctx, s.client, request{op: ops.OrgOwnerProjectList, query: params}, opts)
}

// ListAll iterates over every project of the organization.
//
// API: GET /org/owner/project/list
func (s *ProjectsService) ListAll(ctx context.Context, params ProjectListParams, opts ...RequestOption) iter.Seq2[Project, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Project], error) {
		params.Cursor = cursor
		return s.List(ctx, params, opts...)
	})
}

// Get returns a project with its (masked) API keys, by id.
//
// API: GET /org/owner/project/{nano_id}
func (s *ProjectsService) Get(ctx context.Context, projectID string, opts ...RequestOption) (*ProjectDetails, error) {
	return do[ProjectDetails](ctx, s.client, request{op: ops.OrgOwnerProjectRetrieve, pathArgs: []string{projectID}}, opts)
}

// Delete deletes a project. With RevokeOnDelete the upstream credentials
// of its connected accounts are revoked too, irreversibly.
//
// API: DELETE /org/owner/project/{nano_id}
func (s *ProjectsService) Delete(ctx context.Context, projectID string, params ProjectDeleteParams, opts ...RequestOption) (*ProjectDeleted, error) {
	return do[ProjectDeleted](ctx, s.client, request{op: ops.OrgOwnerProjectDelete, pathArgs: []string{projectID}, query: params}, opts)
}

// RegenerateAPIKey replaces the project's API key and returns the new one,
// the only time its full value is shown. The old key stops working.
//
// API: POST /org/owner/project/{nano_id}/regenerate_api_key
func (s *ProjectsService) RegenerateAPIKey(ctx context.Context, projectID string, opts ...RequestOption) (*RegeneratedAPIKey, error) {
	return do[RegeneratedAPIKey](ctx, s.client, request{op: ops.OrgOwnerProjectRegenerateAPIKey, pathArgs: []string{projectID}}, opts)
}

// GetOrgUsageSummary returns the organization's usage totals per metering
// entity type (tool calls, sessions, ...).
//
// API: POST /org/usage/summary
func (s *ProjectsService) GetOrgUsageSummary(ctx context.Context, params UsageSummaryParams, opts ...RequestOption) (*UsageSummary, error) {
	if err := checkUsageWindow(params.From, params.To); err != nil {
		return nil, err
	}
	return do[UsageSummary](ctx, s.client, request{op: ops.OrgUsageRetrieveSummary, body: params}, opts)
}

// GetOrgUsage breaks the organization's usage of one entity type (such as
// "tool_calls") down into groups.
//
// API: POST /org/usage/{entity_type}
func (s *ProjectsService) GetOrgUsage(ctx context.Context, entityType string, params UsageParams, opts ...RequestOption) (*Usage, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return do[Usage](ctx, s.client, request{op: ops.OrgUsageRetrieve, pathArgs: []string{entityType}, body: params}, opts)
}

// GetUsageSummary returns the project's usage totals per metering entity type.
// Filters.ProjectIDs is for the organization calls and is refused here.
//
// API: POST /project/usage/summary
func (s *ProjectsService) GetUsageSummary(ctx context.Context, params UsageSummaryParams, opts ...RequestOption) (*UsageSummary, error) {
	if len(params.Filters.ProjectIDs) > 0 {
		return nil, invalidParam("filters.project_id", "applies to GetOrgUsageSummary only")
	}
	if err := checkUsageWindow(params.From, params.To); err != nil {
		return nil, err
	}
	return do[UsageSummary](ctx, s.client, request{op: ops.ProjectUsageRetrieveSummary, body: params}, opts)
}

// GetUsage breaks the project's usage of one entity type down into groups.
// Filters.ProjectIDs is for the organization calls and is refused here.
//
// API: POST /project/usage/{entity_type}
func (s *ProjectsService) GetUsage(ctx context.Context, entityType string, params UsageParams, opts ...RequestOption) (*Usage, error) {
	if len(params.Filters.ProjectIDs) > 0 {
		return nil, invalidParam("filters.project_id", "applies to GetOrgUsage only")
	}
	if err := params.validate(); err != nil {
		return nil, err
	}
	return do[Usage](ctx, s.client, request{op: ops.ProjectUsageRetrieve, pathArgs: []string{entityType}, body: params}, opts)
}

// ListOrganizations returns one page of the organizations the user key's
// owner belongs to.
//
// API: GET /org/list
func (s *ProjectsService) ListOrganizations(ctx context.Context, params OrganizationListParams, opts ...RequestOption) (*Page[Organization], error) {
	return doPage[Organization](ctx, s.client, request{op: ops.OrgList, query: params}, opts)
}

// ListOrganizationsAll iterates over every organization ListOrganizations
// would return.
//
// API: GET /org/list
func (s *ProjectsService) ListOrganizationsAll(ctx context.Context, params OrganizationListParams, opts ...RequestOption) iter.Seq2[Organization, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Organization], error) {
		params.Cursor = cursor
		return s.ListOrganizations(ctx, params, opts...)
	})
}

// ListAccessible returns one page of the projects the user key's owner can
// see: those of the key's organization, or of all their organizations with
// AllOrganizations.
//
// API: GET /org/project/list
func (s *ProjectsService) ListAccessible(ctx context.Context, params ProjectListAccessibleParams, opts ...RequestOption) (*Page[Project], error) {
	return doPage[Project](ctx, s.client, request{op: ops.OrgProjectList, query: params}, opts)
}

// ListAccessibleAll iterates over every project ListAccessible would return.
//
// API: GET /org/project/list
func (s *ProjectsService) ListAccessibleAll(ctx context.Context, params ProjectListAccessibleParams, opts ...RequestOption) iter.Seq2[Project, error] {
	return listAll(ctx, params.Cursor, func(ctx context.Context, cursor string) (*Page[Project], error) {
		params.Cursor = cursor
		return s.ListAccessible(ctx, params, opts...)
	})
}

// GetSessionInfo describes what the user key is: its project (nil for an
// organization-level session), the API key record and the org member.
//
// API: GET /auth/session/info
func (s *ProjectsService) GetSessionInfo(ctx context.Context, opts ...RequestOption) (*AuthSessionInfo, error) {
	return do[AuthSessionInfo](ctx, s.client, request{op: ops.AuthSessionRetrieveInfo}, opts)
}

// ResolveConsumer returns the consumer project of organization orgID (its
// nano id) for the user key's owner, and their Composio user id in it.
//
// API: POST /org/consumer/project/resolve
func (s *ProjectsService) ResolveConsumer(ctx context.Context, orgID string, opts ...RequestOption) (*ConsumerProject, error) {
	if orgID == "" {
		return nil, invalidParam("x-org-id", "must not be empty")
	}
	return do[ConsumerProject](ctx, s.client, request{op: ops.OrgConsumerProjectResolve}, withOrgID(orgID, opts))
}

// ListConsumerConnectedToolkits returns the slugs of the toolkits a
// consumer user has an active connection to, in organization orgID's
// consumer project.
//
// API: GET /org/consumer/connected_toolkits
func (s *ProjectsService) ListConsumerConnectedToolkits(ctx context.Context, orgID string, params ConsumerToolkitsParams, opts ...RequestOption) (*ConsumerToolkits, error) {
	if orgID == "" {
		return nil, invalidParam("x-org-id", "must not be empty")
	}
	if params.UserID == "" {
		return nil, invalidParam("user_id", "must not be empty")
	}
	return do[ConsumerToolkits](ctx, s.client, request{op: ops.OrgConsumerListConnectedToolkits, query: params}, withOrgID(orgID, opts))
}

// RevokeAPIKeys asks Composio to revoke leaked keys (project ak_, user uak_
// or org oak_ keys), at most 100 per call. It needs no credential, so
// anyone who finds a key can report it. The answer never says whether a
// key matched.
//
// API: POST /api_key_revocation
func (s *ProjectsService) RevokeAPIKeys(ctx context.Context, params APIKeyRevocationParams, opts ...RequestOption) (*APIKeyRevocation, error) {
	switch {
	case len(params.APIKeys) == 0:
		return nil, invalidParam("api_keys", "must not be empty")
	case len(params.APIKeys) > maxRevokedKeys:
		return nil, invalidParam("api_keys", "at most 100 keys per call")
	}
	for i, k := range params.APIKeys {
		if strings.TrimSpace(k) == "" {
			return nil, invalidParam(fmt.Sprintf("api_keys[%d]", i), "must not be empty")
		}
	}
	return do[APIKeyRevocation](ctx, s.client, request{op: ops.APIKeyRevocationCreate, body: params}, opts)
}

const maxRevokedKeys = 100

// maxUsageGroups is the most groups a usage breakdown returns.
const maxUsageGroups = 1000

// checkUsageWindow refuses a usage window that ends before it starts.
func checkUsageWindow(from, to time.Time) error {
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return invalidParam("from", "must be before to")
	}
	return nil
}

func (p UsageParams) validate() error {
	if p.Limit < 0 || p.Limit > maxUsageGroups {
		return invalidParam("limit", "must be between 1 and 1000 (0 for the default, 100)")
	}
	return checkUsageWindow(p.From, p.To)
}

// withOrgID adds the x-org-id header the consumer operations scope by,
// before the caller's options so theirs are applied on top.
func withOrgID(orgID string, opts []RequestOption) []RequestOption {
	return append([]RequestOption{withPublicRequestHeader("X-Org-Id", orgID)}, opts...)
}
