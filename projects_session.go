package composio

import (
	"fmt"
)

// AuthSessionInfo describes the session behind a user API key, the answer
// of [ProjectsService.GetSessionInfo].
type AuthSessionInfo struct {
	// Project is the key's project; nil for an organization-level session.
	Project *SessionProject `json:"project"`
	// APIKey is the key record; nil for a dashboard session.
	APIKey    *SessionAPIKey `json:"api_key"`
	OrgMember OrgMember      `json:"org_member"`
}

// SessionProject is the project of a session.
type SessionProject struct {
	AutoID    int64     `json:"auto_id"`
	ID        string    `json:"id"`
	OrgID     string    `json:"org_id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	NanoID    string    `json:"nano_id"`
	CreatedAt Timestamp `json:"created_at"`
	UpdatedAt Timestamp `json:"updated_at"`
	// Deprecated: use webhook subscriptions.
	WebhookURL      string `json:"webhook_url"`
	EventWebhookURL string `json:"event_webhook_url"`
	// WebhookSecret is redacted when printed.
	WebhookSecret    SecretString          `json:"webhook_secret"`
	TriggersEnabled  bool                  `json:"triggers_enabled"`
	LastSubscribedAt *Timestamp            `json:"last_subscribed_at"`
	Deleted          bool                  `json:"deleted"`
	IsNewWebhook     bool                  `json:"is_new_webhook"`
	WebhookVersion   ProjectWebhookVersion `json:"webhook_version"`
	Org              SessionOrg            `json:"org"`
}

// SessionOrg is the organization of a session's project.
type SessionOrg struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Plan string `json:"plan"`
}

// SessionAPIKey is the API key record of a session.
type SessionAPIKey struct {
	AutoID      int64      `json:"auto_id"`
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	ProjectID   string     `json:"project_id"`
	OrgMemberID string     `json:"org_member_id"`
	CreatedAt   Timestamp  `json:"created_at"`
	UpdatedAt   Timestamp  `json:"updated_at"`
	DeletedAt   *Timestamp `json:"deleted_at"`
	// Key is redacted when printed.
	Key     SecretString `json:"key"`
	Deleted bool         `json:"deleted"`
}

// OrgMember is the person behind a session.
type OrgMember struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	// Metadata holds dashboard preferences (onboarding flags and the like).
	Metadata map[string]any `json:"metadata"`
}

// String prints p with its webhook secret redacted; fmt would otherwise
// print a nested pointer's fields without their own formatting.
func (p SessionProject) String() string {
	type plain SessionProject
	return fmt.Sprintf("%+v", plain(p))
}

// String prints k with its key redacted.
func (k SessionAPIKey) String() string {
	type plain SessionAPIKey
	return fmt.Sprintf("%+v", plain(k))
}
