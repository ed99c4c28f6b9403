package composiotest

// fakeToolkit is one toolkit of the seeded catalog.
type fakeToolkit struct {
	Slug, Name, Description string
	Categories              []category
	AuthSchemes             []string // empty for no-auth toolkits
	ManagedSchemes          []string // schemes Composio manages
	Scopes                  []string // OAuth scopes of the managed scheme
	Versions                []string // oldest first; the last is latest
	TriggersCount           int
	Usage                   int // for sort_by=usage
	Deprecated              bool
	AppURL, BaseURL         string
}

type category struct {
	ID, Name string
}

var (
	catDeveloper     = category{"developer-tools", "Developer Tools"}
	catProductivity  = category{"productivity", "Productivity"}
	catCommunication = category{"communication", "Communication"}
	catCollaboration = category{"collaboration", "Collaboration"}
	catUtility       = category{"utility", "Utility"}
	catNews          = category{"news", "News & Media"}
)

// categories in the order the categories endpoint lists them.
var allCategories = []category{catCollaboration, catCommunication, catDeveloper, catNews, catProductivity, catUtility}

// seedToolkits is the catalog every fake starts with: a few OAuth apps, an
// API-key app and keyless utilities.
func seedToolkits() []*fakeToolkit {
	return []*fakeToolkit{
		{
			Slug: "github", Name: "GitHub", Description: "GitHub is a code hosting platform for version control and collaboration.",
			Categories: []category{catDeveloper, catCollaboration}, AuthSchemes: []string{"OAUTH2", "BEARER_TOKEN"}, ManagedSchemes: []string{"OAUTH2"},
			Scopes: []string{"repo", "user", "read:org"}, Versions: []string{"20250801_00", "20250906_01"}, TriggersCount: 6, Usage: 980,
			AppURL: "https://github.com", BaseURL: "https://api.github.com",
		},
		{
			Slug: "gmail", Name: "Gmail", Description: "Gmail is Google's email service.",
			Categories: []category{catCommunication, catProductivity}, AuthSchemes: []string{"OAUTH2"}, ManagedSchemes: []string{"OAUTH2"},
			Scopes: []string{"https://www.googleapis.com/auth/gmail.modify"}, Versions: []string{"20250815_00", "20250909_00"}, TriggersCount: 1, Usage: 990,
			AppURL: "https://mail.google.com", BaseURL: "https://gmail.googleapis.com",
		},
		{
			Slug: "slack", Name: "Slack", Description: "Slack is a channel-based messaging platform.",
			Categories: []category{catCommunication, catCollaboration}, AuthSchemes: []string{"OAUTH2", "BEARER_TOKEN"}, ManagedSchemes: []string{"OAUTH2"},
			Scopes: []string{"channels:read", "chat:write", "users:read"}, Versions: []string{"20250820_00"}, TriggersCount: 9, Usage: 870,
			AppURL: "https://slack.com", BaseURL: "https://slack.com/api",
		},
		{
			Slug: "notion", Name: "Notion", Description: "Notion is a workspace for notes, docs and databases.",
			Categories: []category{catProductivity, catCollaboration}, AuthSchemes: []string{"OAUTH2", "API_KEY"}, ManagedSchemes: []string{"OAUTH2"},
			Versions: []string{"20250811_00", "20250903_00"}, TriggersCount: 2, Usage: 760,
			AppURL: "https://notion.so", BaseURL: "https://api.notion.com",
		},
		{
			Slug: "linear", Name: "Linear", Description: "Linear is an issue tracker for software teams.",
			Categories: []category{catDeveloper, catProductivity}, AuthSchemes: []string{"API_KEY"},
			Versions: []string{"20250825_00"}, TriggersCount: 3, Usage: 540,
			AppURL: "https://linear.app", BaseURL: "https://api.linear.app",
		},
		{
			Slug: "composio", Name: "Composio", Description: "Keyless utilities: echo, arithmetic and other helpers that need no account.",
			Categories: []category{catUtility}, Versions: []string{"20250901_00"}, Usage: 400,
		},
		{
			Slug: "hackernews", Name: "Hacker News", Description: "Read stories and comments from Hacker News; no account needed.",
			Categories: []category{catNews}, Versions: []string{"20250730_00"}, Usage: 300,
			AppURL: "https://news.ycombinator.com", BaseURL: "https://hacker-news.firebaseio.com",
		},
		{
			Slug: "clickup_legacy", Name: "ClickUp (legacy)", Description: "The retired ClickUp integration, kept for old connections.",
			Categories: []category{catProductivity}, AuthSchemes: []string{"OAUTH2"}, Versions: []string{"20240101_00"}, Usage: 5,
			Deprecated: true,
		},
	}
}

// latest is the toolkit's newest version.
func (t *fakeToolkit) latest() string { return t.Versions[len(t.Versions)-1] }

// catalogTime is when the seeded catalog was "published".
const catalogTime = "2025-09-06T10:00:00.000Z"
