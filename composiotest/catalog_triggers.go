package composiotest

// fakeTriggerType is one trigger type of the seeded catalog. Each seeded
// toolkit has as many as its triggers_count says.
type fakeTriggerType struct {
	Slug, Name, Description, Instructions string
	Kind                                  string // webhook or poll
	Toolkit                               string
	Config, Payload                       map[string]any // JSON Schemas
	// NeedsEndpoint: events arrive through a webhook endpoint the developer
	// registers with the provider (Slack, Notion).
	NeedsEndpoint bool
}

// triggerField is one property of a schema; def is its default (nil for none).
type triggerField struct {
	name, typ, desc string
	required        bool
	def             any
}

func tfReq(name, typ, desc string) triggerField {
	return triggerField{name: name, typ: typ, desc: desc, required: true}
}
func tfOpt(name, typ, desc string, def any) triggerField {
	return triggerField{name: name, typ: typ, desc: desc, def: def}
}

// triggerSchema builds an object JSON Schema from fields.
func triggerSchema(title string, fields ...triggerField) map[string]any {
	props := map[string]any{}
	required := []any{}
	for _, f := range fields {
		p := map[string]any{"type": f.typ, "title": f.name, "description": f.desc}
		if f.typ == "array" {
			p["items"] = map[string]any{"type": "string"}
		}
		if f.def != nil {
			p["default"] = f.def
		}
		props[f.name] = p
		if f.required {
			required = append(required, f.name)
		}
	}
	return map[string]any{"title": title, "type": "object", "properties": props, "required": required}
}

func seedTriggerTypes() []*fakeTriggerType {
	repo := triggerSchema("WebhookConfigSchema", tfReq("owner", "string", "Owner of the repository"), tfReq("repo", "string", "Name of the repository"))
	channel := triggerSchema("ChannelConfig", tfOpt("channel", "string", "Channel id to watch; empty watches every channel the app is in", ""))
	noConfig := triggerSchema("EmptyConfig")
	slackMsg := triggerSchema("SlackMessagePayload", tfReq("channel", "string", "Channel id"), tfReq("text", "string", "Message text"),
		tfReq("user", "string", "Sender's user id"), tfReq("ts", "string", "Message timestamp"), tfOpt("thread_ts", "string", "Parent message timestamp", nil))
	reaction := triggerSchema("ReactionPayload", tfReq("reaction", "string", "Emoji name"), tfReq("user", "string", "Who reacted"), tfReq("item_ts", "string", "Message timestamp"))
	linearIssue := triggerSchema("LinearIssuePayload", tfReq("id", "string", "Issue id"), tfReq("title", "string", "Issue title"),
		tfReq("state", "string", "Workflow state"), tfOpt("assignee", "string", "Assignee's name", nil))
	team := triggerSchema("TeamConfig", tfOpt("team_id", "string", "Team to watch; empty watches every team", ""))
	return []*fakeTriggerType{
		{Slug: "GITHUB_COMMIT_EVENT", Name: "Commit Event", Toolkit: "github", Kind: "webhook", Config: repo,
			Description:  "Triggered when a new commit is pushed to a repository.",
			Instructions: "Pick the repository to watch; Composio registers the GitHub webhook for you.",
			Payload: triggerSchema("CommitEventPayload", tfReq("id", "string", "Commit SHA"), tfReq("message", "string", "Commit message"),
				tfReq("author", "string", "Author's name"), tfReq("url", "string", "Commit URL"), tfOpt("timestamp", "string", "Commit time", nil))},
		{Slug: "GITHUB_PULL_REQUEST_EVENT", Name: "Pull Request Event", Toolkit: "github", Kind: "webhook", Config: repo,
			Description:  "Triggered when a pull request is opened, closed, reopened or edited.",
			Instructions: "Pick the repository to watch.",
			Payload: triggerSchema("PullRequestEventPayload", tfReq("action", "string", "What happened"), tfReq("number", "integer", "Pull request number"),
				tfReq("title", "string", "Title"), tfReq("url", "string", "Pull request URL"))},
		{Slug: "GITHUB_STAR_ADDED_EVENT", Name: "Star Added", Toolkit: "github", Kind: "webhook", Config: repo,
			Description: "Triggered when someone stars a repository.", Instructions: "Pick the repository to watch.",
			Payload: triggerSchema("StarPayload", tfReq("starred_by", "string", "Who starred"), tfReq("starred_at", "string", "When"))},
		{Slug: "GITHUB_ISSUE_ADDED_EVENT", Name: "Issue Added", Toolkit: "github", Kind: "webhook", Config: repo,
			Description: "Triggered when an issue is opened.", Instructions: "Pick the repository to watch.",
			Payload: triggerSchema("IssuePayload", tfReq("number", "integer", "Issue number"), tfReq("title", "string", "Title"), tfReq("url", "string", "Issue URL"))},
		{Slug: "GITHUB_LABEL_ADDED_EVENT", Name: "Label Added", Toolkit: "github", Kind: "webhook", Config: repo,
			Description: "Triggered when a label is added to an issue or pull request.", Instructions: "Pick the repository to watch.",
			Payload: triggerSchema("LabelPayload", tfReq("label", "string", "Label name"), tfReq("number", "integer", "Issue or pull request number"))},
		{Slug: "GITHUB_FOLLOWER_EVENT", Name: "New Follower", Toolkit: "github", Kind: "poll",
			Config:      triggerSchema("PollConfig", tfOpt("interval", "integer", "Minutes between checks", 15)),
			Description: "Triggered when the user gains a follower.", Instructions: "Composio checks for new followers on a schedule.",
			Payload: triggerSchema("FollowerPayload", tfReq("login", "string", "Follower's login"))},

		{Slug: "GMAIL_NEW_GMAIL_MESSAGE", Name: "New Gmail Message Received", Toolkit: "gmail", Kind: "poll",
			Description:  "Triggered when a new message arrives in the mailbox.",
			Instructions: "Composio polls the mailbox; narrow it with a label or a search query.",
			Config: triggerSchema("GmailPollConfig", tfOpt("labelIds", "string", "Label to watch", "INBOX"), tfOpt("interval", "integer", "Minutes between checks", 1),
				tfOpt("query", "string", "Gmail search query", ""), tfOpt("userId", "string", "Mailbox; me is the connected user", "me")),
			Payload: triggerSchema("GmailMessagePayload", tfReq("message_id", "string", "Message id"), tfReq("thread_id", "string", "Thread id"),
				tfReq("sender", "string", "From"), tfReq("subject", "string", "Subject"), tfReq("message_text", "string", "Plain-text body"),
				tfOpt("attachment_list", "array", "Attachment names", nil))},

		{Slug: "SLACK_RECEIVE_MESSAGE", Name: "New Message Received", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: channel, Payload: slackMsg,
			Description: "Triggered when a message is posted in a channel the app is in.", Instructions: slackInstructions},
		{Slug: "SLACK_RECEIVE_DIRECT_MESSAGE", Name: "Direct Message Received", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: noConfig, Payload: slackMsg,
			Description: "Triggered when the user receives a direct message.", Instructions: slackInstructions},
		{Slug: "SLACK_RECEIVE_THREAD_REPLY", Name: "Thread Reply Received", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: channel, Payload: slackMsg,
			Description: "Triggered when someone replies in a thread.", Instructions: slackInstructions},
		{Slug: "SLACK_RECEIVE_BOT_MESSAGE", Name: "Bot Message Received", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: channel, Payload: slackMsg,
			Description: "Triggered when a bot posts a message.", Instructions: slackInstructions},
		{Slug: "SLACK_RECEIVE_GROUP_MESSAGE", Name: "Private Channel Message", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: channel, Payload: slackMsg,
			Description: "Triggered when a message is posted in a private channel.", Instructions: slackInstructions},
		{Slug: "SLACK_RECEIVE_MPIM_MESSAGE", Name: "Group DM Message", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: noConfig, Payload: slackMsg,
			Description: "Triggered when a message is posted in a multi-person direct message.", Instructions: slackInstructions},
		{Slug: "SLACK_CHANNEL_CREATED", Name: "Channel Created", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: noConfig,
			Description: "Triggered when a channel is created.", Instructions: slackInstructions,
			Payload: triggerSchema("ChannelCreatedPayload", tfReq("channel_id", "string", "Channel id"), tfReq("name", "string", "Channel name"), tfReq("creator", "string", "Creator's user id"))},
		{Slug: "SLACK_REACTION_ADDED", Name: "Reaction Added", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: channel, Payload: reaction,
			Description: "Triggered when a reaction is added to a message.", Instructions: slackInstructions},
		{Slug: "SLACK_REACTION_REMOVED", Name: "Reaction Removed", Toolkit: "slack", Kind: "webhook", NeedsEndpoint: true, Config: channel, Payload: reaction,
			Description: "Triggered when a reaction is removed from a message.", Instructions: slackInstructions},

		{Slug: "NOTION_PAGE_ADDED_TO_DATABASE", Name: "Page Added to Database", Toolkit: "notion", Kind: "poll",
			Config:      triggerSchema("NotionDatabaseConfig", tfReq("database_id", "string", "Database to watch"), tfOpt("interval", "integer", "Minutes between checks", 1)),
			Description: "Triggered when a page is added to a database.", Instructions: "Share the database with the integration, then give its id.",
			Payload: triggerSchema("NotionPagePayload", tfReq("page_id", "string", "Page id"), tfReq("title", "string", "Page title"), tfReq("url", "string", "Page URL"))},
		{Slug: "NOTION_PAGE_UPDATED_TRIGGER", Name: "Page Updated", Toolkit: "notion", Kind: "webhook", NeedsEndpoint: true,
			Config:      triggerSchema("NotionPageConfig", tfReq("page_id", "string", "Page to watch")),
			Description: "Triggered when a page's content or properties change.",
			Instructions: "Create a webhook endpoint for your Notion integration and register its URL under the integration's webhooks; " +
				"then configure the endpoint with the verification token Notion sends.",
			Payload: triggerSchema("NotionPageUpdatedPayload", tfReq("page_id", "string", "Page id"), tfReq("updated_by", "string", "Editor's id"), tfReq("updated_at", "string", "When"))},

		{Slug: "LINEAR_ISSUE_CREATED_TRIGGER", Name: "Issue Created", Toolkit: "linear", Kind: "webhook", Config: team, Payload: linearIssue,
			Description: "Triggered when an issue is created.", Instructions: "Composio registers the Linear webhook for you."},
		{Slug: "LINEAR_ISSUE_UPDATED_TRIGGER", Name: "Issue Updated", Toolkit: "linear", Kind: "webhook", Config: team, Payload: linearIssue,
			Description: "Triggered when an issue changes.", Instructions: "Composio registers the Linear webhook for you."},
		{Slug: "LINEAR_COMMENT_EVENT_TRIGGER", Name: "Comment Event", Toolkit: "linear", Kind: "webhook", Config: team,
			Description: "Triggered when a comment is added, changed or removed.", Instructions: "Composio registers the Linear webhook for you.",
			Payload: triggerSchema("LinearCommentPayload", tfReq("action", "string", "create, update or remove"), tfReq("issue_id", "string", "Issue id"), tfReq("body", "string", "Comment text"))},
	}
}

const slackInstructions = "Create a webhook endpoint for your Slack app (POST /api/v3.1/webhook_endpoints), paste its URL into the app's " +
	"Event Subscriptions, then configure the endpoint with the app's signing secret."

// webhookSetupFields are the settings a toolkit's webhook endpoint needs,
// for the toolkits whose triggers require one. secret fields are masked in
// answers.
var webhookSetupFields = map[string][]setupField{
	"slack":  {{name: "signing_secret", secret: true, required: true}, {name: "app_id"}},
	"notion": {{name: "verification_token", secret: true, required: true}},
}

type setupField struct {
	name             string
	secret, required bool
}
