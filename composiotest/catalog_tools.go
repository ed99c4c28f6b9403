package composiotest

import (
	"fmt"
	"time"
)

// seedTools is the tool catalog every fake starts with: tools of each
// seeded toolkit, with real JSON schemas. Keyless tools run anywhere; the
// others need an ACTIVE connected account of their toolkit (see
// SeedActiveAccount).
func seedTools() []*fakeTool {
	return []*fakeTool{
		// composio: keyless utilities.
		{
			Slug: "COMPOSIO_ECHO", Name: "Echo", ToolkitSlug: "composio", NoAuth: true, Tags: []string{"utility"},
			Description: "Returns its arguments unchanged.",
			InputParameters: toolSchema("EchoRequest", []string{"message"},
				toolProp("message", "string", "Text to echo back.", "examples", []any{"hello"})),
			OutputParameters: toolSchema("EchoResponse", []string{"echo"}, toolProp("echo", "object", "The arguments received.")),
			Run:              func(c toolCall) (map[string]any, string) { return map[string]any{"echo": c.Args}, "" },
		},
		{
			Slug: "COMPOSIO_CALCULATE", Name: "Calculate", ToolkitSlug: "composio", NoAuth: true, Important: true, Tags: []string{"utility", "math"},
			Description: "Applies an arithmetic operation to two numbers. Dividing by zero fails.",
			InputParameters: toolSchema("CalculateRequest", []string{"operation", "a", "b"},
				toolProp("operation", "string", "The operation to apply.", "enum", []any{"add", "subtract", "multiply", "divide"}),
				toolProp("a", "number", "The left operand."),
				toolProp("b", "number", "The right operand.")),
			OutputParameters: toolSchema("CalculateResponse", []string{"result"}, toolProp("result", "number", "The result.")),
			Run:              runCalculate,
		},
		{
			Slug: "COMPOSIO_ALWAYS_FAIL", Name: "Always fail", ToolkitSlug: "composio", NoAuth: true, Tags: []string{"utility", "testing"},
			Description: "Runs and reports failure (successful: false), for testing error handling.",
			InputParameters: toolSchema("AlwaysFailRequest", nil,
				toolProp("reason", "string", "The failure message to report.")),
			Run: func(c toolCall) (map[string]any, string) {
				reason, _ := c.Args["reason"].(string)
				if reason == "" {
					reason = "This tool always fails."
				}
				return map[string]any{"attempted": true}, reason
			},
		},
		{
			Slug: "COMPOSIO_SLEEP", Name: "Sleep", ToolkitSlug: "composio", NoAuth: true, Tags: []string{"utility", "testing"},
			Description: "Waits the given number of milliseconds (at most 10000), then answers; for testing timeouts.",
			InputParameters: toolSchema("SleepRequest", []string{"milliseconds"},
				toolProp("milliseconds", "integer", "How long to wait.", "minimum", 0, "maximum", 10000)),
			OutputParameters: toolSchema("SleepResponse", nil, toolProp("slept_ms", "integer", "How long the tool waited.")),
			Run:              runSleep,
		},
		{
			Slug: "COMPOSIO_GET_CURRENT_TIME", Name: "Get current time", ToolkitSlug: "composio", NoAuth: true, Tags: []string{"utility"},
			Description:      "Returns the current time in UTC.",
			InputParameters:  toolSchema("GetCurrentTimeRequest", nil),
			OutputParameters: toolSchema("GetCurrentTimeResponse", []string{"utc"}, toolProp("utc", "string", "RFC 3339 time.")),
			Run: func(c toolCall) (map[string]any, string) {
				return map[string]any{"utc": c.f.now().UTC().Format(time.RFC3339)}, ""
			},
		},

		// github
		{
			Slug: "GITHUB_GET_THE_AUTHENTICATED_USER", Name: "Get the authenticated user", ToolkitSlug: "github", Important: true,
			Tags:        []string{"users", "readOnlyHint"},
			Description: "Gets the profile of the user the connected account belongs to.",
			Scopes:      []string{"user"}, ScopeReqs: []any{"user"},
			InputParameters:  toolSchema("GetTheAuthenticatedUserRequest", nil),
			OutputParameters: toolSchema("GetTheAuthenticatedUserResponse", []string{"login"}, toolProp("login", "string", "The user's login.")),
			Run: func(c toolCall) (map[string]any, string) {
				login := "octo-" + c.Account.UserID
				return map[string]any{"login": login, "id": 1000 + len(c.Account.ID), "type": "User",
					"html_url": "https://github.com/" + login, "connected_account_id": c.Account.ID}, ""
			},
		},
		{
			Slug: "GITHUB_CREATE_AN_ISSUE", Name: "Create an issue", ToolkitSlug: "github", Important: true,
			Tags:        []string{"issues"},
			Description: "Creates a new issue in a GitHub repository.",
			Scopes:      []string{"repo"}, ScopeReqs: []any{[]string{"repo", "public_repo"}},
			InputParameters: toolSchema("CreateAnIssueRequest", []string{"owner", "repo", "title"},
				toolProp("owner", "string", "The account owner of the repository.", "examples", []any{"composiohq"}),
				toolProp("repo", "string", "The name of the repository, without the .git extension.", "examples", []any{"composio"}),
				toolProp("title", "string", "The title of the issue."),
				toolProp("body", "string", "The contents of the issue."),
				toolProp("labels", "array", "Labels to associate with the issue.", "items", map[string]any{"type": "string"}),
				toolProp("assignees", "array", "Logins of users to assign.", "items", map[string]any{"type": "string"})),
			OutputParameters: toolSchema("CreateAnIssueResponse", []string{"number", "html_url"},
				toolProp("number", "integer", "The issue number."), toolProp("html_url", "string", "The issue's page.")),
			Run: runCreateIssue,
		},
		{
			Slug: "GITHUB_LIST_REPOSITORY_ISSUES", Name: "List repository issues", ToolkitSlug: "github",
			Tags:        []string{"issues", "readOnlyHint"},
			Description: "Lists the issues of a repository, newest first.",
			Scopes:      []string{"repo"}, ScopeReqs: []any{[]string{"repo", "public_repo"}},
			InputParameters: toolSchema("ListRepositoryIssuesRequest", []string{"owner", "repo"},
				toolProp("owner", "string", "The account owner of the repository."),
				toolProp("repo", "string", "The name of the repository."),
				toolProp("state", "string", "Which issues to list.", "enum", []any{"open", "closed", "all"}, "default", "open"),
				toolProp("per_page", "integer", "Results per page (max 100).", "default", 30, "minimum", 1, "maximum", 100)),
			OutputParameters: toolSchema("ListRepositoryIssuesResponse", []string{"issues"}, toolProp("issues", "array", "The issues.")),
			Run:              runListIssues,
		},

		// gmail
		{
			Slug: "GMAIL_SEND_EMAIL", Name: "Send Email", ToolkitSlug: "gmail", Important: true,
			Tags:        []string{"email"},
			Description: "Sends an email from the connected Gmail account.",
			Scopes:      []string{"https://www.googleapis.com/auth/gmail.modify"},
			ScopeReqs:   []any{"https://www.googleapis.com/auth/gmail.modify"},
			InputParameters: toolSchema("SendEmailRequest", []string{"recipient_email", "body"},
				toolProp("recipient_email", "string", "The recipient's address.", "format", "email"),
				toolProp("subject", "string", "The subject line."),
				toolProp("body", "string", "The message body."),
				toolProp("cc", "array", "Addresses to copy.", "items", map[string]any{"type": "string"})),
			Run: runSendEmail,
		},
		{
			Slug: "GMAIL_FETCH_EMAILS", Name: "Fetch emails", ToolkitSlug: "gmail",
			Tags:        []string{"email", "readOnlyHint"},
			Description: "Fetches the most recent emails of the mailbox, optionally matching a query.",
			Scopes:      []string{"https://www.googleapis.com/auth/gmail.modify"},
			ScopeReqs:   []any{[]string{"https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/gmail.modify"}},
			InputParameters: toolSchema("FetchEmailsRequest", nil,
				toolProp("query", "string", "Text the subject or body must contain."),
				toolProp("max_results", "integer", "How many emails to return.", "default", 10, "minimum", 1, "maximum", 500)),
			Run: runFetchEmails,
		},

		// slack
		{
			Slug: "SLACK_SEND_MESSAGE", Name: "Send message", ToolkitSlug: "slack", Important: true,
			Tags:        []string{"chat"},
			Description: "Posts a message to a Slack channel.",
			Scopes:      []string{"chat:write"}, ScopeReqs: []any{"chat:write"},
			InputParameters: toolSchema("SendMessageRequest", []string{"channel", "text"},
				toolProp("channel", "string", "Channel id or name, such as #general."),
				toolProp("text", "string", "The message text (mrkdwn).")),
			Run: func(c toolCall) (map[string]any, string) {
				return map[string]any{"ok": true, "channel": c.Args["channel"], "ts": fmt.Sprintf("%d.000100", c.f.now().Unix()),
					"message": map[string]any{"text": c.Args["text"], "type": "message"}}, ""
			},
		},
		{
			Slug: "SLACK_LIST_ALL_CHANNELS", Name: "List all channels", ToolkitSlug: "slack",
			Tags:        []string{"channels", "readOnlyHint"},
			Description: "Lists the channels of the workspace.",
			Scopes:      []string{"channels:read"}, ScopeReqs: []any{"channels:read"},
			InputParameters: toolSchema("ListAllChannelsRequest", nil,
				toolProp("limit", "integer", "Maximum number of channels.", "default", 100)),
			Run: func(c toolCall) (map[string]any, string) {
				return map[string]any{"ok": true, "channels": []any{
					map[string]any{"id": "C0000000001", "name": "general", "is_member": true},
					map[string]any{"id": "C0000000002", "name": "random", "is_member": true},
				}}, ""
			},
		},
		{
			Slug: "SLACK_CHAT_POST_MESSAGE", Name: "Post message (deprecated)", ToolkitSlug: "slack", Deprecated: true,
			Tags:        []string{"chat"},
			Description: "Deprecated: use SLACK_SEND_MESSAGE.",
			Scopes:      []string{"chat:write"},
			InputParameters: toolSchema("ChatPostMessageRequest", []string{"channel", "text"},
				toolProp("channel", "string", "Channel id."), toolProp("text", "string", "The message text.")),
			Run: func(c toolCall) (map[string]any, string) { return map[string]any{"ok": true}, "" },
		},

		// notion (a legacy tool: flat scopes only)
		{
			Slug: "NOTION_CREATE_NOTION_PAGE", Name: "Create Notion page", ToolkitSlug: "notion",
			Tags:        []string{"pages"},
			Description: "Creates a page under a parent page.",
			InputParameters: toolSchema("CreateNotionPageRequest", []string{"parent_id", "title"},
				toolProp("parent_id", "string", "The parent page's id."),
				toolProp("title", "string", "The page title."),
				toolProp("markdown", "string", "The page content, as Markdown.")),
			Run: func(c toolCall) (map[string]any, string) {
				id := c.f.newID("page")
				return map[string]any{"id": id, "url": "https://www.notion.so/" + id, "title": c.Args["title"]}, ""
			},
		},

		// linear
		{
			Slug: "LINEAR_CREATE_LINEAR_ISSUE", Name: "Create Linear issue", ToolkitSlug: "linear",
			Tags:        []string{"issues"},
			Description: "Creates an issue in a Linear team.",
			Scopes:      []string{"write"}, ScopeReqs: []any{"write"},
			InputParameters: toolSchema("CreateLinearIssueRequest", []string{"team_id", "title"},
				toolProp("team_id", "string", "The team's id."),
				toolProp("title", "string", "The issue title."),
				toolProp("description", "string", "The issue description, as Markdown."),
				toolProp("priority", "integer", "0 (none) to 4 (low).", "minimum", 0, "maximum", 4)),
			Run: func(c toolCall) (map[string]any, string) {
				s := c.f.tools()
				s.serial++
				return map[string]any{"id": c.f.newID("iss"), "identifier": fmt.Sprintf("ENG-%d", s.serial), "title": c.Args["title"]}, ""
			},
		},

		// hackernews: keyless
		{
			Slug: "HACKERNEWS_GET_TOP_STORIES", Name: "Get top stories", ToolkitSlug: "hackernews", NoAuth: true, Important: true,
			Tags:        []string{"stories", "readOnlyHint"},
			Description: "Returns the current top stories of Hacker News.",
			InputParameters: toolSchema("GetTopStoriesRequest", nil,
				toolProp("limit", "integer", "How many stories (at most 30).", "default", 5, "minimum", 1, "maximum", 30)),
			Run: runTopStories,
		},
		{
			Slug: "HACKERNEWS_GET_ITEM_WITH_ID", Name: "Get item with id", ToolkitSlug: "hackernews", NoAuth: true,
			Tags:        []string{"stories", "readOnlyHint"},
			Description: "Returns a story or comment by id.",
			InputParameters: toolSchema("GetItemWithIdRequest", []string{"id"},
				toolProp("id", "integer", "The item's id.")),
			Run: func(c toolCall) (map[string]any, string) {
				id, _ := argNumber(c.Args["id"])
				if id < 1 || id > 30 {
					return nil, fmt.Sprintf("Item %v not found", c.Args["id"])
				}
				return hnStory(int(id)), ""
			},
		},
	}
}

// toolSchema is a JSON schema of an object with the given properties.
func toolSchema(title string, required []string, props ...map[string]any) map[string]any {
	p := map[string]any{}
	for _, pr := range props {
		name := pr["name"].(string)
		delete(pr, "name")
		p[name] = pr
	}
	req := []any{}
	for _, r := range required {
		req = append(req, r)
	}
	return map[string]any{"type": "object", "title": title, "properties": p, "required": req}
}

// toolProp is one property schema; extra holds further keyword/value pairs.
func toolProp(name, typ, desc string, extra ...any) map[string]any {
	p := map[string]any{"name": name, "type": typ, "description": desc, "title": propTitle(name)}
	for i := 0; i+1 < len(extra); i += 2 {
		p[extra[i].(string)] = extra[i+1]
	}
	return p
}

// propTitle is a property's display title: "per_page" -> "Per Page".
func propTitle(name string) string {
	b := []byte(name)
	up := true
	for i, c := range b {
		switch {
		case c == '_':
			b[i], up = ' ', true
		case up && c >= 'a' && c <= 'z':
			b[i], up = c-'a'+'A', false
		default:
			up = false
		}
	}
	return string(b)
}

func hnStory(id int) map[string]any {
	return map[string]any{"id": 41000000 + id, "type": "story", "by": fmt.Sprintf("user%d", id), "score": 500 - id*7,
		"title": fmt.Sprintf("Story %d of the fake front page", id), "url": fmt.Sprintf("https://example.com/story/%d", id)}
}
